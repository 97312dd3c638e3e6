"""Benchmark: a damaged keyword index, from the damage to a working (degraded) search and to
a healed index, on the demo data.

    .venv/bin/python bench/search_heal.py [--data-dir DIR] [--queries 20]

Sets up a throw-away installation (``migrate``, ``load_demo``: the demo cases and documents,
indexed and embedded with the offline model) unless ``--data-dir`` already holds one, then,
in this process, for each kind of damage (folder deleted, segment files truncated while
open, meta.json overwritten):

1. searches the demo queries once, healthy (the index is open and mapped);
2. damages the folder; the clock starts;
3. searches again: the first answer is "damage to a working search" (it notices the damage,
   answers from the database with the notice, and queues ``search.heal_index``);
4. runs the queued job as a worker would take it (``JOBS_BACKEND=sync``: when the
   transaction ends) and searches once more: "damage to a healed index" is the first
   degraded answer plus the job plus that search (a worker's pick-up delay not counted;
   the other degraded searches, run before the job here to time them, are not counted).

It checks that every degraded answer carries the notice and finds the same cases as the
healthy one (keyword mode), and that after healing the answers equal the healthy ones again.
Then ``search_index --rebuild`` runs while another thread keeps searching: every search
must answer. Last, the reported crash itself: segment files truncated under two gunicorn
workers that have the index open; the workers must survive and answer 200. Prints a table
and writes bench/results/search_heal.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
QUERIES = [
    "waterstof",
    "wijkteams jeugdzorg",
    "gegevens delen tussen gemeenten",
    "digitale toegankelijkheid",
    "energietransitie in de wijk",
    "schuldhulpverlening",
    "burgerparticipatie",
    "open data",
    "mobiliteit ouderen platteland",
    "ketensamenwerking",
    "algoritmeregister",
    "klimaatadaptatie",
    "armoede kinderen",
    "duurzame inkoop",
    "zorg thuis technologie",
    "vergunningen sneller",
    "woningbouw",
    "luchtkwaliteit meten",
    "circulaire economie",
    "laaggeletterdheid",
]


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    env.update(
        DATA_DIR=str(data_dir),
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        JOBS_BACKEND="sync",
        SEARCH_BACKEND="tantivy",
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="proeftuin.settings",
    )
    return env


def set_up(data_dir: Path) -> float:
    """A demo installation in ``data_dir``; returns the seconds it took (0 when reused)."""
    if (data_dir / "search" / "CURRENT").exists():
        return 0.0
    env = environment(data_dir)
    started = time.perf_counter()
    for command in (["migrate", "-v0"], ["load_demo"], ["search_index", "--embed"]):
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *command],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - started


# ------------------------------------------------------------------ in this process


def search(query: str, mode: str = "keyword"):
    from django.contrib.auth.models import AnonymousUser

    from proeftuin.search.service import search as run

    return run(user=AnonymousUser(), query=query, mode=mode)


def answer(query: str, mode: str = "keyword") -> tuple[list[str], bool, float]:
    """(case titles, degraded, milliseconds) of one search."""
    started = time.perf_counter()
    results = search(query, mode)
    took = 1000 * (time.perf_counter() - started)
    return [c.title for c in results.cases], bool(results.degraded), took


def damage(kind: str) -> None:
    from proeftuin.search import runtime

    folder = runtime.index_dir()
    generation = folder / (folder / "CURRENT").read_text().strip()
    if kind == "deleted":
        shutil.rmtree(folder)
    elif kind == "truncated":
        for path in generation.iterdir():
            if len(path.name) > 33 and path.name[32] == ".":
                os.truncate(path, path.stat().st_size // 3)
    elif kind == "garbage meta.json":
        (generation / "meta.json").write_bytes(b"\x00not json{")


def one_damage(kind: str, healthy: dict[str, list[str]]) -> dict:
    from django.db import transaction

    from proeftuin.search import health

    for query in QUERIES:  # the index is open and its files mapped
        assert answer(query)[0] == healthy[query]
    health.reset()
    damage(kind)
    t0 = time.perf_counter()
    degraded_ms = []
    with transaction.atomic():  # the queued job runs when this ends, as a worker's would
        for i, query in enumerate(QUERIES):
            titles, degraded, took = answer(query)
            if i == 0:
                first_answer = time.perf_counter() - t0
            assert degraded, f"{kind}: {query!r} not degraded"
            assert titles == healthy[query] or set(titles) == set(healthy[query]), query
            degraded_ms.append(took)
        hybrid_titles, hybrid_degraded, _took = answer(QUERIES[0], "hybrid")
        assert hybrid_degraded and hybrid_titles
        job_queued = time.perf_counter()
    healed_at = time.perf_counter()
    titles, degraded, first_healthy = answer(QUERIES[0])
    assert not degraded and titles == healthy[QUERIES[0]], "not healed"
    # the worker takes the job as soon as it is queued (with the first degraded answer)
    healed = first_answer + (healed_at - job_queued) + first_healthy / 1000
    for query in QUERIES:
        assert answer(query)[0] == healthy[query]
    return {
        "damage": kind,
        "first_degraded_answer_ms": round(1000 * first_answer, 1),
        "degraded_search_p50_ms": round(statistics.median(degraded_ms), 1),
        "degraded_search_max_ms": round(max(degraded_ms), 1),
        "heal_job_ms": round(1000 * (healed_at - job_queued), 1),
        "damage_to_healed_ms": round(1000 * healed, 1),
    }


def rebuild_while_searching() -> dict:
    from django.core.management import call_command
    from django.db import connection

    from proeftuin.search import runtime

    stop = threading.Event()
    took, errors = [], []

    def searching():
        try:
            while not stop.is_set():
                for query in QUERIES:
                    try:
                        took.append(answer(query)[2])
                    except Exception as exc:  # counted and printed
                        errors.append(repr(exc))
        finally:
            connection.close()

    thread = threading.Thread(target=searching)
    thread.start()
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("search_index", "--rebuild", stdout=quiet, stderr=quiet)
    rebuilt = time.perf_counter() - started
    time.sleep(0.2)
    stop.set()
    thread.join()
    runtime.keyword_backend().check()
    return {
        "rebuild_s": round(rebuilt, 2),
        "searches_during": len(took),
        "errors": len(errors),
        "search_p50_ms": round(statistics.median(took), 1) if took else None,
        "search_max_ms": round(max(took), 1) if took else None,
    }


def _children(pid: int) -> list[int]:
    return sorted(int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())


def _get(port: int, path: str) -> tuple[int, str, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, body, 1000 * (time.perf_counter() - started)


def web_workers(data_dir: Path) -> dict:
    """The reported crash: segment files truncated under two gunicorn workers that have the
    index open. With ``JOBS_BACKEND=sync`` (no worker process on this branch) the request
    that notices the damage also runs the queued rebuild before it answers."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from server import Workers, app_env, gunicorn

    scratch = Path(tempfile.mkdtemp(prefix="search-heal-web-"))
    env = app_env(data_dir, scratch / "static", scratch)
    env.update(JOBS_BACKEND="sync", SEARCH_BACKEND="tantivy")
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    page = "/zoeken/?q=waterstof&mode=keyword"
    with gunicorn(env, Workers(workers=2), scratch / "gunicorn.log") as server:
        for _ in range(10):  # both workers open (and map) the index
            assert _get(server.port, page)[0] == 200
        before = _children(server.pid)
        damage("truncated")
        answers = [_get(server.port, page) for _ in range(10)]
        after = _children(server.pid)
    shutil.rmtree(scratch, ignore_errors=True)
    return {
        "workers_before": before,
        "workers_after": after,
        "statuses": [status for status, _body, _ms in answers],
        "with_notice": sum(1 for _s, body, _ms in answers if "De zoekindex wordt hersteld" in body),
        "first_answer_ms": round(answers[0][2], 1),
        "later_p50_ms": round(statistics.median(ms for _s, _b, ms in answers[1:]), 1),
    }


def measure(data_dir: Path) -> dict:
    os.environ.update(environment(data_dir))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from proeftuin.search import services
    from proeftuin.search.models import Passage

    # A freshly built index: one written case by case still counts replaced passages in
    # its term statistics, so its order of equal-looking hits can differ from a rebuild's.
    services.rebuild_keyword_index(force=True)
    healthy_ms = []
    healthy = {}
    for query in QUERIES:
        titles, degraded, took = answer(query)
        assert not degraded
        healthy[query] = titles
        healthy_ms.append(took)
    runs = [one_damage(kind, healthy) for kind in ("deleted", "truncated", "garbage meta.json")]
    return {
        "passages": Passage.objects.count(),
        "healthy_search_p50_ms": round(statistics.median(healthy_ms), 1),
        "damage": runs,
        "rebuild_while_searching": rebuild_while_searching(),
        "web_workers": web_workers(data_dir),
    }


def report(result: dict) -> None:
    print(f"Demo data: {result['passages']} passages; {result['machine']}")
    print(f"Healthy keyword search p50: {result['healthy_search_p50_ms']} ms")
    header = ("damage", "first answer", "degraded p50", "heal job", "damage->healed")
    print("{:<20} {:>14} {:>14} {:>10} {:>16}".format(*header))
    for run in result["damage"]:
        print(
            f"{run['damage']:<20} {run['first_degraded_answer_ms']:>11} ms "
            f"{run['degraded_search_p50_ms']:>11} ms {run['heal_job_ms']:>7} ms "
            f"{run['damage_to_healed_ms']:>13} ms"
        )
    during = result["rebuild_while_searching"]
    print(
        f"search_index --rebuild while searching: {during['rebuild_s']} s, "
        f"{during['searches_during']} searches, {during['errors']} errors, "
        f"p50 {during['search_p50_ms']} ms, max {during['search_max_ms']} ms"
    )
    web = result["web_workers"]
    survived = "the same" if web["workers_before"] == web["workers_after"] else "REPLACED"
    print(
        f"gunicorn, 2 workers, segments truncated under them: statuses {web['statuses']}, "
        f"{web['with_notice']} with the notice, worker processes {survived} "
        f"({web['workers_before']} -> {web['workers_after']}); first answer "
        f"{web['first_answer_ms']} ms (heals inline with JOBS_BACKEND=sync), "
        f"then p50 {web['later_p50_ms']} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="reuse (or create) this installation")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="search-heal-"))
    setup = set_up(data_dir)
    result = measure(data_dir)
    result["setup_s"] = round(setup, 1)
    result["machine"] = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    report(result)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "search_heal.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
