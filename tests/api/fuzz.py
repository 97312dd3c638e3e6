"""Property-based run of the committed OpenAPI spec against a live server (make fuzz-api).

    python -m tests.api.fuzz [--max-examples N] [--seed S]

1. A throw-away data folder and SQLite database with the demo library and a signed-in API
   user (a platform administrator with a token, so every write endpoint is reached).
2. gunicorn serving that database on a free loopback port (a socket bound to port 0 and
   handed to gunicorn), its access log in the data folder.
3. schemathesis with a fixed seed, a bounded number of examples per operation and the
   checks: no server error; status code, content type, headers and body as the spec says.
   Operations on one record get the uuid of a real record, so they reach it.
4. N (requests the server answered, from its access log) and the number of 5xx answers;
   the exit status is schemathesis's, or 1 when the server answered any 5xx.

Searches and saves use the deterministic hashing embedder of the test suite instead of
the offline model, so the run measures the API, not the embedding speed of the machine.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "docs" / "api" / "openapi.yaml"
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)
# The access log format: the status code after the quoted request line.
STATUS = re.compile(r'" (\d{3}) ')


def configure(data_dir: Path) -> None:
    """Environment of both this process and the server: everything in ``data_dir``."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "proeftuin.settings",
            "SECRET_KEY": "fuzz-only-secret-key-not-for-any-deployment-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATA_DIR": str(data_dir),
            "MEDIA_ROOT": str(data_dir / "media"),
            "DATABASE_URL": f"sqlite:///{data_dir / 'fuzz.sqlite3'}",
            "CACHE_URL": "locmemcache://",
            "JOBS_BACKEND": "sync",
            "LLM_ENDPOINT_URL": "",
            "EMBEDDING_PROVIDER": "test-hashing",
            "SECURE_COOKIES": "false",
            "LOG_LEVEL": "WARNING",
        }
    )


def setup_django() -> None:
    import django

    django.setup()
    from tests.search_support import register

    register()


def application(environ, start_response):
    """The WSGI application gunicorn serves (set up on the first request)."""
    global _app
    if _app is None:
        setup_django()
        from django.core.wsgi import get_wsgi_application

        _app = get_wsgi_application()
    return _app(environ, start_response)


_app = None


def prepare() -> tuple[str, dict[str, str]]:
    """Migrate, load the demo library, create the API user; its token and real uuids."""
    setup_django()
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from proeftuin.accounts.models import User
    from proeftuin.cases.models import Case
    from proeftuin.demo.loader import load_demo
    from proeftuin.ingestion.models import SourceFile, Suggestion
    from proeftuin.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    load_demo()
    user = User.objects.create_user(
        username="fuzz", email="fuzz@example.org", password=None, is_platform_admin=True
    )
    records = {
        "/cases/{uuid}": Case.objects.order_by("pk").first(),
        "/organisations/{uuid}": Organisation.objects.order_by("pk").first(),
        "/documents/{uuid}": SourceFile.objects.order_by("pk").first(),
        "/suggestions/{uuid}": Suggestion.objects.order_by("pk").first(),
    }
    uuids = {path: {"uuid": str(obj.uuid)} for path, obj in records.items() if obj is not None}
    uuids.update(initiative_records())
    return Token.objects.create(user=user).key, uuids


def initiative_records() -> dict[str, dict[str, str]]:
    """An initiative with a reflection, a KPI and a measurement, for the nested paths."""
    from proeftuin.organisations.models import Organisation
    from proeftuin.portfolio.models import Kpi, Measurement, Reflection
    from proeftuin.portfolio.services import initiative_create

    initiative = initiative_create(
        actor=None,
        owner=Organisation.objects.order_by("pk").first(),
        title="Fuzz-initiatief",
        problem="Een probleem om te testen.",
        kind="process",
    )
    reflection = Reflection.objects.create(initiative=initiative, date="2026-01-01")
    kpi = Kpi.objects.create(
        initiative=initiative, measure="Wachttijd", unit="days", direction="lower"
    )
    measurement = Measurement.objects.create(kpi=kpi, date="2026-01-01", value=3)
    one = {"initiative": str(initiative.uuid)}
    with_kpi = {**one, "kpi": str(kpi.uuid)}
    base = "/initiatives/{initiative}"
    return {
        f"{base}/kpis/{{kpi}}/measurements": {**with_kpi, "uuid": str(measurement.uuid)},
        f"{base}/kpis/{{uuid}}": {**one, "uuid": str(kpi.uuid)},
        f"{base}/kpis$": one,
        f"{base}/reflections": {**one, "uuid": str(reflection.uuid)},
        "/initiatives/{uuid}": {"uuid": str(initiative.uuid)},
    }


def config_file(path: Path, uuids: dict[str, dict[str, str]]) -> Path:
    """A schemathesis.toml that fills the uuids of real records into each operation on one
    (a key ending in ``$`` is a whole path, else a prefix)."""
    lines = []
    for prefix, values in uuids.items():
        parameters = ", ".join(f'"path.{name}" = "{value}"' for name, value in values.items())
        end = "$" if prefix.endswith("$") else ""
        lines += [
            "[[operations]]",
            f"include-path-regex = '^{re.escape(prefix.removesuffix('$'))}{end}'",
            f"parameters = {{ {parameters} }}",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def start_server(data_dir: Path) -> tuple[subprocess.Popen, int, Path]:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.set_inheritable(True)
    port = listener.getsockname()[1]
    access_log = data_dir / "access.log"
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "tests.api.fuzz:application",
        "--bind",
        f"fd://{listener.fileno()}",
        "--workers",
        "2",
        "--timeout",
        "60",
        "--access-logfile",
        str(access_log),
        "--error-logfile",
        str(data_dir / "server.log"),
        "--limit-request-line",
        "8190",  # as proeftuin/gunicorn_conf.py
    ]
    with (data_dir / "server.log").open("ab") as log:  # tracebacks of 5xx land here
        server = subprocess.Popen(
            command, cwd=ROOT, pass_fds=[listener.fileno()], stdout=log, stderr=log
        )
    listener.close()
    return server, port, access_log


def wait_until_up(port: int, timeout: float = 60) -> None:
    from urllib.error import HTTPError, URLError
    from urllib.request import urlopen

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urlopen(f"http://127.0.0.1:{port}/api/v1/organisations", timeout=10).close()
            return
        except HTTPError:
            return
        except (URLError, ConnectionError):
            time.sleep(0.3)
    raise SystemExit(f"the test server did not answer on port {port}")


def count(access_log: Path) -> tuple[int, int]:
    statuses = [STATUS.search(line) for line in access_log.read_text().splitlines()]
    codes = [int(m.group(1)) for m in statuses if m]
    return len(codes), sum(code >= 500 for code in codes)


def run(args) -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="proeftuin-fuzz-"))
    configure(data_dir)
    started = time.monotonic()
    token, uuids = prepare()
    print(f"prepared the test database in {time.monotonic() - started:.0f} s", flush=True)
    server, port, access_log = start_server(data_dir)
    try:
        wait_until_up(port)
        command = [
            str(Path(sys.executable).with_name("schemathesis")),
            "--config-file",
            str(config_file(data_dir / "schemathesis.toml", uuids)),
            "run",
            str(SPEC),
            "--url",
            f"http://127.0.0.1:{port}/api/v1",
            "--header",
            f"Authorization: Token {token}",
            "--checks",
            CHECKS,
            "--seed",
            str(args.seed),
            "--max-examples",
            str(args.max_examples),
            "--phases",
            "examples,coverage,fuzzing",
            "--workers",
            "1",
            "--request-timeout",
            "30",
            "--no-shrink",
            "--suppress-health-check",
            "all",
        ]
        result = subprocess.run(command, cwd=data_dir, check=False)
    finally:
        server.terminate()
        server.wait(timeout=30)
    requests, server_errors = count(access_log)
    seconds = time.monotonic() - started
    print(
        f"API property-based run: N={requests} requests, {server_errors} server errors (5xx), "
        f"{seconds:.0f} s, seed {args.seed}"
    )
    if server_errors:
        log = (data_dir / "server.log").read_text()
        print("\n".join(line for line in log.splitlines() if "WARNING" not in line)[-20000:])
    if not args.keep:
        shutil.rmtree(data_dir, ignore_errors=True)
    return result.returncode or (1 if server_errors else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=20260801)
    parser.add_argument("--keep", action="store_true", help="keep the data folder and logs")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
