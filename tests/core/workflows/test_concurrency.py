"""Two people move the same record at the same moment: the row lock makes the second wait,
then see the new version, so exactly one move wins and the other gets the Dutch conflict.
Real concurrency needs PostgreSQL (SQLite serialises whole transactions; test_moves.py checks
the version rule itself there)."""

import threading

import pytest
from django.db import connection
from django.utils import translation

from proeftuin.core.service import ConflictError, Move, workflow_move
from tests.workflowsubject.models import Experiment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (TEST_DATABASE_URL)"
    ),
]


def test_two_people_moving_at_once_one_wins(make_experiment, people):
    pk = make_experiment("pilot", lessons="Te duur").pk
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def attempt(name, actor, to_stage, reason):
        from django.db import connection as own

        subject = Experiment.objects.get(pk=pk)  # both read version 0
        start.wait()
        try:
            with translation.override("nl"):
                outcomes[name] = workflow_move(
                    actor=actor, subject=subject, to_stage=to_stage, reason=reason
                )
        except ConflictError as error:
            outcomes[name] = str(error.message)
        finally:
            own.close()

    threads = [
        threading.Thread(target=attempt, args=("park", people.lead, "parked", "Wachten")),
        threading.Thread(target=attempt, args=("stop", people.editor, "stopped", "Te duur")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    moves = [o for o in outcomes.values() if isinstance(o, Move)]
    conflicts = [o for o in outcomes.values() if isinstance(o, str)]
    assert len(moves) == 1 and len(conflicts) == 1, outcomes
    assert conflicts[0].startswith("Iemand anders heeft “Slimme lantaarnpalen” intussen")
    subject = Experiment.objects.get(pk=pk)
    assert subject.stage == moves[0].to_stage and subject.stage_version == 1
    assert Move.objects.count() == 1


def test_two_administrators_editing_a_pipeline_at_once_one_wins(pipeline, people):
    from proeftuin.core.service import Workflow, workflow_copy_default, workflow_editing

    pk = workflow_copy_default("experiment", people.organisation, people.admin).pk
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def attempt(name):
        from django.db import connection as own

        workflow = Workflow.objects.get(pk=pk)  # both read version 0
        start.wait()
        try:
            with translation.override("nl"):
                outcomes[name] = workflow_editing.stage_update(
                    actor=people.admin,
                    workflow=workflow,
                    expected_version=0,
                    stage="idea",
                    name=name,
                    category="open",
                    is_initial=True,
                )
        except ConflictError as error:
            outcomes[name] = str(error.message)
        finally:
            own.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in ("Kans", "Ingeving")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    conflicts = [o for o in outcomes.values() if isinstance(o, str)]
    assert len(conflicts) == 1, outcomes
    assert conflicts[0].startswith("Iemand anders heeft dit traject intussen gewijzigd")
    workflow = Workflow.objects.get(pk=pk)
    winner = next(n for n, o in outcomes.items() if not isinstance(o, str))
    assert workflow.version == 1 and workflow.stages.get(key="idea").name == winner
