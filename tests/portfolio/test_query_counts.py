"""Queries per page do not grow with the portfolio: the list and the initiative page make as
many SQL queries with 30 initiatives as with 3, and the initiative page as many with three
of each part as with one (the benchmark, bench/portfolio.py, measures the same at 20,000)."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Theme
from proeftuin.core.service import workflow_move
from proeftuin.portfolio import services, services_parts
from tests.factories import OrganisationFactory, make_initiative

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    """Queries of one request with every cache cold, so the page does all of its work."""
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(n: int, lead, partner, actor) -> None:
    """``n`` initiatives: published and draft, of the lead and of the partner, each with a
    partner and a theme, half with the actor on the team."""
    theme = Theme.objects.first()
    for i in range(n):
        owner, other = (lead, partner) if i % 2 else (partner, lead)
        make_initiative(
            owner,
            actor=actor if owner == lead else None,
            title=f"Initiatief {i}",
            partners=[other],
            themes=[theme],
            status="published" if i % 3 else "draft",
            visibility="public" if i % 3 else "organisation",
        )


@pytest.mark.parametrize("who", ["anonymous", "editor"])
@pytest.mark.parametrize("query", ["", "?soort=process", "?pagina=2", "?organisatie=gemeente-lead"])
def test_list_queries_do_not_grow(client, lead, partner, editor, who, query):
    if who == "editor":
        client.force_login(editor)
    _grow(3, lead, partner, editor)
    small = _queries(client, f"/initiatieven/{query}")
    _grow(27, lead, partner, editor)
    assert _queries(client, f"/initiatieven/{query}") == small


def _parts(initiative, actor, n: int) -> None:
    """``n`` of every part: team members, learning questions, reflections answering them,
    KPIs with measurements, budget lines, hours; and ``n`` moves."""
    today = datetime.date(2026, 1, 1)
    for i in range(n):
        question = services_parts.learning_question_save(
            actor=actor, initiative=initiative, text=f"Vraag {i}"
        )
        services_parts.reflection_save(
            actor=actor,
            initiative=initiative,
            date=today - datetime.timedelta(days=i),
            unexpected="Anders dan gedacht.",
            questions=[question],
        )
        kpi = services_parts.kpi_save(
            actor=actor,
            initiative=initiative,
            measure=f"Wachttijd {i}",
            unit="days",
            direction="lower",
            baseline=Decimal(40),
            target=Decimal(10),
        )
        for day in range(n):
            services_parts.measurement_save(
                actor=actor,
                kpi=kpi,
                date=today + datetime.timedelta(days=day),
                value=Decimal(30 - day),
                unit="days",
            )
        services_parts.budget_line_save(
            actor=actor,
            initiative=initiative,
            year=2026 + i,
            funding_source="Eigen begroting",
            planned=Decimal(1000),
            committed=Decimal(500),
            spent=Decimal(100),
        )
        services_parts.hours_save(
            actor=actor,
            initiative=initiative,
            role=f"Projectleider {i}",
            hours_per_week=Decimal(8),
            start=today,
        )


def _with_team(initiative, actor, make_member, lead, n: int) -> None:
    for _i in range(n):
        user = make_member(lead, Role.VIEWER)
        services.team_member_add(actor=actor, initiative=initiative, user=user, role="team")


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_initiative_page_queries_do_not_grow(client, lead, partner, editor, make_member, who):
    if who == "editor":
        client.force_login(editor)
    pages = {}
    for n in (1, 3):
        _grow(3 * n, lead, partner, editor)
        initiative = make_initiative(
            lead,
            actor=editor,
            title=f"Met {n} van elk",
            partners=[partner, OrganisationFactory()][:n],
            status="published",
        )
        _parts(initiative, editor, n)
        _with_team(initiative, editor, make_member, lead, n)
        for stage in ["parked", "idea", "exploration"][-n:]:  # park and back, then on
            workflow_move(actor=editor, subject=initiative, to_stage=stage, reason="Even wachten")
        pages[n] = _queries(client, f"/initiatieven/{initiative.slug}/")
    assert pages[3] == pages[1]
