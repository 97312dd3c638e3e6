"""Shared interface pieces: breadcrumbs on every page below home, the error summary that
links each error to its field (and the fields that point back at their errors), labelled
table cells for small screens, "last changed" on a case, the library's filter disclosure and
a facet with many values."""

from __future__ import annotations

import re

import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.selectors import FacetChoice
from proeftuin.cases.templatetags.cases import FACET_VISIBLE, _split_choices
from tests.cases.test_pages import edit_url, valid_post
from tests.factories import OrganisationFactory, make_case

pytestmark = pytest.mark.django_db


def crumbs(html: str) -> list[str]:
    nav = re.search(r'<nav class="utrecht-breadcrumb-nav[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "no breadcrumb navigation"
    return [
        re.sub(r"<[^>]+>", "", item).strip()
        for item in re.findall(r"<li[^>]*>(.*?)</li>", nav[1], re.S)
    ]


@pytest.fixture
def case(organisation):
    return make_case(organisations=[organisation], title="Wijkteams")


def test_breadcrumbs_lead_from_home_to_the_page(client, case, organisation, make_member):
    assert crumbs(client.get("/casussen/").content.decode()) == ["Home", "Casusbibliotheek"]
    html = client.get(f"/casussen/{case.slug}/").content.decode()
    assert crumbs(html) == ["Home", "Casusbibliotheek", "Wijkteams"]
    assert 'aria-current="page">Wijkteams</span>' in html
    html = client.get(f"/organisaties/{organisation.slug}/").content.decode()
    assert crumbs(html) == ["Home", "Organisaties", organisation.name]
    client.force_login(make_member(organisation, Role.EDITOR))
    html = client.get(edit_url(case)).content.decode()
    assert crumbs(html) == ["Home", "Casusbibliotheek", "Wijkteams", "Casus bewerken"]
    assert f'href="/casussen/{case.slug}/"' in html
    assert crumbs(client.get("/account/beveiliging/").content.decode())[0] == "Home"


def test_the_home_page_has_no_breadcrumbs(client):
    assert "utrecht-breadcrumb-nav" not in client.get("/").content.decode()


def test_a_failed_post_lists_each_error_as_a_link_to_its_field(
    client, case, organisation, make_member
):
    client.force_login(make_member(organisation, Role.EDITOR))
    response = client.post(edit_url(case), valid_post(case, title="", year_start="20x"))
    assert response.status_code == 400
    html = response.content.decode()
    summary = re.search(r"<div [^>]*data-error-summary[^>]*>.*?</ul>", html, re.S)[0]
    assert 'tabindex="-1"' in summary
    assert re.search(r'<a class="utrecht-link" href="#id_title">Titel: [^<]+</a>', summary)
    assert re.search(
        r'<a class="utrecht-link" href="#id_year_start">Eerste jaar: [^<]+</a>', summary
    )
    assert "Herstel 2 fouten:" in summary
    # the summary comes right after the heading, before the form
    assert html.index("<h1") < html.index("data-error-summary") < html.index('<form method="post"')
    title = re.search(r'<input[^>]*id="id_title"[^>]*>', html)[0]
    assert 'aria-invalid="true"' in title and 'aria-describedby="id_title-error"' in title
    assert html.count('id="id_title-error"') == 1
    summary_text = re.search(
        r'<input[^>]*id="id_summary"[^>]*>|<textarea[^>]*id="id_summary"[^>]*>', html
    )[0]
    assert "aria-invalid" not in summary_text


def test_formset_errors_are_in_the_summary_too(client, case, organisation, make_member):
    client.force_login(make_member(organisation, Role.EDITOR))
    post = valid_post(case, **{"lessons-0-text": ""})
    html = client.post(edit_url(case), post).content.decode()
    assert 'href="#id_lessons-0-text"' in html


def test_the_error_summary_is_focused_by_a_static_script(client):
    html = client.get("/").content.decode()
    assert re.search(r'<script src="[^"]*proeftuin/forms\.[^"]*js" defer>', html)


def test_outcome_cells_carry_their_column_for_small_screens(client, case):
    html = client.get(f"/casussen/{case.slug}/").content.decode()
    assert 'class="utrecht-table utrecht-table--html-table pt-table--reflow"' in html
    assert re.search(r'<td data-label="Waarde" class="utrecht-table__cell[^"]*">', html)


def test_a_case_says_when_it_was_last_changed_and_by_whom_to_editors(
    client, case, organisation, make_member
):
    html = client.get(f"/casussen/{case.slug}/").content.decode()
    assert "Laatst gewijzigd" in html and "<time datetime=" in html
    editor = make_member(organisation, Role.EDITOR)
    client.force_login(editor)
    client.post(edit_url(case), valid_post(case))
    case.refresh_from_db()
    html = client.get(f"/casussen/{case.slug}/").content.decode()
    assert f"door {editor.username}" in html


def test_the_map_is_a_group_of_labelled_links_not_an_image(client):
    OrganisationFactory(province="PV26")
    html = client.get("/organisaties/kaart/").content.decode()
    assert 'role="img"' not in html
    assert re.search(r'<svg [^>]*role="group" aria-labelledby="map-title"', html)
    assert 'aria-label="Utrecht: 1 organisaties"' in html


def test_library_filters_are_a_disclosure_with_ways_to_the_results(client, case):
    html = client.get("/casussen/").content.decode()
    assert '<details class="pt-filters" data-keep="filters">' in html
    assert '<summary class="pt-filters__summary">Filters</summary>' in html
    assert html.count('href="#results">Ga naar resultaten</a>') == 2  # skip link, after filters
    assert html.index("utrecht-skip-link") < html.index("<header")
    assert 'id="results"' in html


def choices(counts: list[int], selected: int | None = None) -> list[FacetChoice]:
    return [FacetChoice(f"v{n}", f"V {n}", count, n == selected) for n, count in enumerate(counts)]


def test_a_facet_shows_its_most_frequent_values_and_every_chosen_one():
    few = choices([3] * FACET_VISIBLE)
    assert _split_choices(few) == (list(enumerate(few, start=1)), [])
    many = choices(list(range(100)), selected=0)  # value 0 has the lowest count but is chosen
    shown, rest = _split_choices(many)
    assert [c.value for _n, c in shown] == ["v0"] + [f"v{n}" for n in range(90, 100)]
    assert len(rest) == 89
    numbers = sorted(n for n, _c in shown + rest)
    assert numbers == list(range(1, 101))  # ids stay the same whatever is shown


def test_the_library_renders_a_facet_with_100_values(client, organisation):
    from proeftuin.organisations.models import Domain

    domains = [Domain.objects.create(key=f"d{n}", name=f"Domein {n:03d}") for n in range(100)]
    organisation.domains.set(domains)
    make_case(organisations=[organisation])
    html = client.get("/casussen/").content.decode()
    assert html.count('name="domain"') == 100
    assert '<details class="pt-facet-more" data-keep="more-domain">' in html
    assert "Toon alle 100 waarden" in html


def test_every_page_below_home_has_breadcrumbs():
    """A page template that extends base.html fills the breadcrumbs block (home and error
    pages excepted), so a new module cannot forget them."""
    from django.conf import settings

    root = settings.BASE_DIR / "proeftuin" / "templates"
    exempt = {"site/home.html", "core/404.html", "core/forbidden.html", "core/500.html"}
    missing = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if '{% extends "base.html" %}' in path.read_text()
        and str(path.relative_to(root)) not in exempt
        and "{% block breadcrumbs %}" not in path.read_text()
    ]
    assert not missing
