"""One diffusion database, in its own process (Django settings from the environment that
``diffusion.py`` sets). ``build``: migrate a fresh SQLite database, generate the portfolio
(``portfolio_data.py``: organisations, people, initiatives with themes and partners) and
then the adoptions (``generate_adoptions`` below). ``measure``: sign a member in, pick the
URLs of every page in ``PAGES`` and count the SQL queries per page in-process.

The adoptions: innovations are the published public initiatives, their popularity a long
tail (Zipf); each adopter is drawn with a preference for the innovator's type and province
(and a fifth at random); four in five are taken up, the rest under way or abandoned; a
third learned it from an earlier adopter (``source``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
import time
from pathlib import Path

from portfolio_prepare import _build as build_portfolio
from portfolio_prepare import _clients, _member
from prepare import _collectstatic, _setup

CHUNK = 2_000


def _pages() -> dict:
    """The pages measured: name -> (who, url maker). Hook: the lineage page of the most
    adopted innovation joins here when the diffusion app has it, e.g.
    ``"lineage (most adopted)": ("member", lambda rng, n: [lineage_url(most_adopted())])``."""
    return {"adopter matches (most adopted)": ("member", _match_urls)}


def most_adopted(n: int = 1) -> list:
    """The initiatives with the most adoptions, most first."""
    from django.db.models import Count

    from proeftuin.portfolio.models import Initiative

    rows = Initiative.objects.annotate(n=Count("adoptions")).filter(n__gt=0).order_by("-n", "pk")
    return list(rows[:n])


def _match_urls(rng, n: int) -> list[str]:
    """The most adopted innovation's matches, then the next most adopted ones."""
    return [f"/overname/initiatief/{i.slug}/wie-heeft-hier-ook-iets-aan/" for i in most_adopted(n)]


def generate_adoptions(n: int, seed: int) -> int:
    from django.db import transaction

    from proeftuin.diffusion.models import Adoption
    from proeftuin.organisations.models import Organisation
    from proeftuin.portfolio.models import Initiative

    rng = random.Random(seed)
    orgs = list(Organisation.objects.values_list("pk", "organisation_type", "province"))
    by_type: dict = {}
    for org in orgs:
        by_type.setdefault(org[1], []).append(org)
    innovations = list(
        Initiative.objects.filter(status="published", visibility="public").values_list(
            "pk", "owner_id"
        )
    )
    rng.shuffle(innovations)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(innovations))]
    profile = {o[0]: o for o in orgs}
    taken, rows = set(), []
    while len(rows) < n:
        pk, owner = rng.choices(innovations, weights=weights)[0]
        kind = profile[owner][1]
        pool = orgs if rng.random() < 0.2 else by_type.get(kind, orgs)
        adopter = rng.choice(pool)[0]
        if adopter == owner or (pk, adopter) in taken:
            continue
        taken.add((pk, adopter))
        started = datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randrange(2_500))
        status = rng.choices(["adopted", "adapted", "piloting", "abandoned"], [60, 20, 15, 5])[0]
        done = started + datetime.timedelta(days=120) if status in ("adopted", "adapted") else None
        rows.append(
            Adoption(
                initiative_id=pk, adopter_id=adopter, status=status, started_on=started,
                adopted_on=done,
                abandoned_reason="Geen budget." if status == "abandoned" else "",
                visibility="public",
            )
        )  # fmt: skip
    with transaction.atomic():
        Adoption.objects.bulk_create(rows, batch_size=CHUNK)
    _link_sources(rng)
    return len(rows)


def _link_sources(rng) -> None:
    """A third of the later adopters learned it from an earlier one."""
    from proeftuin.diffusion.models import Adoption

    earlier: dict = {}
    changed = []
    for adoption in Adoption.objects.order_by("initiative_id", "started_on", "pk"):
        before = earlier.setdefault(adoption.initiative_id, [])
        if before and rng.random() < 0.33:
            adoption.source_id = rng.choice(before)
            changed.append(adoption)
        before.append(adoption.pk)
    Adoption.objects.bulk_update(changed, ["source"], batch_size=CHUNK)


def _build(args) -> dict:
    from django.db import connection

    data = build_portfolio(args)
    started = time.perf_counter()
    data["rows"]["adoptions"] = generate_adoptions(args.adoptions, args.seed)
    data["seconds_adoptions"] = round(time.perf_counter() - started, 2)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  {data['rows']['adoptions']} adoptions in {data['seconds_adoptions']}s", flush=True)
    return data


def _measure(args) -> dict:
    import queries
    from django.core.management import call_command
    from django.test import override_settings

    from proeftuin.diffusion.models import Adoption
    from proeftuin.portfolio.models import Initiative

    call_command("migrate", verbosity=0)
    static = _collectstatic()
    rng = random.Random(args.seed)
    member = _member(rng)
    clients = _clients(member)
    pages, counts = {}, {}
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for name, (who, urls_of) in _pages().items():
        client, headers = clients[who]
        urls = urls_of(rng, args.urls)
        pages[name] = [[url, headers] for url in urls]
        with override_settings(CACHES=dummy):
            counts[name] = queries.measure(urls[: args.query_sample], client=client)
    top = most_adopted()[0]
    return {
        "initiatives": Initiative.objects.count(),
        "adoptions": Adoption.objects.count(),
        "most_adopted": {"slug": top.slug, "adoptions": top.adoptions.count()},
        "member": member.username,
        "seconds_collectstatic": static,
        "pages": pages,
        "queries": counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=["build", "measure"])
    parser.add_argument("--initiatives", type=int, default=0)
    parser.add_argument("--orgs", type=int, default=200)
    parser.add_argument("--adoptions", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--urls", type=int, default=1, help="innovations, most adopted first")
    parser.add_argument("--query-sample", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    _setup()
    result = _build(args) if args.mode == "build" else _measure(args)
    Path(args.out).write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
