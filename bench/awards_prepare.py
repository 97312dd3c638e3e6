"""One awards database, in its own process (Django settings from the environment that
``awards.py`` sets: DATA_DIR, STATIC_ROOT, SECRET_KEY...).

``build``: migrate a fresh SQLite database in DATA_DIR and generate the edition into it
(``awards_data.py``). ``measure``: migrate (a copy of) a built database, collect static
files, sign the organiser and a judge in, pick the URLs of every page in
``awards_pages.PAGES`` and count the SQL queries per page in-process. Writes one JSON
document to ``--out``. Like ``funding_prepare.py`` it puts this checkout first on
``sys.path``, so the query counts are of the code gunicorn serves.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# this checkout's code (as gunicorn runs it), not the virtualenv's editable install's
sys.path[:0] = [str(HERE.parent), str(HERE)]

from funding_prepare import _client  # noqa: E402
from prepare import _collectstatic, prepare_main  # noqa: E402


def _build(args) -> dict:
    from awards_data import generate
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = round(time.perf_counter() - started, 2)
    print(f"  migrated in {migrated}s; generating {args.nominations} nominations...", flush=True)
    data = generate(args.orgs, args.nominations, args.judges, args.seed)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("ANALYZE")
    print(f"  generated in {data['seconds_generate']}s: {data['rows']}", flush=True)
    return {"seconds_migrate": migrated, **data}


def _judge():
    """The judge with the median number of scorecards."""
    from django.db.models import Count, OuterRef, Subquery

    from proeftuin.accounts.models import User
    from proeftuin.awards.models import Scorecard

    counts = (
        Scorecard.objects.filter(judge=OuterRef("pk"))
        .values("judge")
        .annotate(n=Count("pk"))
        .values("n")
    )
    judges = User.objects.filter(username__startswith="judge-").annotate(n=Subquery(counts))
    ordered = sorted(judges, key=lambda u: (u.n or 0, u.pk))
    return ordered[len(ordered) // 2]


def _measure(args) -> dict:
    import queries
    from awards_pages import PAGES
    from django.core.management import call_command

    from proeftuin.accounts.models import User
    from proeftuin.awards.models import Nomination, Score, Scorecard

    call_command("migrate", verbosity=0)
    static = _collectstatic()
    rng = random.Random(args.seed)
    users = {"organiser": User.objects.get(username="organiser"), "judge": _judge()}
    clients = {who: _client(user) for who, user in users.items()}
    pages, counts = queries.measure_pages(PAGES, users, clients, rng, args.urls, args.query_sample)
    return {
        "nominations": Nomination.objects.count(),
        "scorecards": Scorecard.objects.count(),
        "scores": Score.objects.count(),
        "users": {who: user.username for who, user in users.items()},
        "seconds_collectstatic": static,
        "pages": pages,
        "queries": counts,
    }


def main() -> None:
    prepare_main(
        __doc__, _build, _measure, {"--nominations": 0, "--judges": 30, "--orgs": 1_200}, sample=20
    )


if __name__ == "__main__":
    sys.exit(main())
