"""The demo portfolio loads through the portfolio services and workflow moves, is
idempotent, and covers the stages, a stop with lessons and standard practice."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from proeftuin.cases.models import Case
from proeftuin.core.workflows.models import Move
from proeftuin.demo.accounts import create_demo_accounts
from proeftuin.demo.loader import load_demo
from proeftuin.demo.portfolio import load_portfolio, read_portfolio
from proeftuin.portfolio.models import (
    BudgetLine,
    HoursAllocation,
    Initiative,
    Kpi,
    Measurement,
    Reflection,
    TeamMember,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    load_demo()
    create_demo_accounts()
    return load_portfolio()


def test_portfolio_has_initiatives_of_three_organisations(portfolio):
    specs = read_portfolio()
    assert portfolio.created == len(specs) == Initiative.objects.count() >= 8
    assert Initiative.objects.values("owner").distinct().count() >= 3
    for initiative in Initiative.objects.all():
        assert initiative.team.filter(role="owner").count() == 1
        assert initiative.team.filter(role="gatekeeper").exists()
        assert initiative.learning_questions.exists() and initiative.kpis.exists()
        assert initiative.budget.exists() and initiative.hours.exists()
        assert initiative.problem and initiative.inspired_by_cases.count() == len(
            next(s for s in specs if s["title"] == initiative.title)["inspired_by"]
        )


def test_portfolio_covers_the_stages(portfolio):
    stages = set(Initiative.objects.values_list("stage__key", flat=True))
    expected = {"idea", "exploration", "pilot", "evaluation", "scaling", "standard", "stopped"}
    assert expected | {"parked"} == stages


def test_gates_are_decided_by_the_gatekeeper_with_answers(portfolio):
    gates = Move.objects.exclude(decision="")
    assert {"go", "no_go", "adjust"} <= set(gates.values_list("decision", flat=True))
    for move in gates:
        initiative = Initiative.objects.get(pk=move.object_id)
        keeper = TeamMember.objects.get(initiative=initiative, user=move.actor)
        assert keeper.role == "gatekeeper"
        assert move.answers and move.reason


def test_history_is_dated_in_the_past_and_in_order(portfolio):
    today = timezone.localdate()
    for initiative in Initiative.objects.exclude(stage__key="idea"):
        moves = Move.objects.filter(object_id=initiative.pk).order_by("id")
        dates = [timezone.localdate(move.at) for move in moves]
        assert dates == sorted(dates) and dates[-1] < today
        assert timezone.localdate(initiative.stage_entered_at) == max(
            timezone.localdate(m.at) for m in moves if m.from_stage_id != m.to_stage_id
        )


def test_reflections_and_evaluations_are_partly_due(portfolio):
    today = timezone.localdate()
    open_ones = Initiative.objects.filter(stage__category="open")
    assert open_ones.filter(reflection_due__lt=today).exists()
    assert open_ones.filter(reflection_due__gte=today).exists()
    assert open_ones.filter(evaluation_date__lt=today).exists()
    assert open_ones.filter(evaluation_date__gte=today).exists()
    assert Reflection.objects.filter(questions__isnull=False).exists()


def test_one_stopped_with_lessons_and_one_standard_practice_become_cases(portfolio):
    stopped = Initiative.objects.get(stage__key="stopped")
    standard = Initiative.objects.get(stage__key="standard")
    assert len(stopped.lessons) > 100
    assert Move.objects.get(object_id=stopped.pk, to_stage__key="stopped").decision == "no_go"
    assert {i.pk for i in portfolio.becomes_case} == {stopped.pk, standard.pk}
    for initiative in (stopped, standard):
        initiative.refresh_from_db()
        case = initiative.case
        assert case is not None and case.status == "published"
        assert case.visibility == initiative.visibility
        assert case.lessons.exists()  # the lessons came along, with their citations


def test_kpis_are_measured_several_times_in_their_unit(portfolio):
    for kpi in Kpi.objects.all():
        dates = list(kpi.measurements.values_list("date", flat=True))
        assert len(dates) >= 2 and len(set(dates)) == len(dates)
    assert Measurement.objects.count() >= 2 * Kpi.objects.count()
    percent = Measurement.objects.filter(kpi__unit="percent")
    assert percent.exists() and all(Decimal(0) <= m.value <= 100 for m in percent)


def test_a_measurement_in_another_unit_loads_nothing(settings, tmp_path):
    from proeftuin.core.service import ValidationFailed

    settings.DATA_DIR = tmp_path
    load_demo()
    create_demo_accounts()
    spec = read_portfolio()[0]
    spec["kpis"][0]["measurements"][-1]["unit"] = "eur"
    folder = tmp_path / "portfolio"
    folder.mkdir()
    import yaml

    (folder / "one.yaml").write_text(yaml.safe_dump({"initiatives": [spec]}), encoding="utf-8")
    with pytest.raises(ValidationFailed):
        load_portfolio(folder)
    assert not Initiative.objects.exists() and not Move.objects.exists()


def test_overspend_is_stored_with_its_reason(portfolio):
    over = [line for line in BudgetLine.objects.all() if line.spent > line.planned]
    assert over and all(line.overspend_reason for line in over)
    assert HoursAllocation.objects.filter(end__isnull=True).exists()


def test_loading_twice_creates_nothing_twice(portfolio):
    counts = [
        model.objects.count()
        for model in (Initiative, TeamMember, Kpi, Measurement, Reflection, BudgetLine, Move)
    ]
    cases = Case.objects.count()
    again = load_portfolio()
    assert (again.created, again.existing) == (0, portfolio.created)
    assert Case.objects.count() == cases
    assert counts == [
        model.objects.count()
        for model in (Initiative, TeamMember, Kpi, Measurement, Reflection, BudgetLine, Move)
    ]


def test_the_portfolio_needs_the_demo_accounts():
    load_demo()
    with pytest.raises(LookupError, match="load_demo --accounts"):
        load_portfolio()
    assert not Initiative.objects.exists()


def test_dates_follow_the_day_of_loading(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    load_demo()
    create_demo_accounts()
    today = datetime.date(2030, 6, 1)
    load_portfolio(today=today)
    assert Initiative.objects.filter(started_on__gt=datetime.date(2028, 1, 1)).count() == (
        Initiative.objects.count()
    )


def test_load_demo_with_accounts_loads_the_portfolio_once(settings, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    settings.DATA_DIR = tmp_path
    first, second = StringIO(), StringIO()
    call_command("load_demo", "--accounts", stdout=first)
    everything = Initiative.objects.count()  # the portfolio's and the demo grants'
    call_command("load_demo", "--accounts", stdout=second)
    assert Initiative.objects.count() == everything
    titles = [spec["title"] for spec in read_portfolio()]
    count = Initiative.objects.filter(title__in=titles).count()
    assert count == len(titles)
    assert f"{count} initiatives created" in first.getvalue()
    assert f"0 initiatives created, {count} already there" in second.getvalue()
    assert second.getvalue().count("becomes a case:") == 2


def test_every_demo_initiative_page_shows_its_stage_and_history(portfolio, client):
    from django.urls import reverse

    for initiative in Initiative.objects.select_related("stage"):
        client.force_login(initiative.team.get(role="owner").user)
        response = client.get(reverse("portfolio:detail", args=[initiative.slug]))
        assert response.status_code == 200
        page = response.content.decode()
        assert initiative.stage.name in page
        for move in Move.objects.filter(object_id=initiative.pk).exclude(reason=""):
            assert move.reason in page
