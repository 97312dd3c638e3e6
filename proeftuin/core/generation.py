"""Content generations per domain: numbers the caches of derived content are keyed on.

Every app that owns content registers its domain (``register_content_domain("cases",
...)`` from ``apps.ready()``) and calls ``content_changed("cases")`` inside the
transaction of every write, so the bump commits or rolls back with the write. A cache
names the domains it is built from (``content_generation("cases", "organisations")``)
and is rebuilt only when one of those changes, not on every write to the site.
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import F

from proeftuin.core.models import ContentState
from proeftuin.core.registry import Registry
from proeftuin.core.statements import CompiledQuery

content_domains: Registry[str] = Registry("content domains")


class UnknownDomain(LookupError):
    """A domain name no app registered: a typo would silently serve stale caches."""


def register_content_domain(key: str, label: str) -> None:
    """Declare a content domain (once, from the owning app's ``ready()``)."""
    content_domains.add(key, label)


def _checked(domains: tuple[str, ...]) -> tuple[str, ...]:
    if not domains:
        raise UnknownDomain("name at least one content domain")
    unknown = [d for d in domains if d not in content_domains]
    if unknown:
        known = ", ".join(content_domains.names()) or "none"
        raise UnknownDomain(f"unknown content domain(s) {unknown!r}; registered: {known}")
    return tuple(dict.fromkeys(domains))


# Every cached page asks, so the query is compiled once: all rows (one per domain, a handful).
_STATES = CompiledQuery(
    lambda: ContentState.objects.order_by().values_list("domain", "token", "generation")
)


def content_generation(*domains: str) -> str:
    """A short key that changes after every committed write to any of ``domains``."""
    domains = _checked(domains)
    found = {
        domain: f"{UUID(str(token)).hex}:{generation}"  # the driver's text or UUID
        for domain, token, generation in _STATES.rows()
        if domain in domains
    }
    return "|".join(f"{d}={found.get(d, 'none:0')}" for d in domains)


def content_changed(*domains: str) -> None:
    """Call inside the writing transaction of every change to content of ``domains``."""
    for domain in _checked(domains):
        if not ContentState.objects.filter(domain=domain).update(generation=F("generation") + 1):
            ContentState.objects.get_or_create(domain=domain, defaults={"generation": 1})
