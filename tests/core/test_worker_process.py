"""Real worker processes on a SQLite file: two workers never run the same job, and a
worker killed with SIGKILL mid-job leaves it to the next worker, which finishes it."""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEST_DATABASE_URL")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "proeftuin.settings",
        "SECRET_KEY": "worker-test-" + "x" * 40,
        "DATA_DIR": str(tmp_path),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "JOBS_BACKEND": "database",
        "JOBS_LEASE_SECONDS": "2",
        "JOBS_TEST_LOG": str(tmp_path / "log.txt"),
        "LOG_LEVEL": "WARNING",
        "LLM_ENDPOINT_URL": "",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "core", "-v0"], cwd=ROOT, env=env, check=True
    )
    return env


def _run(env, *args, **kwargs):
    command = [sys.executable, "-m", "tests.core.jobs_worker", *args]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, **kwargs)


def _log(env) -> list[list[str]]:
    path = Path(env["JOBS_TEST_LOG"])
    return [line.split() for line in path.read_text().splitlines()] if path.exists() else []


def _records(env) -> list[dict]:
    return json.loads(_run(env, "show").communicate(timeout=30)[0])


def test_two_workers_run_each_job_exactly_once(env):
    _run(env, "enqueue", "20", "0.02").wait(timeout=30)
    workers = [_run(env, "work", "--burst") for _ in range(2)]
    for worker in workers:
        assert worker.wait(timeout=60) == 0
    starts = Counter(number for kind, number, _pid in _log(env) if kind == "start")
    assert sorted(starts) == sorted(str(n) for n in range(20))
    assert set(starts.values()) == {1}
    assert {r["state"] for r in _records(env)} == {"succeeded"}


def test_a_job_of_a_killed_worker_is_finished_by_the_next_one(env):
    _run(env, "enqueue", "1", "1.5").wait(timeout=30)
    first = _run(env, "work")
    deadline = time.monotonic() + 30
    while not _log(env) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _log(env)[0][0] == "start"
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = time.monotonic()
    second = _run(env, "work")
    try:
        while len(_log(env)) < 3 and time.monotonic() < killed_at + 30:
            time.sleep(0.05)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    log = _log(env)
    assert [line[0] for line in log] == ["start", "start", "done"]
    assert log[0][2] == str(first.pid) and log[1][2] == log[2][2] == str(second.pid)
    assert _records(env) == [{"args": [0, 1.5], "state": "succeeded", "attempts": 2}]
