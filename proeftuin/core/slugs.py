"""One helper for the unique slugs in addresses (``/knelpunten/<slug>/``, ...)."""

from __future__ import annotations

from django.utils.text import slugify


def unique_slug(
    model, text: str, *, fallback: str, max_length: int = 180, exclude_pk=None, reserved=()
) -> str:
    """A slug of ``text`` (``fallback`` when nothing of it is left) not yet used by another
    row of ``model`` nor ``reserved`` (fixed words of the addresses beside it, such as
    ``nieuw``): ``base``, else ``base-2``, ``base-3``, ..."""
    base = slugify(text)[:max_length].strip("-") or fallback
    rows = model._default_manager.all()
    taken = rows.exclude(pk=exclude_pk) if exclude_pk else rows
    slug, n = base, 2
    while slug in reserved or taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
