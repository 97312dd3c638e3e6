"""Reciprocal rank fusion: one ranking from several, weighted (Cormack et al., 2009)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[int]], weights: Mapping[str, float], k: float = 60.0
) -> list[tuple[int, float]]:
    """``sum(weight / (k + rank))`` per id over the rankings it appears in, best first.

    Ranks start at 1. Ties keep the order of first appearance.
    """
    scores: dict[int, float] = {}
    for name, ranking in rankings.items():
        weight = weights.get(name, 1.0)
        if weight <= 0:
            continue
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])
