"""One funding database, in its own process (Django settings from the environment that
``funding.py`` sets: DATA_DIR, STATIC_ROOT, SECRET_KEY...).

``build``: migrate a fresh SQLite database in DATA_DIR and generate the rounds into it
(``funding_data.py``). ``measure``: migrate (a copy of) a built database, collect static
files, sign the manager, a reviewer and an applicant in, pick the URLs of every page in
``funding_pages.PAGES`` and count the SQL queries per page in-process. Writes one JSON
document to ``--out``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# this checkout's code (as gunicorn runs it), not the virtualenv's editable install's
sys.path[:0] = [str(HERE.parent), str(HERE)]

from prepare import _collectstatic, prepare_main  # noqa: E402

SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _build(args) -> dict:
    from django.core.management import call_command
    from django.db import connection
    from funding_data import generate

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = round(time.perf_counter() - started, 2)
    print(f"  migrated in {migrated}s; generating {args.applications} applications...", flush=True)
    data = generate(args.orgs, args.rounds, args.applications, args.seed)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("ANALYZE")
    print(f"  generated in {data['seconds_generate']}s: {data['rows']}", flush=True)
    return {"seconds_migrate": migrated, **data}


def _median(users, related: str):
    from django.db.models import Count

    ordered = sorted(users.annotate(n=Count(related)), key=lambda u: (u.n, u.pk))
    return ordered[len(ordered) // 2]


def _users() -> dict:
    from proeftuin.accounts.models import User

    reviewers = User.objects.filter(username__startswith="reviewer-")
    return {
        "manager": User.objects.get(username="manager"),
        "reviewer": _median(reviewers, "review_assignments"),
        "applicant": _applicant(),
    }


def _applicant():
    from django.db.models import Count, OuterRef, Subquery

    from proeftuin.accounts.models import User
    from proeftuin.funding.models import Application

    counts = (
        Application.objects.filter(created_by=OuterRef("pk"))
        .values("created_by")
        .annotate(n=Count("pk"))
        .values("n")
    )
    users = User.objects.filter(username__startswith="applicant-").annotate(n=Subquery(counts))
    ordered = sorted((u for u in users if u.n), key=lambda u: (u.n, u.pk))
    return ordered[len(ordered) // 2]


def _client(user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend=SESSION_BACKEND)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    return client, {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"}


def _measure(args) -> dict:
    import queries
    from django.core.management import call_command
    from funding_pages import PAGES

    from proeftuin.funding.models import Application, Review

    call_command("migrate", verbosity=0)
    static = _collectstatic()
    rng = random.Random(args.seed)
    users = _users()
    clients = {who: _client(user) for who, user in users.items()}
    pages, counts = queries.measure_pages(PAGES, users, clients, rng, args.urls, args.query_sample)
    return {
        "applications": Application.objects.count(),
        "reviews": Review.objects.count(),
        "users": {who: user.username for who, user in users.items()},
        "seconds_collectstatic": static,
        "pages": pages,
        "queries": counts,
    }


def main() -> None:
    prepare_main(
        __doc__, _build, _measure, {"--applications": 0, "--rounds": 50, "--orgs": 200}, sample=30
    )


if __name__ == "__main__":
    sys.exit(main())
