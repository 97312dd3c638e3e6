"""workflow_move: the transition table, who may, required fields, gates, the version, the
record, the audit trail and the listeners; and allowed_moves for the page."""

import pytest
from django.utils import translation

from proeftuin.core.models import AuditEntry
from proeftuin.core.service import (
    ConflictError,
    Move,
    NotAllowed,
    ValidationFailed,
    allowed_moves,
    audit_history,
    subject_moves,
    workflow_move,
)
from proeftuin.core.workflows.registry import MoveListener, move_listeners

pytestmark = pytest.mark.django_db


def answers_for(subject):
    return {str(q.pk): "Ja, zie het verslag." for q in subject.stage.gate_questions.all()}


def gate(subject, actor, to, decision="go", **kwargs):
    kwargs.setdefault("reason", "De pilot liet zien dat het werkt.")
    kwargs.setdefault("answers", answers_for(subject))
    return workflow_move(actor=actor, subject=subject, to_stage=to, decision=decision, **kwargs)


def test_a_plain_move_records_who_when_and_why(make_experiment, people):
    experiment = make_experiment()
    move = workflow_move(actor=people.lead, subject=experiment, to_stage="exploration")
    experiment.refresh_from_db()
    assert experiment.stage.key == "exploration" and experiment.stage_version == 1
    assert (move.from_name, move.to_name, move.actor, move.decision) == (
        "Idee",
        "Verkenning",
        people.lead,
        "",
    )
    assert experiment.stage_entered_at == move.at
    assert list(subject_moves(experiment)) == [move]


def test_an_organisation_editor_may_move_too(make_experiment, people):
    experiment = make_experiment()
    workflow_move(actor=people.editor, subject=experiment, to_stage="exploration")
    assert experiment.stage.key == "exploration"  # the instance follows


def test_a_move_the_table_does_not_allow_is_refused_in_dutch(make_experiment, people):
    experiment = make_experiment()
    with translation.override("nl"), pytest.raises(NotAllowed) as error:
        workflow_move(actor=people.lead, subject=experiment, to_stage="scaling")
    assert str(error.value.message) == (
        "Een stap van “Idee” naar “Opschaling” is in dit traject niet toegestaan."
    )
    assert not Move.objects.exists()


def test_a_stage_of_another_pipeline_is_refused(make_experiment, people, pipeline):
    experiment = make_experiment()
    other = pipeline.stages.model.objects.exclude(workflow=pipeline).get(
        workflow__kind="initiative", key="exploration"
    )
    with pytest.raises(NotAllowed):
        workflow_move(actor=people.lead, subject=experiment, to_stage=other)
    with pytest.raises(NotAllowed):
        workflow_move(actor=people.lead, subject=experiment, to_stage="nowhere")


@pytest.mark.parametrize("who", ["viewer", "outsider", "gatekeeper"])
def test_someone_the_table_does_not_name_may_not_move(make_experiment, people, who):
    experiment = make_experiment()
    with translation.override("nl"), pytest.raises(NotAllowed) as error:
        workflow_move(actor=getattr(people, who), subject=experiment, to_stage="exploration")
    assert str(error.value.message) == (
        "Deze stap is alleen voor de eigenaar of redacteuren van de organisatie."
    )
    experiment.refresh_from_db()
    assert experiment.stage.key == "idea" and experiment.stage_version == 0


def test_an_anonymous_or_deactivated_user_may_not_move(make_experiment, people):
    from django.contrib.auth.models import AnonymousUser

    experiment = make_experiment()
    with pytest.raises(NotAllowed):
        workflow_move(actor=AnonymousUser(), subject=experiment, to_stage="exploration")
    people.editor.is_active = False
    people.editor.save()
    with pytest.raises(NotAllowed):
        workflow_move(actor=people.editor, subject=experiment, to_stage="exploration")


def test_a_gate_decision_by_someone_who_is_not_the_gatekeeper_is_refused(make_experiment, people):
    experiment = make_experiment("exploration")
    for actor in (people.lead, people.admin):
        with translation.override("nl"), pytest.raises(NotAllowed) as error:
            gate(experiment, actor, "pilot")
        assert str(error.value.message) == "Deze stap is alleen voor de poortwachter."
    assert not Move.objects.exists()


def test_the_gatekeeper_decides_go_with_answers_and_evidence(make_experiment, people):
    experiment = make_experiment("exploration")
    answers = answers_for(experiment)
    move = gate(experiment, people.gatekeeper, "pilot", evidence="Verkenningsrapport v2")
    assert experiment.stage.key == "pilot"
    assert (move.decision, move.answers, move.evidence) == ("go", answers, "Verkenningsrapport v2")


def test_a_gate_needs_a_decision_and_a_plain_move_takes_none(make_experiment, people):
    experiment = make_experiment("exploration")
    with translation.override("nl"), pytest.raises(ValidationFailed) as error:
        workflow_move(actor=people.gatekeeper, subject=experiment, to_stage="pilot")
    assert "poortbesluit" in str(error.value.message)
    idea = make_experiment()
    with pytest.raises(ValidationFailed):
        gate(idea, people.lead, "exploration")


@pytest.mark.parametrize(
    "decision,to", [("go", "stopped"), ("no_go", "pilot"), ("adjust", "pilot"), ("maybe", "pilot")]
)
def test_a_decision_must_fit_where_it_leads(make_experiment, people, decision, to):
    experiment = make_experiment("exploration", lessons="Te duur")
    with pytest.raises((ValidationFailed, NotAllowed)):
        gate(experiment, people.gatekeeper, to, decision=decision)
    assert not Move.objects.exists()


def test_adjust_keeps_the_stage_and_records_the_decision(make_experiment, people):
    experiment = make_experiment("pilot")
    entered = experiment.stage_entered_at
    move = gate(experiment, people.gatekeeper, "pilot", decision="adjust", reason="Kleiner")
    experiment.refresh_from_db()
    assert experiment.stage.key == "pilot" and experiment.stage_entered_at == entered
    assert experiment.stage_version == 1 and move.decision == "adjust"


def test_required_gate_answers_and_a_reason(make_experiment, people):
    experiment = make_experiment("exploration")
    questions = list(experiment.stage.gate_questions.filter(required=True))
    with translation.override("nl"), pytest.raises(ValidationFailed) as error:
        gate(experiment, people.gatekeeper, "pilot", answers={str(questions[0].pk): " "}, reason="")
    errors = error.value.field_errors
    assert set(errors) == {"reason", *(f"answers.{q.pk}" for q in questions)}
    assert errors["reason"] == ["Geef aan waarom."]
    with pytest.raises(ValidationFailed) as error:
        gate(experiment, people.gatekeeper, "pilot", answers={**answers_for(experiment), "0": "x"})
    assert "answers" in error.value.field_errors
    assert not Move.objects.exists()


def test_stopping_needs_the_lessons_and_a_reason(make_experiment, people):
    experiment = make_experiment("pilot")
    with translation.override("nl"), pytest.raises(ValidationFailed) as error:
        workflow_move(actor=people.lead, subject=experiment, to_stage="stopped", reason="Klaar")
    assert error.value.field_errors == {"lessons": ["Vul eerst “lessen” in."]}
    experiment.lessons = "Begin kleiner."
    experiment.save()
    with pytest.raises(ValidationFailed) as error:
        workflow_move(actor=people.lead, subject=experiment, to_stage="stopped")
    assert set(error.value.field_errors) == {"reason"}
    workflow_move(actor=people.lead, subject=experiment, to_stage="stopped", reason="Geen budget")
    assert experiment.stage.category == "closed_stopped"
    assert allowed_moves(experiment, people.editor) == []


def test_unparking_returns_to_the_stage_it_was_parked_from(make_experiment, people):
    experiment = make_experiment("pilot")
    workflow_move(actor=people.lead, subject=experiment, to_stage="parked", reason="Wachten")
    assert [t.to_stage.key for t in allowed_moves(experiment, people.lead)] == ["pilot"]
    with pytest.raises(NotAllowed):  # no way round the gates through the parking place
        workflow_move(actor=people.lead, subject=experiment, to_stage="scaling")
    workflow_move(actor=people.lead, subject=experiment, to_stage="pilot")
    assert experiment.stage.key == "pilot"


def test_allowed_moves_follow_the_roles(make_experiment, people):
    experiment = make_experiment("exploration")
    lead = {(t.to_stage.key, t.is_gate) for t in allowed_moves(experiment, people.lead)}
    keeper = {(t.to_stage.key, t.is_gate) for t in allowed_moves(experiment, people.gatekeeper)}
    assert lead == {("stopped", False), ("parked", False)}
    assert keeper == {
        ("pilot", True),
        ("stopped", True),
        ("parked", True),
        ("exploration", True),
    }
    assert allowed_moves(experiment, people.viewer) == []
    assert allowed_moves(experiment, people.outsider) == []


def test_platform_administrators_hold_the_organisation_roles_not_the_gate(
    make_experiment, platform_admin
):
    experiment = make_experiment("exploration")
    assert {t.to_stage.key for t in allowed_moves(experiment, platform_admin)} == {
        "stopped",
        "parked",
    }
    with pytest.raises(NotAllowed):
        gate(experiment, platform_admin, "pilot")


def test_two_moves_from_the_same_version_one_wins(make_experiment, people):
    experiment = make_experiment()
    seen_by_editor = type(experiment).objects.get(pk=experiment.pk)
    workflow_move(actor=people.lead, subject=experiment, to_stage="exploration", expected_version=0)
    with translation.override("nl"), pytest.raises(ConflictError) as error:
        workflow_move(actor=people.editor, subject=seen_by_editor, to_stage="parked", reason="x")
    assert str(error.value.message).startswith(
        "Iemand anders heeft “Slimme lantaarnpalen” intussen verplaatst"
    )
    with pytest.raises(ConflictError):
        workflow_move(
            actor=people.editor,
            subject=experiment,
            to_stage="parked",
            reason="x",
            expected_version=0,
        )
    assert Move.objects.count() == 1


def test_a_move_is_in_the_audit_trail(make_experiment, people):
    experiment = make_experiment("exploration")
    gate(experiment, people.gatekeeper, "pilot")
    entry = audit_history(experiment).get()
    assert entry.action == AuditEntry.Action.UPDATE and entry.actor == people.gatekeeper
    assert entry.changes["stage"] == ["exploration", "pilot"]
    assert entry.changes["decision"] == ["", "go"]
    assert entry.changes["stage_version"] == [0, 1]


@pytest.fixture
def heard():
    calls = []
    move_listeners.add("test-all", MoveListener("test-all", lambda m, s: calls.append((m, s))))
    move_listeners.add(
        "test-other", MoveListener("test-other", lambda m, s: calls.append("other"), ("award",))
    )
    yield calls
    del move_listeners._items["test-all"], move_listeners._items["test-other"]


def test_listeners_are_told_of_each_move_of_their_kind(make_experiment, people, heard):
    experiment = make_experiment()
    move = workflow_move(actor=people.lead, subject=experiment, to_stage="exploration")
    assert len(heard) == 1 and heard[0][0] == move and heard[0][1].pk == experiment.pk


def test_a_failing_listener_leaves_nothing_half_saved(make_experiment, people):
    def broken(move, subject):
        raise RuntimeError("mail server down")

    move_listeners.add("test-broken", MoveListener("test-broken", broken))
    experiment = make_experiment()
    try:
        with pytest.raises(RuntimeError):
            workflow_move(actor=people.lead, subject=experiment, to_stage="exploration")
    finally:
        del move_listeners._items["test-broken"]
    experiment.refresh_from_db()
    assert experiment.stage.key == "idea" and experiment.stage_version == 0
    assert not Move.objects.exists() and not audit_history(experiment).exists()


def test_a_move_is_never_changed(make_experiment, people):
    move = workflow_move(actor=people.lead, subject=make_experiment(), to_stage="exploration")
    move.reason = "later rewritten"
    with pytest.raises(ValueError):
        move.save()


def test_the_moves_out_of_a_parked_stage_cost_no_extra_query(make_experiment, people):
    """The park rule is part of the transitions' query, so a page's query count does not
    depend on whether its subject is parked."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    moving, parked = make_experiment("pilot"), make_experiment("pilot")
    workflow_move(actor=people.lead, subject=parked, to_stage="parked", reason="Wachten")
    counts = []
    for subject in (moving, parked):
        allowed_moves(subject, people.lead)  # the roles, read once per user
        with CaptureQueriesContext(connection) as queries:
            assert allowed_moves(subject, people.lead)
        counts.append(len(queries))
    assert counts[0] == counts[1]
