"""Public interface of the search app for other apps."""

from proeftuin.search.analysis import analyze
from proeftuin.search.health import is_administrator, notices_for
from proeftuin.search.language import looks_english
from proeftuin.search.passages import split_text
from proeftuin.search.related import prior_cases, similar_cases, strength
from proeftuin.search.selectors import index_progress, search
from proeftuin.search.services import index as index_now

__all__ = [
    "analyze",
    "index_now",
    "index_progress",
    "is_administrator",
    "looks_english",
    "notices_for",
    "prior_cases",
    "search",
    "similar_cases",
    "split_text",
    "strength",
]
