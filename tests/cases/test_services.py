import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Case, CaseFacetValue
from proeftuin.cases.services import case_update
from proeftuin.core.errors import ConflictError, NotAllowed, ValidationFailed
from proeftuin.core.models import AuditEntry
from tests.factories import OrganisationFactory, make_case

pytestmark = pytest.mark.django_db


def test_profile_snapshot_is_kept_when_the_organisation_changes_later():
    org = OrganisationFactory(staff_exact=450)
    case = make_case(organisations=[org])
    org.staff_exact = 900
    org.save()
    assert case.case_organisations.get().profile_snapshot["staff_exact"] == 450


def test_second_editor_with_stale_version_gets_a_conflict(make_member):
    org = OrganisationFactory()
    case = make_case(organisations=[org])
    first, second = make_member(org, Role.EDITOR), make_member(org, Role.EDITOR)
    case_update(case=case, actor=first, expected_version=1, title="Eerste versie")
    with pytest.raises(ConflictError):
        case_update(case=case, actor=second, expected_version=1, title="Tweede versie")
    case.refresh_from_db()
    assert (case.title, case.version) == ("Eerste versie", 2)


def test_invalid_update_leaves_everything_as_it_was(make_member):
    org = OrganisationFactory()
    case = make_case(organisations=[org])
    editor = make_member(org, Role.EDITOR)
    with pytest.raises(ValidationFailed) as error:
        case_update(
            case=case,
            actor=editor,
            expected_version=1,
            title="Nieuw",
            outcomes=[
                {
                    "measure": "x",
                    "value": "veel",
                    "unit": "eur",
                    "direction": "up",
                    "kind": "financial",
                }
            ],
        )
    assert {"outcomes.0.value", "outcomes.0.direction"} <= set(error.value.field_errors)
    case.refresh_from_db()
    assert (case.title, case.version, case.outcomes.count()) == (
        "Wijkteams voorkomen uithuisplaatsingen",
        1,
        1,
    )


def test_unknown_theme_is_refused():
    with pytest.raises(ValidationFailed) as error:
        make_case(sections={"ruimtevaart": "tekst"})
    assert "sections.ruimtevaart" in error.value.field_errors
    assert not Case.objects.exists()


def test_contributor_cannot_publish_and_outsider_cannot_edit(make_member, outsider):
    org = OrganisationFactory()
    contributor = make_member(org, Role.CONTRIBUTOR)
    with pytest.raises(NotAllowed):
        make_case(organisations=[org], actor=contributor, status="published")
    draft = make_case(organisations=[org], actor=contributor, status="draft")
    with pytest.raises(NotAllowed):
        case_update(case=draft, actor=contributor, status="published")
    with pytest.raises(NotAllowed):
        case_update(case=draft, actor=outsider, title="Overgenomen")
    with pytest.raises(NotAllowed):
        make_case(organisations=[OrganisationFactory()], actor=contributor)


def test_update_records_history_and_reindexes_facets(make_member):
    org = OrganisationFactory()
    case = make_case(organisations=[org])
    editor = make_member(org, Role.EDITOR)
    case_update(
        case=case,
        actor=editor,
        stage="scaling",
        lessons=[{"kind": "pitfall", "text": "Te snel opgeschaald."}],
    )
    entry = AuditEntry.objects.filter(object_uuid=case.uuid).first()
    assert entry.actor == editor and entry.action == "update"
    assert set(entry.changes) == {"stage", "lessons"}
    stages = CaseFacetValue.objects.filter(case=case, facet="stage").values_list("value", flat=True)
    assert list(stages) == ["scaling"]
