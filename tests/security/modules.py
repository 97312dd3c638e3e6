"""The modules whose records the hostile-user suite makes in organisation A and checks on
every route (see ``visibility.py``): a new module adds its ``Module`` to ``MODULES``."""

from __future__ import annotations

import json
import re

from proeftuin.cases.models import ThemeSet
from proeftuin.cases.services import case_create
from proeftuin.portfolio.models import (
    Kpi,
    LearningQuestion,
    Measurement,
    Reflection,
    TeamMember,
)
from tests.factories import make_initiative
from tests.security.awards import EDITIONS, NOMINATIONS
from tests.security.circles import CIRCLES
from tests.security.diffusion_module import ADOPTIONS
from tests.security.funding import ROUNDS
from tests.security.patents import PATENTS
from tests.security.visibility import Module, counting, detail, listing, searching


def _case(world, level, marker, author):
    return case_create(
        actor=author,
        theme_set=ThemeSet.objects.get(key="casebook"),
        organisations=[world.a],
        title=f"Casus {marker}",
        summary=f"Een casus over wijkteams met het kenmerk {marker}.",
        year_start=2019,
        stage="pilot",
        **level.fields,
    )


def heading_count(body: str) -> int:
    return int(re.search(r'id="results-heading"[^>]*>\s*(\d+)', body).group(1))


def map_count(body: str) -> int:
    return int(re.search(r'\?province=PV20">(\d+)</a>', body).group(1))


def dashboard_count(body: str) -> int:
    return int(re.search(r'id="dashboard-total"[^>]*>\s*(\d+)', body).group(1))


def api_count(body: str) -> int:
    return json.loads(body)["count"]


CASES = Module(
    name="case",
    marker_prefix="xqzcasus",
    search_word="kenmerk",
    create=_case,
    routes=(
        listing("home", url="/"),
        listing("cases:library", url="/casussen/", count=heading_count),
        searching("cases:library", url="/casussen/?q={word}"),
        listing("cases:export", url="/casussen/export.csv"),
        detail("cases:detail", url=lambda world, case: f"/casussen/{case.slug}/"),
        detail("search:similar", url=lambda world, case: f"/zoeken/vergelijkbaar/{case.slug}/"),
        listing("organisations:detail", url="/organisaties/gemeente-alfa/"),
        counting("organisations:map", url="/organisaties/kaart/", count=map_count),
        searching("search:results", url="/zoeken/?q={word}"),
        listing("api:case-list", url="/api/v1/cases", count=api_count),
        detail("api:case-detail", url=lambda world, case: f"/api/v1/cases/{case.uuid}"),
        searching("api:search", url="/api/v1/search?q={word}"),
    ),
)


def _initiative(world, level, marker, author):
    """An initiative of A; the draft has the (later) deactivated editor on its team, the
    private one (owned by the later revoked contributor) a KPI with a measurement and a
    learning question for the part pages (``portfolio.py``)."""
    initiative = make_initiative(
        world.a,
        actor=author,
        title=f"Initiatief {marker}",
        problem=f"Een probleem in de wijk met het kenmerk {marker}.",
        reflection_interval_days=7,
        **level.fields,
    )
    if level.key == "draft":
        TeamMember.objects.create(
            initiative=initiative, user=world.users["deactivated"], role="team"
        )
    if level.key == "private":
        kpi = Kpi.objects.create(
            initiative=initiative, measure="Wachttijd", unit="days", direction="lower"
        )
        Measurement.objects.create(kpi=kpi, date="2026-01-01", value=10)
        question = LearningQuestion.objects.create(initiative=initiative, text="Werkt het?")
        reflection = Reflection.objects.create(
            initiative=initiative, date="2026-01-15", unexpected=f"Meer animo. {marker}"
        )
        reflection.questions.set([question])
    return initiative


INITIATIVES = Module(
    name="initiative",
    marker_prefix="xqzinitiatief",
    search_word="kenmerk",
    create=_initiative,
    routes=(
        listing("portfolio:list", url="/initiatieven/"),
        counting(
            "portfolio:dashboard",
            url="/initiatieven/overzicht/?organisatie=gemeente-alfa",
            count=dashboard_count,
        ),
        detail("portfolio:detail", url=lambda world, i: f"/initiatieven/{i.slug}/"),
        searching("search:results", url="/zoeken/?q={word}"),
        searching("api:search", url="/api/v1/search?q={word}"),
        # A's initiatives are process innovations; the ones other organisations make for
        # the suite (the innovations A adopts, diffusion_module.py) are not counted
        listing("api:initiative-list", url="/api/v1/initiatives?kind=process", count=api_count),
        detail("api:initiative-detail", url=lambda world, i: f"/api/v1/initiatives/{i.uuid}"),
    ),
)

AUTHORITY_SLUG = "toezicht-alfa"


def _barrier(world, level, marker, author):
    """A barrier recorded by A, routed to one authority; the public one is linked to A's
    public and private initiatives (the private one's marker must not leak through it)."""
    from proeftuin.barriers.models import Authority, BarrierLink
    from proeftuin.barriers.services import barrier_create

    authority, _created = Authority.objects.get_or_create(
        slug=AUTHORITY_SLUG, defaults={"name": "Toezichthouder Alfa", "kind": "regulator"}
    )
    barrier = barrier_create(
        actor=author or world.users["a_editor"],
        owner=world.a,
        data={
            "title": f"Knelpunt {marker}",
            "category": "privacy",
            "description": f"Een belemmering in de wijk met het kenmerk {marker}.",
            "authority": authority,
            **level.fields,
        },
    )
    if level.key == "pub":
        for key in ("pub", "private"):
            BarrierLink.objects.create(
                barrier=barrier,
                initiative=world.records["initiative"][key],
                organisation=world.a,
                status="confirmed",
            )
    return barrier


BARRIERS = Module(
    name="barrier",
    marker_prefix="xqzknelpunt",
    search_word="belemmering",
    create=_barrier,
    routes=(
        listing("barriers:list", url="/knelpunten/"),
        listing("barriers:authority", url=f"/knelpunten/instanties/{AUTHORITY_SLUG}/"),
        detail("barriers:detail", url=lambda world, b: f"/knelpunten/{b.slug}/"),
        detail("barriers:dossier", url=lambda world, b: f"/knelpunten/{b.slug}/dossier/"),
        searching("search:results", url="/zoeken/?q={word}"),
        listing("api:barrier-list", url="/api/v1/barriers", count=api_count),
        detail("api:barrier-detail", url=lambda world, b: f"/api/v1/barriers/{b.uuid}"),
    ),
)

MODULES = [
    CASES,
    INITIATIVES,
    ADOPTIONS,
    BARRIERS,
    CIRCLES,
    PATENTS,
    ROUNDS,
    EDITIONS,
    NOMINATIONS,
]
