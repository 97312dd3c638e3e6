"""Which passages a user may get back from a search, for both kinds of index.

Visibility is not decided here: each searchable kind (``proeftuin.core.searchable``) says
which of its objects a user may find (from its model's ``visible_to``) and, when it has
facets, which have the chosen values. This module only translates those id sets into a
keyword ``Scope`` and a vector ``RowScope``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.contrib.auth.models import AnonymousUser

from proeftuin.accounts.service import is_platform_admin
from proeftuin.core.service import searchables

from .backends.base import Scope
from .vectors import RowScope


@dataclass
class UserScope:
    keyword: Scope
    vector: RowScope


def bits_to_array(bits: int) -> np.ndarray:
    """A bitmap integer as a boolean array indexed by id."""
    if not bits:
        return np.zeros(0, dtype=bool)
    raw = np.frombuffer(bits.to_bytes((bits.bit_length() + 7) // 8, "little"), dtype=np.uint8)
    return np.unpackbits(raw, bitorder="little").astype(bool)


def _public_bits(kind) -> int:
    return kind.visible_bits(AnonymousUser()) if kind.public is not None else 0


def user_scope(user, selection: dict[str, list[str]] | None = None, exclude=None) -> UserScope:
    """The search scope of ``user`` with facet ``selection`` (AND across, OR within).

    ``exclude`` (``(kind key, id)``) leaves one object out of the vector scope; keyword hits
    of it are dropped by the caller (a scope listing every other object would be slow).
    Kinds without facets are out of scope when facets are chosen.
    """
    selection = {k: tuple(v) for k, v in (selection or {}).items() if v}
    admin = is_platform_admin(user)
    extra, rows = {}, {}
    for kind in searchables:
        if kind.faceting is None and (admin or selection):
            if not selection:
                rows[kind.key] = None  # administrators: every object of the kind
            continue
        visible = kind.visible_bits(user)
        bits = visible
        if kind.faceting is not None and selection:
            bits &= kind.faceting.chosen(selection)
        if exclude is not None and exclude[0] == kind.key:
            bits &= ~(1 << exclude[1])
        rows[kind.key] = bits_to_array(bits)
        if not admin:
            extra[kind.key] = frozenset(_ids(visible & ~_public_bits(kind)))
    if admin:
        keyword = Scope(everything=True, facets=selection)
    else:
        keyword = Scope(public=True, owners=extra, facets=selection)
    if keyword.everything and not selection and exclude is None:
        vector = RowScope(everything=True)
    else:
        vector = RowScope(kinds=rows)
    return UserScope(keyword, vector)


def _ids(bits: int) -> list[int]:
    return np.flatnonzero(bits_to_array(bits)).tolist()
