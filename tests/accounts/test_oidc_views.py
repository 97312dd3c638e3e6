"""Single sign-on when it is off, and when the provider cannot be reached."""

import socket

import pytest
from django.urls import reverse

from proeftuin.accounts.models import User


def closed_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def configured(settings):
    settings.OIDC_CLIENT_ID = "proeftuin"
    settings.OIDC_CLIENT_SECRET = "secret"
    settings.OIDC_PROVIDER_NAME = "Mijn Gemeente"
    settings.OIDC_TIMEOUT_SECONDS = 2
    return settings


@pytest.mark.django_db
def test_not_configured_means_no_button_and_no_routes(client, settings):
    settings.OIDC_CLIENT_ID = "proeftuin"
    settings.OIDC_CLIENT_SECRET = "secret"  # the issuer is still missing
    assert settings.OIDC_ISSUER == ""

    page = client.get(reverse("accounts:login")).content.decode()
    assert "Inloggen met" not in page
    assert reverse("accounts:oidc_login") not in page
    assert client.get(reverse("accounts:oidc_login")).status_code == 404
    callback = client.get(reverse("accounts:oidc_callback"), {"code": "x", "state": "y"})
    assert callback.status_code == 404


@pytest.mark.django_db
def test_provider_down_gives_a_dutch_error_page(client, configured):
    configured.OIDC_ISSUER = f"http://127.0.0.1:{closed_loopback_port()}"

    page = client.get(reverse("accounts:login")).content.decode()
    assert "Inloggen met Mijn Gemeente" in page  # the button needs no call to the provider

    response = client.get(reverse("accounts:oidc_login"))
    assert response.status_code == 502
    text = response.content.decode()
    assert "Inloggen met Mijn Gemeente is niet gelukt" in text
    assert "De inlogdienst is niet bereikbaar" in text

    callback = client.get(reverse("accounts:oidc_callback"), {"code": "x", "state": "y"})
    assert callback.status_code == 502
    assert "De inlogdienst is niet bereikbaar" in callback.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_callback_only_answers_get(client, configured):
    configured.OIDC_ISSUER = f"http://127.0.0.1:{closed_loopback_port()}"
    assert client.post(reverse("accounts:oidc_callback")).status_code == 405


@pytest.mark.django_db
def test_a_callback_without_state_is_refused_without_asking_the_provider(client, configured):
    configured.OIDC_ISSUER = f"http://127.0.0.1:{closed_loopback_port()}"
    response = client.get(reverse("accounts:oidc_callback"), {"code": "x"})
    assert response.status_code == 400
    assert "Deze inlogpoging is niet (meer) geldig" in response.content.decode()
