"""The visibility signature a viewer cache is keyed on, and the cache itself: shared by
viewers who see the same records, never by others, and gone after a write it depends on."""

import pytest

from proeftuin.accounts.models import Membership, Role
from proeftuin.accounts.services import membership_revoke
from proeftuin.core.service import content_changed, editorial_rule, viewer_cached
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

RULE = editorial_rule()


@pytest.fixture
def a(db):
    return OrganisationFactory()


@pytest.fixture
def b(db):
    return OrganisationFactory()


def test_viewers_with_the_same_roles_share_a_signature(make_member, a):
    first, second = make_member(a, Role.VIEWER), make_member(a, Role.VIEWER)
    assert RULE.signature(first) == RULE.signature(second) != "public"


def test_a_signature_tells_roles_and_organisations_apart(make_member, a, b):
    viewer_a, viewer_b, editor_a = (
        make_member(a, Role.VIEWER),
        make_member(b, Role.VIEWER),
        make_member(a, Role.EDITOR),
    )
    signatures = {RULE.signature(u) for u in (viewer_a, viewer_b, editor_a)}
    assert len(signatures) == 3


def test_contributors_see_their_own_drafts_so_their_signature_names_them(make_member, a):
    first, second = make_member(a, Role.CONTRIBUTOR), make_member(a, Role.CONTRIBUTOR)
    assert RULE.signature(first) != RULE.signature(second)


def test_anonymous_outsiders_revoked_and_admins(make_member, a, platform_admin):
    from django.contrib.auth.models import AnonymousUser

    revoked = make_member(a, Role.EDITOR)
    membership_revoke(actor=None, membership=Membership.objects.get(user=revoked))
    revoked = type(revoked).objects.get(pk=revoked.pk)
    inactive = make_member(a, Role.EDITOR)
    inactive.is_active = False
    assert {RULE.signature(u) for u in (AnonymousUser(), UserFactory(), revoked, inactive)} == {
        "public"
    }
    assert RULE.signature(platform_admin) == "all"


def test_computed_once_per_signature_until_a_write(make_member, a, b):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    def get(user):
        return viewer_cached("t", ("x",), compute, user=user, rule=RULE, depends_on=("cases",))

    first, second, other = (
        make_member(a, Role.VIEWER),
        make_member(a, Role.VIEWER),
        make_member(b, Role.VIEWER),
    )
    assert get(first) == 1 and get(second) == 1  # same records: one computation
    assert get(other) == 2  # another organisation: its own
    content_changed("organisations")
    assert get(first) == 1  # a write elsewhere leaves it
    content_changed("cases")
    assert get(first) == 3
