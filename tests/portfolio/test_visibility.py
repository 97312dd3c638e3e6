"""Initiatives follow the shared editorial rule; team members of partners see theirs."""

import pytest
from django.contrib.auth.models import AnonymousUser

from proeftuin.accounts.models import Membership, Role
from proeftuin.portfolio.models import Initiative, TeamMember
from tests.factories import OrganisationFactory, UserFactory, make_initiative

pytestmark = pytest.mark.django_db


def _seen(user) -> set[str]:
    user.__dict__.pop("_proeftuin_roles", None)
    return set(Initiative.objects.visible_to(user).values_list("title", flat=True))


@pytest.fixture
def four(lead, contributor):
    kinds = {
        "pub": ("published", "public"),
        "org": ("published", "organisation"),
        "draft": ("draft", "organisation"),
        "private": ("draft", "private"),
    }
    for title, (status, visibility) in kinds.items():
        make_initiative(lead, title=title, status=status, visibility=visibility)


def test_editorial_rule(four, lead, make_member):
    assert _seen(AnonymousUser()) == {"pub"}
    assert _seen(UserFactory()) == {"pub"}
    assert _seen(make_member(lead, Role.VIEWER)) == {"pub", "org"}
    assert _seen(make_member(lead, Role.CONTRIBUTOR)) == {"pub", "org", "draft"}
    assert _seen(make_member(lead, Role.EDITOR)) == {"pub", "org", "draft", "private"}
    assert _seen(make_member(OrganisationFactory(), Role.EDITOR)) == {"pub"}


def test_partner_team_member_sees_a_private_initiative(lead, partner, make_member):
    private = make_initiative(
        lead, title="geheim", partners=[partner], status="draft", visibility="private"
    )
    member = make_member(partner, Role.VIEWER)
    assert "geheim" not in _seen(member)
    TeamMember.objects.create(initiative=private, user=member, role="team")
    assert "geheim" in _seen(member)
    # still a team row, but no longer a member of the partner: nothing
    Membership.objects.filter(user=member).delete()
    assert "geheim" not in _seen(member)


def test_team_member_without_membership_sees_nothing_private(lead):
    private = make_initiative(lead, title="geheim", status="draft", visibility="private")
    stranger = UserFactory()
    TeamMember.objects.create(initiative=private, user=stranger, role="team")
    assert "geheim" not in _seen(stranger)


def test_deactivated_team_member_sees_nothing_private(lead, make_member):
    private = make_initiative(lead, title="geheim", status="draft", visibility="private")
    member = make_member(lead, Role.VIEWER)
    TeamMember.objects.create(initiative=private, user=member, role="team")
    assert "geheim" in _seen(member)
    member.is_active = False
    member.save()
    assert "geheim" not in _seen(member)
