"""Small queries that every page runs, compiled by the ORM once per process.

Building a queryset and compiling it to SQL costs far more CPU than SQLite takes to answer
a lookup on an index (hundreds of microseconds against tens). ``CompiledQuery`` builds and
compiles a queryset once, with stand-in values for its parameters, and afterwards only runs
that SQL with the real values: the ORM still writes the SQL (quoting, placeholders, the
database's dialect), it is just not asked again on every request.

Only the named parameters may vary: a queryset whose SQL holds any other parameter (the
time, a setting, a user's organisations) is refused when compiled, since that value would
be frozen for the life of the process. Rows come as the database driver returns them,
without the fields' conversions (a UUID may come as text, a boolean as 0/1).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import QuerySet


class FrozenParameter(ValueError):
    """The compiled SQL holds a parameter that is not one of the named ones."""


class CompiledQuery:
    """``CompiledQuery(lambda case_id: Model.objects.filter(case_id=case_id).values_list(
    "id")[:1], case_id=-918_273_645)``: ``build`` makes the queryset from the named values;
    each stand-in must be a value no other parameter of the query could have."""

    def __init__(self, build: Callable[..., QuerySet], **stand_ins: Any):
        if len(set(map(repr, stand_ins.values()))) != len(stand_ins):
            raise ValueError("each parameter needs its own stand-in value")
        self.build = build
        self.stand_ins = stand_ins
        self._compiled: tuple[str, list[str]] | None = None

    def compiled(self) -> tuple[str, list[str]]:
        """The SQL and, per placeholder in it, the name of the value it takes."""
        if self._compiled is None:
            sql, params = self.build(**self.stand_ins).query.sql_with_params()
            names = []
            for param in params:
                name = next((n for n, v in self.stand_ins.items() if v == param), None)
                if name is None:
                    raise FrozenParameter(f"the query holds a fixed parameter {param!r}: {sql}")
                names.append(name)
            self._compiled = (sql, names)
        return self._compiled

    def rows(self, **values: Any) -> list[tuple]:
        if values.keys() != self.stand_ins.keys():
            raise TypeError(f"give exactly {sorted(self.stand_ins)}")
        sql, names = self.compiled()
        with connection.cursor() as cursor:
            cursor.execute(sql, [values[name] for name in names])
            return cursor.fetchall()
