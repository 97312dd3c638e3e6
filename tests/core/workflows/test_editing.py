"""An organisation's administrators edit its own pipeline through the editing services:
every edit checked as a whole, versioned, audited, and nothing saved when refused."""

import pytest
from django.utils import translation

from proeftuin.accounts.models import Role
from proeftuin.core.service import (
    ConflictError,
    Move,
    NotAllowed,
    Transition,
    ValidationFailed,
    audit_history,
    workflow_copy_default,
    workflow_editing,
    workflow_for,
    workflow_move,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.workflowsubject.models import Experiment

pytestmark = pytest.mark.django_db

NEW_STAGE = {"name": "Proeftuin", "name_en": "Testbed", "category": "open"}
AFTER_IDEA = {"from_stage": "idea", "actors": ["editor"]}


@pytest.fixture
def own(pipeline, people):
    """The organisation's copy of the experiment pipeline."""
    return workflow_copy_default("experiment", people.organisation, people.admin)


def state(workflow):
    """Everything an edit may change, to compare before and after a refusal."""
    workflow.refresh_from_db()
    stages = [
        (s.key, s.name, s.order, s.category, s.required_fields, s.is_initial)
        for s in workflow.stages.all()
    ]
    questions = sorted(
        workflow.stages.filter(gate_questions__isnull=False).values_list(
            "key", "gate_questions__text", "gate_questions__order"
        )
    )
    moves = sorted(workflow.transitions.values_list("from_stage__key", "to_stage__key", "is_gate"))
    return workflow.version, stages, questions, moves


def refused(error_type, call, own, **kwargs):
    before = state(own)
    with translation.override("nl"), pytest.raises(error_type) as error:
        call(workflow=own, expected_version=own.version, **kwargs)
    assert state(own) == before
    return error.value


def messages(error) -> list[str]:
    return [str(m) for problems in error.field_errors.values() for m in problems] or [
        str(error.message)
    ]


def test_add_a_stage_raises_the_version_and_audits(own, people):
    before = audit_history(own).count()
    stage = workflow_editing.stage_add(
        actor=people.admin,
        workflow=own,
        expected_version=0,
        key="testbed",
        required_fields=["title"],
        **NEW_STAGE,
        **AFTER_IDEA,
    )
    assert list(own.stages.values_list("key", flat=True))[-1] == "testbed"  # at the end
    assert (stage.workflow, stage.required_fields, own.version) == (own, ["title"], 1)
    entry = audit_history(own).first()
    assert audit_history(own).count() == before + 1 and entry.actor == people.admin
    assert "testbed" in str(entry.changes)
    assert own.transitions.filter(from_stage__key="idea", to_stage=stage, actors=["editor"])


def test_a_new_open_stage_must_be_reachable(own, people):
    error = refused(
        ValidationFailed, workflow_editing.stage_add, own, actor=people.admin, key="x", **NEW_STAGE
    )
    assert messages(error) == [
        "Geen enkele overgang leidt vanuit de beginfase naar de open fase “Proeftuin”."
    ]


def test_a_new_stage_needs_a_unique_key_and_known_fields(own, people):
    error = refused(
        ValidationFailed,
        workflow_editing.stage_add,
        own,
        actor=people.admin,
        key="pilot",
        **NEW_STAGE,
    )
    assert error.field_errors["key"] == ["Dit traject heeft al een fase met deze sleutel."]
    error = refused(
        ValidationFailed,
        workflow_editing.stage_add,
        own,
        actor=people.admin,
        key="x",
        required_fields=["salary"],
        **NEW_STAGE,
    )
    assert "salary" in error.field_errors["required_fields"][0]


def test_rename_and_move_the_initial_mark(own, people):
    workflow_editing.stage_update(
        actor=people.admin,
        workflow=own,
        expected_version=0,
        stage="exploration",
        name="Onderzoek",
        category="open",
        is_initial=True,
    )
    initial = list(own.stages.filter(is_initial=True).values_list("key", "name"))
    assert initial == [("exploration", "Onderzoek")]


def test_exactly_one_initial_stage(own, people):
    error = refused(
        ValidationFailed,
        workflow_editing.stage_update,
        own,
        actor=people.admin,
        stage="idea",
        name="Idee",
        category="open",
        is_initial=False,
    )
    assert messages(error) == ["Markeer precies één fase als beginfase (nu: 0)."]


def test_a_stopped_stage_keeps_requiring_the_lessons(own, people):
    error = refused(
        ValidationFailed,
        workflow_editing.stage_update,
        own,
        actor=people.admin,
        stage="stopped",
        name="Gestopt",
        category="closed_stopped",
        required_fields=["title"],
    )
    assert "lessen" in messages(error)[0]


def test_reorder_the_stages(own, people):
    keys = list(own.stages.values_list("key", flat=True))
    keys[1], keys[2] = keys[2], keys[1]
    workflow_editing.stages_reorder(actor=people.admin, workflow=own, expected_version=0, keys=keys)
    assert list(own.stages.values_list("key", flat=True)) == keys
    refused(
        ValidationFailed, workflow_editing.stages_reorder, own, actor=people.admin, keys=keys[1:]
    )


def test_remove_an_empty_stage(own, people):
    workflow_editing.stage_add(
        actor=people.admin,
        workflow=own,
        expected_version=0,
        key="testbed",
        **NEW_STAGE,
        **AFTER_IDEA,
    )
    assert (
        workflow_editing.stage_remove(
            actor=people.admin, workflow=own, expected_version=1, stage="testbed"
        )
        == 0
    )
    assert not own.stages.filter(key="testbed").exists()
    assert not Transition.objects.filter(workflow=own, to_stage__key="testbed").exists()


def test_a_stage_with_records_is_refused_with_their_number(own, people, make_experiment):
    make_experiment("pilot", workflow=own)
    make_experiment("pilot", workflow=own)
    error = refused(
        ValidationFailed, workflow_editing.stage_remove, own, actor=people.admin, stage="pilot"
    )
    assert error.field_errors["move_to"] == [
        "Er zitten nog 2 dossiers in de fase “Pilot”. Kies een fase om ze naartoe te "
        "verplaatsen, of verplaats ze eerst zelf."
    ]


def test_records_move_to_a_chosen_stage_when_their_stage_goes(own, people, make_experiment):
    workflow_editing.stage_add(
        actor=people.admin,
        workflow=own,
        expected_version=0,
        key="testbed",
        **NEW_STAGE,
        **AFTER_IDEA,
    )
    record = make_experiment("testbed", workflow=own)
    moved = workflow_editing.stage_remove(
        actor=people.admin, workflow=own, expected_version=1, stage="testbed", move_to="idea"
    )
    record.refresh_from_db()
    assert (moved, record.stage.key, record.stage_version) == (1, "idea", 1)
    move = Move.objects.get(object_id=record.pk)
    assert (move.from_name, move.to_name, move.actor) == ("Proeftuin", "Idee", people.admin)
    assert move.from_stage is None  # the stage is gone; its name stays in the history
    # the record moves on from there as usual
    workflow_move(actor=people.lead, subject=record, to_stage="exploration")


def test_nothing_moves_when_the_removal_is_refused(own, people, make_experiment):
    record = make_experiment("idea", workflow=own)
    error = refused(
        ValidationFailed,
        workflow_editing.stage_remove,
        own,
        actor=people.admin,
        stage="idea",
        move_to="exploration",
    )
    assert messages(error) == ["Markeer precies één fase als beginfase (nu: 0)."]
    record.refresh_from_db()
    assert (record.stage.key, record.stage_version) == ("idea", 0)
    assert not Move.objects.filter(object_id=record.pk).exists()


def test_gate_questions_are_added_changed_reordered_and_removed(own, people):
    first = workflow_editing.gate_question_add(
        actor=people.admin,
        workflow=own,
        expected_version=0,
        stage="idea",
        text="Past het bij de strategie?",
        required=True,
    )
    second = workflow_editing.gate_question_add(
        actor=people.admin, workflow=own, expected_version=1, stage="idea", text="Wie betaalt?"
    )
    workflow_editing.gate_question_update(
        actor=people.admin,
        workflow=own,
        expected_version=2,
        question=second,
        text="Wie betaalt het?",
        text_en="Who pays?",
    )
    workflow_editing.gate_question_shift(
        actor=people.admin, workflow=own, expected_version=3, question=second, step=-1
    )
    idea = own.stages.get(key="idea")
    assert [q.text for q in idea.gate_questions.all()] == [
        "Wie betaalt het?",
        "Past het bij de strategie?",
    ]
    workflow_editing.gate_question_remove(
        actor=people.admin, workflow=own, expected_version=4, question=first
    )
    assert [q.text_en for q in idea.gate_questions.all()] == ["Who pays?"]
    error = refused(
        ValidationFailed,
        workflow_editing.gate_question_add,
        own,
        actor=people.admin,
        stage="idea",
        text=" ",
    )
    assert error.field_errors["text"] == ["Schrijf de vraag op."]


def test_a_question_of_another_pipeline_is_not_touched(own, people, pipeline):
    foreign = pipeline.stages.get(key="pilot").gate_questions.first()
    refused(
        ValidationFailed,
        workflow_editing.gate_question_remove,
        own,
        actor=people.admin,
        question=foreign,
    )
    assert pipeline.stages.get(key="pilot").gate_questions.filter(pk=foreign.pk).exists()


def test_transitions_are_added_with_who_may_and_removed(own, people):
    added = workflow_editing.transition_add(
        actor=people.admin,
        workflow=own,
        expected_version=0,
        from_stage="idea",
        to_stage="pilot",
        actors=["gatekeeper"],
        is_gate=True,
    )
    assert (added.from_stage.workflow, added.actors) == (own, ["gatekeeper"])
    workflow_editing.transition_remove(
        actor=people.admin, workflow=own, expected_version=1, transition=added
    )
    assert not Transition.objects.filter(pk=added.pk).exists()


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"actors": ["editor"], "to_stage": "exploration"}, "to_stage"),  # already there
        ({"actors": ["janitor"], "to_stage": "pilot"}, "actors"),
        ({"actors": [], "to_stage": "pilot"}, "actors"),
    ],
)
def test_a_wrong_transition_is_refused(own, people, kwargs, field):
    kwargs = {"actors": ["owner"], **kwargs}
    if kwargs["to_stage"] == "exploration":
        kwargs["actors"] = ["owner", "editor"]
    error = refused(
        ValidationFailed,
        workflow_editing.transition_add,
        own,
        actor=people.admin,
        from_stage="idea",
        **kwargs,
    )
    assert field in error.field_errors


def test_removing_the_only_way_into_a_stage_is_refused(own, people):
    workflow_editing.stage_add(
        actor=people.admin,
        workflow=own,
        expected_version=0,
        key="testbed",
        **NEW_STAGE,
        **AFTER_IDEA,
    )
    only = Transition.objects.get(workflow=own, to_stage__key="testbed")
    error = refused(
        ValidationFailed,
        workflow_editing.transition_remove,
        own,
        actor=people.admin,
        transition=only,
    )
    assert "Proeftuin" in messages(error)[0]


def test_a_stale_version_is_a_conflict(own, people):
    workflow_editing.stages_reorder(
        actor=people.admin,
        workflow=own,
        expected_version=0,
        keys=list(own.stages.values_list("key", flat=True)),
    )
    stale = type(own).objects.get(pk=own.pk)
    stale.version = 0
    before = state(own)
    with translation.override("nl"), pytest.raises(ConflictError) as error:
        workflow_editing.stage_update(
            actor=people.admin,
            workflow=stale,
            expected_version=0,
            stage="idea",
            name="Kans",
            category="open",
            is_initial=True,
        )
    assert str(error.value.message).startswith("Iemand anders heeft dit traject intussen")
    assert state(own) == before


@pytest.mark.parametrize("who", ["editor", "lead", "outsider", "other_admin"])
def test_only_its_administrators_edit_a_pipeline(own, people, who):
    if who == "other_admin":
        user = MembershipFactory(
            organisation=OrganisationFactory(), role=Role.ORGANISATION_ADMIN
        ).user
    else:
        user = getattr(people, who)
    refused(NotAllowed, workflow_editing.stage_add, own, actor=user, key="x", **NEW_STAGE)


def test_a_platform_administrator_may_and_the_default_is_not_edited_here(own, people):
    platform = UserFactory(is_platform_admin=True)
    workflow_editing.stage_add(
        actor=platform, workflow=own, expected_version=0, key="testbed", **NEW_STAGE, **AFTER_IDEA
    )
    default = workflow_for("experiment", None)
    refused(NotAllowed, workflow_editing.stage_add, default, actor=platform, key="y", **NEW_STAGE)


def test_the_fields_a_stage_may_require_come_from_the_subject():
    fields = workflow_editing.workflow_fields("experiment")
    assert {"title", "lessons"} <= set(fields) and "stage" not in fields
    assert fields["lessons"] == "lessen"
    assert "lessons" in workflow_editing.workflow_fields("initiative")
    assert workflow_editing.workflow_fields("nothing") is None
    assert Experiment.workflow_field_choices() == fields
