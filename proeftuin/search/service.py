"""Public interface of the search app for other apps."""

from proeftuin.search.related import prior_cases, similar_cases, strength
from proeftuin.search.selectors import index_progress, search

__all__ = ["index_progress", "prior_cases", "search", "similar_cases", "strength"]
