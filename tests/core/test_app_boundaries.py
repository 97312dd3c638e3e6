"""Apps use each other only through ``service.py`` (docs/development/app-layout.md).

``core`` and ``api`` hold what every app shares (visibility, audit, jobs, registries;
problem+json, schema, router), so any app may import their modules; the ``api`` app in turn
imports each app's ``api/views.py`` to route it. Every other import of another app's inner
module fails this test, with the place it is made.
"""

from __future__ import annotations

import ast
from pathlib import Path

import proeftuin

ROOT = Path(proeftuin.__file__).parent
APPS = {path.name for path in ROOT.iterdir() if (path / "apps.py").is_file()}
SHARED = {"core", "api"}


def _imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from proeftuin.cases import service" names the module in the alias
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def _allowed(own: str, module: str) -> bool:
    parts = module.split(".")
    if parts[0] != "proeftuin" or len(parts) < 3 or parts[1] not in APPS:
        return True
    app, inner = parts[1], parts[2]
    if app in (own, *SHARED) or inner == "service":
        return True
    return own == "api" and parts[2:4] == ["api", "views"]


def boundary_violations() -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2 or parts[0] not in APPS or "migrations" in parts:
            continue
        for line, module in _imported_modules(ast.parse(path.read_text())):
            if not _allowed(parts[0], module):
                found.append(f"{path.relative_to(ROOT.parent)}:{line} imports {module}")
    return found


def test_apps_import_each_other_only_through_service():
    assert boundary_violations() == []


def test_the_rule_catches_an_inner_import_and_allows_service():
    assert not _allowed("search", "proeftuin.cases.models.Case")
    assert not _allowed("ingestion", "proeftuin.cases.choices.LessonKind")
    assert _allowed("search", "proeftuin.cases.service.Case")
    assert _allowed("search", "proeftuin.cases.service")
    assert _allowed("cases", "proeftuin.cases.models.Case")
    assert _allowed("cases", "proeftuin.core.visibility.VisibleQuerySet")
    assert _allowed("api", "proeftuin.cases.api.views.CaseViewSet")
    assert not _allowed("search", "proeftuin.cases.api.views.CaseViewSet")
