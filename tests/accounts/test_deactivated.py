"""A deactivated user's session and API token are refused from the very next request."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from proeftuin.accounts.models import Role
from proeftuin.accounts.service import user_save
from tests.factories import make_case
from tests.otp_support import VerifiedClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_case(organisation):
    return make_case(
        organisations=[organisation],
        title="Interne pilot kwantumtelefonie",
        visibility="organisation",
    )


def test_session_is_refused_at_once_after_deactivation_in_the_admin(
    private_case, organisation, make_member, platform_admin
):
    member = make_member(organisation, Role.VIEWER)
    session = Client()
    session.force_login(member)
    assert session.get(f"/casussen/{private_case.slug}/").status_code == 200

    admin = VerifiedClient()
    platform_admin.is_staff = platform_admin.is_superuser = True
    platform_admin.save()
    admin.force_login(platform_admin)
    change = admin.get(f"/beheer/accounts/user/{member.pk}/change/")
    assert change.status_code == 200
    data = {
        "username": member.username,
        "email": member.email,
        "is_platform_admin": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": str(member.memberships.get().pk),
        "memberships-0-user": str(member.pk),
        "memberships-0-organisation": str(organisation.pk),
        "memberships-0-role": str(Role.VIEWER),
        "platform_roles-TOTAL_FORMS": "0",
        "platform_roles-INITIAL_FORMS": "0",
    }
    response = admin.post(f"/beheer/accounts/user/{member.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    member.refresh_from_db()
    assert not member.is_active

    assert session.get(f"/casussen/{private_case.slug}/").status_code == 404
    assert session.get("/account/beveiliging/").status_code == 302  # to sign-in


def test_api_token_is_refused_at_once_after_deactivation(
    private_case, organisation, make_member, platform_admin
):
    member = make_member(organisation, Role.VIEWER)
    token = Token.objects.create(user=member)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    listed = api.get("/api/v1/cases")
    assert listed.status_code == 200
    assert private_case.title in [case["title"] for case in listed.json()["results"]]

    member.is_active = False
    user_save(actor=platform_admin, user=member)

    refused = api.get("/api/v1/cases")
    assert refused.status_code in (401, 403)  # refused, as problem+json
    assert private_case.title not in refused.content.decode()
