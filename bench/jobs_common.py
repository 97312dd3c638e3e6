"""What the job benchmarks share: a throw-away platform as ``make run`` starts it
(gunicorn with proeftuin/gunicorn_conf.py and ``manage.py worker`` under
``proeftuin.supervise``, embedded SQLite in a temporary DATA_DIR), the ORM of that same
database in this process, and a small logged-in HTTP client."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from server import ROOT, _free_port, _wait_ready, app_env

SHARED = ROOT.parent / "shared"
PASSWORD = "bench-wachtwoord-" + uuid.uuid4().hex[:8]


def prepare(scratch: Path, *, demo: bool) -> dict[str, str]:
    """Migrate a fresh database (and load the demo library), then use it in this process."""
    env = app_env(scratch / "data", scratch / "static", scratch)
    env["LOG_LEVEL"] = "INFO"
    env["JOBS_BACKEND"] = "database"
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    if demo:
        subprocess.run([*manage, "load_demo"], env=env, check=True, cwd=ROOT, capture_output=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return env


def member(username: str, organisation=None):
    """An editor of ``organisation`` (a new one by default), with the bench password."""
    from django.contrib.auth import get_user_model

    from proeftuin.accounts.models import Membership, Role
    from tests.factories import OrganisationFactory

    organisation = organisation or OrganisationFactory(name="Gemeente Benchmark")
    user = get_user_model().objects.create_user(
        username, email=f"{username}@bench.invalid", password=PASSWORD
    )
    Membership.objects.create(user=user, organisation=organisation, role=Role.EDITOR)
    return user, organisation


@contextlib.contextmanager
def make_run(env: dict[str, str], log: Path, *, gunicorn_workers: int = 3) -> Iterator[int]:
    """gunicorn and the worker together, as ``make run`` starts them; yields the port."""
    port = _free_port()
    web = (
        f"{sys.executable} -m gunicorn proeftuin.wsgi -c proeftuin/gunicorn_conf.py "
        f"--bind 127.0.0.1:{port} --workers {gunicorn_workers} --log-level warning"
    )
    worker = f"{sys.executable} manage.py worker"
    command = [sys.executable, "-m", "proeftuin.supervise", f"web={web}", f"worker={worker}"]
    with log.open("ab") as out:
        proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_ready(port, proc, timeout=180)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--poll", "0.2"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def worker_pid(supervisor_pid: int) -> int | None:
    """The ``manage.py worker`` child of the supervisor (Linux /proc)."""
    for child in Path(f"/proc/{supervisor_pid}/task/{supervisor_pid}/children").read_text().split():
        if b"worker" in Path(f"/proc/{child}/cmdline").read_bytes():
            return int(child)
    return None


class Client:
    """One logged-in browser: a keep-alive connection with session and CSRF cookies."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, url: str, body: bytes | None = None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method != "GET" and "csrftoken" in self.cookies:
            headers.setdefault("X-CSRFToken", self.cookies["csrftoken"])
            headers.setdefault("Referer", f"http://127.0.0.1:{self.port}/")
        try:
            self.conn.request(method, url, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn.request(method, url, body=body, headers=headers)
            response = self.conn.getresponse()
        data = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, data

    def login(self, username: str) -> None:
        _response, page = self.request("GET", "/account/inloggen/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = f"csrfmiddlewaretoken={token}&username={username}&password={PASSWORD}".encode()
        response, _ = self.request(
            "POST",
            "/account/inloggen/",
            body,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status == 302, f"login failed: {response.status}"

    def upload(self, filename: str, data: bytes):
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(
            "POST",
            "/documenten/",
            body,
            {"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


def wait_for(predicate, timeout: float, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None
