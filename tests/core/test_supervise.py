"""`make run`'s supervisor: one of two processes stopping stops the other; Ctrl+C stops both."""

import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _supervise(*specs):
    command = [sys.executable, "-m", "proeftuin.supervise", *specs]
    return subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE)


def test_when_one_process_exits_the_other_is_stopped_too():
    started = time.monotonic()
    proc = _supervise("web=sleep 60", "worker=sh -c 'exit 3'")
    assert proc.wait(timeout=20) == 3
    assert time.monotonic() - started < 15
    assert b"worker stopped (exit status 3)" in proc.stderr.read()


def test_ctrl_c_stops_both(tmp_path):
    specs = [f"{name}=sh -c 'echo $$ > {tmp_path / name}; exec sleep 60'" for name in "ab"]
    proc = _supervise(*specs)
    pid_files = [tmp_path / name for name in "ab"]
    deadline = time.monotonic() + 20
    while not all(f.exists() and f.read_text().strip() for f in pid_files):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    pids = [int(f.read_text()) for f in pid_files]
    assert all(Path(f"/proc/{pid}").exists() for pid in pids)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=20) == 0
    assert not any(Path(f"/proc/{pid}").exists() for pid in pids)
