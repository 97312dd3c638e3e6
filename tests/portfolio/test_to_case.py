"""An initiative becomes a case: the mapping, the citations back to reflections and
measurements, one case only, pushing later changes without overwriting hand edits, who
may, and the link both ways."""

import datetime
from decimal import Decimal

import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Case, RecordCitation, Theme
from proeftuin.cases.services import case_update
from proeftuin.core.models import AuditEntry
from proeftuin.core.service import NotAllowed, Stage, ValidationFailed, workflow_move
from proeftuin.portfolio.models import Initiative, Kpi, Measurement, Reflection
from proeftuin.portfolio.service import initiative_push_to_case, initiative_to_case
from proeftuin.portfolio.services import initiative_update

pytestmark = pytest.mark.django_db


def in_stage(initiative, key: str) -> Initiative:
    stage = Stage.objects.get(workflow=initiative.workflow, key=key)
    Initiative.objects.filter(pk=initiative.pk).update(stage=stage)
    return Initiative.objects.select_related("stage").get(pk=initiative.pk)


@pytest.fixture
def filled(initiative, editor):
    """The initiative with a theme, lessons, a reflection and a KPI with two measurements."""
    theme = Theme.objects.filter(theme_set__key="casebook").order_by("order").first()
    initiative_update(
        actor=editor,
        initiative=initiative,
        affected="Gezinnen met schulden.",
        intended_result="Hulp binnen twee weken.",
        lessons="Begin klein.\n\nBetrek de schuldeisers.",
        started_on=datetime.date(2024, 3, 1),
        themes=[theme],
    )
    reflection = Reflection.objects.create(
        initiative=initiative,
        date=datetime.date(2025, 1, 10),
        easy="De bank werkte mee.",
        course_change="We lieten het intakeformulier los.",
        help_needed="Juridisch advies over gegevensdeling.",
    )
    kpi = Kpi.objects.create(
        initiative=initiative, measure="Wachttijd", unit="days", baseline=90, direction="lower"
    )
    Measurement.objects.create(kpi=kpi, date=datetime.date(2024, 6, 1), value=60)
    last = Measurement.objects.create(kpi=kpi, date=datetime.date(2025, 6, 1), value=14)
    return {"theme": theme, "reflection": reflection, "kpi": kpi, "last": last}


def test_a_stopped_initiative_becomes_a_draft_case_with_everything_mapped(
    initiative, editor, filled, lead, partner
):
    case = initiative_to_case(actor=editor, initiative=in_stage(initiative, "stopped"))
    assert case.status == "draft" and case.stage == "stopped"
    assert case.title == initiative.title and case.owner == lead
    assert initiative.problem in case.summary and "Hulp binnen twee weken." in case.summary
    assert case.year_start == 2024
    links = list(case.case_organisations.order_by("order"))
    assert [(link.organisation, link.is_lead) for link in links] == [(lead, True), (partner, False)]
    assert list(case.sections.values_list("theme", flat=True)) == [filled["theme"].pk]
    outcome = case.outcomes.get()
    assert (outcome.measure, outcome.value, outcome.unit) == ("Wachttijd", Decimal(14), "days")
    assert outcome.direction == "decrease" and outcome.kind == "time"
    assert "90" in outcome.baseline
    lessons = list(case.lessons.values_list("kind", "text"))
    assert lessons == [
        ("did_not_work", "Begin klein."),
        ("did_not_work", "Betrek de schuldeisers."),
        ("worked", "De bank werkte mee."),
        ("did_not_work", "We lieten het intakeformulier los."),
    ]
    barriers = list(case.barriers.values_list("category", "text"))
    assert barriers == [("institutional", "Juridisch advies over gegevensdeling.")]
    initiative.refresh_from_db()
    assert initiative.case == case


def test_each_value_cites_the_reflection_or_measurement_it_came_from(initiative, editor, filled):
    case = initiative_to_case(actor=editor, initiative=in_stage(initiative, "standard"))
    cited = {c.field: c for c in RecordCitation.objects.filter(case=case)}
    assert cited["outcomes.0"].source_kind == "measurement"
    assert cited["outcomes.0"].source_id == filled["last"].uuid
    assert cited["lessons.2"].source_id == filled["reflection"].uuid
    assert cited["lessons.2"].quote == "De bank werkte mee."
    assert cited["barriers.0"].source_id == filled["reflection"].uuid
    assert cited["summary"].source_kind == "initiative"
    assert cited["summary"].source_id == initiative.uuid
    assert case.stage == "standard_practice"


def test_the_case_page_shows_the_citations(initiative, editor, filled, signed_in):
    case = initiative_to_case(actor=editor, initiative=in_stage(initiative, "stopped"))
    body = signed_in(editor).get(f"/casussen/{case.slug}/").content.decode()
    assert "Reflectie van 10 januari 2025" in body
    assert "Meting van 1 juni 2025" in body


def test_a_second_call_makes_no_second_case(initiative, editor, filled):
    stopped = in_stage(initiative, "stopped")
    first = initiative_to_case(actor=editor, initiative=stopped)
    again = initiative_to_case(actor=editor, initiative=stopped)
    assert first == again
    assert Case.objects.count() == 1


def test_only_a_closing_or_scaling_stage_can_become_a_case(initiative, editor, filled):
    with pytest.raises(ValidationFailed) as refused:
        initiative_to_case(actor=editor, initiative=in_stage(initiative, "pilot"))
    assert "Pilot" in str(refused.value.message)
    assert Case.objects.count() == 0
    case = initiative_to_case(actor=editor, initiative=in_stage(initiative, "scaling"))
    assert case.stage == "scaling" and case.year_end is None


def test_stopping_through_the_workflow_then_converting(initiative, editor, filled):
    workflow_move(actor=editor, subject=initiative, to_stage="stopped", reason="Geen budget.")
    case = initiative_to_case(actor=editor, initiative=initiative)
    assert case.stage == "stopped" and case.year_end == datetime.date.today().year


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR])
def test_only_editors_of_the_lead_may(initiative, filled, make_member, lead, partner, role):
    stopped = in_stage(initiative, "stopped")
    for user in (make_member(lead, role), make_member(partner, Role.ORGANISATION_ADMIN)):
        with pytest.raises(NotAllowed):
            initiative_to_case(actor=user, initiative=stopped)
    # the owner (a contributor on the team) may edit the initiative but not make the case
    with pytest.raises(NotAllowed):
        initiative_to_case(actor=initiative.created_by, initiative=stopped)
    assert Case.objects.count() == 0


def test_push_updates_initiative_fields_and_keeps_hand_edits(initiative, editor, filled):
    stopped = in_stage(initiative, "stopped")
    case = initiative_to_case(actor=editor, initiative=stopped)
    case_update(case=case, actor=editor, title="Een betere titel van de redactie")
    initiative_update(
        actor=editor,
        initiative=stopped,
        title="Nieuwe titel",
        problem="Een scherper probleem.",
        lessons="Begin klein.",
    )
    result = initiative_push_to_case(actor=editor, initiative=stopped)
    case.refresh_from_db()
    assert case.title == "Een betere titel van de redactie"
    assert case.summary.startswith("Een scherper probleem.")
    assert result.kept == ["title"] and "summary" in result.updated and "lessons" in result.updated
    assert case.lessons.first().text == "Begin klein."
    assert RecordCitation.objects.get(case=case, field="summary").quote == "Een scherper probleem."
    # the hand edit stays on the next push too, until the editor chooses to overwrite it
    assert initiative_push_to_case(actor=editor, initiative=stopped).kept == ["title"]
    result = initiative_push_to_case(actor=editor, initiative=stopped, overwrite=["title"])
    case.refresh_from_db()
    assert case.title == "Nieuwe titel" and result.kept == []


def test_push_is_audited_and_refused_to_others(initiative, editor, filled, make_member, lead):
    stopped = in_stage(initiative, "stopped")
    case = initiative_to_case(actor=editor, initiative=stopped)
    initiative_update(actor=editor, initiative=stopped, title="Nieuwe titel")
    with pytest.raises(NotAllowed):
        initiative_push_to_case(actor=make_member(lead, Role.CONTRIBUTOR), initiative=stopped)
    case.refresh_from_db()
    assert case.title != "Nieuwe titel"
    initiative_push_to_case(actor=editor, initiative=stopped)
    entries = AuditEntry.objects.filter(object_uuid=initiative.uuid, actor=editor)
    assert entries.filter(action="update").count() >= 3  # edit, case made, pushed
    case.refresh_from_db()
    assert case.title == "Nieuwe titel"


def test_push_without_a_case_is_refused(initiative, editor, filled):
    with pytest.raises(ValidationFailed):
        initiative_push_to_case(actor=editor, initiative=in_stage(initiative, "stopped"))


def test_a_system_write_without_actor_is_allowed(initiative, filled):
    case = initiative_to_case(actor=None, initiative=in_stage(initiative, "standard"))
    assert case.status == "draft" and case.created_by is None
    with pytest.raises(ValidationFailed):
        initiative_to_case(actor=None, initiative=in_stage(initiative, "idea"))
