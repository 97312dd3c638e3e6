"""Web answers while the worker is busy: the ``make run`` setup (gunicorn with 3 workers
and ``manage.py worker`` under ``proeftuin.supervise``, embedded SQLite, demo library),
10 logged-in clients on loopback, each repeating: upload of a 400 KB text, upload of a
60-page PDF, a case save (API PATCH), the library page and a search page.

Measured twice in one run: with the worker idle (paused with SIGSTOP after the demo
library was indexed, so it uses no CPU) and with the worker busy embedding a 60-page report
(uploaded and ingested just before; the uploads of the measurement itself queue more
work). Prints p50/p95/max per request kind for both. Goal: p95 <= 300 ms.

The 60-page PDF is made at run time from two reports in ../shared/realdocs (30 + 32
pages); every upload gets a different trailing comment so it is a new file.

    .venv/bin/python bench/busy_worker.py [--rounds 4] [--clients 10] [--keep]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from jobs_common import SHARED, Client, make_run, member, prepare, wait_for, worker_pid

RESULTS = Path(__file__).parent / "results"
KINDS = ["upload 400 KB text", "upload 60-page PDF", "case save", "library page", "search page"]


def payloads(scratch: Path) -> tuple[bytes, bytes]:
    import pypdfium2

    text = b"".join(p.read_bytes() for p in sorted((SHARED / "corpus").glob("*.txt")))
    text = (text * (400_000 // len(text) + 1))[:400_000]
    pdf = pypdfium2.PdfDocument.new()
    for name in ("tilburg-publicatieportaal-woo.pdf", "logius-ebms3-as4-eindrapport.pdf"):
        pdf.import_pages(pypdfium2.PdfDocument(SHARED / "realdocs" / name))
    pages = len(pdf)
    path = scratch / "zestig.pdf"
    pdf.save(path)
    assert pages >= 60, pages
    return text, path.read_bytes()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


class Load:
    def __init__(self, port: int, users: list[str], cases: list[str], text: bytes, pdf: bytes):
        self.port, self.users, self.cases, self.text, self.pdf = port, users, cases, text, pdf

    def client(self, index: int, rounds: int, out: dict, errors: list) -> None:
        client = Client(self.port)
        client.login(self.users[index])
        case = self.cases[index]
        _r, body = client.request("GET", f"/api/v1/cases/{case}")
        version = json.loads(body)["version"]
        for _round in range(rounds):
            for kind in KINDS:
                started = time.perf_counter()
                response, body = self.step(client, kind, case, version)
                out[kind].append((time.perf_counter() - started) * 1000)
                if response.status >= 400:
                    errors.append(f"{kind}: {response.status}")
                if kind == "case save" and response.status == 200:
                    version = json.loads(body)["version"]

    def step(self, client: Client, kind: str, case: str, version: int):
        nonce = uuid.uuid4().hex
        if kind == "upload 400 KB text":
            return client.upload(f"rapport-{nonce}.txt", nonce.encode() + b"\n" + self.text)
        if kind == "upload 60-page PDF":
            return client.upload(f"rapport-{nonce}.pdf", self.pdf + f"\n% {nonce}\n".encode())
        if kind == "case save":
            body = json.dumps({"summary": f"Bijgewerkt {nonce}", "version": version}).encode()
            headers = {"Content-Type": "application/json"}
            return client.request("PATCH", f"/api/v1/cases/{case}", body, headers)
        if kind == "library page":
            return client.request("GET", "/casussen/")
        return client.request("GET", "/zoeken/?q=innovatie+in+de+wijk")

    def run(self, rounds: int) -> tuple[dict, list]:
        out: dict[str, list[float]] = {kind: [] for kind in KINDS}
        errors: list[str] = []
        threads = [
            threading.Thread(target=self.client, args=(i, rounds, out, errors))
            for i in range(len(self.users))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return out, errors


def report(label: str, out: dict, errors: list) -> dict:
    print(f"\n{label}")
    print(f"  {'request':<22}{'n':>4}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    figures = {}
    for kind, values in out.items():
        figures[kind] = {
            "n": len(values),
            "p50": round(statistics.median(values)),
            "p95": round(p95(values)),
            "max": round(max(values)),
        }
        f = figures[kind]
        goal = "" if f["p95"] <= 300 else "  (above 300)"
        print(f"  {kind:<22}{f['n']:>4}{f['p50']:>9}{f['p95']:>9}{f['max']:>9}{goal}")
    print(f"  errors: {len(errors)} {sorted(set(errors))[:5]}")
    return figures


def setup_users(clients: int) -> tuple[list[str], list[str]]:
    from tests.factories import make_case

    users, cases = [], []
    organisation = None
    for index in range(clients):
        user, organisation = member(f"bench-{index}", organisation)
        users.append(user.username)
        cases.append(str(make_case(organisations=[organisation], actor=user).uuid))
    return users, cases


def idle_queue() -> bool:
    from proeftuin.core.jobs import BackgroundJob

    return not BackgroundJob.objects.filter(state__in=["queued", "running"]).exists()


def busy_embedding(port: int, user: str, pdf: bytes) -> str:
    """Upload a 60-page report and wait until the worker embeds its passages."""
    from proeftuin.core.jobs import BackgroundJob

    client = Client(port)
    client.login(user)
    client.upload("zestig-paginas.pdf", pdf + b"\n% busy\n")
    started = time.monotonic()
    running = wait_for(
        lambda: BackgroundJob.objects.filter(name="search.embed_pending", state="running").exists(),
        600,
        0.2,
    )
    return (
        f"embedding started {time.monotonic() - started:.1f} s after the upload"
        if running
        else "no embedding seen"
    )


def pending_passages() -> int:
    from proeftuin.search.models import Passage

    return Passage.objects.filter(embedded_at__isnull=True).count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=4, help="rounds of 5 requests per client")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="proeftuin-busy-worker-"))
    try:
        env = prepare(scratch, demo=True)
        text, pdf = payloads(scratch)
        users, cases = setup_users(args.clients)
        results = measure(env, scratch, args, users, cases, text, pdf)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "busy_worker.json").write_text(json.dumps(results, indent=2))


def measure(env, scratch, args, users, cases, text, pdf) -> dict:
    from proeftuin.core.jobs import BackgroundJob

    with make_run(env, scratch / "make-run.log") as port:
        supervisor = next(
            int(p) for p in os.listdir("/proc") if p.isdigit() and _is_supervisor(int(p), port)
        )
        worker = worker_pid(supervisor)
        started = time.monotonic()
        wait_for(idle_queue, 900, 0.5)
        print(
            f"demo library indexed and embedded by the worker in {time.monotonic() - started:.0f} s"
        )
        load = Load(port, users, cases, text, pdf)
        os.kill(worker, signal.SIGSTOP)
        try:
            idle = report("worker idle (paused)", *load.run(args.rounds))
        finally:
            os.kill(worker, signal.SIGCONT)
        # the idle run's uploads would keep the worker on ingestion; this run wants it embedding
        BackgroundJob.objects.filter(state="queued", name="ingestion.run").delete()
        print(
            "\n" + busy_embedding(port, users[0], pdf) + f"; {pending_passages()} passages pending"
        )
        busy = report("worker busy embedding a 60-page report", *load.run(args.rounds))
        still = BackgroundJob.objects.filter(state__in=["queued", "running"]).values_list(
            "name", flat=True
        )
        print(
            f"  at the end: {pending_passages()} passages pending, jobs waiting/running: "
            f"{sorted(set(still))}"
        )
    return {"idle": idle, "busy": busy, "clients": args.clients, "rounds": args.rounds}


def _is_supervisor(pid: int, port: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"proeftuin.supervise" in cmdline and f"127.0.0.1:{port}".encode() in cmdline


if __name__ == "__main__":
    main()
