"""The pages ``barriers.py`` measures (the ``portfolio_pages.Page`` shape): the heatmap
(the target), by government layer and by organisation type, for a member and for anyone;
the register list; an authority's report."""

from __future__ import annotations

from portfolio_pages import Page


def heatmap_urls(rng, member, n: int) -> list[str]:
    return [
        rng.choice(["/knelpunten/patroon/", "/knelpunten/patroon/?axis=type"]) for _n in range(n)
    ]


def list_urls(rng, member, n: int) -> list[str]:
    from proeftuin.barriers.choices import Category

    urls = []
    for _n in range(n):
        roll = rng.random()
        if roll < 0.5:
            urls.append("/knelpunten/")
        elif roll < 0.8:
            urls.append(f"/knelpunten/?categorie={rng.choice(Category.values)}")
        else:
            urls.append(f"/knelpunten/?pagina={rng.randint(2, 5)}")
    return urls


def authority_urls(rng, member, n: int) -> list[str]:
    from proeftuin.barriers.models import Authority

    slugs = list(Authority.objects.values_list("slug", flat=True))
    return [f"/knelpunten/instanties/{rng.choice(slugs)}/" for _n in range(n)]


PAGES = {
    "heatmap (member)": Page("member", heatmap_urls),
    "heatmap (anonymous)": Page("anonymous", heatmap_urls),
    "register list (member)": Page("member", list_urls),
    "authority report (anonymous)": Page("anonymous", authority_urls),
}
