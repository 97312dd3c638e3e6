"""Build one benchmark library in its own process (Django settings come from the environment
that ``library.py`` sets: DATA_DIR, STATIC_ROOT, SECRET_KEY...).

Migrates a fresh SQLite database, generates the data, collects static files when needed,
picks the URLs the load test requests and counts the SQL queries per page in-process.
Writes one JSON document to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import django


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proeftuin.settings")
    django.setup()
    from django.conf import settings

    database = settings.DATABASES["default"]
    data_dir = os.environ["DATA_DIR"]
    if database["ENGINE"] != "django.db.backends.sqlite3" or data_dir not in str(database["NAME"]):
        sys.exit(f"refusing to fill {database['NAME']}: expected a SQLite file in {data_dir}")


def _pages(n: int, facet_keys: tuple[str, str], seed: int) -> dict[str, list[str]]:
    """Library URLs with two facets (values taken from random visible cases, so combinations
    are weighted as in the data and never empty) and case URLs of visible cases."""
    from proeftuin.cases.models import Case, CaseFacetValue

    rng = random.Random(seed)
    visible = list(Case.objects.published_public().values_list("pk", "slug"))
    picked = rng.sample(visible, min(n, len(visible)))
    library = []
    for case_id, _slug in picked:
        rows = CaseFacetValue.objects.filter(case_id=case_id, facet__in=facet_keys)
        rows = list(rows.values_list("facet", "value"))
        values = {key: [v for f, v in rows if f == key] for key in facet_keys}
        if all(values.values()):
            query = {key: rng.choice(values[key]) for key in facet_keys}
            page = rng.choices([1, 2, 3, 5], weights=[70, 15, 10, 5])[0]
            if page > 1:
                query["pagina"] = page
            library.append(f"/casussen/?{urlencode(query)}")
    cases = [f"/casussen/{slug}/" for _pk, slug in picked]
    if not library:
        sys.exit(f"no published public case has values for both facets {facet_keys}")
    return {"library": library, "case": cases}


def _collectstatic() -> float:
    from django.conf import settings
    from django.core.management import call_command

    started = time.perf_counter()
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    return round(time.perf_counter() - started, 2)


def _query_counts(pages: dict[str, list[str]], sample: int) -> dict:
    """Counted with the fragment cache off, so every page does all of its work."""
    import queries
    from django.test import override_settings

    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy):
        return {kind: queries.measure(urls[:sample]) for kind, urls in pages.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--orgs", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--urls", type=int, default=200, help="distinct URLs per page type")
    parser.add_argument("--facets", default="layer,theme")
    parser.add_argument("--query-sample", type=int, default=25)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    _setup()
    from django.core.management import call_command
    from generate import generate

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = round(time.perf_counter() - started, 2)
    print(f"  migrated in {migrated}s; generating {args.cases} cases...", file=sys.stderr)
    data = generate(args.orgs, args.cases, args.seed)
    print(
        f"  generated in {data['seconds_generate']}s, facet index in "
        f"{data['seconds_facet_index']}s, {data['rows']}",
        file=sys.stderr,
    )
    facet_keys = tuple(args.facets.split(","))
    pages = _pages(args.urls, facet_keys, args.seed)
    result = {
        "cases": args.cases,
        "organisations": args.orgs,
        "seconds_migrate": migrated,
        "seconds_collectstatic": _collectstatic(),
        **data,
        "pages": pages,
        "queries": _query_counts(pages, args.query_sample),
    }
    Path(args.out).write_text(json.dumps(result, indent=2), encoding="utf-8")


def prepare_main(doc: str, build, measure, sizes: dict[str, int], sample: int) -> None:
    """The command line of a two-size benchmark's prepare script (``funding_prepare.py``,
    ``awards_prepare.py``): ``build`` or ``measure`` one database, the generator's
    ``sizes`` ({option: default}), and write the result as JSON to ``--out``."""
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("mode", choices=["build", "measure"])
    for option, default in sizes.items():
        parser.add_argument(option, type=int, default=default)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--urls", type=int, default=200, help="distinct URLs per page")
    parser.add_argument("--query-sample", type=int, default=sample)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    _setup()
    result = build(args) if args.mode == "build" else measure(args)
    Path(args.out).write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
