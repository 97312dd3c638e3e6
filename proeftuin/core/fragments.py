"""Rendered page fragments shared by all worker processes through the cache.

Only what an anonymous visitor sees is cached: it depends on nothing but the URL, the
language and the content generation, so one rendering serves every anonymous visitor and
no fragment can carry what one user may see to another. Signed-in users always get a fresh
rendering.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.utils.translation import get_language

from proeftuin.core.generation import content_generation

TIMEOUT = 60 * 60


def shared_fragment(request, name: str, parts: tuple, render: Callable[[], str]) -> str:
    """``render()``'s result, cached for anonymous visitors under ``name`` and ``parts``."""
    if getattr(request.user, "is_authenticated", False):
        return render()
    raw = "|".join(str(p) for p in (name, content_generation(), get_language(), *parts))
    key = "fragment:" + hashlib.sha256(raw.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return html
