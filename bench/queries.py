"""In-process measurements with Django's test client: SQL queries per page and where the
database time goes. Runs against the same database the HTTP benchmark serves."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict

from django.db import connection
from django.test import Client


class Recorder:
    """An execute wrapper that records every statement with its parameters."""

    def __init__(self):
        self.queries: list[tuple[str, tuple]] = []

    def __call__(self, execute, sql, params, many, context):
        self.queries.append((sql, params))
        return execute(sql, params, many, context)


def _timed(sql: str, params) -> float:
    """Milliseconds to run a query and fetch all its rows (SQLite computes many rows only
    while they are fetched, so timing ``execute`` alone would undercount)."""
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        return (time.perf_counter() - started) * 1000


def _get(client: Client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def measure(urls: list[str], repeats: int = 1, client: Client | None = None) -> dict:
    """Queries per request (min/max over ``urls``), single-client time, and the slowest
    query shapes: each recorded query is run again on its own to time it. ``client``: a
    signed-in test client, say; a new anonymous one by default."""
    client = client or Client()
    _get(client, urls[0])  # load templates, translations, facet labels
    counts, times = [], []
    by_shape: dict[str, list[float]] = defaultdict(list)
    examples: dict[str, tuple] = {}
    for url in urls:
        for _n in range(repeats):
            recorder = Recorder()
            with connection.execute_wrapper(recorder):
                started = time.perf_counter()
                _get(client, url)
                times.append((time.perf_counter() - started) * 1000)
            counts.append(len(recorder.queries))
            for sql, params in recorder.queries:
                by_shape[sql].append(_timed(sql, params))
                examples.setdefault(sql, params)
    per_request = sum(sum(v) for v in by_shape.values()) / len(counts) or 1e-9
    slowest = sorted(by_shape.items(), key=lambda item: -sum(item[1]))[:5]
    return {
        "requests": len(counts),
        "queries_min": min(counts),
        "queries_max": max(counts),
        "single_client_ms_p50": round(statistics.median(times), 1),
        "sql_ms_per_request": round(per_request, 1),
        "slowest_queries": [
            {
                "mean_ms": round(statistics.mean(ms), 2),
                "share_of_sql": round(sum(ms) / len(counts) / per_request, 2),
                "per_request": round(len(ms) / len(counts), 2),
                "sql": shape,
                "params": [str(p) for p in examples[shape] or ()],
                "plan": explain(shape, examples[shape]),
            }
            for shape, ms in slowest
        ],
    }


def explain(sql: str, params) -> list[str]:
    """SQLite's plan for one recorded query."""
    if connection.vendor != "sqlite" or not sql.lstrip().upper().startswith("SELECT"):
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


def measure_pages(pages: dict, users: dict, clients: dict, rng, n_urls: int, sample: int):
    """For every ``Page(who, urls)`` of ``pages``: ``n_urls`` URLs with the headers of its
    signed-in ``clients[who]`` (``(client, headers)``), and the queries of the first
    ``sample`` of them, counted with the cache off (every page does all of its work).
    Returns ``(urls with headers per page, counts per page)``."""
    from django.test import override_settings

    found, counts = {}, {}
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for name, page in pages.items():
        client, headers = clients[page.who]
        urls = page.urls(rng, users, n_urls)
        found[name] = [[url, headers] for url in urls]
        with override_settings(CACHES=dummy):
            counts[name] = measure(urls[:sample], client=client)
    return found, counts
