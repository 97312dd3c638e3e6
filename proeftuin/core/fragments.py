"""Rendered page fragments and computed figures shared by all worker processes through
the cache.

Only what an anonymous visitor sees is cached: it depends on nothing but the URL, the
language and the generations of the content domains it is built from (``depends_on``), so
a write elsewhere leaves it in place and one rendering serves every anonymous visitor and
no fragment can carry what one user may see to another. Signed-in users always get a fresh
rendering.

``viewer_cached`` keeps what a signed-in viewer sees too (a dashboard's figures, say): its
key holds the viewer's visibility signature (``VisibleQuerySet.signature``), so it is shared
only by viewers who see exactly the same records.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.utils.translation import get_language

from proeftuin.core.generation import content_generation

TIMEOUT = 60 * 60
# a missing value being computed by another request: how long the mark lasts (should that
# request die), how long others wait for it and how often they look
COMPUTING_SECONDS = 30
WAIT_SECONDS = 5.0
POLL_SECONDS = 0.02


def shared_fragment(
    request,
    name: str,
    parts: tuple,
    render: Callable[[], str],
    *,
    depends_on: tuple[str, ...],
) -> str:
    """``render()``'s result, cached for anonymous visitors under ``name`` and ``parts``
    until a write to one of the content domains ``depends_on``."""
    if getattr(request.user, "is_authenticated", False):
        return render()
    generation = content_generation(*depends_on)
    raw = "|".join(str(p) for p in (name, generation, get_language(), *parts))
    return _cached("fragment:" + hashlib.sha256(raw.encode()).hexdigest(), render, TIMEOUT)


def _cached(key: str, compute: Callable[[], object], timeout: int):
    """``compute()``'s result under ``key``. When it is missing, one request computes it and
    the others that ask meanwhile wait for that result (up to ``WAIT_SECONDS``) instead of
    each computing it again: after a write, a dashboard that costs a tenth of a second is
    otherwise computed by every worker at once, each slowed down by the others."""
    value = cache.get(key)
    if value is not None:
        return value
    busy = f"{key}:computing"
    marked = cache.add(busy, 1, COMPUTING_SECONDS)
    if not marked:
        value = _awaited(key, busy)
        if value is not None:
            return value
        # the other request failed or took too long: compute it here, marked if we can
        marked = cache.add(busy, 1, COMPUTING_SECONDS)
    try:
        value = compute()
        cache.set(key, value, timeout)
    finally:
        if marked:
            cache.delete(busy)
    return value


def _awaited(key: str, busy: str):
    """The value another request is computing, once it is there; ``None`` when that request
    stops without one or ``WAIT_SECONDS`` pass."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        value = cache.get(key)
        if value is not None:
            return value
        if cache.get(busy) is None:  # done meanwhile, or stopped without a value
            return cache.get(key)
    return None


def shared_fragments(
    name: str,
    versions: dict[int, int],
    render: Callable[[list[int]], dict[int, str]],
    *,
    depends_on: tuple[str, ...],
    generation: str | None = None,
) -> dict[int, str]:
    """Fragments that depend only on one record each (``{id: version}``), for every user.

    ``render(ids)`` renders the ones not in the cache; the caller decides which ids a
    user may see, so sharing a fragment shares nothing that user could not see anyway.
    ``generation``: ``content_generation(*depends_on)`` as the caller read it before it read
    what ``render`` reuses (a write in between then makes a key of its own, not a stale entry
    under the new one).
    """
    generation = generation or content_generation(*depends_on)
    prefix = f"{name}|{generation}|{get_language()}|"
    keys = {
        pk: "fragment:" + hashlib.sha256(f"{prefix}{pk}|{v}".encode()).hexdigest()
        for pk, v in versions.items()
    }
    found = cache.get_many(list(keys.values()))
    html = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in versions if pk not in html]
    if missing:
        rendered = render(missing)
        cache.set_many({keys[pk]: rendered[pk] for pk in missing}, TIMEOUT)
        html.update(rendered)
    return html


def shared_value(name: str, compute: Callable[[], object], *, depends_on: tuple[str, ...]):
    """``compute()``'s result (picklable), cached for everyone, signed in or not, under
    ``name`` and the active language until a write to one of ``depends_on``. Only for what
    is the same for every viewer, such as the options of a filter of all organisations."""
    generation = content_generation(*depends_on)
    raw = "|".join((name, generation, get_language() or ""))
    return _cached("shared:" + hashlib.sha256(raw.encode()).hexdigest(), compute, TIMEOUT)


def viewer_cached(
    name: str,
    parts: tuple,
    compute: Callable[[], object],
    *,
    user,
    rule,
    depends_on: tuple[str, ...],
    timeout: int = TIMEOUT,
):
    """``compute()``'s result (picklable), cached under ``name`` and ``parts`` for every
    viewer who sees the same records as ``user``, until a write to one of the content
    domains ``depends_on`` or ``timeout`` seconds (for figures that age with the clock, such
    as days in a stage).

    ``rule`` says what "the same records" means: the QuerySet the result is read through
    (``Initiative.objects.all()``: its ``signature(user)`` covers what its ``visible_to``
    adds to the model's rule, such as a team), a ``VisibilityRule``, or a tuple of them when
    the result is read through several."""
    scopes = rule if isinstance(rule, tuple) else (rule,)
    signature = "+".join(scope.signature(user) for scope in scopes)
    generation = content_generation(*depends_on)
    raw = "|".join(str(p) for p in (name, generation, get_language(), signature, *parts))
    return _cached("viewer:" + hashlib.sha256(raw.encode()).hexdigest(), compute, timeout)
