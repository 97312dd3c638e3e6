"""Pages of adopter matching: "Wie heeft hier ook iets aan?" for an initiative or a case,
and "Wat past bij ons?" for an organisation. Server-rendered, no JavaScript needed."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from proeftuin.cases.service import case_visible
from proeftuin.diffusion.matching_cached import adopter_matches, innovation_matches
from proeftuin.organisations.service import Organisation
from proeftuin.portfolio.service import initiative_visible


def _innovation_page(request, innovation, kind: str):
    context = {
        "innovation": innovation,
        "kind": kind,
        "matches": adopter_matches(innovation, user=request.user),
    }
    return render(request, "diffusion/matches.html", context)


def initiative_matches(request, slug: str):
    initiative = initiative_visible(request.user).filter(slug=slug).first()
    if initiative is None:
        raise Http404(_("This initiative does not exist or is not visible to you."))
    return _innovation_page(request, initiative, "initiative")


def case_matches(request, slug: str):
    case = case_visible(request.user).filter(slug=slug).first()
    if case is None:
        raise Http404(_("This case does not exist or is not visible to you."))
    return _innovation_page(request, case, "case")


def organisation_matches(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    context = {
        "organisation": organisation,
        "matches": innovation_matches(organisation, user=request.user),
    }
    return render(request, "diffusion/matches_organisation.html", context)
