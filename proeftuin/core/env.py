"""Read settings from the environment, and document each one where it is defined.

Every setting read through :func:`env` is recorded in :data:`DOCUMENTED`, so a test can
check that ``.env.example`` mentions each of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import environ

REQUIRED = object()


@dataclass(frozen=True)
class EnvSetting:
    name: str
    help: str
    default: Any


DOCUMENTED: dict[str, EnvSetting] = {}
_parser = environ.Env()


class ImproperlyConfiguredSetting(RuntimeError):
    pass


def read_env_file(path: Path) -> None:
    """Load ``KEY=value`` lines from a ``.env`` file without overriding the real environment."""
    if path.is_file():
        environ.Env.read_env(str(path), overwrite=False)


def env(name: str, *, default: Any = REQUIRED, cast: type | str = str, help: str) -> Any:
    """Return environment variable ``name`` cast to ``cast``; ``help`` documents it."""
    DOCUMENTED[name] = EnvSetting(name=name, help=help, default=default)
    if name not in os.environ:
        if default is REQUIRED:
            raise ImproperlyConfiguredSetting(f"Environment variable {name} is required: {help}")
        return default
    if cast is bool:
        return _parser.bool(name)
    if cast is int:
        return _parser.int(name)
    if cast is float:
        return _parser.float(name)
    if cast is list:
        return _parser.list(name)
    if cast == "db":
        return _parser.db_url(name)
    if cast == "cache":
        return _parser.cache_url(name)
    return _parser.str(name)
