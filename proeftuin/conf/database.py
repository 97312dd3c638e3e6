"""Database: SQLite in DATA_DIR by default, PostgreSQL in production via DATABASE_URL."""

from proeftuin.conf.base import DATA_DIR
from proeftuin.core.env import env

_default_db = {
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": str(DATA_DIR / "proeftuin.sqlite3"),
    "OPTIONS": {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    },
}

DATABASES = {
    "default": env(
        "DATABASE_URL",
        default=_default_db,
        cast="db",
        help="Database URL, e.g. postgres://user:pass@127.0.0.1:5432/proeftuin. "
        "Default: SQLite file in DATA_DIR.",
    )
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"] is _default_db:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
# Kept open between requests: a new SQLite connection reads the whole schema again (about
# 2 ms with this project's tables, a tenth of a simple page), a new PostgreSQL one costs a
# round trip and a backend process.
DATABASES["default"]["CONN_MAX_AGE"] = env(
    "DB_CONN_MAX_AGE",
    default=60,
    cast=int,
    help="Seconds a database connection is kept open between requests.",
)
