"""Reads of the portfolio. Every read starts from ``Initiative.objects.visible_to(user)``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from proeftuin.accounts.service import (
    Role,
    User,
    is_platform_admin,
    organisation_ids_with_role,
    roles_by_organisation,
)
from proeftuin.cases.service import Theme
from proeftuin.organisations.service import Organisation
from proeftuin.portfolio.choices import TeamRole
from proeftuin.portfolio.filters import InitiativeFilterSet
from proeftuin.portfolio.models import Initiative, Kpi, Reflection, TeamMember
from proeftuin.portfolio.permissions import seen_by


def initiative_visible(user) -> QuerySet[Initiative]:
    return Initiative.objects.visible_to(user)


def initiative_list(user) -> QuerySet[Initiative]:
    """Visible, not archived initiatives with what a list row shows, in a constant number
    of queries."""
    return (
        initiative_visible(user)
        .current()
        .select_related("owner", "stage")
        .prefetch_related("themes", "partners")
        .order_by("-updated_at", "pk")
    )


# What a row of the list shows (``portfolio/list.html``); the rest is not loaded: converting
# the texts, dates and ids of 20 initiatives and their organisations took a quarter of the
# list's CPU. A row that reads another field would make a query per row (the query counts
# in tests/portfolio/test_query_counts.py would grow with the page).
LIST_ROW_FIELDS = (
    *("slug", "title", "kind", "status", "visibility", "owner", "stage"),
    *("owner__name", "stage__name", "stage__name_en"),
)


def initiative_page_rows(pks) -> list[Initiative]:
    """The initiatives ``pks`` of one list page (visible to the viewer: the caller checked),
    loaded with what a row shows. The list pages over primary keys (and ``updated_at``)
    alone first: sorting the visible rows without the joins lets the database walk the
    ``updated_at`` index and stop after one page, where the joined query sorted every
    visible row (35 ms at 20,000 initiatives)."""
    loaded = (
        Initiative.objects.filter(pk__in=pks)
        .select_related("owner", "stage")
        .only(*LIST_ROW_FIELDS)
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("name")),
            Prefetch("partners", queryset=Organisation.objects.only("name")),
        )
    )
    by_pk = {row.pk: row for row in loaded}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def initiative_filter(*, user, data) -> InitiativeFilterSet:
    return InitiativeFilterSet(data=data or {}, queryset=initiative_list(user))


def initiative_detail(*, user, slug: str) -> Initiative:
    """One visible initiative with all its parts; raises ``Initiative.DoesNotExist``."""
    return initiative_detail_queryset(user).get(slug=slug)


def initiative_header(*, user, slug: str) -> Initiative:
    """One visible initiative without its parts (the page loads those only when its shared
    parts are not in the cache); raises ``Initiative.DoesNotExist``. For a signed-in viewer
    with its partners and team, which every permission check on the page reads
    (``permissions.is_organisation_member``, ``is_current_team_member``): loaded once, not
    once per check, and as the shared parts show them."""
    rows = initiative_visible(user).select_related("owner", "stage")
    if getattr(user, "is_authenticated", False):
        rows = rows.prefetch_related("partners", _team())
    initiative = rows.get(slug=slug)
    seen_by(initiative, user)
    return initiative


def initiative_with_parts(initiative: Initiative) -> Initiative:
    """``initiative`` (read for someone allowed to see it) with all its parts loaded: what
    the page shows (not who created it, nor the themes' sets, which the API gives). Parts
    loaded already, such as the header's partners and team, are not read again."""
    prefetch_related_objects([initiative], "themes", *_parts())
    return initiative


def initiative_detail_queryset(user) -> QuerySet[Initiative]:
    """Visible initiatives with all their parts (the page's and the API's detail)."""
    return _with_parts(initiative_visible(user))


def _with_parts(rows: QuerySet[Initiative]) -> QuerySet[Initiative]:
    return rows.select_related("owner", "created_by", "stage").prefetch_related(
        "themes__theme_set", *_parts()
    )


def _parts() -> tuple:
    """The parts of an initiative that the page and the API show (besides its themes)."""
    return (
        "partners",
        "domains",
        _team(),
        "learning_questions",
        Prefetch(
            "reflections",
            queryset=Reflection.objects.select_related("author").prefetch_related("questions"),
        ),
        Prefetch("kpis", queryset=Kpi.objects.prefetch_related("measurements")),
        "budget",
        "hours",
    )


def _team() -> Prefetch:
    return Prefetch("team", queryset=TeamMember.objects.select_related("user"))


def initiative_lead_choices(*, user, initiative: Initiative | None = None):
    """Organisations ``user`` may name as lead: where they are a contributor (everything
    for platform administrators), and the initiative's current lead."""
    if is_platform_admin(user):
        return Organisation.objects.order_by("name")
    allowed = Q(pk__in=organisation_ids_with_role(user, Role.CONTRIBUTOR))
    if initiative is not None:
        allowed |= Q(pk=initiative.owner_id)
    return Organisation.objects.filter(allowed).order_by("name")


def team_candidates(initiative: Initiative) -> QuerySet:
    """Active users with a role in the lead or a partner organisation, not yet on the team."""
    organisations = [initiative.owner_id, *initiative.partners.values_list("pk", flat=True)]
    return (
        User.objects.filter(is_active=True, memberships__organisation__in=organisations)
        .exclude(pk__in=initiative.team.values("user"))
        .distinct()
        .order_by("username")
    )


def _editable(user) -> QuerySet[Initiative]:
    """Visible, current initiatives ``user`` may edit (``permissions.can_edit_initiative``)."""
    rows = initiative_visible(user).current()
    if is_platform_admin(user):
        return rows
    organisations = list(roles_by_organisation(user))
    team = Initiative.objects.filter(team__user=user).filter(
        Q(owner_id__in=organisations) | Q(partners__in=organisations)
    )
    editor = Q(owner_id__in=organisation_ids_with_role(user, Role.EDITOR))
    return rows.filter(editor | Q(pk__in=team.values("pk")))


def reflections_due(user, *, within_days: int = 7, today=None) -> QuerySet[Initiative]:
    """Initiatives ``user`` may edit whose next reflection is due within ``within_days``
    (or overdue), soonest first."""
    today = today or timezone.localdate()
    limit = today + datetime.timedelta(days=within_days)
    rows = _editable(user).filter(reflection_due__lte=limit)
    return rows.select_related("owner").order_by("reflection_due", "pk")


def reflections_overdue(user, *, today=None) -> QuerySet[Initiative]:
    """Visible, current initiatives whose next reflection is past due."""
    today = today or timezone.localdate()
    rows = initiative_visible(user).current().filter(reflection_due__lt=today)
    return rows.select_related("owner").order_by("reflection_due", "pk")


def initiatives_owned(user) -> QuerySet[Initiative]:
    """Visible, current initiatives where ``user`` is the owner in the team (while still a
    member of the lead or a partner: ``visible_to`` sees to that for other organisations)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Initiative.objects.none()
    owned = TeamMember.objects.filter(user=user, role=TeamRole.OWNER).values("initiative")
    rows = _editable(user).filter(pk__in=owned)
    return rows.select_related("owner").order_by("-updated_at", "pk")


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str


def kpi_chart(kpi: Kpi, *, width: int = 400, height: int = 160, pad: int = 24) -> dict:
    """Where the measurements of ``kpi`` go in an SVG line chart (dates along, values up),
    with the baseline and target as lines. Empty when there are no measurements."""
    points = list(kpi.measurements.all())
    if not points:
        return {}
    values = [p.value for p in points] + [v for v in (kpi.baseline, kpi.target) if v is not None]
    low, high = min(values), max(values)
    span = (high - low) or 1
    first = points[0].date
    days = max((points[-1].date - first).days, 1)

    def y(value) -> float:
        return round(height - pad - float((value - low) / span) * (height - 2 * pad), 1)

    def x(date) -> float:
        if len(points) == 1:
            return width / 2
        return round(pad + (date - first).days / days * (width - 2 * pad), 1)

    chart = [ChartPoint(x(p.date), y(p.value), f"{p.date:%d-%m-%Y}: {p.value}") for p in points]
    return {
        "width": width,
        "height": height,
        "points": chart,
        "polyline": " ".join(f"{p.x},{p.y}" for p in chart),
        "baseline": y(kpi.baseline) if kpi.baseline is not None else None,
        "target": y(kpi.target) if kpi.target is not None else None,
    }
