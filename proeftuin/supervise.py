"""Run a few processes as one: ``python -m proeftuin.supervise "web=CMD" "worker=CMD"``.

What ``make run`` uses to start gunicorn and the job worker with one command. Ctrl+C (or
SIGTERM) stops all of them; when one of them exits, the others are stopped too, and the
exit status is that of the first one to exit. Each child runs in its own session, so a
Ctrl+C reaches it once, through this process, as SIGTERM.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time

GRACE_SECONDS = 15


def _start(specs: list[str]) -> dict[str, subprocess.Popen]:
    children = {}
    for spec in specs:
        name, _sep, command = spec.partition("=")
        children[name] = subprocess.Popen(shlex.split(command), start_new_session=True)
    return children


def _stop(children: dict[str, subprocess.Popen]) -> None:
    for child in children.values():
        _signal_group(child, signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for child in children.values():
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            _signal_group(child, signal.SIGKILL)
            child.wait()


def _signal_group(child: subprocess.Popen, signum: int) -> None:
    """Signal the child and what it started (gunicorn's workers, runserver's reloader)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signum)


def _first_exit(children: dict[str, subprocess.Popen]) -> tuple[str, int]:
    while True:
        for name, child in children.items():
            code = child.poll()
            if code is not None:
                return name, code
        time.sleep(0.2)


def main(specs: list[str]) -> int:
    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    # Ctrl+C also when started with SIGINT ignored (as a background job of a script)
    signal.signal(signal.SIGINT, interrupted)
    children = _start(specs)
    try:
        name, code = _first_exit(children)
        print(f"{name} stopped (exit status {code}); stopping the others.", file=sys.stderr)
    except KeyboardInterrupt:
        code = 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        _stop(children)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
