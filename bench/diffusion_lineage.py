"""Benchmark: the lineage of the most adopted innovation, in-process, at two sizes.

    .venv/bin/python bench/diffusion_lineage.py  # 2,000 organisations, 20,000 adoptions
    .venv/bin/python bench/diffusion_lineage.py --adoptions 2000  # a quick look

A fresh SQLite database in a temporary folder (``DATA_DIR``; nothing else is touched):
2,000 organisations, ``--innovations`` published public initiatives of random
organisations, and ``--adoptions`` adoptions bulk-inserted with a skewed popularity (the
most adopted innovation takes about one adoption in thirteen, like the SVB's 166
municipalities among the others), pass-on chains (60% learned from an earlier adopter),
every status, and 10% organisation-only. Then, with the Django test client (no server,
DEBUG on so static files need no build, templates cached as in production),
for an anonymous visitor and for an editor of the most adopted innovation's adopter: the
lineage page (per year and per quarter), the API lineage and the adoptions list, each
``--requests`` times after a first request (its time shown too: the cache was empty for
that viewer and page); prints p50/p95 in ms and SQL queries per request
against the 300 ms p95 target, and the same for a baseline innovation with 20 adoptions.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 300


def _args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=2_000)
    parser.add_argument("--innovations", type=int, default=400)
    parser.add_argument("--adoptions", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--seed", type=int, default=12)
    return parser.parse_args()


def _setup(folder: str) -> None:
    os.environ["DATA_DIR"] = folder
    os.environ.setdefault("SECRET_KEY", "bench-diffusion-" + "x" * 40)
    os.environ["ALLOWED_HOSTS"] = "testserver"
    # static files from the finders (no collectstatic/manifest); DEBUG's query log is on,
    # which CaptureQueriesContext needs anyway
    os.environ["DEBUG"] = "true"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("CACHE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "proeftuin.settings"
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings
    from django.core.management import call_command

    # templates cached as in production (DEBUG would read them from disk on every use)
    engine = settings.TEMPLATES[0]
    engine["APP_DIRS"] = False
    engine["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.cached.Loader",
            [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ],
        )
    ]
    django.setup()
    call_command("migrate", verbosity=0)


def _generate(args, rng):
    from proeftuin.diffusion.models import Adoption, AdoptionStep
    from proeftuin.organisations.service import Organisation, Province
    from tests.factories import make_initiative

    provinces = Province.values
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Gemeente {i:04d}",
            slug=f"gemeente-{i:04d}",
            government_layer="local",
            organisation_type="municipality",
            province=rng.choice(provinces),
        )
        for i in range(args.organisations)
    )
    orgs = list(Organisation.objects.values_list("pk", flat=True))
    owners = rng.sample(orgs, args.innovations)
    innovations = [
        make_initiative(
            Organisation.objects.get(pk=owner),
            title=f"Innovatie {i}",
            status="published",
            visibility="public",
        )
        for i, owner in enumerate(owners)
    ]
    weights = [1 / (rank + 1) for rank in range(len(innovations))]
    statuses = ["interested", "exploring", "piloting", "adopted", "adapted", "abandoned"]
    taken: dict[int, list[Adoption]] = {}
    for _n in range(args.adoptions):
        innovation = rng.choices(innovations, weights=weights)[0]
        rows = taken.setdefault(innovation.pk, [])
        used = {a.adopter_id for a in rows} | {innovation.owner_id}
        adopter = rng.choice(orgs)
        if adopter in used:
            continue
        status = rng.choice(statuses)
        year = rng.randint(2006, 2025)
        started = __import__("datetime").date(year, rng.randint(1, 12), rng.randint(1, 28))
        row = Adoption(
            initiative=innovation,
            adopter_id=adopter,
            source=rng.choice(rows) if rows and rng.random() < 0.6 else None,
            status=status,
            abandoned_reason="Geen capaciteit." if status == "abandoned" else "",
            visibility="organisation" if rng.random() < 0.1 else "public",
            started_on=started,
            adopted_on=started if status in ("adopted", "adapted") else None,
            ended_on=started if status == "abandoned" else None,
        )
        row.save()
        rows.append(row)
    AdoptionStep.objects.bulk_create(
        AdoptionStep(adoption=a, status=a.status, on=a.started_on)
        for rows in taken.values()
        for a in rows
    )
    return innovations, taken


def _measure(client, url: str, n: int) -> tuple[float, float, float, int]:
    """The first request (an empty cache for this viewer and page), then p50 and p95 of
    ``n`` more, and the SQL queries of the last."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = time.perf_counter()
    client.get(url)
    first = (time.perf_counter() - start) * 1000
    times = []
    for _i in range(n):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    return first, statistics.median(times), p95, len(ctx.captured_queries)


def main() -> None:
    args = _args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="proeftuin-bench-diffusion-") as folder:
        _setup(folder)
        from django.test import Client

        from proeftuin.accounts.models import Membership, Role
        from tests.factories import UserFactory

        started = time.perf_counter()
        innovations, taken = _generate(args, rng)
        total = sum(len(rows) for rows in taken.values())
        print(
            f"generated {total} adoptions of {len(innovations)} innovations in "
            f"{time.perf_counter() - started:.0f} s"
        )
        top = max(innovations, key=lambda i: len(taken.get(i.pk, [])))
        base = min(
            (i for i in innovations if len(taken.get(i.pk, [])) >= 20),
            key=lambda i: len(taken[i.pk]),
        )
        editor = UserFactory(username="bench-editor")
        Membership.objects.create(
            user=editor, organisation_id=taken[top.pk][0].adopter_id, role=Role.EDITOR
        )
        failed = False
        for label, innovation in (("most adopted", top), ("baseline", base)):
            print(f"\n{label}: {innovation.title}, {len(taken[innovation.pk])} adoptions")
            for who in ("anonymous", "editor"):
                client = Client()
                if who == "editor":
                    client.force_login(editor)
                for name, url in (
                    ("lineage page", f"/adopties/initiatief/{innovation.slug}/"),
                    ("lineage per quarter", f"/adopties/initiatief/{innovation.slug}/?per=quarter"),
                    ("API lineage", f"/api/v1/initiatives/{innovation.uuid}/lineage"),
                    ("adoptions list", "/adopties/"),
                ):
                    first, p50, p95, queries = _measure(client, url, args.requests)
                    ok = p95 <= TARGET_MS
                    failed |= not ok and label == "most adopted"
                    print(
                        f"  {who:<9} {name:<20} first {first:7.1f} ms  "
                        f"p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
                        f"{queries:3d} queries  {'ok' if ok else 'ABOVE TARGET'}"
                    )
        print(f"\ntarget p95 <= {TARGET_MS} ms: {'met' if not failed else 'NOT met'}")


if __name__ == "__main__":
    main()
