"""The lineage page's body (graph, list, table, counts over time, map) and the API's
lineage, built once for every viewer who sees the same adoptions (core's
``viewer_cached``) and kept until a write to adoptions, organisations, initiatives or
cases, and for at most ``SECONDS``.

The caller has checked that the viewer may see the innovation; the key holds the innovation,
so an entry is only ever served on that innovation's page."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from proeftuin.core.service import viewer_cached
from proeftuin.diffusion import lineage as lineages
from proeftuin.diffusion import stats
from proeftuin.diffusion.innovations import innovation_key
from proeftuin.diffusion.models import Adoption
from proeftuin.organisations.service import MAP_ATTRIBUTION, province_map, shaded_provinces

SECONDS = 600
DEPENDS_ON = ("diffusion", "organisations", "initiatives", "cases")


def _render(innovation, kind: str, per: str, *, user) -> dict:
    tree = lineages.lineage(innovation, user=user)
    shapes = shaded_provinces(stats.counts_by_province(tree.adoptions))
    context = {
        "innovation": innovation,
        "kind": kind,
        "tree": tree,
        "rows": tree.adoptions[: lineages.GRAPH_LIMIT],
        "periods": stats.counts_over_time(tree.adoptions, per),
        "per": per,
        "map": province_map(),
        "shapes": shapes,
        "province_rows": sorted((s for s in shapes if s["count"]), key=lambda s: -s["count"]),
        "attribution": MAP_ATTRIBUTION,
    }
    html = render_to_string("diffusion/_lineage_body.html", context)
    return {"html": html, "innovator": tree.root.label}


def cached(name: str, innovation, parts: tuple, compute, *, user):
    """``compute()`` kept under ``name`` for ``innovation`` and every viewer who sees the
    same adoptions as ``user`` (the page's body, the API's lineage)."""
    return viewer_cached(
        name,
        (innovation_key(innovation), *parts),
        compute,
        user=user,
        rule=Adoption.objects.all(),
        depends_on=DEPENDS_ON,
        timeout=SECONDS,
    )


def lineage_body(innovation, kind: str, per: str, *, user) -> dict:
    """``{"html": the body, marked safe, "innovator": the innovator's name}``."""
    found = cached(
        "diffusion.lineage.1",  # the shape of what is kept: bump when it changes
        innovation,
        (kind, per),
        lambda: _render(innovation, kind, per, user=user),
        user=user,
    )
    return {**found, "html": mark_safe(found["html"])}
