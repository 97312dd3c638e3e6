"""Password change and reset (mail with a working link), the password policy, and sessions
that end when the password changes."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from proeftuin.core.service import AuditEntry
from tests.accounts.helpers import PASSWORD, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Kabeljauw-Molen-Tulp-42"


@pytest.mark.parametrize(
    "password",
    ["Kort-wacht1", "password1234", "1qaz2wsx3edc", "123456789012345"],
)
def test_policy_rejects_short_common_and_numeric_passwords(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_policy_rejects_a_password_like_the_user_name():
    user = UserFactory(username="jan.jansen.gemeente", email="jan.jansen@example.org")
    with pytest.raises(ValidationError):
        validate_password("jan.jansen.gemeente1", user=user)


def test_policy_accepts_a_long_uncommon_password():
    validate_password(NEW_PASSWORD)


def test_policy_errors_are_dutch_on_the_form():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "kort", "new_password2": "kort"},
    )
    assert response.status_code == 200
    assert "ten minste 12 tekens" in response.content.decode()


def test_change_password_keeps_this_session_ends_the_others_and_is_audited():
    user = UserFactory()
    here, elsewhere = Client(), Client()
    sign_in(here, user)
    sign_in(elsewhere, user)
    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert here.get(reverse("accounts:security")).status_code == 200
    assert elsewhere.get(reverse("accounts:security")).status_code == 302  # to sign-in
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PASSWORD_CHANGED)
    assert entry.actor == user and entry.object_pk == str(user.pk)
    assert NEW_PASSWORD not in str(entry.changes)


def test_reset_mail_arrives_and_its_link_sets_a_new_password():
    user = UserFactory(email="iemand@gemeente.example")
    elsewhere = Client()
    sign_in(elsewhere, user)
    client = Client()
    page = client.get(reverse("accounts:password_reset"))
    assert "Wachtwoord vergeten?" in page.content.decode()
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Nieuw wachtwoord instellen voor Proeftuin"
    assert "Beste " + user.username in message.body
    link = re.search(r"https?://[^\s]+/wachtwoord-herstellen/[^\s]+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert "Nieuw wachtwoord instellen" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    assert sign_in(Client(), user, NEW_PASSWORD).status_code == 302
    assert sign_in(Client(), user, PASSWORD).status_code == 200
    assert elsewhere.get(reverse("accounts:security")).status_code == 302
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {AuditEntry.Action.PASSWORD_RESET_REQUESTED, AuditEntry.Action.PASSWORD_RESET} <= actions
    # The link works once.
    again = client.get("/" + path, follow=True)
    assert "werkt niet (meer)" in again.content.decode()


def test_reset_for_an_unknown_address_sends_nothing_and_says_the_same():
    client = Client()
    response = client.post(
        reverse("accounts:password_reset"), {"email": "niemand@example.org"}, follow=True
    )
    assert "Als er een account met dit adres bestaat" in response.content.decode()
    assert mail.outbox == []
