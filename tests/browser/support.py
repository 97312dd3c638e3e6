"""What the browser tests need: where Chromium, axe-core and the built static files are,
what is missing, and the database access every browser test uses."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
HTMX = ROOT / "proeftuin" / "static" / "vendor" / "htmx.min.js"
MODE = os.environ.get("PROEFTUIN_BROWSER_TESTS", "").strip().lower()  # required, off or ""

# Every browser test talks to the live server in another thread, so it needs the data
# committed (transactional) and the rows the migrations ship (theme sets, domains) restored
# after each test's flush (serialized rollback).
BROWSER_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def chromium_path() -> str | None:
    named = os.environ.get("CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def missing() -> list[str]:
    """What the browser tests need and this machine lacks, said as how to get it."""
    gaps = []
    if chromium_path() is None:
        gaps.append("Chromium is not installed (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        gaps.append("the playwright package is missing (make .venv/.installed)")
    if not AXE.is_file():
        gaps.append(f"axe-core is missing: {AXE.relative_to(ROOT)} (make setup)")
    if not HTMX.is_file():
        gaps.append(f"the built static files are missing: {HTMX.relative_to(ROOT)} (make setup)")
    return gaps
