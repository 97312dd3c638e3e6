"""Fill a database with a synthetic barrier register, fast (bulk inserts, no services):
the portfolio's generator first (organisations with people, initiatives with their parts,
``portfolio_data.py``), then authorities and barriers, each linked to 1-6 initiatives of
random organisations (80% of the links confirmed). Call ``generate(n_orgs, n_initiatives,
n_barriers, seed)`` with Django set up and migrated."""

from __future__ import annotations

import datetime
import random
import time

from django.utils import timezone
from generate import _text
from portfolio_data import generate as generate_portfolio
from words import TOPICS

from proeftuin.barriers.choices import Category, State
from proeftuin.barriers.models import Authority, Barrier, BarrierLink
from proeftuin.portfolio.models import Initiative

CHUNK = 1_000
AUTHORITIES = 50
STATE_WEIGHTS = [25, 30, 15, 10, 12, 8]  # new, confirmed, escalated, resolving, resolved, assumed
START = datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC)


def _authorities() -> list[Authority]:
    kinds = ["ministry", "regulator", "legislator", "organisation", "other"]
    rows = [
        Authority(name=f"Instantie {i}", slug=f"instantie-{i}", kind=kinds[i % len(kinds)])
        for i in range(AUTHORITIES)
    ]
    return Authority.objects.bulk_create(rows)


def _barrier(rng, index, authorities, org_ids) -> Barrier:
    created = START + datetime.timedelta(days=rng.randrange(5 * 365))
    shared = rng.random() < 0.9
    return Barrier(
        slug=f"knelpunt-{index}",
        title=f"Knelpunt {index}: {rng.choice(TOPICS)}"[:250],
        category=rng.choice(Category.values),
        description=_text(rng, 3, rng.choice(TOPICS), "de gemeente"),
        rule=rng.choice(["", "Participatiewet, artikel 8", "AVG, artikel 6", "Gemeentewet"]),
        authority=rng.choice(authorities),
        state=rng.choices(State.values, weights=STATE_WEIGHTS)[0],
        state_changed_at=created,
        owner_id=rng.choice(org_ids),
        status="published" if shared or rng.random() < 0.5 else "draft",
        visibility="public" if shared else rng.choice(["organisation", "private"]),
        created_at=created,
        updated_at=created,
    )


def _links(rng, barriers, initiatives) -> int:
    rows, made = [], 0
    for barrier in barriers:
        for initiative_id, owner_id in rng.sample(initiatives, rng.randint(1, 6)):
            rows.append(
                BarrierLink(
                    barrier=barrier,
                    initiative_id=initiative_id,
                    organisation_id=owner_id,
                    status="confirmed" if rng.random() < 0.8 else "suggested",
                    score=round(rng.random(), 3),
                )
            )
        if len(rows) >= CHUNK:
            made += len(BarrierLink.objects.bulk_create(rows))
            rows = []
    return made + len(BarrierLink.objects.bulk_create(rows))


def generate(n_orgs: int, n_initiatives: int, n_barriers: int, seed: int = 1) -> dict:
    data = generate_portfolio(n_orgs, n_initiatives, seed)
    started = time.perf_counter()
    rng = random.Random(seed + 7)
    authorities = _authorities()
    initiatives = list(Initiative.objects.values_list("pk", "owner_id"))
    org_ids = sorted({owner for _pk, owner in initiatives})
    barriers = []
    for index in range(n_barriers):
        barriers.append(_barrier(rng, index, authorities, org_ids))
    made = []
    for start in range(0, len(barriers), CHUNK):
        made += Barrier.objects.bulk_create(barriers[start : start + CHUNK])
    links = _links(rng, made, initiatives)
    Barrier.objects.update(updated_at=timezone.now())
    data["rows"].update(barriers=len(made), barrier_links=links, authorities=len(authorities))
    data["seconds_generate_barriers"] = round(time.perf_counter() - started, 1)
    return data
