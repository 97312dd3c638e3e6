"""The shipped default pipeline, which workflow applies, and an organisation's copy."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from proeftuin.core.models import AuditEntry
from proeftuin.core.service import (
    NotAllowed,
    Stage,
    Transition,
    Workflow,
    audit_history,
    workflow_copy_default,
    workflow_for,
    workflow_initial_stage,
    workflow_move,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def table(workflow):
    return {
        (t.from_stage.key, t.to_stage.key, t.is_gate): t.actors
        for t in workflow.transitions.select_related("from_stage", "to_stage")
    }


def test_the_default_initiative_pipeline_is_shipped():
    default = workflow_for("initiative", None)
    stages = list(default.stages.all())
    assert [s.key for s in stages] == [
        "idea",
        "exploration",
        "pilot",
        "evaluation",
        "scaling",
        "standard",
        "stopped",
        "parked",
    ]
    assert [s.name for s in stages][:3] == ["Idee", "Verkenning", "Pilot"]
    assert {s.key: s.category for s in stages if s.category != "open"} == {
        "standard": "closed_success",
        "stopped": "closed_stopped",
        "parked": "parked",
    }
    assert workflow_initial_stage(default).key == "idea"
    assert default.stages.get(key="stopped").required_fields == ["lessons"]
    for key in ("exploration", "pilot", "evaluation"):
        questions = default.stages.get(key=key).gate_questions.all()
        assert questions and all(q.text and q.text_en for q in questions)


def test_the_default_table_goes_forward_one_step_with_gates_by_the_gatekeeper():
    moves = table(workflow_for("initiative", None))
    assert moves[("idea", "exploration", False)] == ["owner", "editor"]
    assert moves[("exploration", "pilot", True)] == ["gatekeeper"]
    assert ("exploration", "pilot", False) not in moves  # only through the gate
    assert ("idea", "pilot", False) not in moves and ("idea", "pilot", True) not in moves
    assert moves[("evaluation", "scaling", True)] == ["gatekeeper"]
    assert moves[("scaling", "standard", False)] == ["owner", "editor"]
    for stage in ("idea", "exploration", "pilot", "evaluation", "scaling"):
        assert ("parked", stage, False) in moves and (stage, "stopped", False) in moves
    assert not any(start in ("standard", "stopped") for start, _, _ in moves)


def test_workflow_for_prefers_the_organisations_own(people):
    other = OrganisationFactory()
    copy = workflow_copy_default("initiative", people.organisation, people.admin)
    assert workflow_for("initiative", people.organisation) == copy
    assert workflow_for("initiative", other).is_default


def test_an_organisation_administrator_copies_the_default(people):
    default = workflow_for("initiative", None)
    copy = workflow_copy_default("initiative", people.organisation, people.admin)
    assert (copy.owner, copy.based_on, copy.kind) == (people.organisation, default, "initiative")
    assert [s.key for s in copy.stages.all()] == [s.key for s in default.stages.all()]
    assert table(copy) == table(default)
    assert not set(copy.stages.values_list("pk", flat=True)) & set(
        default.stages.values_list("pk", flat=True)
    )
    assert Transition.objects.filter(workflow=copy).exclude(from_stage__workflow=copy).count() == 0
    questions = [q.text for s in copy.stages.all() for q in s.gate_questions.all()]
    assert questions == [q.text for s in default.stages.all() for q in s.gate_questions.all()]
    entry = audit_history(copy).get()
    assert entry.action == AuditEntry.Action.CREATE and entry.actor == people.admin
    # a second call gives the same copy
    assert workflow_copy_default("initiative", people.organisation, people.admin) == copy
    # the copy is the organisation's to edit: the default stays as it was
    copy.stages.filter(key="idea").update(name="Kans")
    assert default.stages.get(key="idea").name == "Idee"


@pytest.mark.parametrize("who", ["editor", "lead", "outsider"])
def test_only_an_administrator_of_the_organisation_copies(people, who):
    with translation.override("nl"), pytest.raises(NotAllowed) as error:
        workflow_copy_default("initiative", people.organisation, getattr(people, who))
    assert str(error.value.message) == (
        "Alleen een beheerder van de organisatie kan het traject inrichten."
    )
    assert not Workflow.objects.filter(owner=people.organisation).exists()


def test_the_organisations_records_move_onto_its_copy(make_experiment, people, pipeline):
    mine = make_experiment("pilot")
    theirs = make_experiment("pilot", owner=OrganisationFactory())
    copy = workflow_copy_default("experiment", people.organisation, people.admin)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.workflow, mine.stage.workflow, mine.stage.key) == (copy, copy, "pilot")
    assert mine.stage_version == 1  # a move prepared on the old pipeline is a conflict
    assert theirs.workflow == pipeline and theirs.stage_version == 0
    move = workflow_move(
        actor=people.lead, subject=mine, to_stage="parked", reason="Wachten op budget"
    )
    assert move.to_stage.workflow == copy


def test_a_transition_stays_within_its_workflow(pipeline):
    default = workflow_for("initiative", None)
    foreign = default.stages.get(key="pilot")
    transition = Transition(
        workflow=pipeline,
        from_stage=pipeline.stages.get(key="idea"),
        to_stage=foreign,
        actors=["editor"],
    )
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        transition.full_clean()
    assert error.value.message_dict["to_stage"] == ["Kies een fase van dit traject."]


@pytest.mark.parametrize("actors", [[], "editor", ["Editor!"], [3]])
def test_a_transition_names_who_may(pipeline, actors):
    idea = pipeline.stages.get(key="idea")
    transition = Transition(
        workflow=pipeline, from_stage=idea, to_stage=pipeline.stages.get(key="pilot"), actors=actors
    )
    with pytest.raises(ValidationError) as error:
        transition.full_clean()
    assert "actors" in error.value.message_dict


def test_only_a_gate_keeps_a_record_in_its_stage(pipeline):
    idea = pipeline.stages.get(key="idea")
    transition = Transition(workflow=pipeline, from_stage=idea, to_stage=idea, actors=["editor"])
    with pytest.raises(ValidationError):
        transition.full_clean()
    transition.is_gate = True
    transition.full_clean()


def test_a_stage_lists_its_required_fields(pipeline):
    stage = Stage(workflow=pipeline, key="extra", name="Extra", required_fields="lessons")
    with pytest.raises(ValidationError):
        stage.full_clean()
