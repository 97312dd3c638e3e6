"""A batch of decisions is saved all-or-nothing, and two managers deciding the same
application at the same moment: one wins, the other gets the Dutch conflict."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation

from proeftuin.core.service import ConflictError, Move, NotAllowed, ValidationFailed
from proeftuin.funding.models import Application, DecisionLetter, Obligation
from proeftuin.funding.services_decisions import DecisionInput, decision_make, decisions_batch
from proeftuin.notifications.service import Notification
from tests.funding.decide_support import make_world


@pytest.fixture
def world(db):
    return make_world(budget="100000")


@pytest.mark.django_db
def test_a_batch_decides_every_application(world):
    first, second, third = (world.application() for _ in range(3))
    done = decisions_batch(
        actor=world.manager,
        decisions=[
            DecisionInput(first, "granted", amount="40000", conditions="Rapporteer"),
            DecisionInput(second, "rejected", reasons="Te weinig vernieuwend."),
            DecisionInput(third, "granted", amount=Decimal("20000")),
        ],
    )
    assert [a.outcome for a in done] == ["granted", "rejected", "granted"]
    stages = dict(Application.objects.values_list("pk", "stage__key"))
    assert stages == {first.pk: "granted", second.pk: "rejected", third.pk: "granted"}
    assert DecisionLetter.objects.count() == 3


@pytest.mark.django_db
def test_one_refusal_undoes_the_whole_batch_and_names_the_application(world):
    first = world.application(title="Wijkteams", amount_requested=Decimal("40000"))
    second = world.application(title="Slimme lantaarns", amount_requested=Decimal("40000"))
    third = world.application(title="Te duur", amount_requested=Decimal("40000"))
    with translation.override("nl"), pytest.raises(ValidationFailed) as caught:
        decisions_batch(
            actor=world.manager,
            decisions=[
                DecisionInput(first, "granted", amount="40000"),
                DecisionInput(second, "granted", amount="40000"),
                # only 20,000 is left of the round's 100,000 after the first two
                DecisionInput(third, "granted", amount="30000"),
            ],
        )
    message = str(caught.value.message)
    assert message.startswith("Aanvraag “Te duur”: ")
    assert "resterende budget van de ronde (EUR 20.000 over)" in message
    assert not Application.objects.exclude(outcome="").exists()
    assert set(Application.objects.values_list("stage__key", flat=True)) == {"decision"}
    assert not Move.objects.exists() and not DecisionLetter.objects.exists()
    assert not Obligation.objects.exists()
    assert not Notification.objects.filter(event="funding.decided").exists()


@pytest.mark.django_db
def test_a_missing_reason_in_a_batch_names_the_application(world):
    first, second = world.application(), world.application(title="Zonder reden")
    with translation.override("nl"), pytest.raises(ValidationFailed) as caught:
        decisions_batch(
            actor=world.manager,
            decisions=[
                DecisionInput(first, "granted", amount="1000"),
                DecisionInput(second, "rejected"),
            ],
        )
    assert str(caught.value.message) == (
        "Aanvraag “Zonder reden”: Geef de redenen van de afwijzing."
    )
    assert Application.objects.get(pk=first.pk).outcome == ""


@pytest.mark.django_db
def test_a_batch_refuses_the_same_application_twice_and_an_empty_batch(world):
    application = world.application()
    with pytest.raises(ValidationFailed):
        decisions_batch(actor=world.manager, decisions=[])
    with pytest.raises(ValidationFailed):
        decisions_batch(
            actor=world.manager,
            decisions=[
                DecisionInput(application, "granted", amount="1000"),
                DecisionInput(application, "granted", amount="1000"),
            ],
        )
    assert Application.objects.get(pk=application.pk).outcome == ""


@pytest.mark.django_db
def test_a_conflict_in_a_batch_stays_a_conflict(world):
    first, second = world.application(), world.application()
    stale = Application.objects.get(pk=second.pk)
    decision_make(actor=world.other_manager, application=second, outcome="granted", amount="5")
    with pytest.raises(ConflictError):
        decisions_batch(
            actor=world.manager,
            decisions=[
                DecisionInput(first, "granted", amount="1000"),
                DecisionInput(stale, "rejected", reasons="Nee"),
            ],
        )
    assert Application.objects.get(pk=first.pk).outcome == ""


@pytest.mark.django_db
def test_a_non_manager_cannot_decide_a_batch(world):
    application = world.application()
    with pytest.raises(NotAllowed):
        decisions_batch(
            actor=world.applicant, decisions=[DecisionInput(application, "granted", amount="1")]
        )
    assert Application.objects.get(pk=application.pk).outcome == ""


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (TEST_DATABASE_URL)"
)
def test_two_managers_deciding_at_once_one_wins(world):
    pk = world.application().pk
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def attempt(name, actor, outcome, amount, reasons):
        from django.db import connection as own

        application = Application.objects.get(pk=pk)  # both read version 1
        start.wait()
        try:
            with translation.override("nl"):
                outcomes[name] = decision_make(
                    actor=actor,
                    application=application,
                    outcome=outcome,
                    amount=amount,
                    reasons=reasons,
                )
        except ConflictError as error:
            outcomes[name] = str(error.message)
        finally:
            own.close()

    threads = [
        threading.Thread(target=attempt, args=("grant", world.manager, "granted", "9000", "")),
        threading.Thread(
            target=attempt, args=("reject", world.other_manager, "rejected", None, "Nee")
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    won = [o for o in outcomes.values() if isinstance(o, Application)]
    lost = [o for o in outcomes.values() if isinstance(o, str)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    assert lost[0].startswith("Iemand anders heeft dit gewijzigd")
    row = Application.objects.get(pk=pk)
    assert row.outcome == won[0].outcome and row.version == 2
    assert DecisionLetter.objects.filter(application_id=pk).count() == 1
    assert Move.objects.filter(object_id=pk).count() == 1
