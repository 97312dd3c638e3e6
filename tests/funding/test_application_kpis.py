"""What an experiment will measure: KPIs on the application (added and removed by its
applicants, checked on entry, shown on its pages and in the API), carried over to the
initiative when the grant becomes one; and the round's interval of progress reports."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from proeftuin.core.service import ConflictError, NotAllowed, ValidationFailed
from proeftuin.funding.models import Application, Obligation
from proeftuin.funding.services_applications import application_start
from proeftuin.funding.services_applications_parts import MAX_KPIS, kpi_add, kpi_remove
from proeftuin.funding.services_decisions import decision_make
from proeftuin.funding.services_grants import add_months, grant_to_initiative
from proeftuin.funding.services_rounds import round_update
from proeftuin.portfolio.service import Initiative, kpi_save
from tests.factories import make_initiative
from tests.funding.apply_support import build_world
from tests.funding.decide_support import make_world

pytestmark = pytest.mark.django_db
KPI = {"measure": "Doorlooptijd besluit", "unit": "days", "direction": "lower"}


@pytest.fixture
def w():
    return build_world()


def draft(w):
    return application_start(actor=w.applicant, round=w.round, owner=w.lead, title="Wijkloket")


def fresh(app):
    return Application.objects.get(pk=app.pk)


def refusal(call, error=ValidationFailed) -> str:
    with translation.override("nl"), pytest.raises(error) as caught:
        call()
    exc = caught.value
    return " ".join([str(exc.message), *(str(m) for ms in exc.field_errors.values() for m in ms)])


def test_applicants_add_and_remove_kpis_and_each_change_is_a_new_version(w):
    app = draft(w)
    kpi = kpi_add(actor=w.applicant, application=app, baseline=Decimal("56"), target=28, **KPI)
    app.refresh_from_db()
    assert (kpi.order, kpi.baseline, app.version) == (0, Decimal("56"), 2)
    second = kpi_add(
        actor=w.applicant,
        application=fresh(app),
        measure="Tevredenheid",
        unit="score",
        direction="higher",
    )
    assert [k.measure for k in app.kpis.all()] == ["Doorlooptijd besluit", "Tevredenheid"]
    assert second.order == 1
    kpi_remove(actor=w.applicant, application=fresh(app), kpi=kpi)
    assert [k.measure for k in app.kpis.all()] == ["Tevredenheid"]


def test_bad_kpis_are_refused_in_dutch_and_nothing_is_stored(w):
    app = draft(w)
    cases = [
        ({**KPI, "measure": "  "}, "Geef aan wat er gemeten wordt"),
        ({**KPI, "unit": "liters"}, "Kies een eenheid"),
        ({**KPI, "direction": "sideways"}, "Kies of hoger of lager beter is"),
        ({**KPI, "unit": "percent", "target": Decimal("120")}, "tussen 0 en 100"),
        ({**KPI, "baseline": Decimal("1e12")}, "te groot"),
    ]
    for values, expected in cases:
        assert expected in refusal(
            lambda v=values: kpi_add(actor=w.applicant, application=fresh(app), **v)
        )
    assert not app.kpis.exists()
    kpi_add(actor=w.applicant, application=app, **KPI)
    twice = refusal(
        lambda: kpi_add(
            actor=w.applicant, application=fresh(app), **{**KPI, "measure": "doorlooptijd BESLUIT"}
        )
    )
    assert "al onderdeel van de aanvraag" in twice
    assert app.kpis.count() == 1


def test_at_most_a_dozen_kpis(w):
    app = draft(w)
    for n in range(MAX_KPIS):
        kpi_add(actor=w.applicant, application=fresh(app), **{**KPI, "measure": f"Meting {n}"})
    assert f"Maximaal {MAX_KPIS}" in refusal(
        lambda: kpi_add(
            actor=w.applicant, application=fresh(app), **{**KPI, "measure": "Eén te veel"}
        )
    )
    assert app.kpis.count() == MAX_KPIS


def test_only_the_applicants_change_kpis_and_a_stale_version_is_refused(w):
    app = draft(w)
    refusal(lambda: kpi_add(actor=w.rival, application=app, **KPI), NotAllowed)
    kpi = kpi_add(actor=w.applicant, application=app, **KPI)
    refusal(lambda: kpi_remove(actor=w.rival, application=fresh(app), kpi=kpi), NotAllowed)
    stale = refusal(
        lambda: kpi_remove(actor=w.applicant, application=fresh(app), kpi=kpi, expected_version=1),
        ConflictError,
    )
    assert stale and app.kpis.count() == 1
    other = draft(w)
    assert "geen onderdeel van deze aanvraag" in refusal(
        lambda: kpi_remove(actor=w.applicant, application=other, kpi=kpi)
    )


def test_kpis_through_the_pages(client, w):
    app = draft(w)
    client.force_login(w.applicant)
    base = f"/subsidies/aanvragen/{app.uuid}/"
    data = {
        "measure": "Doorlooptijd",
        "unit": "days",
        "direction": "lower",
        "baseline": "56,5",
        "target": "28",
        "version": app.version,
    }
    assert client.post(base + "kpis/", data).status_code == 302
    kpi = app.kpis.get()
    assert kpi.baseline == Decimal("56.5")
    with translation.override("nl"):
        bad = client.post(
            base + "kpis/",
            {**data, "unit": "percent", "target": "150", "version": ""},
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    assert bad.status_code == 400 and "tussen 0 en 100" in bad.content.decode()
    page = client.get(base + "bewerken/").content.decode()
    assert "Doorlooptijd" in page and f"kpis/{kpi.uuid}/verwijderen/" in page
    detail = client.get(base).content.decode()
    assert "Doorlooptijd" in detail
    api = client.get(f"/api/v1/funding/applications/{app.uuid}").json()
    assert api["kpis"][0]["measure"] == "Doorlooptijd" and api["kpis"][0]["unit"] == "days"
    client.force_login(w.rival)
    assert client.post(f"{base}kpis/{kpi.uuid}/verwijderen/").status_code in (403, 404)
    client.force_login(w.applicant)
    assert client.post(f"{base}kpis/{kpi.uuid}/verwijderen/").status_code == 302
    assert not app.kpis.exists()


def _granted(world, **fields):
    application = world.application(**fields)
    application.kpis.create(
        measure="Doorlooptijd", unit="days", baseline=56, target=28, direction="lower"
    )
    application.kpis.create(measure="Tevredenheid", unit="score", target=8, direction="higher")
    decision_make(actor=world.manager, application=application, outcome="granted", amount="30000")
    return Application.objects.get(pk=application.pk)


def test_the_kpis_become_the_initiatives_kpis_on_a_grant():
    world = make_world()
    initiative, _ = grant_to_initiative(actor=world.manager, application=_granted(world))
    kpis = Initiative.objects.get(pk=initiative.pk).kpis.all()
    assert [(k.measure, k.unit, k.baseline, k.target, k.direction) for k in kpis] == [
        ("Doorlooptijd", "days", Decimal("56.00"), Decimal("28.00"), "lower"),
        ("Tevredenheid", "score", None, Decimal("8.00"), "higher"),
    ]


def test_an_initiative_keeps_a_kpi_it_already_measures():
    world = make_world()
    existing = make_initiative(world.organisation, actor=world.applicant)
    kpi_save(
        actor=world.applicant,
        initiative=existing,
        measure="doorlooptijd",
        unit="hours",
        direction="lower",
    )
    application = _granted(world, initiative=existing)
    grant_to_initiative(actor=world.manager, application=application)
    kpis = Initiative.objects.get(pk=existing.pk).kpis.all()
    assert [(k.measure, k.unit) for k in kpis] == [
        ("doorlooptijd", "hours"),
        ("Tevredenheid", "score"),
    ]


def test_progress_reports_follow_the_rounds_interval():
    world = make_world()
    round_update(actor=world.manager, round_=world.round, report_every_months=4)
    application = world.application(duration_months=12)
    decision_make(actor=world.manager, application=application, outcome="granted", amount="30000")
    start = timezone.localdate(Application.objects.get(pk=application.pk).decided_at)
    reports = Obligation.objects.filter(application=application, kind="progress_report")
    assert list(reports.values_list("due_on", flat=True)) == [
        add_months(start, 4),
        add_months(start, 8),
    ]
    assert isinstance(start, datetime.date)


@pytest.mark.parametrize("every", [0, 13, "3"])
def test_a_report_interval_outside_one_to_twelve_months_is_refused(every):
    world = make_world()
    message = refusal(
        lambda: round_update(actor=world.manager, round_=world.round, report_every_months=every)
    )
    assert "elke 1 tot 12 maanden" in message
    world.round.refresh_from_db()
    assert world.round.report_every_months == 3
