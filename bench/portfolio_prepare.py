"""One portfolio database, in its own process (Django settings from the environment that
``portfolio.py`` sets: DATA_DIR, STATIC_ROOT, SECRET_KEY...).

``build``: migrate a fresh SQLite database in DATA_DIR and generate the portfolio into it
(``portfolio_data.py``). ``measure``: migrate (a copy of) a built database, collect static
files, sign the member in, pick the URLs of every page in ``portfolio_pages.PAGES`` and count
the SQL queries per page in-process. Writes one JSON document to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from prepare import _collectstatic, _setup

SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _build(args) -> dict:
    from django.core.management import call_command
    from django.db import connection
    from portfolio_data import generate

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = round(time.perf_counter() - started, 2)
    print(f"  migrated in {migrated}s; generating {args.initiatives} initiatives...", flush=True)
    data = generate(args.orgs, args.initiatives, args.seed)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("ANALYZE")
    print(f"  generated in {data['seconds_generate']}s: {data['rows']}", flush=True)
    return {"seconds_migrate": migrated, **data}


def _member(rng):
    """The editor of an organisation with an average number of initiatives."""
    from django.db.models import Count

    from proeftuin.accounts.models import User

    editors = User.objects.filter(username__startswith="editor-").annotate(
        n=Count("memberships__organisation__owned_initiatives")
    )
    ordered = sorted(editors, key=lambda u: (u.n, u.pk))
    return ordered[len(ordered) // 2]


def _clients(member) -> dict:
    from django.conf import settings
    from django.test import Client

    signed_in = Client()
    signed_in.force_login(member, backend=SESSION_BACKEND)
    cookie = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    return {
        "member": (signed_in, {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"}),
        "anonymous": (Client(), {}),
    }


def _measure(args) -> dict:
    import queries
    from django.core.management import call_command
    from django.test import override_settings
    from portfolio_pages import PAGES

    from proeftuin.portfolio.models import Initiative

    call_command("migrate", verbosity=0)
    static = _collectstatic()
    rng = random.Random(args.seed)
    member = _member(rng)
    clients = _clients(member)
    pages, counts = {}, {}
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for name, page in PAGES.items():
        user = member if page.who == "member" else None
        client, headers = clients[page.who]
        urls = page.urls(rng, user, args.urls)
        pages[name] = [[url, headers] for url in urls]
        with override_settings(CACHES=dummy):  # every page does all of its work
            counts[name] = queries.measure(urls[: args.query_sample], client=client)
    return {
        "initiatives": Initiative.objects.count(),
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
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--urls", type=int, default=200, help="distinct URLs per page")
    parser.add_argument("--query-sample", type=int, default=50)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    _setup()
    result = _build(args) if args.mode == "build" else _measure(args)
    Path(args.out).write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
