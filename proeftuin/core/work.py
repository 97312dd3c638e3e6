"""Work item providers: what waits for a signed-in user, shown on their "Mijn werk" page.

Each app registers its providers from its ``AppConfig.ready()``; the page asks every
provider in turn and names no app itself, so later modules (portfolio gates, reflections,
funding reviews) add a section by registering one more provider.

A provider gets the user and returns a :class:`WorkSection`: a count of everything that
waits and the first few items. It must scope what it reads through the visibility
mechanism of its app (``visible_to``) and the user's current roles, so a member of one
organisation never sees another's work and a revoked member sees nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from proeftuin.core.registry import Registry

ITEMS_SHOWN = 10


@dataclass(frozen=True)
class WorkItem:
    title: str
    url: str
    detail: str = ""  # e.g. "12 suggestions to review" or the organisation
    progress: int | None = None  # percent, for work still running


@dataclass(frozen=True)
class WorkSection:
    key: str
    title: str
    count: int
    items: list[WorkItem] = field(default_factory=list)
    empty: str = ""  # what to say when nothing waits
    more_url: str = ""  # where the full list is, when there is more than shown


@dataclass(frozen=True)
class WorkProvider:
    """``collect(user)`` returns the section; ``order``: lower comes first on the page."""

    key: str
    collect: Callable[..., WorkSection]
    order: int = 100


work_providers: Registry[WorkProvider] = Registry("work item providers")


def register_work(key: str, *, order: int = 100):
    """Decorator: register ``collect(user) -> WorkSection`` as provider ``key``."""

    def decorator(collect):
        work_providers.add(key, WorkProvider(key=key, collect=collect, order=order))
        return collect

    return decorator


def work_for(user) -> list[WorkSection]:
    """Every provider's section for ``user``, in order; nothing for anonymous users. A
    provider returns ``None`` when its section does not apply to ``user`` (a moderator's
    queue for someone who does not moderate)."""
    if not getattr(user, "is_authenticated", False):
        return []
    providers = sorted(work_providers, key=lambda p: p.order)
    sections = (provider.collect(user) for provider in providers)
    return [section for section in sections if section is not None]


def work_section(key, title, empty, rows, item, *, more_url: str = "") -> WorkSection:
    """A section from a QuerySet ``rows`` (newest first, as the provider orders it): its
    count and the first ``ITEMS_SHOWN`` rows as ``item(row) -> WorkItem``."""
    items = [item(row) for row in rows[:ITEMS_SHOWN]]
    return WorkSection(
        key=key, title=title, count=rows.count(), items=items, empty=empty, more_url=more_url
    )


def may_work_on(rows, user, *, author_field: str, owner_field: str = "owner"):
    """Narrow ``rows`` (already ``visible_to(user)``) to what ``user`` may work on: all of
    the organisations where they are an editor, their own where they contribute, and
    everything for platform administrators."""
    from django.db.models import Q

    from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role

    if is_platform_admin(user):
        return rows
    editor = organisation_ids_with_role(user, Role.EDITOR)
    contributor = organisation_ids_with_role(user, Role.CONTRIBUTOR)
    return rows.filter(
        Q(**{f"{owner_field}_id__in": editor})
        | Q(**{f"{owner_field}_id__in": contributor, author_field: user})
    )
