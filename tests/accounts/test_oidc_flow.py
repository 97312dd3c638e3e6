"""Single sign-on end to end against a real OpenID provider (oidc-provider on loopback).

Each test runs the authorization-code flow with PKCE over HTTP: Proeftuin's start view sends
the browser to the provider, the browser logs in and consents there, the provider sends it
back to Proeftuin's callback, and Proeftuin exchanges the code and checks the ID token with the
provider before it signs the account in.
"""

from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.urls import reverse

from proeftuin.accounts.models import Membership, User
from proeftuin.core.models import AuditEntry
from tests.accounts.oidc_provider.harness import (
    ACCOUNTS,
    CLIENT,
    provider_redirect_to_proeftuin,
    running_provider,
    sign_in,
)
from tests.factories import UserFactory

ANNA = ACCOUNTS["anna"]
BRAM = ACCOUNTS["bram"]


@pytest.fixture(scope="module")
def provider_issuer():
    with running_provider() as issuer:
        yield issuer


@pytest.fixture
def sso(settings, provider_issuer):
    settings.OIDC_ISSUER = provider_issuer
    settings.OIDC_CLIENT_ID = CLIENT["client_id"]
    settings.OIDC_CLIENT_SECRET = CLIENT["client_secret"]
    settings.OIDC_PROVIDER_NAME = "Testprovider"
    return settings


@pytest.fixture
def signals():
    """The user_logged_in and user_login_failed signals Django sent during the test."""
    sent = {"logged_in": [], "failed": []}

    def logged_in(sender, request, user, **kwargs):
        sent["logged_in"].append(user)

    def failed(sender, credentials, request=None, **kwargs):
        sent["failed"].append(credentials)

    user_logged_in.connect(logged_in)
    user_login_failed.connect(failed)
    yield sent
    user_logged_in.disconnect(logged_in)
    user_login_failed.disconnect(failed)


def signed_in_user(client):
    response = client.get(reverse("home"))
    user = response.wsgi_request.user
    return user if user.is_authenticated else None


def assert_dutch_error(response, status, text):
    assert response.status_code == status
    page = response.content.decode()
    assert "Inloggen met Testprovider is niet gelukt" in page
    assert text in page


@pytest.mark.django_db
def test_login_page_shows_the_button_when_configured(client, sso):
    page = client.get(reverse("accounts:login"), {"next": "/zoeken/"}).content.decode()
    assert "Inloggen met Testprovider" in page
    assert reverse("accounts:oidc_login") + "?next=/zoeken/" in page.replace("%2F", "/")


@pytest.mark.django_db
def test_the_start_sends_the_browser_to_the_provider_with_pkce_and_nonce(client, sso):
    start = client.get(reverse("accounts:oidc_login"))
    location = urlparse(start["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}" == sso.OIDC_ISSUER
    assert query["client_id"] == [CLIENT["client_id"]]
    assert query["redirect_uri"] == ["http://testserver/account/sso/terug/"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["state"] and query["nonce"] and query["code_challenge"]
    assert set(query["scope"][0].split()) == {"openid", "email", "profile"}


@pytest.mark.django_db
def test_first_sign_in_creates_an_account_without_roles(client, sso, signals):
    response = sign_in(client, login="anna", next="/organisaties/")

    assert response.status_code == 302
    assert response["Location"] == "/organisaties/"
    user = User.objects.get(email=ANNA["claims"]["email"])
    assert (user.oidc_subject, user.first_name, user.last_name) == ("anna-0001", "Anna", "de Vries")
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    assert signed_in_user(client) == user
    assert signals["logged_in"] == [user]
    created = AuditEntry.objects.get(
        object_type="accounts.user", object_uuid=user.uuid, action=AuditEntry.Action.CREATE
    )
    assert created.actor is None


@pytest.mark.django_db
def test_existing_account_is_matched_by_email_then_by_subject(client_factory, sso, signals):
    existing = UserFactory(username="anna", email=ANNA["claims"]["email"].upper())

    first = client_factory()
    assert sign_in(first, login="anna").status_code == 302
    existing.refresh_from_db()
    assert existing.oidc_subject == ANNA["sub"]
    assert signed_in_user(first) == existing
    linked = AuditEntry.objects.get(
        object_type="accounts.user", object_uuid=existing.uuid, action=AuditEntry.Action.UPDATE
    )
    assert linked.changes["oidc_subject"] == [None, ANNA["sub"]]

    # Afterwards the subject decides, even when the e-mail address in Proeftuin changed.
    User.objects.filter(pk=existing.pk).update(email="anna.nieuw@example.org")
    second = client_factory()
    assert sign_in(second, login="anna").status_code == 302
    assert signed_in_user(second) == existing
    assert User.objects.count() == 1
    assert signals["logged_in"] == [existing, existing]


@pytest.mark.django_db
def test_a_deactivated_account_is_refused(client, sso, signals):
    inactive = UserFactory(email=ANNA["claims"]["email"], is_active=False)

    response = sign_in(client, login="anna")

    assert_dutch_error(response, 403, "gedeactiveerd")
    assert signed_in_user(client) is None
    inactive.refresh_from_db()
    assert inactive.oidc_subject is None
    assert signals["logged_in"] == [] and len(signals["failed"]) == 1


@pytest.mark.django_db
def test_a_deactivated_linked_account_is_refused(client, sso):
    UserFactory(email="elders@example.org", oidc_subject=ANNA["sub"], is_active=False)
    assert_dutch_error(sign_in(client, login="anna"), 403, "gedeactiveerd")
    assert signed_in_user(client) is None


@pytest.mark.django_db
def test_an_unconfirmed_email_address_is_not_used(client, sso, signals):
    UserFactory(email=BRAM["claims"]["email"])

    response = sign_in(client, login="bram")

    assert_dutch_error(response, 403, "geen bevestigd e-mailadres")
    assert signed_in_user(client) is None
    assert User.objects.filter(oidc_subject=BRAM["sub"]).count() == 0
    assert len(signals["failed"]) == 1


@pytest.mark.django_db
def test_an_account_linked_to_another_identity_is_not_taken_over(client, sso):
    UserFactory(email=ANNA["claims"]["email"], oidc_subject="someone-else")
    assert_dutch_error(sign_in(client, login="anna"), 403, "al gekoppeld")
    assert signed_in_user(client) is None


@pytest.mark.django_db
def test_no_account_is_created_when_creation_is_off(client, sso):
    sso.OIDC_CREATE_USERS = False
    assert_dutch_error(sign_in(client, login="anna"), 403, "Er is geen account")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_provider_refusing_ends_on_a_dutch_error_page(client, sso):
    response = sign_in(client, login="anna", decision="abort")
    assert_dutch_error(response, 403, "heeft uw aanmelding niet bevestigd")
    assert signed_in_user(client) is None


@pytest.mark.django_db
def test_a_callback_with_a_wrong_state_is_refused(client, sso):
    start = client.get(reverse("accounts:oidc_login"))
    back = provider_redirect_to_proeftuin(
        start["Location"], login="anna", password=ANNA["password"]
    )
    query = {key: values[0] for key, values in parse_qs(urlparse(back).query).items()}

    forged = client.get(reverse("accounts:oidc_callback"), {**query, "state": "forged"})
    assert_dutch_error(forged, 400, "niet (meer) geldig")
    assert signed_in_user(client) is None

    # Another browser (no state in its session) cannot use the code either.
    other_browser = client.__class__()
    stolen = other_browser.get(f"{reverse('accounts:oidc_callback')}?{urlencode(query)}")
    assert_dutch_error(stolen, 400, "niet (meer) geldig")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_code_is_used_once(client, sso):
    start = client.get(reverse("accounts:oidc_login"))
    back = provider_redirect_to_proeftuin(
        start["Location"], login="anna", password=ANNA["password"]
    )
    assert client.get(back).status_code == 302
    client.logout()
    assert_dutch_error(client.get(back), 400, "niet (meer) geldig")


@pytest.mark.django_db
def test_a_provider_that_names_another_issuer_is_not_trusted(client, sso, caplog):
    # Same server, other host name: its discovery document names 127.0.0.1 as the issuer.
    sso.OIDC_ISSUER = sso.OIDC_ISSUER.replace("127.0.0.1", "localhost")
    response = client.get(reverse("accounts:oidc_login"))
    assert_dutch_error(response, 502, "niet te vertrouwen")
    assert "names issuer 'http://127.0.0.1:" in caplog.text


@pytest.mark.django_db
def test_a_next_address_elsewhere_is_ignored(client, sso):
    response = sign_in(client, login="anna", next="https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:library")
