"""The heatmap and the trends, cached: both aggregate every visible barrier and link, so
they are kept for every viewer who sees the same barriers and links (core's
``viewer_cached``: anonymous readers share one entry, members of the same organisations
with the same roles another) until a write to barriers, initiatives or cases (their content
generations, ``proeftuin.core.generation``) and for at most ``SECONDS``."""

from __future__ import annotations

from proeftuin.barriers import patterns
from proeftuin.barriers.models import Barrier, BarrierLink
from proeftuin.core.service import viewer_cached

SECONDS = 300
DOMAINS = ("barriers", "initiatives", "cases")


def heatmap(*, user, axis: str) -> dict:
    return viewer_cached(
        "barriers.heatmap.1",  # the shape of what is kept: bump when it changes
        (axis,),
        lambda: patterns.heatmap(user=user, axis=axis),
        user=user,
        rule=BarrierLink.objects.all(),
        depends_on=DOMAINS,
        timeout=SECONDS,
    )


def trends(*, user) -> patterns.Table:
    return viewer_cached(
        "barriers.trends.1",
        (),
        lambda: patterns.trends(user=user),
        user=user,
        rule=Barrier.objects.all(),
        depends_on=DOMAINS,
        timeout=SECONDS,
    )
