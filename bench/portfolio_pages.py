"""The pages ``portfolio.py`` measures: who asks, and the URLs asked for.

Each page is a ``Page(who, urls)``: ``who`` is "member" (signed in as the editor of one
organisation, who also sees its drafts and private work) or "anonymous"; ``urls(rng, member,
n)`` runs with Django set up against the generated database and returns ``n`` URLs.

To measure another page, add a URL maker below and a row to ``PAGES``: ``portfolio.py`` and
``portfolio_prepare.py`` take everything from this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class Page:
    who: str  # "member" or "anonymous"
    urls: Callable  # (rng, member user or None, n) -> list[str]


def _visible(member):
    from proeftuin.portfolio.selectors import initiative_visible

    return initiative_visible(member).current()


def initiative_urls(rng, member, n: int) -> list[str]:
    """Random visible initiatives; for a member every other one of their own organisation
    (drawn with replacement: at 2,000 initiatives an organisation leads about ten)."""
    rows = _visible(member)
    slugs = list(rows.values_list("slug", flat=True))
    picked = rng.sample(slugs, min(n, len(slugs)))
    if member is not None:
        own = rows.filter(owner__memberships__user=member)
        mine = list(own.values_list("slug", flat=True))
        if mine:
            picked = [rng.choice(mine) if i % 2 == 0 else s for i, s in enumerate(picked)]
    return [f"/initiatieven/{slug}/" for slug in picked]


def list_urls(rng, member, n: int) -> list[str]:
    """The list: half without a filter, a quarter by kind, a quarter by theme of a random
    visible initiative; 30% ask for page 2, 3 or 5."""
    from proeftuin.portfolio.choices import InnovationKind

    themes = list(_visible(member).values_list("themes", flat=True).distinct())
    urls = []
    for _n in range(n):
        query: dict = {}
        roll = rng.random()
        if roll < 0.25:
            query["soort"] = rng.choice(InnovationKind.values)
        elif roll < 0.5:
            query["thema"] = rng.choice(themes)
        page = rng.choices([1, 2, 3, 5], weights=[70, 15, 10, 5])[0]
        if page > 1:
            query["pagina"] = page
        urls.append(f"/initiatieven/?{urlencode(query)}" if query else "/initiatieven/")
    return urls


def organisation_dashboard_urls(rng, member, n: int) -> list[str]:
    """The organisation dashboard: half for the member's own organisation, half for one of
    the ten organisations with the most visible initiatives."""
    from django.db.models import Count

    from proeftuin.organisations.models import Organisation

    largest = list(
        Organisation.objects.filter(owned_initiatives__in=_visible(member))
        .annotate(n=Count("owned_initiatives"))
        .order_by("-n", "pk")
        .values_list("slug", flat=True)[:10]
    )
    own = []
    if member is not None:
        own = list(
            Organisation.objects.filter(memberships__user=member).values_list("slug", flat=True)
        )
    slugs = [own[0] if own and i % 2 == 0 else rng.choice(largest) for i in range(n)]
    return [f"/initiatieven/overzicht/?{urlencode({'organisatie': slug})}" for slug in slugs]


def programme_dashboard_urls(rng, member, n: int) -> list[str]:
    """The dashboard of a programme the viewer may see (the generator makes a public one)."""
    from proeftuin.organisations.models import Programme

    slugs = list(Programme.objects.visible_to(member).values_list("slug", flat=True))
    return [f"/initiatieven/overzicht/programma/{rng.choice(slugs)}/" for _n in range(n)]


PAGES: dict[str, Page] = {
    "initiative (member)": Page("member", initiative_urls),
    "initiative (anonymous)": Page("anonymous", initiative_urls),
    "list (member)": Page("member", list_urls),
    "list (anonymous)": Page("anonymous", list_urls),
    "organisation dashboard (member)": Page("member", organisation_dashboard_urls),
    "programme dashboard (member)": Page("member", programme_dashboard_urls),
    "programme dashboard (anonymous)": Page("anonymous", programme_dashboard_urls),
}
