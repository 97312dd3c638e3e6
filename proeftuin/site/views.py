"""The footer pages, the organisation's colours as a style sheet, and the favicon."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from proeftuin.site.markup import render as render_text
from proeftuin.site.selectors import page_get, site_identity
from proeftuin.site.theme import effective_tokens, organisation_css

DAY = 24 * 60 * 60


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
