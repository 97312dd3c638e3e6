"""Proeftuin settings, split by concern into the modules of ``proeftuin.conf``.

Each module reads its own environment variables through ``proeftuin.core.env.env``, which
documents them (see ``.env.example``). This module collects their upper-case names.
"""

from importlib import import_module
from pathlib import Path

from proeftuin.core.env import read_env_file

BASE_DIR = Path(__file__).resolve().parent.parent
read_env_file(BASE_DIR / ".env")

for _name in (
    "security",
    "oidc",
    "base",
    "accounts",
    "database",
    "i18n",
    "static",
    "api",
    "jobs",
    "llm",
    "search",
    "logging",
    "theme",
    "notifications",
):
    _module = import_module(f"proeftuin.conf.{_name}")
    globals().update({k: v for k, v in vars(_module).items() if k.isupper()})
