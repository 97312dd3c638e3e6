"""Learning agenda, reflections, KPIs and measurements, budget and hours."""

import datetime
from decimal import Decimal

import pytest

from proeftuin.core.errors import ConflictError, NotAllowed, ValidationFailed
from proeftuin.core.models import AuditEntry
from proeftuin.portfolio.models import Initiative, LearningQuestion, Reflection
from proeftuin.portfolio.services_parts import (
    budget_line_save,
    hours_save,
    initiative_part_delete,
    kpi_save,
    learning_question_save,
    measurement_save,
    reflection_save,
)
from tests.factories import UserFactory, make_initiative

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def actor(initiative):
    return initiative.created_by


def test_learning_questions_are_ordered(initiative, actor):
    first = learning_question_save(actor=actor, initiative=initiative, text="Werkt het?")
    second = learning_question_save(actor=actor, initiative=initiative, text="Voor wie?")
    assert (first.order, second.order) == (0, 1)
    learning_question_save(actor=actor, question=first, text="Werkt het echt?", order=5)
    texts = list(initiative.learning_questions.values_list("text", flat=True))
    assert texts == ["Voor wie?", "Werkt het echt?"]
    assert AuditEntry.objects.filter(object_uuid=first.uuid).count() == 2


def test_empty_question_refused(initiative, actor):
    with pytest.raises(ValidationFailed):
        learning_question_save(actor=actor, initiative=initiative, text="  ")
    assert not LearningQuestion.objects.exists()


def test_outsider_cannot_write_parts(initiative):
    with pytest.raises(NotAllowed):
        learning_question_save(actor=UserFactory(), initiative=initiative, text="Ha")
    with pytest.raises(NotAllowed):
        kpi_save(
            actor=UserFactory(),
            initiative=initiative,
            measure="x",
            unit="count",
            direction="higher",
        )


def test_reflection_moves_the_due_date(initiative, actor):
    question = learning_question_save(actor=actor, initiative=initiative, text="Werkt het?")
    Initiative.objects.filter(pk=initiative.pk).update(started_on=DAY)
    reflection = reflection_save(
        actor=actor,
        initiative=initiative,
        date=DAY + datetime.timedelta(days=10),
        unexpected="Meer aanmeldingen.",
        questions=[question],
    )
    initiative.refresh_from_db()
    assert initiative.reflection_due == DAY + datetime.timedelta(days=40)
    assert list(reflection.questions.all()) == [question]
    assert reflection.author == actor
    initiative_part_delete(actor=actor, part=reflection)
    initiative.refresh_from_db()
    assert initiative.reflection_due == DAY + datetime.timedelta(days=30)  # from the start
    assert not Reflection.objects.exists()


def test_reflection_only_answers_own_questions(initiative, actor, lead):
    other = make_initiative(lead, title="Ander")
    foreign = LearningQuestion.objects.create(initiative=other, text="Elders?")
    with pytest.raises(ValidationFailed):
        reflection_save(actor=actor, initiative=initiative, date=DAY, questions=[foreign])


def _kpi(initiative, actor, **extra):
    data = {"measure": "Doorlooptijd", "unit": "days", "direction": "lower", **extra}
    return kpi_save(actor=actor, initiative=initiative, **data)


def test_measurement_in_another_unit_is_refused(initiative, actor):
    kpi = _kpi(initiative, actor, baseline=Decimal("90"), target=Decimal("30"))
    with pytest.raises(ValidationFailed) as error:
        measurement_save(actor=actor, kpi=kpi, date=DAY, value=Decimal("3"), unit="hours")
    assert error.value.field_errors["unit"]
    measurement = measurement_save(
        actor=actor, kpi=kpi, date=DAY, value=Decimal("45,5".replace(",", ".")), unit="days"
    )
    assert measurement.value == Decimal("45.5")
    with pytest.raises(ValidationFailed):
        _kpi_change_unit(kpi, actor)


def _kpi_change_unit(kpi, actor):
    return kpi_save(actor=actor, kpi=kpi, measure=kpi.measure, unit="hours", direction="lower")


def test_kpi_edit_conflict(initiative, actor):
    kpi = _kpi(initiative, actor)
    stale = kpi.updated_at.isoformat()
    kpi_save(
        actor=actor, kpi=kpi, expected_updated_at=stale, measure="A", unit="days", direction="lower"
    )
    with pytest.raises(ConflictError):
        kpi_save(
            actor=actor,
            kpi=kpi,
            expected_updated_at=stale,
            measure="B",
            unit="days",
            direction="lower",
        )


def _line(initiative, actor, **extra):
    data = {
        "year": 2026,
        "funding_source": "Innovatiebudget",
        "planned": Decimal("10000"),
        "committed": Decimal("8000"),
        "spent": Decimal("12000"),
        **extra,
    }
    return budget_line_save(actor=actor, initiative=initiative, **data)


def test_overspending_needs_confirmation_and_reason(initiative, actor):
    with pytest.raises(ValidationFailed) as error:
        _line(initiative, actor)
    assert "spent" in error.value.field_errors
    with pytest.raises(ValidationFailed):
        _line(initiative, actor, confirm_overspend=True, overspend_reason=" ")
    line = _line(initiative, actor, confirm_overspend=True, overspend_reason="Extra licenties")
    assert line.overspend_reason == "Extra licenties"
    line = budget_line_save(
        actor=actor,
        line=line,
        year=2026,
        funding_source="Innovatiebudget",
        planned=Decimal("20000"),
        committed=Decimal("0"),
        spent=Decimal("12000"),
        overspend_reason="Extra licenties",
    )
    assert line.overspend_reason == ""  # no longer above plan: no reason kept


def test_hours_validation(initiative, actor):
    with pytest.raises(ValidationFailed):
        hours_save(
            actor=actor,
            initiative=initiative,
            role="Onderzoeker",
            hours_per_week=Decimal("16"),
            start=DAY,
            end=DAY - datetime.timedelta(days=1),
        )
    hours = hours_save(
        actor=actor,
        initiative=initiative,
        role="Onderzoeker",
        hours_per_week=Decimal("16"),
        start=DAY,
        end=None,
    )
    assert hours.hours_per_week == 16
