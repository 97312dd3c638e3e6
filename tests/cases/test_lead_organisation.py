"""A case's lead organisation needs the actor's role there, on create and on update;
other organisations and partners are only named."""

import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.models import ThemeSet
from proeftuin.cases.services import case_create, case_update
from proeftuin.core.errors import NotAllowed
from tests.factories import OrganisationFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs():
    return OrganisationFactory(name="Eigen"), OrganisationFactory(name="Ander")


def create(actor, organisations, owner=None, status="draft"):
    return case_create(
        actor=actor,
        theme_set=ThemeSet.objects.get(key="casebook"),
        organisations=organisations,
        owner=owner,
        title="Casus",
        summary="Samenvatting.",
        stage="idea",
        status=status,
    )


def test_another_organisation_cannot_lead_even_with_an_own_owner(orgs, make_member):
    mine, other = orgs
    editor = make_member(mine, Role.EDITOR)
    with pytest.raises(NotAllowed):
        create(editor, [other], owner=mine, status="published")
    with pytest.raises(NotAllowed):
        create(editor, [other], owner=mine)
    case = create(editor, [mine, other], status="published")  # named, not owning
    assert case.owner == mine and case.case_organisations.get(is_lead=True).organisation == mine


def test_a_contributor_leads_drafts_only(orgs, make_member):
    mine, _other = orgs
    contributor = make_member(mine, Role.CONTRIBUTOR)
    assert create(contributor, [mine]).owner == mine
    with pytest.raises(NotAllowed):
        create(contributor, [mine], status="published")


def test_changing_the_lead_needs_a_role_there(orgs, make_member):
    mine, other = orgs
    editor = make_member(mine, Role.EDITOR)
    case = make_case(organisations=[mine])
    with pytest.raises(NotAllowed):
        case_update(case=case, actor=editor, organisations=[other, mine])
    case = case_update(case=case, actor=editor, organisations=[mine, other])
    links = case.case_organisations.order_by("order")
    assert [link.organisation.name for link in links] == ["Eigen", "Ander"]


def test_an_unchanged_lead_elsewhere_does_not_block_the_owners_editor(orgs, make_member):
    mine, other = orgs
    case = make_case(organisations=[other])  # e.g. loaded by the demo loader
    case = case_update(case=case, actor=None, owner=mine)
    editor = make_member(mine, Role.EDITOR)
    case_update(case=case, actor=editor, organisations=[other], title="Nieuw")
