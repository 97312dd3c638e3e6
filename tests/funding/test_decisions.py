"""Deciding applications: grant and reject, and every refusal (budget, amount above the
request, a reason missing, the wrong stage, a non-manager) leaving nothing saved."""

from decimal import Decimal

import pytest
from django.utils import translation

from proeftuin.core.service import ConflictError, Move, NotAllowed, ValidationFailed, audit_history
from proeftuin.funding.models import Application, DecisionLetter, Obligation
from proeftuin.funding.services_decisions import decision_make, remaining_budget
from proeftuin.notifications.service import Notification
from tests.funding.decide_support import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def refused(call, error=ValidationFailed) -> str:
    with translation.override("nl"), pytest.raises(error) as caught:
        call()
    problems = [str(m) for ms in caught.value.field_errors.values() for m in ms]
    return " ".join([str(caught.value.message), *problems])


def test_grant_moves_to_granted_with_letter_obligations_and_notification(world):
    application = world.application()
    decided = decision_make(
        actor=world.manager,
        application=application,
        outcome="granted",
        amount="35000",
        conditions="Deel de resultaten.",
    )
    row = Application.objects.get(pk=application.pk)
    assert row.stage.key == "granted" and row.outcome == "granted"
    assert row.granted_amount == Decimal("35000.00") and row.conditions == "Deel de resultaten."
    assert row.decided_by == world.manager and row.decided_at is not None
    assert row.version == application.version + 1 == decided.version
    assert Move.objects.filter(object_id=row.pk, to_stage__key="granted").count() == 1
    letter = DecisionLetter.objects.get(application=row)
    assert "toegekend" in letter.subject and "35.000" in letter.body
    kinds = list(Obligation.objects.filter(application=row).values_list("kind", flat=True))
    assert kinds.count("progress_report") == 3 and "transfer" in kinds  # 12 months, every 3
    told = Notification.objects.filter(event="funding.decided")
    assert {n.recipient for n in told} == {world.applicant, world.co_applicant}
    entry = next(e for e in audit_history(row) if "outcome" in e.changes)
    assert entry.actor == world.manager and entry.changes["outcome"] == ["", "granted"]
    assert entry.changes["granted_amount"] == [None, "35000.00"]


def test_reject_needs_reasons_and_keeps_them(world):
    application = world.application()
    message = refused(
        lambda: decision_make(actor=world.manager, application=application, outcome="rejected")
    )
    assert "Geef de redenen van de afwijzing" in message
    decision_make(
        actor=world.manager,
        application=Application.objects.get(pk=application.pk),
        outcome="rejected",
        reasons="Past niet in de ronde.",
    )
    row = Application.objects.get(pk=application.pk)
    assert row.stage.key == "rejected" and row.decision_reason == "Past niet in de ronde."
    assert row.granted_amount is None
    move = Move.objects.get(object_id=row.pk, to_stage__key="rejected")
    assert move.reason == "Past niet in de ronde."


def test_amount_above_requested_is_refused_and_nothing_saved(world):
    application = world.application(amount_requested=Decimal("40000"))
    message = refused(
        lambda: decision_make(
            actor=world.manager, application=application, outcome="granted", amount="40000.01"
        )
    )
    assert "hoger dan het aangevraagde bedrag (EUR 40.000)" in message
    row = Application.objects.get(pk=application.pk)
    assert row.stage.key == "decision" and row.outcome == "" and row.version == 1
    assert not DecisionLetter.objects.exists() and not Move.objects.exists()


def test_grant_above_remaining_round_budget_is_refused(world):
    first = world.application(amount_requested=Decimal("70000"))
    second = world.application(amount_requested=Decimal("40000"))
    decision_make(actor=world.manager, application=first, outcome="granted", amount="70000")
    assert remaining_budget(world.round) == Decimal("30000")
    message = refused(
        lambda: decision_make(
            actor=world.manager, application=second, outcome="granted", amount="30000.50"
        )
    )
    assert "overschrijdt het resterende budget van de ronde (EUR 30.000 over)" in message
    assert Application.objects.get(pk=second.pk).outcome == ""
    decision_make(actor=world.manager, application=second, outcome="granted", amount="30000")
    assert remaining_budget(world.round) == 0


def test_grant_above_remaining_category_budget_is_refused(world):
    small = world.category(amount="50000")
    first = world.application(category=small)
    second = world.application(category=small)
    other = world.application()
    decision_make(actor=world.manager, application=first, outcome="granted", amount="30000")
    message = refused(
        lambda: decision_make(
            actor=world.manager, application=second, outcome="granted", amount="25000"
        )
    )
    assert "categorie Klein (EUR 20.000 over)" in message
    # outside the category the round's budget still counts
    decision_make(actor=world.manager, application=other, outcome="granted", amount="40000")
    assert remaining_budget(world.round, small) == Decimal("20000")


@pytest.mark.parametrize("amount", ["", "0", "-5", "veel"])
def test_a_grant_needs_a_positive_amount(world, amount):
    application = world.application()
    message = refused(
        lambda: decision_make(
            actor=world.manager, application=application, outcome="granted", amount=amount
        )
    )
    assert "bedrag" in message
    assert Application.objects.get(pk=application.pk).outcome == ""


def test_only_an_application_ready_for_decision_is_decided(world):
    application = world.application(stage="in_review")
    message = refused(
        lambda: decision_make(
            actor=world.manager, application=application, outcome="granted", amount="1000"
        )
    )
    assert "klaar voor besluit" in message


@pytest.mark.parametrize("who", ["applicant", "outsider", "co_applicant"])
def test_non_managers_cannot_decide(world, who):
    application = world.application()
    message = refused(
        lambda: decision_make(
            actor=getattr(world, who), application=application, outcome="granted", amount="1000"
        ),
        NotAllowed,
    )
    assert "beheerders" in message
    assert Application.objects.get(pk=application.pk).outcome == ""


def test_a_second_manager_with_the_old_version_gets_a_conflict(world):
    application = world.application()
    seen_by_first = Application.objects.get(pk=application.pk)
    seen_by_second = Application.objects.get(pk=application.pk)
    decision_make(actor=world.manager, application=seen_by_first, outcome="granted", amount="10000")
    with pytest.raises(ConflictError):
        decision_make(
            actor=world.other_manager,
            application=seen_by_second,
            outcome="rejected",
            reasons="Toch niet",
        )
    row = Application.objects.get(pk=application.pk)
    assert row.outcome == "granted" and row.decided_by == world.manager
    assert DecisionLetter.objects.filter(application=row).count() == 1
