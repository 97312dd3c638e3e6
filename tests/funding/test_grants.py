"""After the grant: the application becomes an initiative (or adds the grant to the one it
started from), its obligations are planned and fulfilled, and its tranches stay within the
amount granted."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from proeftuin.core.service import NotAllowed, ValidationFailed, workflow_move
from proeftuin.funding.models import Application, Obligation, Tranche
from proeftuin.funding.services_decisions import decision_make
from proeftuin.funding.services_grants import (
    add_months,
    grant_to_initiative,
    obligation_fulfil,
    tranche_pay,
    tranche_plan,
)
from proeftuin.portfolio.service import Initiative
from tests.factories import MembershipFactory, OrganisationFactory, make_initiative
from tests.funding.decide_support import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def granted(world, amount="30000", **fields):
    application = world.application(**fields)
    decision_make(actor=world.manager, application=application, outcome="granted", amount=amount)
    return Application.objects.get(pk=application.pk)


def message_of(call, error=ValidationFailed) -> str:
    with translation.override("nl"), pytest.raises(error) as caught:
        call()
    return " ".join(
        [
            str(caught.value.message),
            *(str(m) for ms in caught.value.field_errors.values() for m in ms),
        ]
    )


def test_a_grant_becomes_an_initiative_in_one_step(world):
    partner = OrganisationFactory()
    application = granted(
        world, total_cost=Decimal("100000"), problem="Lange wachttijden", idea="Een klantreis"
    )
    application.partners.create(organisation=partner)
    initiative, skipped = grant_to_initiative(
        actor=world.manager, application=application, kind="process"
    )
    assert skipped == []
    initiative = Initiative.objects.get(pk=initiative.pk)
    assert initiative.owner == world.organisation and initiative.title == application.title
    assert (
        initiative.problem == "Lange wachttijden" and initiative.intended_result == "Een klantreis"
    )
    assert list(initiative.partners.all()) == [partner]
    team = {(m.user, m.role) for m in initiative.team.all()}
    assert team == {(world.applicant, "owner"), (world.co_applicant, "team")}
    lines = {(b.funding_source, b.planned, b.committed) for b in initiative.budget.all()}
    source = f"{world.round.fund.name}: {world.round.title}"
    assert lines == {
        (source, Decimal("30000.00"), Decimal("30000.00")),
        (f"Cofinanciering {world.organisation.name}", Decimal("70000.00"), Decimal("0.00")),
    }
    assert Application.objects.get(pk=application.pk).initiative == initiative
    message = message_of(lambda: grant_to_initiative(actor=world.manager, application=application))
    assert "staat al in de begroting" in message
    assert Initiative.objects.count() == 1


def test_a_grant_is_added_to_the_initiative_the_application_started_from(world):
    initiative = make_initiative(world.organisation, actor=world.applicant)
    application = granted(world, initiative=initiative, total_cost=Decimal("30000"))
    result, _skipped = grant_to_initiative(actor=world.manager, application=application)
    assert result == initiative and Initiative.objects.count() == 1
    assert [b.planned for b in initiative.budget.all()] == [Decimal("30000.00")]


def test_co_applicants_who_left_are_not_put_on_the_team(world):
    application = granted(world)
    leaver = MembershipFactory(organisation=OrganisationFactory()).user
    application.team.add(leaver)
    _initiative, skipped = grant_to_initiative(actor=world.manager, application=application)
    assert skipped == [leaver.username]


def test_only_managers_and_only_granted_applications(world):
    application = granted(world)
    assert "beheerders" in message_of(
        lambda: grant_to_initiative(actor=world.applicant, application=application), NotAllowed
    )
    waiting = world.application()
    assert "Alleen een toegekende aanvraag" in message_of(
        lambda: grant_to_initiative(actor=world.manager, application=waiting)
    )
    assert not Initiative.objects.exists()


def test_obligations_follow_the_duration(world):
    application = granted(world, duration_months=9)
    start = timezone.localdate(application.decided_at)
    rows = list(Obligation.objects.filter(application=application).values_list("kind", "due_on"))
    assert rows == [
        ("progress_report", add_months(start, 3)),
        ("reflection", add_months(start, 4)),
        ("progress_report", add_months(start, 6)),
        ("final_report", add_months(start, 9)),
        ("transfer", add_months(start, 9) + datetime.timedelta(days=30)),
    ]


def test_obligations_are_fulfilled_by_applicants_or_managers_once(world):
    application = granted(world)
    first, second = Obligation.objects.filter(application=application)[:2]
    assert "aanvragers en de beheerders" in message_of(
        lambda: obligation_fulfil(actor=world.outsider, obligation=first, evidence="x"), NotAllowed
    )
    assert "Beschrijf hoe" in message_of(
        lambda: obligation_fulfil(actor=world.applicant, obligation=first, evidence="  ")
    )
    obligation_fulfil(actor=world.applicant, obligation=first, evidence="https://example.org/r1")
    obligation_fulfil(actor=world.manager, obligation=second, evidence="Besproken")
    assert "al voldaan" in message_of(
        lambda: obligation_fulfil(actor=world.manager, obligation=first, evidence="nog eens")
    )
    first.refresh_from_db()
    assert first.fulfilled_by == world.applicant and first.evidence == "https://example.org/r1"


def test_a_stopped_initiative_brings_the_transfer_forward(world):
    application = granted(world, duration_months=24)
    initiative, _skipped = grant_to_initiative(actor=world.manager, application=application)
    initiative = Initiative.objects.get(pk=initiative.pk)
    initiative.lessons = "Te vroeg begonnen."
    initiative.save(update_fields=["lessons"])
    workflow_move(actor=world.applicant, subject=initiative, to_stage="stopped", reason="Gestopt")
    soon = timezone.localdate() + datetime.timedelta(days=30)
    rows = dict(Obligation.objects.filter(application=application).values_list("kind", "due_on"))
    assert rows["transfer"] == soon and rows["final_report"] == soon
    later = Obligation.objects.filter(application=application, due_on__gt=soon)
    assert not later.exists()


def test_tranches_never_exceed_the_grant(world):
    application = granted(world, amount="30000")
    tranche_plan(actor=world.manager, application=application, milestone="Start", amount="10000")
    tranche_plan(actor=world.manager, application=application, milestone="Pilot", amount="15000")
    message = message_of(
        lambda: tranche_plan(
            actor=world.manager, application=application, milestone="Eind", amount="5000,01"
        )
    )
    assert (
        "boven het toegekende bedrag (EUR 30.000)" in message and "EUR 5.000 te verdelen" in message
    )
    assert Tranche.objects.filter(application=application).count() == 2
    tranche_plan(actor=world.manager, application=application, milestone="Eind", amount="5000")


def test_tranche_bad_input(world):
    application = granted(world)
    waiting = world.application()
    assert "Alleen een toegekende aanvraag" in message_of(
        lambda: tranche_plan(actor=world.manager, application=waiting, milestone="A", amount="1")
    )
    assert "mijlpaal" in message_of(
        lambda: tranche_plan(actor=world.manager, application=application, milestone="", amount="1")
    )
    assert "bedrag van de tranche" in message_of(
        lambda: tranche_plan(
            actor=world.manager, application=application, milestone="A", amount="0"
        )
    )
    assert "beheerders" in message_of(
        lambda: tranche_plan(
            actor=world.applicant, application=application, milestone="A", amount="1"
        ),
        NotAllowed,
    )
    assert not Tranche.objects.exists()


def test_tranches_are_marked_paid_once_with_a_date(world):
    application = granted(world)
    tranche = tranche_plan(
        actor=world.manager, application=application, milestone="Start", amount="1000"
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert "toekomst" in message_of(
        lambda: tranche_pay(actor=world.manager, tranche=tranche, paid_on=tomorrow)
    )
    with pytest.raises(NotAllowed):
        tranche_pay(actor=world.applicant, tranche=tranche)
    paid = tranche_pay(actor=world.manager, tranche=tranche, paid_on=datetime.date(2026, 1, 5))
    assert paid.status == "paid" and paid.paid_on == datetime.date(2026, 1, 5)
    assert "al betaald" in message_of(lambda: tranche_pay(actor=world.manager, tranche=tranche))
