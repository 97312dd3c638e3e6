"""The initiative page in parts: what every viewer with the same rights sees is rendered
once and shared through the cache; only what depends on the viewer is worked out per request.

The shared parts (``_detail_meta``, ``_detail_about`` and ``_detail_work``: the facts, team,
learning agenda, reflections, KPIs, budget, hours, lessons and moves) depend on the initiative
and its parts, the organisations, themes and stages they name, the day (an evaluation becomes
overdue) and two rights of the viewer: whether they may edit (the "Change" links) and whether
they may see people's names. They are kept until a write to one of those content domains, so
an initiative page loads its parts from the database only when they changed.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from proeftuin.cases.service import case_visible
from proeftuin.core.fragments import shared_fragments
from proeftuin.core.service import content_generation
from proeftuin.portfolio import selectors
from proeftuin.portfolio.choices import REFLECTION_PROMPTS
from proeftuin.portfolio.models import Initiative
from proeftuin.portfolio.stages import evaluation_overdue, stage_history

PARTS = {
    "meta": "portfolio/_detail_meta.html",
    "about": "portfolio/_detail_about.html",
    "work": "portfolio/_detail_work.html",
}
# what the shared parts show: initiatives and their parts and moves, organisation names,
# themes (the case library's), stage names
DEPENDS_ON = ("initiatives", "organisations", "cases", "workflows")


def _render(initiative: Initiative, rights: dict) -> dict:
    initiative = selectors.initiative_with_parts(initiative)
    context = {
        "initiative": initiative,
        "kpis": [(kpi, selectors.kpi_chart(kpi)) for kpi in initiative.kpis.all()],
        "prompts": REFLECTION_PROMPTS,
        "moves": stage_history(initiative),
        "evaluation_overdue": evaluation_overdue(initiative),
        **rights,
    }
    html = {name: render_to_string(template, context) for name, template in PARTS.items()}
    html["inspired_by"] = (
        [case.pk for case in initiative.inspired_by_cases.all()],
        [other.pk for other in initiative.inspired_by.all()],
    )
    return html


def parts_generation() -> str:
    """What the shared parts' key is built on; read it before the initiative (see
    :func:`shared_parts`)."""
    return content_generation(*DEPENDS_ON)


def shared_parts(initiative: Initiative, rights: dict, generation: str) -> dict:
    """The rendered shared parts (``meta``, ``about``, ``work``) of ``initiative`` for a
    viewer with ``rights`` (``can_edit``, ``can_see_people``), and the ids of the cases and
    initiatives that inspired it (``inspired_by``). A missing part is rendered from
    ``initiative`` as the page read it (its owner, stage, partners and team), so
    ``generation`` is :func:`parts_generation` as read before the initiative: a write in
    between gives a key of its own."""
    flags = ",".join(f"{name}={bool(value)}" for name, value in sorted(rights.items()))
    name = f"portfolio.detail.1|{flags}|{timezone.localdate().isoformat()}"
    found = shared_fragments(
        name,
        {initiative.pk: initiative.updated_at.isoformat()},
        lambda pks: {initiative.pk: _render(initiative, rights)},
        depends_on=DEPENDS_ON,
        generation=generation,
    )[initiative.pk]
    return {**{key: mark_safe(found[key]) for key in PARTS}, "inspired_by": found["inspired_by"]}


def inspirations(user, inspired_by: tuple[list, list]) -> dict:
    """The cases and initiatives that inspired it, as far as ``user`` sees them (no query
    when there are none)."""
    case_ids, initiative_ids = inspired_by
    cases = case_visible(user).filter(pk__in=case_ids).order_by("title") if case_ids else []
    initiatives = (
        selectors.initiative_visible(user).filter(pk__in=initiative_ids).order_by("title")
        if initiative_ids
        else []
    )
    return {"inspiring_cases": list(cases), "inspiring_initiatives": list(initiatives)}
