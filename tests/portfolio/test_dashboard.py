"""The portfolio dashboard's figures for a known set, its scoping by visibility, and the
number of queries (independent of the number of initiatives)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from proeftuin.accounts.models import Role
from proeftuin.core.service import Move, Stage, workflow_for
from proeftuin.organisations.models import Domain, Programme
from proeftuin.portfolio.dashboard import dashboard, initiatives_in_scope
from proeftuin.portfolio.models import BudgetLine, Initiative, Kpi, Measurement
from tests.factories import OrganisationFactory, UserFactory, make_initiative
from tests.svg_support import assert_svg_numbers_plain

TODAY = datetime.date(2026, 6, 15)
PUBLIC = {"status": "published", "visibility": "public"}


def charts(data) -> dict:
    return {chart.key: chart for chart in data["charts"]}


def put_in(initiative, key: str, days_ago: int) -> None:
    stage = Stage.objects.get(workflow=initiative.workflow, key=key)
    entered = timezone.now() - datetime.timedelta(days=days_ago)
    Initiative.objects.filter(pk=initiative.pk).update(stage=stage, stage_entered_at=entered)


def record_move(initiative, from_key: str, to_key: str, at: datetime.datetime) -> None:
    stages = {s.key: s for s in Stage.objects.filter(workflow=initiative.workflow)}
    Move.objects.create(
        content_type=ContentType.objects.get_for_model(Initiative),
        object_id=initiative.pk,
        from_stage=stages[from_key],
        to_stage=stages[to_key],
        from_name=stages[from_key].name,
        to_name=stages[to_key].name,
        at=at,
    )


@pytest.fixture
def portfolio(lead):
    """Three published initiatives of ``lead`` and a private draft of another organisation."""
    water = Domain.objects.create(key="water-test", name="Water (test)")
    first = make_initiative(lead, title="Eerste", kind="process", **PUBLIC)
    second = make_initiative(lead, title="Tweede", kind="process", **PUBLIC)
    third = make_initiative(lead, title="Derde", kind="technology", **PUBLIC)
    first.domains.set([water])
    put_in(first, "pilot", 10)
    put_in(second, "pilot", 30)
    put_in(third, "standard", 5)
    Initiative.objects.filter(pk=first.pk).update(
        evaluation_date=TODAY - datetime.timedelta(days=1),
        reflection_due=TODAY - datetime.timedelta(days=3),
    )
    Initiative.objects.filter(pk=third.pk).update(
        evaluation_date=TODAY - datetime.timedelta(days=1)
    )
    aware = timezone.make_aware
    record_move(first, "idea", "exploration", aware(datetime.datetime(2026, 1, 10)))
    record_move(first, "exploration", "pilot", aware(datetime.datetime(2026, 4, 10)))
    record_move(second, "idea", "exploration", aware(datetime.datetime(2026, 2, 10)))
    record_move(second, "exploration", "stopped", aware(datetime.datetime(2026, 2, 11)))
    BudgetLine.objects.create(
        initiative=first, year=2026, funding_source="Eigen", planned=1000, committed=800, spent=600
    )
    BudgetLine.objects.create(
        initiative=second, year=2026, funding_source="Fonds", planned=500, committed=0, spent=100
    )
    reached = Kpi.objects.create(
        initiative=first, measure="Wachttijd", unit="days", target=10, direction="lower"
    )
    Measurement.objects.create(kpi=reached, date=TODAY, value=Decimal("12"))
    Measurement.objects.create(kpi=reached, date=TODAY + datetime.timedelta(days=1), value=8)
    missed = Kpi.objects.create(
        initiative=second, measure="Bereik", unit="count", target=100, direction="higher"
    )
    Measurement.objects.create(kpi=missed, date=TODAY, value=40)
    other = OrganisationFactory(name="Andere gemeente", slug="andere-gemeente")
    secret = make_initiative(
        other, title="Geheim", kind="technology", status="draft", visibility="private"
    )
    record_move(secret, "idea", "exploration", aware(datetime.datetime(2026, 1, 5)))
    return {"first": first, "second": second, "third": third, "other": other}


@pytest.mark.django_db
def test_figures_for_a_known_set(portfolio, lead, platform_admin):
    data = dashboard(initiatives_in_scope(platform_admin, [lead.pk]), today=TODAY)
    found = charts(data)
    assert data["total"] == 3
    funnel = dict(found["funnel"].rows)
    assert funnel["Pilot"] == 2 and funnel["Staande praktijk"] == 1 and funnel["Idee"] == 0
    assert [row[0] for row in found["funnel"].rows][:3] == ["Idee", "Verkenning", "Pilot"]
    assert found["throughput"].rows == [["2026 K1", 2], ["2026 K2", 1]]  # the stop is no step up
    pilot = found["time_in_stage"].rows[0]
    assert pilot[0] == "Pilot" and pilot[1] == 20 and pilot[2] == 20 and pilot[3] == 2
    assert dict(found["overdue"].rows) == {
        "Verlopen evaluaties (poorten)": 1,  # the third is in a closed stage
        "Verlopen reflecties": 1,
    }
    budget = {row[0]: row[1:] for row in found["budget"].rows}
    assert budget["Procesinnovatie"] == [1500, 800, 700, 2, 1]
    assert dict(found["kind"].rows)["Procesinnovatie"] == 2
    assert dict(found["category"].rows)["Afgerond (geslaagd)"] == 1
    assert dict(found["domain"].rows) == {"Water (test)": 1, "Geen domein": 2}
    assert [i.title for i in data["overdue_gates"]] == ["Eerste"]
    assert all(chart.summary for chart in data["charts"])


@pytest.mark.django_db
def test_an_outsider_does_not_count_private_initiatives(portfolio, make_member):
    outsider = make_member(OrganisationFactory(), Role.EDITOR)
    data = dashboard(initiatives_in_scope(outsider), today=TODAY)
    assert data["total"] == 3  # the private draft of the other organisation is left out
    assert sum(n for _, n in charts(data)["throughput"].rows) == 3
    insider = make_member(portfolio["other"], Role.EDITOR)
    assert dashboard(initiatives_in_scope(insider), today=TODAY)["total"] == 4


@pytest.mark.django_db
def test_a_programme_counts_its_members(portfolio, lead, platform_admin):
    programme = Programme.objects.create(name="Rijksprogramma test", slug="rp-test")
    programme.members.set([lead])
    members = programme.members.values("pk")
    assert dashboard(initiatives_in_scope(platform_admin, members), today=TODAY)["total"] == 3


def _queries_for(lead, n: int, user) -> int:
    for i in range(n):
        initiative = make_initiative(lead, title=f"Reeks {i}", **PUBLIC)
        put_in(initiative, "pilot", i)
        BudgetLine.objects.create(initiative=initiative, year=2026, funding_source="X", planned=1)
        Kpi.objects.create(initiative=initiative, measure="m", unit="count", direction="higher")
    workflow_for("initiative", lead)
    ContentType.objects.get_for_model(Initiative)  # cached for the process
    with CaptureQueriesContext(connection) as queries:
        dashboard(initiatives_in_scope(user, [lead.pk]), today=TODAY)
    return len(queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_initiatives(lead):
    few = _queries_for(lead, 3, UserFactory())
    assert _queries_for(OrganisationFactory(), 30, UserFactory()) == few


@pytest.mark.django_db
def test_the_pages_show_charts_with_tables(client, portfolio, lead, make_member):
    client.force_login(make_member(lead, Role.VIEWER))
    body = client.get("/initiatieven/overzicht/").content.decode()  # the user's organisation
    assert 'id="dashboard-total">3 ' in body and body.count("<table") == 8
    assert_svg_numbers_plain(body)  # the bars' widths (percentages like 33.3)
    assert "Geheim" not in client.get("/initiatieven/overzicht/?organisatie=alle").content.decode()
    assert client.get("/initiatieven/overzicht/?organisatie=bestaat-niet").status_code == 404
    Programme.objects.create(name="Besloten", slug="besloten", visibility="organisation")
    assert client.get("/initiatieven/overzicht/programma/besloten/").status_code == 404
    open_programme = Programme.objects.create(name="Open", slug="open")
    open_programme.members.set([lead, portfolio["other"]])
    body = client.get("/initiatieven/overzicht/programma/open/").content.decode()
    assert 'id="dashboard-total">3 ' in body


@pytest.mark.django_db
def test_the_organisation_choices_are_escaped_once_and_the_chosen_one_selected(client):
    plain = OrganisationFactory(name="Waterschap Plain", slug="waterschap-plain")
    hostile = OrganisationFactory(name='Gemeente "A" & <b>B</b>', slug="gemeente-a-b")
    for owner in (plain, hostile):
        make_initiative(owner, title=f"Van {owner.slug}", **PUBLIC)
    body = client.get("/initiatieven/overzicht/?organisatie=waterschap-plain").content.decode()
    assert (
        '<option value="gemeente-a-b">Gemeente &quot;A&quot; &amp; &lt;b&gt;B&lt;/b&gt;</option>'
        in body
    )
    assert '<option value="waterschap-plain" selected>Waterschap Plain</option>' in body
    assert body.index("gemeente-a-b") < body.index('value="waterschap-plain"')  # by name
    assert "<b>B</b>" not in body and "&amp;amp;" not in body
