"""Proeftuin settings, split by concern.

Each module below reads its own environment variables through ``proeftuin.core.env.env``,
which documents them. This package collects the upper-case names of every module.
"""

from importlib import import_module
from pathlib import Path

from proeftuin.core.env import read_env_file

BASE_DIR = Path(__file__).resolve().parent.parent.parent
read_env_file(BASE_DIR / ".env")

_MODULES = ("security", "base", "database", "i18n", "static", "api", "logging")

for _name in _MODULES:
    _module = import_module(f"proeftuin.settings.{_name}")
    globals().update({k: v for k, v in vars(_module).items() if k.isupper()})
