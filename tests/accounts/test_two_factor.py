"""Two-factor authentication: required for administrators on every page and in the admin,
optional for others; real TOTP codes; recovery codes shown once and single-use."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from proeftuin.accounts.models import Role
from proeftuin.core.service import AuditEntry
from tests.accounts.helpers import app_code, sign_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:second_factor_setup")
VERIFY = reverse("accounts:second_factor_verify")


def set_up_app(client, user) -> tuple[TOTPDevice, list[str]]:
    """Open the set-up page, confirm with the code the app would show; return the codes."""
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"code": app_code(device)})
    assert response.status_code == 200
    assert "Uw herstelcodes" in response.content.decode()
    return device, response.context["codes"]


@pytest.fixture
def admin_user():
    return UserFactory(is_platform_admin=True, is_staff=True, is_superuser=True)


@pytest.fixture
def org_admin():
    return MembershipFactory(role=Role.ORGANISATION_ADMIN).user


PAGES = ["/", "/casussen/", "/organisaties/", "/documenten/", "/beheer/", "/zoeken/?q=wijk"]


@pytest.mark.parametrize("who", ["admin_user", "org_admin"])
@pytest.mark.parametrize("path", PAGES)
def test_administrators_are_sent_to_set_up_on_every_page(request, who, path):
    user = request.getfixturevalue(who)
    client = Client()
    sign_in(client, user)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP + "?next=")


def test_ordinary_users_are_not_asked():
    user = MembershipFactory(role=Role.EDITOR).user
    client = Client()
    sign_in(client, user)
    assert client.get("/casussen/").status_code == 200


def test_set_up_with_a_real_code_then_pages_open_and_codes_are_shown_once(admin_user):
    client = Client()
    sign_in(client, admin_user)
    page = client.get(SETUP).content.decode()
    assert "<svg" in page and "Tweestapsverificatie instellen" in page
    device, codes = set_up_app(client, admin_user)
    assert len(codes) == 10 and len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/beheer/").status_code == 200
    assert client.get("/casussen/").status_code == 200
    security = client.get(reverse("accounts:security")).content.decode()
    assert not any(code in security for code in codes)
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.SECOND_FACTOR_ADDED, actor=admin_user
    ).exists()


def test_wrong_set_up_code_is_refused_in_dutch(admin_user):
    client = Client()
    sign_in(client, admin_user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=admin_user)
    wrong = f"{(int(app_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"code": wrong})
    assert "Deze code klopt niet" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/casussen/").status_code == 302


def test_next_sign_in_asks_for_a_code_and_accepts_the_apps_code(admin_user):
    first = Client()
    sign_in(first, admin_user)
    device, _codes = set_up_app(first, admin_user)

    second = Client()
    sign_in(second, admin_user)
    response = second.get("/beheer/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert second.get(SETUP).status_code == 302  # no second device without the first
    wrong = second.post(VERIFY, {"code": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    # django-otp makes the next try wait after a failure; skip the wait, not the check.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    ok = second.post(VERIFY, {"code": app_code(device, steps_ahead=1), "next": "/beheer/"})
    assert ok.status_code == 302 and ok["Location"] == "/beheer/"
    assert second.get("/beheer/").status_code == 200


def test_recovery_codes_work_once_and_new_ones_replace_old_ones(admin_user, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 60  # a wrong code makes the next wait a minute
    first = Client()
    sign_in(first, admin_user)
    _device, codes = set_up_app(first, admin_user)

    second = Client()
    sign_in(second, admin_user)
    assert second.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert second.get("/casussen/").status_code == 200

    third = Client()
    sign_in(third, admin_user)
    reused = third.post(VERIFY, {"code": codes[0]})
    assert reused.status_code == 200 and "al eerder gebruikt" in reused.content.decode()
    assert third.get("/casussen/").status_code == 302

    renewed = second.post(reverse("accounts:recovery_codes_new"))
    new_codes = renewed.context["codes"]
    assert "no-store" in renewed["Cache-Control"].split(", ")
    assert set(new_codes).isdisjoint(codes)
    assert StaticToken.objects.filter(device__user=admin_user).count() == 10
    assert not StaticToken.objects.filter(token__in=codes).exists()

    StaticDevice.objects.filter(user=admin_user).update(throttling_failure_count=0)
    fourth = Client()
    sign_in(fourth, admin_user)
    assert fourth.post(VERIFY, {"code": codes[1]}).status_code == 200
    throttled = fourth.post(VERIFY, {"code": new_codes[1]})
    assert "Te veel verkeerde codes" in throttled.content.decode()
    # After the wait (skipped here, not the check) the new code works.
    StaticDevice.objects.filter(user=admin_user).update(throttling_failure_count=0)
    assert fourth.post(VERIFY, {"code": new_codes[1]}).status_code == 302
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RECOVERY_CODES).count() == 2


def test_optional_for_others_but_asked_once_set_up_and_removable():
    user = MembershipFactory(role=Role.CONTRIBUTOR).user
    client = Client()
    sign_in(client, user)
    device, _codes = set_up_app(client, user)

    later = Client()
    sign_in(later, user)
    assert later.get("/casussen/")["Location"].startswith(VERIFY)
    later.post(VERIFY, {"code": app_code(device, steps_ahead=1)})
    assert later.get("/casussen/").status_code == 200
    assert later.post(reverse("accounts:second_factor_remove")).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SECOND_FACTOR_REMOVED).exists()

    again = Client()
    sign_in(again, user)
    assert again.get("/casussen/").status_code == 200


def test_administrators_cannot_remove_their_second_factor(admin_user):
    client = Client()
    sign_in(client, admin_user)
    set_up_app(client, admin_user)
    response = client.post(reverse("accounts:second_factor_remove"))
    assert response.status_code == 403
    assert "verplicht" in response.content.decode()
    assert TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()


def test_the_api_treats_an_unverified_administrator_session_as_anonymous(admin_user):
    client = Client()
    sign_in(client, admin_user)
    response = client.get("/api/v1/cases")
    assert response.status_code == 200  # public list, as for anyone
    from proeftuin.cases.models import Case

    assert response.json()["count"] == Case.objects.filter(visibility="public").count()


def test_the_page_works_without_javascript_and_has_labels(admin_user):
    client = Client()
    sign_in(client, admin_user)
    html = client.get(SETUP).content.decode()
    assert '<label class="utrecht-form-label" for="id_code">' in html
    assert 'autocomplete="one-time-code"' in html
    assert "<script" not in html.split("<body", 1)[1]
    assert 'role="img"' in html or "<title>QR-code</title>" in html
