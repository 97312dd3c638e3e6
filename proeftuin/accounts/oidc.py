"""Single sign-on with OpenID Connect: the client side of the authorization-code flow.

Authlib does the protocol: the provider's endpoints from its discovery document, state, nonce
and PKCE (S256) kept in the session, the code exchange, and the ID token's checks (signature
against the provider's published keys, issuer, audience, expiry, nonce). This module adds
Proeftuin's settings and turns every way the provider can fail into one of the errors below,
each with a Dutch message for the error page. Nothing here runs unless :func:`is_configured`.
"""

from __future__ import annotations

import logging

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import OAuth
from authlib.integrations.django_client.apps import DjangoOAuth2App
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from joserfc.errors import JoseError

from proeftuin.core.service import DomainError

logger = logging.getLogger(__name__)


class SignOnError(DomainError):
    """Single sign-on did not end in a signed-in account; ``status`` is the page's HTTP status."""

    status = 400


class ProviderUnavailable(SignOnError):
    status = 502
    default_message = _(
        "The sign-in service cannot be reached or gave an answer that cannot be trusted. Try "
        "again later, or sign in with your user name and password."
    )


class SignOnRefused(SignOnError):
    status = 403
    default_message = _("The sign-in service did not confirm your sign-in.")


class SignOnInvalid(SignOnError):
    default_message = _(
        "This sign-in attempt is not valid (any more). Start again from the sign-in page."
    )


class AccountRefused(SignOnError):
    status = 403


def is_configured() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_CLIENT_ID and settings.OIDC_CLIENT_SECRET)


def _issuer() -> str:
    return settings.OIDC_ISSUER.rstrip("/")


def _client() -> DjangoOAuth2App:
    """A client for one request; it reads the discovery document once, when first needed."""
    return OAuth().register(
        name="proeftuin_oidc",
        client_id=settings.OIDC_CLIENT_ID,
        client_secret=settings.OIDC_CLIENT_SECRET,
        server_metadata_url=f"{_issuer()}/.well-known/openid-configuration",
        client_kwargs={
            "scope": settings.OIDC_SCOPES,
            "code_challenge_method": "S256",
            "default_timeout": settings.OIDC_TIMEOUT_SECONDS,
        },
    )


def _load_metadata(client: DjangoOAuth2App) -> dict:
    metadata = client.load_server_metadata()
    if str(metadata.get("issuer", "")).rstrip("/") != _issuer():
        logger.warning("OIDC discovery at %s names issuer %r", _issuer(), metadata.get("issuer"))
        raise ProviderUnavailable()
    return metadata


def authorization_redirect(request, *, redirect_uri: str):
    """The redirect to the provider's sign-in page; state, nonce and PKCE verifier go in the
    session."""
    client = _client()
    try:
        _load_metadata(client)
        return client.authorize_redirect(request, redirect_uri)
    except (requests.RequestException, ValueError, KeyError, RuntimeError) as error:
        logger.warning("OIDC provider %s unavailable: %r", _issuer(), error)
        raise ProviderUnavailable() from error


def verified_claims(request) -> dict:
    """The claims of the person the provider signed in, from the callback ``request``: the
    verified ID token, completed from the userinfo endpoint when it lacks the e-mail address."""
    if not request.GET.get("state"):
        raise SignOnInvalid()  # not an answer to our request: no need to ask the provider
    client = _client()
    try:
        metadata = _load_metadata(client)
        token = client.authorize_access_token(
            request, claims_options={"iss": {"essential": True, "value": metadata["issuer"]}}
        )
        return _claims(client, token)
    except AuthlibBaseError as error:
        raise _protocol_error(error) from error
    except JoseError as error:
        logger.warning("OIDC ID token from %s rejected: %r", _issuer(), error)
        raise SignOnInvalid() from error
    except (requests.RequestException, ValueError, KeyError) as error:
        logger.warning("OIDC provider %s unavailable: %r", _issuer(), error)
        raise ProviderUnavailable() from error


def _claims(client: DjangoOAuth2App, token: dict) -> dict:
    claims = dict(token.get("userinfo") or {})
    if not claims.get("sub"):
        raise SignOnInvalid()  # no ID token: the provider did not do OpenID Connect
    if "email" not in claims:
        extra = dict(client.userinfo(token=token))
        if extra.get("sub") != claims["sub"]:
            raise SignOnInvalid()
        claims = {**extra, **claims}
    return claims


def _protocol_error(error: AuthlibBaseError) -> SignOnError:
    logger.warning("OIDC sign-in at %s failed: %s %s", _issuer(), error.error, error.description)
    if error.error == "access_denied":
        return SignOnRefused()
    if error.error in {"temporarily_unavailable", "server_error"}:
        return ProviderUnavailable()
    return SignOnInvalid()
