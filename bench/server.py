"""Run the app under gunicorn on 127.0.0.1 for the length of a ``with`` block."""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Template references to built front-end files (frontend/ build output, not in git).
VENDOR_FILES = ["htmx.min.js", "utrecht-components.css"]


@dataclass(frozen=True)
class Workers:
    kind: str = "sync"
    workers: int = 5
    threads: int = 1

    def __str__(self) -> str:
        threads = f" x {self.threads} threads" if self.kind == "gthread" else ""
        return f"{self.workers} {self.kind} workers{threads}"


def app_env(data_dir: Path, static_root: Path, scratch: Path) -> dict[str, str]:
    """The environment of the app: production-like settings, a throw-away SQLite database.

    Without the built vendor files (``npm run build`` in frontend/), WhiteNoise's manifest
    would lack them and every page would fail; empty stand-ins are added instead.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    env.update(
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        DATA_DIR=str(data_dir),
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(scratch / "media"),
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="proeftuin.settings",
        PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), env.get("PYTHONPATH", "")]),
    )
    vendor = ROOT / "proeftuin" / "static" / "vendor"
    if not all((vendor / name).exists() for name in VENDOR_FILES):
        stub = scratch / "stub-static"
        (stub / "vendor").mkdir(parents=True, exist_ok=True)
        for name in VENDOR_FILES:
            (stub / "vendor" / name).touch()
        env.update(DJANGO_SETTINGS_MODULE="stub_settings", BENCH_STUB_STATIC=str(stub))
    return env


def vendor_stubbed(env: dict[str, str]) -> bool:
    return "BENCH_STUB_STATIC" in env


@dataclass
class Server:
    port: int
    pid: int

    def cpu_seconds(self) -> float | None:
        """User+system CPU time used so far by the gunicorn workers (Linux only)."""
        try:
            children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
            ticks = 0
            for child in children:
                fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            return None
        return ticks / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float | None:
    """CPU time all processes on the machine have used since boot (Linux only)."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/casussen/")
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return
            raise RuntimeError(f"/casussen/ answered {status}")
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: Workers, log: Path) -> Iterator[Server]:
    """Start gunicorn, yield it, stop it (only the process started here)."""
    port = _free_port()
    command = [
        sys.executable, "-m", "gunicorn", "proeftuin.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers.workers),
        "--worker-class", workers.kind,
        "--threads", str(workers.threads),
        "--backlog", "64",
        "--keep-alive", "5",
        "--timeout", "60",
        "--chdir", str(ROOT),
        "--log-level", "warning",
    ]  # fmt: skip
    with log.open("ab") as out:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_ready(port, proc)
        yield Server(port, proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def scratch_folder(prefix: str, keep: bool) -> Iterator[Path]:
    """A temporary folder for a benchmark's databases and logs, removed at the end unless
    ``keep``."""
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield scratch
    finally:
        if keep:
            print(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
