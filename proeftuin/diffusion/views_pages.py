"""Overview pages of adoptions: all adoptions, an organisation's adoptions, and the
adoptions and lineage of one innovation (graph, table, description, counts, map)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from proeftuin.diffusion import permissions, selectors, stats
from proeftuin.diffusion.choices import AdoptionStatus
from proeftuin.diffusion.lineage_page import lineage_body
from proeftuin.diffusion.views import visible_innovation
from proeftuin.organisations.service import Organisation

PAGE_SIZE = 25


def _period(request) -> str:
    return request.GET.get("per") if request.GET.get("per") in stats.PERIODS else "year"


@require_GET
def adoption_list(request):
    rows = selectors.adoption_list(request.user).order_by("-started_on", "-pk")
    status = request.GET.get("status")
    if status in AdoptionStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "shown": selectors.mark_shown(page.object_list, user=request.user),
        "statuses": AdoptionStatus.choices,
        "chosen": status,
        "top": stats.counts_by_organisation(selectors.adoption_visible(request.user), limit=10),
    }
    return render(request, "diffusion/list.html", context)


@require_GET
def organisation_adoptions(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    adopted = selectors.adoptions_by(organisation, user=request.user).order_by("-started_on")
    adopted = selectors.mark_shown(adopted, user=request.user)
    of_theirs = selectors.adoptions_of_organisation(organisation, user=request.user)
    of_theirs = selectors.mark_shown(of_theirs, user=request.user)
    context = {
        "organisation": organisation,
        "adopted": adopted,
        "of_theirs": of_theirs,
        "periods": stats.counts_over_time(adopted, _period(request)),
        "per": _period(request),
    }
    return render(request, "diffusion/organisation.html", context)


@require_GET
def innovation_lineage(request, kind: str, slug: str):
    """The adoptions of one innovation and its lineage."""
    innovation = visible_innovation(request, kind, slug)
    body = lineage_body(innovation, kind, _period(request), user=request.user)
    context = {
        "innovation": innovation,
        "kind": kind,
        "body": body["html"],
        "innovator": body["innovator"],
        "can_start": permissions.can_start_adoption(request.user),
    }
    return render(request, "diffusion/lineage.html", context)
