"""Writes to adoptions: permissions, invariants with Dutch messages and nothing stored
half, the status course, audit, notifications and the adopter's own initiative."""

import datetime
from decimal import Decimal

import pytest

from proeftuin.accounts.models import Role
from proeftuin.core.models import AuditEntry
from proeftuin.core.service import ConflictError, DuplicateError, NotAllowed, ValidationFailed
from proeftuin.diffusion.models import Adoption, AdoptionStep
from proeftuin.diffusion.service import (
    adoption_make_initiative,
    adoption_set_status,
    adoption_start,
    adoption_update,
    adoption_withdraw,
)
from proeftuin.notifications.models import Notification
from proeftuin.portfolio.service import kpi_save, learning_question_save
from tests.factories import OrganisationFactory, make_initiative

pytestmark = pytest.mark.django_db


def _start(actor, innovation, adopter, **data):
    return adoption_start(actor=actor, innovation=innovation, adopter=adopter, **data)


def test_start_records_audits_and_tells_the_innovator(
    innovation, innovator, adopter, adopter_editor, make_member
):
    innovator_editor = make_member(innovator, Role.EDITOR)
    innovator_viewer = make_member(innovator, Role.VIEWER)
    adoption = _start(adopter_editor, innovation, adopter)
    assert adoption.status == "interested" and adoption.source is None
    assert adoption.created_by == adopter_editor
    assert list(adoption.steps.values_list("status", flat=True)) == ["interested"]
    assert AuditEntry.objects.filter(object_uuid=adoption.uuid, action="create").exists()
    told = Notification.objects.filter(event="diffusion.adoption_started")
    assert set(told.values_list("recipient", flat=True)) == {innovator_editor.pk}
    assert innovator_viewer.pk not in told.values_list("recipient", flat=True)
    assert "Gemeente Almere" in told.get().title


def test_only_editors_of_the_adopter_may_start(innovation, adopter, make_member):
    contributor = make_member(adopter, Role.CONTRIBUTOR)
    with pytest.raises(NotAllowed):
        _start(contributor, innovation, adopter)
    other_editor = make_member(OrganisationFactory(), Role.EDITOR)
    with pytest.raises(NotAllowed):
        _start(other_editor, innovation, adopter)
    assert not Adoption.objects.exists()


def test_an_invisible_innovation_cannot_be_adopted(innovator, adopter, adopter_editor):
    hidden = make_initiative(innovator, title="Geheim", status="draft", visibility="private")
    with pytest.raises(NotAllowed):
        _start(adopter_editor, hidden, adopter)


def test_bad_input_has_dutch_messages_and_stores_nothing(
    innovation, innovator, adopter, adopter_editor, make_member
):
    innovator_editor = make_member(innovator, Role.EDITOR)
    with pytest.raises(ValidationFailed) as own:
        _start(innovator_editor, innovation, innovator)
    assert str(own.value.message) == "Een organisatie kan haar eigen innovatie niet overnemen."
    with pytest.raises(ValidationFailed) as abandoned:
        _start(adopter_editor, innovation, adopter, status="abandoned")
    assert "afgebroken" in str(abandoned.value.message)
    assert not Adoption.objects.exists() and not AdoptionStep.objects.exists()
    _start(adopter_editor, innovation, adopter)
    with pytest.raises(DuplicateError) as twice:
        _start(adopter_editor, innovation, adopter)
    assert "heeft deze innovatie al" in str(twice.value.message)
    assert Adoption.objects.count() == 1


def test_a_cycle_through_update_is_refused(innovation, adopter, third, make_member):
    admin_like = make_member(adopter, Role.EDITOR)
    third_editor = make_member(third, Role.EDITOR)
    first = _start(admin_like, innovation, adopter)
    second = _start(third_editor, innovation, third, source=first)
    with pytest.raises(ValidationFailed) as refused:
        adoption_update(actor=admin_like, adoption=first, source=second)
    assert "cirkel" in str(refused.value.message)
    first.refresh_from_db()
    assert first.source is None and first.version == 1


def test_status_course(innovation, adopter, adopter_editor):
    adoption = _start(adopter_editor, innovation, adopter, started_on=datetime.date(2024, 1, 1))
    day = datetime.date(2024, 6, 1)
    adoption_set_status(actor=adopter_editor, adoption=adoption, status="adapted", on=day)
    adoption.refresh_from_db()
    assert adoption.adopted_on == day and adoption.status == "adapted"
    with pytest.raises(ValidationFailed):
        adoption_set_status(actor=adopter_editor, adoption=adoption, status="abandoned")
    adoption.refresh_from_db()
    assert adoption.status == "adapted"
    adoption_set_status(
        actor=adopter_editor, adoption=adoption, status="abandoned", reason="Wet veranderd."
    )
    adoption.refresh_from_db()
    assert adoption.abandoned_reason == "Wet veranderd." and adoption.ended_on
    steps = list(adoption.steps.values_list("previous", "status", "reason"))
    assert steps[-1] == ("adapted", "abandoned", "Wet veranderd.")
    assert len(steps) == 3
    with pytest.raises(ValidationFailed):
        adoption_set_status(
            actor=adopter_editor, adoption=adoption, status="piloting", on=datetime.date(2023, 1, 1)
        )


def test_update_adaptations_and_measures(innovation, adopter, adopter_editor, make_member):
    adoption = _start(adopter_editor, innovation, adopter)
    measures = [{"measure": "wachttijd", "unit": "days", "baseline": Decimal(90), "value": 30}]
    adoption_update(
        actor=adopter_editor,
        adoption=adoption,
        adaptations="Aangepast aan onze wijkteams.",
        measures=measures,
    )
    adoption.refresh_from_db()
    assert adoption.adaptations == "Aangepast aan onze wijkteams."
    assert adoption.measures.get().value == 30
    with pytest.raises(ValidationFailed):
        adoption_update(actor=adopter_editor, adoption=adoption, measures=[{"measure": "x"}])
    assert adoption.measures.count() == 1
    with pytest.raises(NotAllowed):
        adoption_update(actor=make_member(adopter, Role.CONTRIBUTOR), adoption=adoption)


def test_withdraw_keeps_the_chain(innovation, adopter, third, adopter_editor, make_member):
    fourth = OrganisationFactory()
    first = _start(adopter_editor, innovation, adopter)
    second = _start(make_member(third, Role.EDITOR), innovation, third, source=first)
    third_row = _start(make_member(fourth, Role.EDITOR), innovation, fourth, source=second)
    adoption_withdraw(actor=make_member(third, Role.EDITOR), adoption=second)
    third_row.refresh_from_db()
    assert third_row.source == first
    assert AuditEntry.objects.filter(object_uuid=second.uuid, action="delete").exists()


def test_own_initiative_inherits_problem_kpis_and_questions(
    innovation, innovator, adopter, adopter_editor, make_member
):
    lead = make_member(innovator, Role.EDITOR)
    kpi_save(
        actor=lead,
        initiative=innovation,
        measure="wachttijd",
        unit="days",
        target=10,
        direction="lower",
        baseline=80,
    )
    learning_question_save(
        actor=lead, initiative=innovation, text="Werkt het ook op het platteland?"
    )
    adoption = _start(adopter_editor, innovation, adopter)
    own = adoption_make_initiative(actor=adopter_editor, adoption=adoption)
    assert own.owner == adopter and own.status == "draft" and own.visibility == "organisation"
    assert own.problem == innovation.problem
    assert list(own.inspired_by.all()) == [innovation]
    kpi = own.kpis.get()
    assert (kpi.measure, kpi.target, kpi.baseline) == ("wachttijd", 10, None)
    assert own.learning_questions.get().text == "Werkt het ook op het platteland?"
    adoption.refresh_from_db()
    assert adoption.adopter_initiative == own
    with pytest.raises(ConflictError) as again:
        adoption_make_initiative(actor=adopter_editor, adoption=adoption)
    assert "al een eigen initiatief" in str(again.value)


def test_own_initiative_from_a_case(case, adopter, adopter_editor):
    adoption = _start(adopter_editor, case, adopter)
    own = adoption_make_initiative(actor=adopter_editor, adoption=adoption)
    assert own.problem == case.summary
    assert list(own.inspired_by_cases.all()) == [case]
    assert own.kpis.get().direction == "lower"  # the case's outcome decreased
