"""Brute-force protection: after N wrong passwords the account, and separately the address,
is locked, with a Dutch page, in the sign-in form and the admin; lockouts are audited."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from proeftuin.core.service import AuditEntry
from tests.accounts.helpers import PASSWORD, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT


def test_the_right_password_is_refused_after_too_many_wrong_ones():
    user = UserFactory()
    client = Client()
    for _ in range(LIMIT - 1):
        assert sign_in(client, user, "wrong password").status_code == 200
    locked = sign_in(client, user, "wrong password")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Inloggen is tijdelijk geblokkeerd" in page
    assert f"{LIMIT} keer achter elkaar" in page
    refused = sign_in(client, user, PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    lockouts = AuditEntry.objects.filter(action=AuditEntry.Action.LOCKOUT)
    assert lockouts.exists()
    entry = lockouts.first()
    assert entry.changes == {"username": user.username}
    assert entry.object_pk == str(user.pk) and entry.ip_address == "127.0.0.1"


def test_the_account_is_locked_from_every_address():
    user = UserFactory()
    for n in range(LIMIT):
        sign_in(Client(), user, "wrong password", REMOTE_ADDR=f"10.0.0.{n + 1}")
    assert sign_in(Client(), user, PASSWORD, REMOTE_ADDR="10.0.1.1").status_code == 429


def test_an_address_trying_many_accounts_is_locked():
    users = UserFactory.create_batch(LIMIT + 1)
    for user in users[:LIMIT]:
        sign_in(Client(), user, "wrong password", REMOTE_ADDR="192.0.2.7")
    fresh = users[LIMIT]
    assert sign_in(Client(), fresh, PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 429
    ok = sign_in(Client(), fresh, PASSWORD, REMOTE_ADDR="192.0.2.8")
    assert ok.status_code == 302


def test_fewer_failures_do_not_lock():
    user = UserFactory()
    client = Client()
    for _ in range(LIMIT - 1):
        sign_in(client, user, "wrong password")
    assert sign_in(client, user, PASSWORD).status_code == 302


def test_the_admin_login_is_protected_too():
    user = UserFactory(is_staff=True)
    client = Client()
    url = reverse("admin:login")
    for _ in range(LIMIT):
        client.post(url, {"username": user.username, "password": "wrong password"})
    response = client.post(url, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Inloggen is tijdelijk geblokkeerd" in response.content.decode()
