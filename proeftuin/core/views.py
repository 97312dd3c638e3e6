"""Site-wide pages: home and error pages (problem+json under /api/)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.api.problems import not_found as api_not_found
from proeftuin.cases.service import case_in_library
from proeftuin.organisations.service import organisation_queryset, organisation_similar


@require_GET
def home(request):
    cases = case_in_library(request.user)
    own = organisation_queryset().filter(pk__in=list(roles_by_organisation(request.user))).first()
    return render(
        request,
        "core/home.html",
        {
            "own_organisation": own,
            "like_mine": organisation_similar(own, limit=5) if own else [],
            "case_count": cases.count(),
            "organisation_count": organisation_queryset().count(),
            "recent": cases.select_related("owner").order_by("-updated_at")[:5],
        },
    )


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return api_not_found(request, exception)
    return render(request, "core/404.html", status=404)


def server_error(request):
    return render(request, "core/500.html", status=500)
