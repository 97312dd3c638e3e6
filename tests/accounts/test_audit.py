"""Every account event lands in the audit trail with actor and time, and administrators can
read it in the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from proeftuin.accounts.models import Membership, PlatformRole, Role, User
from proeftuin.accounts.service import (
    PlatformRoleKind,
    has_platform_role,
    membership_revoke,
    membership_set,
    platform_role_grant,
    platform_role_revoke,
)
from proeftuin.core.service import AuditEntry, NotAllowed, audit_history
from tests.accounts.helpers import PASSWORD, sign_in
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.otp_support import VerifiedClient

pytestmark = pytest.mark.django_db
A = AuditEntry.Action


@pytest.fixture
def superuser():
    return UserFactory(is_platform_admin=True, is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(superuser):
    client = VerifiedClient()
    client.force_login(superuser)
    return client


def test_sign_in_failure_and_sign_out_are_recorded_without_the_password():
    user = UserFactory()
    client = Client()
    sign_in(client, user, "not-the-password-123")
    sign_in(client, user)
    client.post(reverse("accounts:logout"))
    failed, login, logout = (
        AuditEntry.objects.get(action=A.LOGIN_FAILED),
        AuditEntry.objects.get(action=A.LOGIN),
        AuditEntry.objects.get(action=A.LOGOUT),
    )
    assert failed.actor is None and failed.changes == {"username": user.username}
    assert failed.ip_address == "127.0.0.1" and failed.created_at is not None
    assert login.actor == user and logout.actor == user
    for entry in AuditEntry.objects.all():
        assert "not-the-password-123" not in str(entry.changes) + entry.object_repr
        assert PASSWORD not in str(entry.changes)
    assert [e.action for e in audit_history(user)][:3] == [A.LOGOUT, A.LOGIN, A.LOGIN_FAILED]


def test_failed_sign_in_for_an_unknown_name_records_the_name_tried():
    sign_in(Client(), UserFactory.build(username="bestaat-niet"), "whatever-123456")
    entry = AuditEntry.objects.get(action=A.LOGIN_FAILED)
    assert entry.object_repr == "bestaat-niet" and entry.object_pk == ""


def test_membership_grant_change_and_revocation_through_services(superuser):
    user, organisation = UserFactory(), OrganisationFactory()
    membership = membership_set(
        actor=superuser, user=user, organisation=organisation, role=Role.VIEWER
    )
    membership_set(actor=superuser, user=user, organisation=organisation, role=Role.EDITOR)
    membership_revoke(actor=superuser, membership=membership)
    entries = list(
        AuditEntry.objects.filter(object_type="accounts.membership").order_by("created_at", "id")
    )
    assert [e.action for e in entries] == [A.CREATE, A.UPDATE, A.DELETE]
    assert all(e.actor == superuser for e in entries)
    assert entries[1].changes["role"] == [Role.VIEWER, Role.EDITOR]
    assert entries[2].changes["role"] == [Role.EDITOR, None]


def test_organisation_admins_may_manage_only_their_own_organisation():
    org_admin = MembershipFactory(role=Role.ORGANISATION_ADMIN)
    user = UserFactory()
    membership_set(
        actor=org_admin.user, user=user, organisation=org_admin.organisation, role=Role.EDITOR
    )
    with pytest.raises(NotAllowed):
        membership_set(
            actor=org_admin.user, user=user, organisation=OrganisationFactory(), role=Role.EDITOR
        )


def test_membership_changes_in_the_admin_are_audited(admin_client, superuser):
    user, organisation = UserFactory(), OrganisationFactory()
    add = admin_client.post(
        "/beheer/accounts/membership/add/",
        {"user": user.pk, "organisation": organisation.pk, "role": Role.CONTRIBUTOR},
    )
    assert add.status_code == 302
    membership = Membership.objects.get(user=user)
    admin_client.post(f"/beheer/accounts/membership/{membership.pk}/change/", {"role": Role.EDITOR})
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR
    admin_client.post(f"/beheer/accounts/membership/{membership.pk}/delete/", {"post": "yes"})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    actions = list(
        AuditEntry.objects.filter(object_uuid=membership.uuid)
        .order_by("created_at", "id")
        .values_list("action", "actor")
    )
    assert actions == [(A.CREATE, superuser.pk), (A.UPDATE, superuser.pk), (A.DELETE, superuser.pk)]


def _user_form(user, **overrides):
    data = {
        "username": user.username,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "platform_roles-TOTAL_FORMS": "0",
        "platform_roles-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_platform_admin_flag_and_deactivation_in_the_admin_are_audited(admin_client, superuser):
    user = UserFactory()
    url = f"/beheer/accounts/user/{user.pk}/change/"
    assert admin_client.post(url, _user_form(user, is_platform_admin="on")).status_code == 302
    assert admin_client.post(url, _user_form(user, is_active=None)).status_code == 302
    entries = list(audit_history(user).filter(action=A.UPDATE).order_by("created_at", "id"))
    assert entries[0].changes == {"is_platform_admin": [False, True]}
    assert entries[1].changes == {"is_active": [True, False], "is_platform_admin": [True, False]}
    assert all(e.actor == superuser for e in entries)


def test_platform_roles_granted_and_revoked_in_the_admin(admin_client, superuser):
    user = UserFactory()
    assert not has_platform_role(user, PlatformRoleKind.REVIEWER)
    response = admin_client.post(
        "/beheer/accounts/platformrole/add/", {"user": user.pk, "role": "reviewer"}
    )
    assert response.status_code == 302
    grant = PlatformRole.objects.get(user=user)
    assert grant.granted_by == superuser and grant.granted_at is not None
    user = User.objects.get(pk=user.pk)  # the roles are cached per request on the object
    assert has_platform_role(user, PlatformRoleKind.REVIEWER)
    assert not has_platform_role(user, PlatformRoleKind.JURY_MEMBER)
    admin_client.post(f"/beheer/accounts/platformrole/{grant.pk}/delete/", {"post": "yes"})
    user = User.objects.get(pk=user.pk)  # the roles are cached per request on the object
    assert not has_platform_role(user, PlatformRoleKind.REVIEWER)
    actions = AuditEntry.objects.filter(object_uuid=grant.uuid).values_list("action", flat=True)
    assert sorted(actions) == sorted([A.CREATE, A.DELETE])


def test_platform_roles_inline_on_the_user(admin_client):
    user = UserFactory()
    data = _user_form(
        user,
        **{
            "platform_roles-TOTAL_FORMS": "1",
            "platform_roles-0-role": "jury_member",
            "platform_roles-0-user": str(user.pk),
        },
    )
    response = admin_client.post(f"/beheer/accounts/user/{user.pk}/change/", data)
    assert response.status_code == 302
    assert has_platform_role(user, "jury_member")
    assert AuditEntry.objects.filter(object_type="accounts.platformrole", action=A.CREATE).exists()


def test_only_platform_admins_grant_platform_roles(superuser):
    other = UserFactory()
    with pytest.raises(NotAllowed):
        platform_role_grant(actor=UserFactory(), user=other, role=PlatformRoleKind.REVIEWER)
    grant = platform_role_grant(actor=superuser, user=other, role=PlatformRoleKind.REVIEWER)
    with pytest.raises(NotAllowed):
        platform_role_revoke(actor=other, grant=grant)


def test_platform_admins_hold_every_platform_role(platform_admin):
    assert all(has_platform_role(platform_admin, role) for role in PlatformRoleKind)


def test_second_factor_removal_by_an_administrator_is_audited(admin_client, superuser):
    from tests.otp_support import confirmed_app_device

    user = MembershipFactory(role=Role.ORGANISATION_ADMIN).user
    confirmed_app_device(user)
    response = admin_client.post(
        "/beheer/accounts/user/",
        {"action": "remove_second_factor", "_selected_action": [user.pk]},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=A.SECOND_FACTOR_REMOVED)
    assert entry.actor == superuser and entry.object_pk == str(user.pk)


def test_admin_password_change_is_audited(admin_client, superuser):
    user = UserFactory()
    response = admin_client.post(
        f"/beheer/accounts/user/{user.pk}/password/",
        {
            "password1": "Kabeljauw-Molen-Tulp-42",
            "password2": "Kabeljauw-Molen-Tulp-42",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=A.PASSWORD_CHANGED)
    assert entry.actor == superuser and entry.changes == {"by": "admin"}


def test_administrators_read_the_audit_trail_in_the_admin(admin_client):
    user = UserFactory()
    sign_in(Client(), user, "wrong-password-123")
    page = admin_client.get("/beheer/core/auditentry/?action=login_failed")
    assert page.status_code == 200
    assert user.username in page.content.decode()
    entry = AuditEntry.objects.get(action=A.LOGIN_FAILED)
    assert admin_client.get(f"/beheer/core/auditentry/{entry.pk}/change/").status_code == 200


def test_others_cannot_read_the_audit_trail():
    client = VerifiedClient()
    client.force_login(MembershipFactory(role=Role.ORGANISATION_ADMIN).user)
    response = client.get("/beheer/core/auditentry/")
    assert response.status_code == 302 and "/beheer/login/" in response["Location"]
