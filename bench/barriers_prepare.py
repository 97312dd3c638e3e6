"""One barrier-register database, in its own process (settings from the environment that
``barriers.py`` sets). ``build``: migrate a fresh SQLite database and generate the register
(``barriers_data.py``). ``measure``: migrate a copy, collect static files, sign a member in,
pick the URLs of every page in ``barriers_pages.PAGES`` and count SQL queries per page."""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from portfolio_prepare import _clients, _member
from prepare import _collectstatic, _setup


def _build(args) -> dict:
    from barriers_data import generate
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"  migrated; generating {args.barriers} barriers...", flush=True)
    data = generate(args.orgs, args.initiatives, args.barriers, args.seed)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("ANALYZE")
    print(f"  generated: {data['rows']}", flush=True)
    return {"seconds_total": round(time.perf_counter() - started, 1), **data}


def _measure(args) -> dict:
    import queries
    from barriers_pages import PAGES
    from django.core.management import call_command
    from django.test import override_settings

    from proeftuin.barriers.models import Barrier

    call_command("migrate", verbosity=0)
    static = _collectstatic()
    rng = random.Random(args.seed)
    member = _member(rng)
    clients = _clients(member)
    pages, counts = {}, {}
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for name, page in PAGES.items():
        client, headers = clients[page.who]
        urls = page.urls(rng, member if page.who == "member" else None, args.urls)
        pages[name] = [[url, headers] for url in urls]
        with override_settings(CACHES=dummy):
            counts[name] = queries.measure(urls[: args.query_sample], client=client)
    return {
        "initiatives": Barrier.objects.count(),  # the size shown in the summary: barriers
        "member": member.username,
        "seconds_collectstatic": static,
        "pages": pages,
        "queries": counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=["build", "measure"])
    parser.add_argument("--orgs", type=int, default=2_000)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--barriers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--urls", type=int, default=100, help="distinct URLs per page")
    parser.add_argument("--query-sample", type=int, default=20)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    _setup()
    result = _build(args) if args.mode == "build" else _measure(args)
    Path(args.out).write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
