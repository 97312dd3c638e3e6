"""The printed demo administrator signs in and sets up its second factor on first use."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from proeftuin.demo.accounts import create_demo_accounts
from proeftuin.demo.loader import load_demo
from tests.accounts.helpers import app_code

pytestmark = pytest.mark.django_db


def test_the_demo_platform_administrator_sets_up_two_factor_and_reaches_the_admin(
    settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    load_demo()
    account = next(a for a in create_demo_accounts() if a.username == "beheerder")
    client = Client()
    response = client.post(
        reverse("accounts:login"),
        {"username": account.username, "password": account.password, "next": "/beheer/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:second_factor_setup"))
    device = TOTPDevice.objects.get(user__username="beheerder", confirmed=False)
    codes = client.post(
        reverse("accounts:second_factor_setup") + "?next=/beheer/",
        {"code": app_code(device), "next": "/beheer/"},
    )
    assert len(codes.context["codes"]) == 10
    assert 'href="/beheer/"' in codes.content.decode()
    assert client.get("/beheer/").status_code == 200
