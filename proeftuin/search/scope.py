"""Which passages a user may get back from a search, for both kinds of index.

Visibility is not decided here: the cases come from ``visible_bitmap`` (which starts from
``Case.objects.visible_to``) and the documents from ``sources_visible``. This module only
translates those sets, narrowed by the chosen facets, into a keyword ``Scope`` and a vector
``RowScope``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from proeftuin.accounts.service import is_platform_admin
from proeftuin.cases.service import chosen_bitmaps, facet_index, visible_bitmap
from proeftuin.ingestion.service import sources_visible

from .backends.base import Scope
from .vectors import RowScope


@dataclass
class UserScope:
    keyword: Scope
    vector: RowScope
    cases: int  # bitmap of the case ids in scope
    index: object  # the FacetIndex it was computed from


def bits_to_array(bits: int) -> np.ndarray:
    """A bitmap integer as a boolean array indexed by id."""
    if not bits:
        return np.zeros(0, dtype=bool)
    raw = np.frombuffer(bits.to_bytes((bits.bit_length() + 7) // 8, "little"), dtype=np.uint8)
    return np.unpackbits(raw, bitorder="little").astype(bool)


def user_scope(user, selection: dict[str, list[str]] | None = None, exclude_case=None):
    """The search scope of ``user`` with facet ``selection`` (AND across, OR within).

    ``exclude_case`` (an id) leaves one case out of the vector scope; keyword hits of that
    case are dropped by the caller (a scope listing every other case would be slow).
    """
    selection = {k: tuple(v) for k, v in (selection or {}).items() if v}
    index = facet_index()
    visible = visible_bitmap(user, index)
    cases = visible
    for bits in chosen_bitmaps(index, selection).values():
        cases &= bits
    if exclude_case is not None:
        cases &= ~(1 << exclude_case)
    if is_platform_admin(user):
        keyword = Scope(everything=True, facets=selection)
        sources = np.zeros(0, dtype=bool) if selection else None
    else:
        source_ids = frozenset() if selection else _source_ids(user)
        extra = frozenset(_ids(visible & ~index.public))
        keyword = Scope(public=True, cases=extra, sources=source_ids, facets=selection)
        sources = _id_array(source_ids)
    if keyword.everything and not selection and exclude_case is None:
        vector = RowScope(everything=True)
    else:
        vector = RowScope(cases=bits_to_array(cases), sources=sources)
    return UserScope(keyword, vector, cases, index)


def _ids(bits: int) -> list[int]:
    return np.flatnonzero(bits_to_array(bits)).tolist()


def _id_array(ids) -> np.ndarray:
    array = np.zeros(max(ids, default=-1) + 1, dtype=bool)
    array[list(ids)] = True
    return array


def _source_ids(user) -> frozenset[int]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(sources_visible(user).values_list("id", flat=True))
