"""The register on initiative and case pages: the barriers an initiative or case ran into
(confirmed links the viewer may see) and, for who may change it, the way to link more."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proeftuin.barriers.choices import LinkStatus
from proeftuin.barriers.models import Barrier, BarrierLink
from proeftuin.barriers.permissions import can_link_subject


def linked_barriers(user, **subject) -> list[Barrier]:
    links = BarrierLink.objects.filter(status=LinkStatus.CONFIRMED, **subject)
    linked = list(links.values_list("barrier_id", flat=True))
    if not linked:  # most have none: no visibility rule to work out
        return []
    barriers = Barrier.objects.visible_to(user).current()
    return list(barriers.filter(pk__in=linked).order_by("title")[:20])


def initiative_panel(user, initiative) -> dict:
    return {
        "barriers": linked_barriers(user, initiative=initiative),
        "manage_url": reverse("barriers:subject_links", args=["initiatief", initiative.slug])
        if can_link_subject(user, initiative)[0]
        else "",
    }


def case_barriers(case_id: int, user):
    """For the case page (a case origin line): the register entries the case is linked
    to, or the way to link them for who may change the case."""
    from proeftuin.cases.service import CaseOrigin, case_visible

    case = (
        case_visible(user)
        .filter(pk=case_id)
        .only("pk", "slug", "owner_id", "created_by_id", "status")
        .first()
    )
    if case is None:
        return None
    barriers = linked_barriers(user, case_id=case_id)
    may = can_link_subject(user, case)[0]
    if not barriers and not may:
        return None
    title = ngettext(
        "%(n)d barrier in the register", "%(n)d barriers in the register", len(barriers)
    ) % {"n": len(barriers)}
    if may:
        url = reverse("barriers:subject_links", args=["casus", case.slug])
    else:
        url = reverse("barriers:detail", args=[barriers[0].slug])
        title = barriers[0].title if len(barriers) == 1 else title
    return CaseOrigin(label=_("Barrier register:"), title=title, url=url)
