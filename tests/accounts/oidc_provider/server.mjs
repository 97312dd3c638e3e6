// A real OpenID Connect provider (the npm package oidc-provider) on loopback, for Proeftuin's
// single sign-on tests and for trying single sign-on locally.
//
//   node server.mjs [config.json]      (PORT=0 by default: a free port)
//
// It prints one JSON line {"issuer": "http://127.0.0.1:<port>"} when it is ready. The config
// holds the clients and the accounts (login, password, sub and claims). Its own small login and
// consent pages replace the package's development pages: they check the password, and
// "Weigeren" ends the request with access_denied, as a provider that refuses.
import { readFileSync } from 'node:fs';
import http from 'node:http';

import Provider from 'oidc-provider';

const configPath = process.argv[2] || new URL('./config.json', import.meta.url);
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const accounts = config.accounts;

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendPage(res, title, body) {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`
    + `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}

function loginPage(res, uid, error) {
  const message = error ? `<p role="alert">${escapeHtml(error)}</p>` : '';
  sendPage(res, 'Inloggen bij de testprovider', `${message}
    <form method="post" action="/interaction/${uid}/login">
      <label>Gebruikersnaam <input name="login" autofocus></label>
      <label>Wachtwoord <input name="password" type="password"></label>
      <button type="submit">Inloggen</button>
    </form>
    <form method="post" action="/interaction/${uid}/abort"><button type="submit">Weigeren</button></form>`);
}

function consentPage(res, uid, clientId) {
  sendPage(res, 'Toestemming geven', `<p>${escapeHtml(clientId)} vraagt uw naam en e-mailadres.</p>
    <form method="post" action="/interaction/${uid}/confirm"><button type="submit">Toestaan</button></form>
    <form method="post" action="/interaction/${uid}/abort"><button type="submit">Weigeren</button></form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function grantConsent(provider, details) {
  const { prompt, params, session } = details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  return { consent: { grantId: await grant.save() } };
}

async function interaction(provider, req, res) {
  const [, , uid, action] = new URL(req.url, 'http://127.0.0.1').pathname.split('/');
  const details = await provider.interactionDetails(req, res);
  const finish = (result) => provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  if (req.method === 'GET') {
    if (details.prompt.name === 'login') return loginPage(res, uid);
    return consentPage(res, uid, details.params.client_id);
  }
  if (action === 'abort') {
    return finish({ error: 'access_denied', error_description: 'The user refused the request.' });
  }
  if (action === 'login') {
    const form = await readForm(req);
    const account = accounts.find((a) => a.login === form.get('login') && a.password === form.get('password'));
    if (!account) return loginPage(res, uid, 'Onbekende gebruikersnaam of verkeerd wachtwoord.');
    return finish({ login: { accountId: account.sub } });
  }
  if (action === 'confirm') {
    return provider.interactionFinished(req, res, await grantConsent(provider, details), { mergeWithLastSubmission: true });
  }
  res.writeHead(404).end();
}

function findAccount(ctx, sub) {
  const account = accounts.find((a) => a.sub === sub);
  if (!account) return undefined;
  return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
}

const server = http.createServer();
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: config.clients,
    findAccount,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name'],
    },
    cookies: { keys: ['proeftuin-test-provider-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, details) => `/interaction/${details.uid}` },
    // Every client must use PKCE, so a test passes only if Proeftuin sends it.
    pkce: { required: () => true },
  });
  provider.on('server_error', (ctx, error) => console.error('server_error', error));
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url.startsWith('/interaction/')) return callback(req, res);
    return interaction(provider, req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end(String(error.message || error));
    });
  });
  console.log(JSON.stringify({ issuer }));
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
