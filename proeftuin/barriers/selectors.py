"""Reads of the barrier register, scoped through ``visible_to``."""

from __future__ import annotations

from django.db.models import Count, Q

from proeftuin.barriers.choices import CLOSED, LinkStatus, ReportStatus
from proeftuin.barriers.models import Authority, Barrier, BarrierLink, BarrierReport


def barrier_list(*, user, category: str = "", state: str = "", authority: str = ""):
    rows = Barrier.objects.visible_to(user).current().select_related("authority", "owner")
    if category:
        rows = rows.filter(category=category)
    if state:
        rows = rows.filter(state=state)
    if authority:
        rows = rows.filter(authority__slug=authority)
    return rows.order_by("-updated_at", "-pk")


def with_organisation_counts(barriers) -> list[Barrier]:
    """``barriers`` (one page of the list) with ``organisation_count``: the organisations
    named by their confirmed links. Counted for the page only, in one query: counting
    before the page is cut grouped every visible barrier with its links (330 ms at
    10,000 barriers)."""
    barriers = list(barriers)
    links = BarrierLink.objects.filter(barrier__in=barriers, status=LinkStatus.CONFIRMED)
    per_barrier = (
        links.order_by().values_list("barrier").annotate(n=Count("organisation", distinct=True))
    )
    counts = dict(per_barrier)
    for barrier in barriers:
        barrier.organisation_count = counts.get(barrier.pk, 0)
    return barriers


def barrier_detail(*, user, slug: str) -> Barrier:
    return (
        Barrier.objects.visible_to(user)
        .select_related("authority", "owner", "merged_into", "created_by")
        .get(slug=slug)
    )


def barrier_links(*, user, barrier: Barrier, status: str = LinkStatus.CONFIRMED):
    """The links of ``barrier`` to initiatives and cases ``user`` may see."""
    return (
        BarrierLink.objects.visible_to(user)
        .filter(barrier=barrier, status=status)
        .select_related("initiative", "case", "organisation")
        .order_by("created_at", "pk")
    )


def subject_links(*, user, subject):
    """The links of one initiative or case (its panel), confirmed and suggested."""
    from proeftuin.cases.service import Case

    field = "case" if isinstance(subject, Case) else "initiative"
    return (
        BarrierLink.objects.filter(**{field: subject})
        .filter(barrier__in=Barrier.objects.visible_to(user).values("pk"))
        .exclude(status=LinkStatus.REJECTED)
        .select_related("barrier")
        .order_by("status", "-score")
    )


def authorities():
    return Authority.objects.annotate(
        open_count=Count("barriers", filter=~Q(barriers__state__in=CLOSED), distinct=True)
    )


def authority_barriers(*, user, authority: Authority):
    """What blocks whom at ``authority``: its visible, current barriers, oldest first."""
    return (
        Barrier.objects.visible_to(user)
        .current()
        .filter(authority=authority)
        .order_by("created_at", "pk")
    )


def reports_pending():
    return BarrierReport.objects.filter(status=ReportStatus.PENDING).order_by("created_at")
