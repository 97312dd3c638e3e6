"""A real OpenID provider on loopback for the single sign-on tests, and a browser that signs in.

The provider is the npm package oidc-provider (tests/accounts/oidc_provider/server.mjs with
config.json); Proeftuin talks to it over HTTP exactly as to a production provider.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from django.urls import reverse

PROVIDER_DIR = Path(__file__).resolve().parent
PROVIDER_CONFIG = json.loads((PROVIDER_DIR / "config.json").read_text(encoding="utf-8"))
CLIENT = PROVIDER_CONFIG["clients"][0]
ACCOUNTS = {account["login"]: account for account in PROVIDER_CONFIG["accounts"]}
FORM_ACTION = re.compile(r'action="(/interaction/[^"/]+/(login|confirm|abort))"')


@contextmanager
def running_provider():
    """Run the provider on a free loopback port for the ``with`` block; yields its issuer."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed; the single sign-on tests run a real OpenID provider")
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        subprocess.run(
            [shutil.which("npm") or "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=PROVIDER_DIR,
            check=True,
            timeout=600,
        )
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            [node, "server.mjs", "config.json"],
            cwd=PROVIDER_DIR,
            env={**os.environ, "PORT": "0"},
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        try:
            yield _issuer(process, log)
        finally:
            process.terminate()
            process.wait(timeout=10)
            process.stdout.close()


def _issuer(process, log) -> str:
    line = process.stdout.readline()
    if not line:
        process.wait(timeout=10)
        log.seek(0)
        raise RuntimeError(f"The test OpenID provider did not start:\n{log.read()}")
    return json.loads(line)["issuer"]


def provider_redirect_to_proeftuin(
    start_location: str, *, login: str, password: str, decision: str = "confirm"
) -> str:
    """Follow the provider's pages like a browser: log in, then ``decision`` (confirm or abort)
    on the consent page. Returns the URL the provider sends the browser back to."""
    browser = requests.Session()
    url = start_location
    response = browser.get(url, allow_redirects=False, timeout=10)
    for _step in range(12):
        if response.is_redirect:
            url = urljoin(url, response.headers["Location"])
            if url.startswith("http://testserver/"):
                return url
            response = browser.get(url, allow_redirects=False, timeout=10)
            continue
        assert response.status_code == 200, response.text
        actions = dict((name, path) for path, name in FORM_ACTION.findall(response.text))
        wanted = "login" if "login" in actions else decision
        data = {"login": login, "password": password} if wanted == "login" else {}
        url = urljoin(url, actions[wanted])
        response = browser.post(url, data=data, allow_redirects=False, timeout=10)
    raise AssertionError(f"the provider never sent the browser back; last page: {response.text}")


def sign_in(client, *, login: str, password: str | None = None, decision="confirm", next=""):
    """The whole authorization-code flow through Proeftuin's own start and callback views."""
    password = password or ACCOUNTS[login]["password"]
    start = client.get(reverse("accounts:oidc_login"), {"next": next} if next else {})
    assert start.status_code == 302, start.content
    back = provider_redirect_to_proeftuin(
        start["Location"], login=login, password=password, decision=decision
    )
    return client.get(back)
