"""The heatmap and the trends, cached: both aggregate every visible barrier and link, so
they are kept until a write to barriers, initiatives or cases (their content generations,
``proeftuin.core.generation``) and for at most ``SECONDS``. Anonymous readers share one
entry; a signed-in reader's entry is their own and is keyed on their current roles as well
(a role given or taken away is a new key), so nobody is served what another may see."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from proeftuin.accounts.service import is_platform_admin, roles_by_organisation
from proeftuin.barriers import patterns
from proeftuin.core.service import content_generation

SECONDS = 300
DOMAINS = ("barriers", "initiatives", "cases")


def _scope(user) -> str:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return "public"
    roles = sorted(roles_by_organisation(user).items())
    raw = f"{user.pk}:{is_platform_admin(user)}:{roles}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def _cached(name: str, user, build):
    key = f"barriers:{name}:{get_language()}:{content_generation(*DOMAINS)}:{_scope(user)}"
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, SECONDS)
    return found


def heatmap(*, user, axis: str) -> dict:
    return _cached(f"heatmap:{axis}", user, lambda: patterns.heatmap(user=user, axis=axis))


def trends(*, user) -> patterns.Table:
    return _cached("trends", user, lambda: patterns.trends(user=user))
