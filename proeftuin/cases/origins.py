"""Where a case came from, as plug-ins: an app whose records can become cases (the
portfolio's initiatives) registers a function that names the record a case grew out of,
for one viewer, so the case page links back without the case library naming that app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from proeftuin.core.service import Registry


@dataclass(frozen=True)
class CaseOrigin:
    label: str  # e.g. "Ontstaan uit initiatief"
    title: str
    url: str


# (case id, user) -> the origin that user may see, or None
OriginFinder = Callable[[int, object], CaseOrigin | None]

case_origins: Registry[OriginFinder] = Registry("case origins")


def register_case_origin(key: str, finder: OriginFinder) -> None:
    case_origins.add(key, finder)


def case_origin_links(case_id: int, user) -> list[CaseOrigin]:
    """The records ``case_id`` grew out of that ``user`` may see (each finder checks)."""
    found = (finder(case_id, user) for finder in case_origins)
    return [origin for origin in found if origin is not None]
