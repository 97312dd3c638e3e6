"""Writes to initiatives and teams: permission-checked, audited, atomic, conflict-safe."""

import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Theme
from proeftuin.core.errors import ConflictError, NotAllowed, ValidationFailed
from proeftuin.core.models import AuditEntry
from proeftuin.organisations.models import Domain
from proeftuin.portfolio.models import Initiative, TeamMember
from proeftuin.portfolio.services import (
    initiative_create,
    initiative_update,
    team_member_add,
    team_member_remove,
    team_member_update,
)
from tests.factories import OrganisationFactory, UserFactory, make_case, make_initiative

pytestmark = pytest.mark.django_db


def test_create_makes_the_actor_owner_and_is_audited(lead, partner, contributor):
    theme = Theme.objects.first()
    domain = Domain.objects.first()
    initiative = initiative_create(
        actor=contributor,
        owner=lead,
        title=" Wachtlijst weg ",
        problem="Lange wachttijden.",
        kind="service",
        facets=["mission", "adaptive", "mission"],
        partners=[partner, lead],
        themes=[theme],
        domains=[domain],
        reflection_interval_days=14,
    )
    assert initiative.title == "Wachtlijst weg"
    assert initiative.slug == "wachtlijst-weg"
    assert initiative.facets == ["adaptive", "mission"]
    assert list(initiative.partners.all()) == [partner]  # the lead is not its own partner
    assert initiative.workflow_roles(contributor) == {"owner"}
    assert initiative.reflection_due is not None
    entry = AuditEntry.objects.get(object_uuid=initiative.uuid)
    assert entry.action == "create" and entry.actor == contributor
    assert entry.changes["themes"] == [None, [theme.pk]]


def test_create_needs_a_contributor_of_the_owner(lead, make_member):
    with pytest.raises(NotAllowed):
        make_initiative(lead, actor=make_member(lead, Role.VIEWER))
    with pytest.raises(NotAllowed):
        make_initiative(lead, actor=make_member(OrganisationFactory(), Role.EDITOR))
    assert not Initiative.objects.exists()


def test_contributor_cannot_publish(lead, contributor, editor):
    with pytest.raises(NotAllowed):
        make_initiative(lead, actor=contributor, status="published")
    assert make_initiative(lead, actor=editor, status="published").status == "published"


def test_required_fields_and_facets(lead, contributor):
    with pytest.raises(ValidationFailed) as error:
        make_initiative(lead, actor=contributor, problem="  ", facets=["nonsense"])
    assert set(error.value.field_errors) == {"problem", "facets"}


def test_inspiration_only_from_what_the_actor_sees(lead, contributor):
    hidden_case = make_case(status="draft", visibility="private")
    hidden = make_initiative(OrganisationFactory(), title="elders", visibility="private")
    with pytest.raises(ValidationFailed):
        make_initiative(lead, actor=contributor, inspired_by_cases=[hidden_case])
    with pytest.raises(ValidationFailed):
        make_initiative(lead, actor=contributor, inspired_by=[hidden])
    shown = make_case(status="published", visibility="public")
    initiative = make_initiative(lead, actor=contributor, inspired_by_cases=[shown])
    assert list(initiative.inspired_by_cases.all()) == [shown]


def test_update_with_stale_version_conflicts(initiative, contributor):
    initiative_update(initiative=initiative, actor=contributor, expected_version=1, title="Nieuw")
    with pytest.raises(ConflictError):
        initiative_update(
            initiative=initiative, actor=contributor, expected_version=1, title="Ouder"
        )
    initiative.refresh_from_db()
    assert initiative.title == "Nieuw" and initiative.version == 2
    assert AuditEntry.objects.filter(object_uuid=initiative.uuid, action="update").count() == 1


def test_update_refused_for_outsiders_changes_nothing(initiative, make_member, lead):
    with pytest.raises(NotAllowed):
        initiative_update(
            initiative=initiative, actor=make_member(lead, Role.VIEWER), title="Overgenomen"
        )
    initiative.refresh_from_db()
    assert initiative.title != "Overgenomen"


def test_team_member_must_belong_to_lead_or_partner(initiative, partner, make_member):
    stranger = make_member(OrganisationFactory(), Role.EDITOR)
    with pytest.raises(ValidationFailed) as error:
        team_member_add(
            actor=initiative.created_by, initiative=initiative, user=stranger, role="team"
        )
    assert "ketenpartner" in str(error.value.field_errors["user"][0]) or "partner" in str(
        error.value.field_errors["user"][0]
    )
    from_partner = make_member(partner, Role.VIEWER)
    member = team_member_add(
        actor=initiative.created_by, initiative=initiative, user=from_partner, role="sponsor"
    )
    assert member.role == "sponsor"
    assert AuditEntry.objects.filter(object_uuid=member.uuid, action="create").exists()


def test_one_owner_and_one_sponsor(initiative, make_member, lead):
    actor = initiative.created_by
    first = team_member_add(
        actor=actor, initiative=initiative, user=make_member(lead), role="sponsor"
    )
    with pytest.raises(ValidationFailed):
        team_member_add(actor=actor, initiative=initiative, user=make_member(lead), role="sponsor")
    with pytest.raises(ValidationFailed):
        team_member_update(actor=actor, member=first, role="owner")
    team_member_update(actor=actor, member=first, role="gatekeeper")
    assert initiative.workflow_roles(first.user) == {"gatekeeper"}


def test_same_person_joins_once(initiative, contributor):
    with pytest.raises(ValidationFailed):
        team_member_add(actor=contributor, initiative=initiative, user=contributor, role="team")


def test_team_role_change_with_stale_timestamp_conflicts(initiative, contributor, make_member):
    member = team_member_add(
        actor=contributor, initiative=initiative, user=make_member(initiative.owner), role="team"
    )
    stale = member.updated_at.isoformat()
    team_member_update(
        actor=contributor, member=member, role="gatekeeper", expected_updated_at=stale
    )
    with pytest.raises(ConflictError):
        team_member_update(actor=contributor, member=member, role="team", expected_updated_at=stale)


def test_remove_team_member(initiative, contributor, make_member):
    member = team_member_add(
        actor=contributor, initiative=initiative, user=make_member(initiative.owner), role="team"
    )
    with pytest.raises(NotAllowed):
        team_member_remove(actor=UserFactory(), member=member)
    team_member_remove(actor=contributor, member=member)
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    assert AuditEntry.objects.filter(object_uuid=member.uuid, action="delete").exists()


def test_workflow_missing(initiative):
    missing = dict(initiative.workflow_missing(["problem", "sponsor", "kpis", "lessons", "x"]))
    assert set(missing) == {"sponsor", "kpis", "lessons", "x"}
    assert all(isinstance(message, str) and message for message in missing.values())


@pytest.mark.parametrize("title", ["Nieuw", "Overzicht", "Werkwijze"])
def test_a_title_like_a_page_gets_a_slug_of_its_own(lead, contributor, client, title):
    initiative = make_initiative(lead, actor=contributor, title=title)
    assert initiative.slug == f"{title.lower()}-2"
    client.force_login(contributor)
    assert client.get(f"/initiatieven/{initiative.slug}/").status_code == 200
