"""A closed-loop HTTP load generator: N client threads on loopback, each sending its next
request as soon as the previous answer is read (keep-alive when the server allows it)."""

from __future__ import annotations

import http.client
import itertools
import math
import statistics
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Samples:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    bytes_total: int = 0
    seconds: float = 0.0
    connections: int = 0

    def extend(self, other: Samples) -> None:
        self.latencies_ms += other.latencies_ms
        for status, n in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + n
        self.errors += other.errors
        self.bytes_total += other.bytes_total
        self.seconds += other.seconds
        self.connections += other.connections


class _Work:
    """Hands out URLs round-robin until the request budget or the deadline is used up."""

    def __init__(self, urls: list, budget: int, max_seconds: float):
        self._urls = itertools.cycle(urls)
        self._left = budget
        self._deadline = time.monotonic() + max_seconds
        self._lock = threading.Lock()

    def next(self):
        with self._lock:
            if self._left <= 0 or time.monotonic() > self._deadline:
                return None
            self._left -= 1
            return next(self._urls)


def _client(port: int, work: _Work, samples: Samples, lock: threading.Lock) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connects = 0
    while (item := work.next()) is not None:
        url, headers = (item, {}) if isinstance(item, str) else item
        connects += conn.sock is None  # http.client reconnects after "Connection: close"
        started = time.perf_counter()
        try:
            conn.request("GET", url, headers={"User-Agent": "proeftuin-bench", **headers})
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            with lock:
                samples.errors.append(f"{url}: {exc!r}")
            continue
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            samples.latencies_ms.append(elapsed)
            samples.statuses[response.status] = samples.statuses.get(response.status, 0) + 1
            samples.bytes_total += len(body)
    conn.close()
    with lock:
        samples.connections += connects


def run(port: int, urls: list, clients: int, requests: int, max_seconds: float) -> Samples:
    """Send ``requests`` GETs (fewer if ``max_seconds`` runs out) with ``clients`` threads;
    each of ``urls`` is a URL or a pair of a URL and its extra headers."""
    samples, lock = Samples(), threading.Lock()
    work = _Work(urls, requests, max_seconds)
    threads = [
        threading.Thread(target=_client, args=(port, work, samples, lock), daemon=True)
        for _ in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    samples.seconds = time.perf_counter() - started
    return samples


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation): a latency some request really had."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1]


def summarise(samples: Samples) -> dict:
    lat = samples.latencies_ms
    ok = samples.statuses.get(200, 0)
    return {
        "requests": len(lat),
        "ok": ok,
        "statuses": {str(k): v for k, v in sorted(samples.statuses.items())},
        "errors": len(samples.errors),
        "error_examples": samples.errors[:3],
        "p50_ms": round(percentile(lat, 50), 1) if lat else None,
        "p95_ms": round(percentile(lat, 95), 1) if lat else None,
        "p99_ms": round(percentile(lat, 99), 1) if lat else None,
        "mean_ms": round(statistics.mean(lat), 1) if lat else None,
        "max_ms": round(max(lat), 1) if lat else None,
        "throughput_rps": round(len(lat) / samples.seconds, 1) if samples.seconds else None,
        "mean_kb": round(samples.bytes_total / len(lat) / 1024, 1) if lat else None,
        "tcp_connections": samples.connections,
        "seconds": round(samples.seconds, 1),
    }
