"""The visibility rule (``core.visibility``) for a user with different roles in several
organisations: the condition it builds leaves out grants another grant already covers, and
still gives exactly the records the rule describes."""

import itertools

import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Case
from proeftuin.cases.querysets import CASE_VISIBILITY
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

LEVELS = [("published", "public"), ("published", "organisation"), ("draft", "organisation")]
LEVELS += [("draft", "private")]


def _expected(case, roles: dict, user) -> bool:
    """The editorial rule written out: public; published shared for viewers; shared for
    contributors, and their own private drafts; everything for editors."""
    role = roles.get(case.owner_id, 0)
    shared = case.visibility in ("public", "organisation")
    return (
        (case.status == "published" and case.visibility == "public")
        or (role >= Role.VIEWER and case.status == "published" and shared)
        or (role >= Role.CONTRIBUTOR and (shared or case.created_by_id == user.pk))
        or role >= Role.EDITOR
    )


def test_several_roles_in_several_organisations_see_exactly_the_rule():
    organisations = [OrganisationFactory() for _n in range(4)]  # the last: no role
    user, other = UserFactory(), UserFactory()
    ranked = (Role.EDITOR, Role.CONTRIBUTOR, Role.VIEWER)
    roles = {o.pk: role for o, role in zip(organisations, ranked, strict=False)}
    for organisation_id, role in roles.items():
        MembershipFactory(user=user, organisation_id=organisation_id, role=role)
        MembershipFactory(user=other, organisation_id=organisation_id, role=Role.CONTRIBUTOR)
    for organisation, (status, visibility), author in itertools.product(
        organisations, LEVELS, (user, other)
    ):
        case = make_case(organisations=[organisation], status=status, visibility=visibility)
        Case.objects.filter(pk=case.pk).update(created_by=author)
    cases = list(Case.objects.all())
    assert len(cases) == 32
    seen = set(Case.objects.visible_to(user).values_list("pk", flat=True))
    assert seen == {case.pk for case in cases if _expected(case, roles, user)}
    assert 8 < len(seen) < 32  # the rule both opens and keeps out


def test_an_editor_gets_one_branch_for_the_organisation_not_four():
    organisation = OrganisationFactory()
    editor = MembershipFactory(organisation=organisation, role=Role.EDITOR).user
    condition = str(CASE_VISIBILITY.q(editor))
    assert condition.count("owner_id__in") == 1
    assert "created_by" not in condition
