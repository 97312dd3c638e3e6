"""The home page, the footer pages, the organisation's colours as a style sheet, and the
favicon."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.cases.service import case_in_library
from proeftuin.organisations.service import organisation_queryset, organisation_similar
from proeftuin.site.markup import render as render_text
from proeftuin.site.selectors import page_get, site_identity
from proeftuin.site.theme import effective_tokens, organisation_css

DAY = 24 * 60 * 60


@require_GET
def home(request):
    cases = case_in_library(request.user)
    own = organisation_queryset().filter(pk__in=list(roles_by_organisation(request.user))).first()
    return render(
        request,
        "site/home.html",
        {
            "own_organisation": own,
            "like_mine": organisation_similar(own, limit=5) if own else [],
            "case_count": cases.count(),
            "organisation_count": organisation_queryset().count(),
            "recent": cases.select_related("owner").order_by("-updated_at")[:5],
        },
    )


@require_safe
def page(request, kind: str):
    found = page_get(kind=kind)
    if found is None:
        raise Http404
    return render(
        request,
        "site/page.html",
        {"page": found, "body": render_text(found.body), "kind": kind},
    )


@require_safe
@cache_control(public=True, max_age=DAY)
def theme_css(request):
    """The organisation theme (settings THEME_*): a style sheet, since the policy allows
    no inline style. Its address carries a version, so a day's caching is safe."""
    return HttpResponse(organisation_css(), content_type="text/css; charset=utf-8")


FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<rect width="32" height="32" rx="6" fill="{background}"/>'
    '<text x="16" y="23.5" text-anchor="middle" font-family="Arial, Helvetica, sans-serif" '
    'font-size="22" font-weight="700" fill="{colour}">{initial}</text></svg>'
)


@require_safe
@cache_control(public=True, max_age=DAY)
def favicon(request):
    """The word mark's initial on the primary colour."""
    tokens = effective_tokens()
    svg = FAVICON.format(
        background=tokens["primary"],
        colour=tokens["primary-text"],
        initial=escape(site_identity().initial),
    )
    return HttpResponse(svg, content_type="image/svg+xml")


@require_safe
@cache_control(public=True, max_age=DAY)
def favicon_ico(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the SVG."""
    return redirect(reverse("sitepages:favicon"), permanent=True)
