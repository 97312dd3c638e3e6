"""Who may edit an initiative: editors of the lead, its owner and team members (while
members of the lead or a partner), never a revoked or deactivated user."""

import pytest

from proeftuin.accounts.models import Membership, Role
from proeftuin.portfolio.models import TeamMember
from proeftuin.portfolio.permissions import can_edit_initiative, can_publish_initiative
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _fresh(user):
    user.__dict__.pop("_proeftuin_roles", None)
    return user


def test_editor_of_the_lead_may_edit(initiative, editor):
    assert can_edit_initiative(editor, initiative) == (True, "")


def test_owner_in_the_team_may_edit(initiative, contributor):
    assert can_edit_initiative(contributor, initiative)[0]


def test_team_member_of_a_partner_may_edit(initiative, partner, make_member):
    member = make_member(partner, Role.VIEWER)
    assert not can_edit_initiative(member, initiative)[0]
    TeamMember.objects.create(initiative=initiative, user=member, role="team")
    assert can_edit_initiative(member, initiative)[0]


def test_viewer_of_the_lead_outside_the_team_may_not(initiative, make_member, lead):
    allowed, reason = can_edit_initiative(make_member(lead, Role.VIEWER), initiative)
    assert not allowed
    assert "team" in reason


def test_other_organisation_editor_may_not(initiative, make_member):
    assert not can_edit_initiative(make_member(OrganisationFactory(), Role.EDITOR), initiative)[0]


def test_revoked_team_member_may_not(initiative, contributor):
    Membership.objects.filter(user=contributor).delete()
    assert not can_edit_initiative(_fresh(contributor), initiative)[0]


def test_deactivated_editor_may_not(initiative, editor):
    editor.is_active = False
    editor.save()
    assert not can_edit_initiative(_fresh(editor), initiative)[0]


def test_anonymous_and_outsider_may_not(initiative):
    from django.contrib.auth.models import AnonymousUser

    assert not can_edit_initiative(AnonymousUser(), initiative)[0]
    assert not can_edit_initiative(UserFactory(), initiative)[0]


def test_platform_admin_may(initiative, platform_admin):
    assert can_edit_initiative(platform_admin, initiative)[0]


def test_only_editors_publish(initiative, editor, contributor):
    assert can_publish_initiative(editor, initiative)[0]
    assert not can_publish_initiative(contributor, initiative)[0]


def test_a_page_asks_only_once_whether_its_initiative_is_visible(
    initiative, editor, django_assert_num_queries
):
    from proeftuin.portfolio.permissions import can_view_initiative
    from proeftuin.portfolio.selectors import initiative_header

    read = initiative_header(user=editor, slug=initiative.slug)
    with django_assert_num_queries(0):
        assert can_view_initiative(editor, read) == (True, "")
    assert not can_view_initiative(UserFactory(), read)[0]  # the mark is the reader's only
    with django_assert_num_queries(1):  # unmarked: asked in the database
        assert can_view_initiative(editor, initiative)[0]
