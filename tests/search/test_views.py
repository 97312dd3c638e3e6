"""Search pages: results, index progress, similar cases and "has this been done before?"."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from proeftuin.accounts.models import Role
from proeftuin.cases.forms import FORMSETS
from proeftuin.cases.models import Case
from proeftuin.ingestion.models import SourceFile
from proeftuin.search import services, views
from tests.factories import DocumentFactory, MembershipFactory, OrganisationFactory, make_case

pytestmark = pytest.mark.django_db

RESULTS = "/zoeken/"
PRIOR = "/zoeken/eerder-gedaan/"
PROGRESS = "/zoeken/voortgang/"
HX = {"HX-Request": "true"}


def similar_url(case) -> str:
    return f"/zoeken/vergelijkbaar/{case.slug}/"


def titles(html: str) -> list[str]:
    """Case titles in result lists (search results and related-case lists)."""
    return re.findall(r'<h3 class="utrecht-heading-3[^"]*"><a [^>]*>([^<]+)', html)


def checkbox(html: str, name: str, value: str) -> tuple[bool, int] | None:
    """(checked, count) of one facet checkbox, or None when it is not shown."""
    match = re.search(
        rf'<input [^>]*name="{name}" value="{re.escape(value)}"[^>]*?( checked)?>\s*'
        r'<label [^>]*>[^<]*<span class="pt-count">\((\d+)\)</span>',
        html,
    )
    return (bool(match.group(1)), int(match.group(2))) if match else None


def index(*cases) -> None:
    """What the background jobs do after the writes commit: keywords, then vectors."""
    for case in cases:
        services.index("case", case.id)
    services.embed_pending()


@pytest.fixture
def orgs():
    national = {"government_layer": "national", "organisation_type": "executive_agency"}
    return {
        "owner": OrganisationFactory(name="Gemeente Eigenaar"),
        "national": OrganisationFactory(name="Rijksdienst", **national),
    }


CASES = {  # key: (organisation, title, summary, other fields)
    "bus": (
        "owner",
        "Buurtbus rijdt op waterstof",
        "Vervoer voor ouderen met een waterstofbus.",
        {},
    ),
    "fleet": ("national", "Landelijke vloot op waterstof", "Auto's tanken waterstof.", {}),
    "solar": ("owner", "Zonnepanelen op schooldaken", "Scholen wekken samen stroom op.", {}),
    "secret": (
        "owner",
        "Geheime waterstofproef",
        "Waterstof uit een vertrouwelijke electrolyser in de haven.",
        {"visibility": "private"},
    ),
    "draft": (
        "owner",
        "Conceptplan waterstof",
        "Waterstofbussen, nog niet af.",
        {"status": "draft"},
    ),
}


@pytest.fixture
def library(orgs):
    cases = {
        key: make_case(organisations=[orgs[org]], title=title, summary=summary, **extra)
        for key, (org, title, summary, extra) in CASES.items()
    }
    index(*cases.values())
    return cases


HIDDEN = ("Geheime waterstofproef", "Conceptplan waterstof", "electrolyser", "nog niet af")


def page(client, params=None, **kwargs) -> str:
    response = client.get(RESULTS, params or {}, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


# ----------------------------------------------------------------------------- results page


def test_results_show_a_matching_public_case_with_marked_snippets(client, library):
    html = page(client, {"q": "waterstof"})
    assert set(titles(html)[:2]) == {"Buurtbus rijdt op waterstof", "Landelijke vloot op waterstof"}
    assert f'href="/casussen/{library["bus"].slug}/"' in html
    assert "<mark>waterstof</mark>" in html  # the snippet is HTML, not escaped text
    assert "&lt;mark&gt;" not in html
    assert "Gemeente Eigenaar" in html  # organisations of the case
    assert 'id="search-q"' in html and 'value="waterstof"' in html


def test_the_search_page_has_one_search_box_and_a_plain_choice_of_method(client, library):
    html = page(client, {"q": "waterstof"})
    # The header's box sits in {% block site_search %} of base.html, which the search page empties.
    assert html.count('type="search"') == 1
    assert '<select class="utrecht-select utrecht-select--html-select" id="search-mode"' not in html
    assert 'type="radio" id="search-mode-keyword" name="mode" value="keyword">' in html
    assert 'type="radio" id="search-mode-hybrid" name="mode" value="hybrid" checked>' in html
    assert "Zoek op de woorden die ik typ" in html and "Zoek ook op betekenis" in html
    html = page(client, {"q": "waterstof", "mode": "vector"})  # the API's mode, in a link
    assert 'value="hybrid" checked>' in html


def test_site_search_box_points_to_the_search_page(client):
    html = client.get("/").content.decode()
    assert re.search(r'<form class="pt-search" role="search" action="/zoeken/"', html)


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_member"])
def test_hidden_cases_never_appear_in_results_snippets_or_counts(client, library, outsider, who):
    if who == "outsider":
        client.force_login(outsider)
    elif who == "other_member":
        client.force_login(MembershipFactory(role=Role.EDITOR).user)  # of another organisation
    for mode in ("hybrid", "keyword", "vector"):
        html = page(client, {"q": "waterstof vertrouwelijke haven", "mode": mode})
        for text in HIDDEN:
            assert text not in html, (mode, text)
        assert set(titles(html)) <= {
            "Buurtbus rijdt op waterstof",
            "Landelijke vloot op waterstof",
            "Zonnepanelen op schooldaken",
        }
    html = page(client, {"q": "waterstof", "mode": "keyword", "layer": "local"})
    assert checkbox(html, "layer", "local") == (True, 1)  # only the public bus case


def test_a_member_with_the_right_role_finds_the_hidden_cases(client, library, orgs, make_member):
    client.force_login(make_member(orgs["owner"], Role.EDITOR))
    html = page(client, {"q": "waterstof", "mode": "keyword", "layer": "local"})
    assert {"Geheime waterstofproef", "Conceptplan waterstof"} <= set(titles(html))
    assert "<mark>electrolyser</mark>" in page(client, {"q": "electrolyser"})
    assert checkbox(html, "layer", "local") == (True, 3)


def test_a_viewer_does_not_find_private_or_draft_cases(client, library, orgs, make_member):
    client.force_login(make_member(orgs["owner"], Role.VIEWER))
    html = page(client, {"q": "waterstof vertrouwelijke"})
    assert "Geheime waterstofproef" not in html and "Conceptplan waterstof" not in html


def test_facets_in_the_url_narrow_the_results(client, library):
    html = page(client, {"q": "waterstof", "mode": "keyword"})
    assert checkbox(html, "layer", "local") == (False, 1)
    assert checkbox(html, "layer", "national") == (False, 1)

    html = page(client, {"q": "waterstof", "mode": "keyword", "layer": "national"})
    assert titles(html) == ["Landelijke vloot op waterstof"]
    assert checkbox(html, "layer", "national") == (True, 1)
    assert re.search(r'value="keyword" checked>', html)

    html = page(client, {"q": "waterstof", "layer": "national", "type": "municipality"})
    assert titles(html) == []  # AND across facets


def test_results_are_paginated_by_ten_cases(client, orgs):
    cases = [
        make_case(organisations=[orgs["owner"]], title=f"Deelfiets station {n:02d}")
        for n in range(12)
    ]
    index(*cases)
    first = page(client, {"q": "deelfiets", "mode": "keyword"})
    second = page(client, {"q": "deelfiets", "mode": "keyword", "pagina": "2"})
    assert len(titles(first)) == 10 and len(titles(second)) == 2
    assert not set(titles(first)) & set(titles(second))
    assert 'href="?q=deelfiets&amp;mode=keyword&amp;pagina=2"' in first


BAD_INPUT = [
    {},
    {"q": ""},
    {"q": "   "},
    {"q": "waterstof " * 1000},
    {"q": "x" * 10_000},
    {"q": '"AND OR ( ) * -'},
    {"q": '"waterstof" AND (bus OR vloot) -zon *'},
    {"q": "how do municipalities share data between agencies"},
    {"q": "<script>alert(1)</script>"},
    {"q": "a\x00b"},
    {"q": "waterstof", "mode": "bogus"},
    {"q": "waterstof", "mode": ["keyword", "vector"]},
    {"q": "waterstof", "layer": "does-not-exist"},
    {"q": "waterstof", "layer": [f"value-{n}" for n in range(50)]},
    {"q": "waterstof", "year": "x" * 500, "unknown": "1"},
    {"q": "waterstof", "pagina": "abc"},
    {"q": "waterstof", "pagina": "999"},
    {"q": "waterstof", "pagina": "-1"},
]


@pytest.mark.parametrize("params", BAD_INPUT)
def test_odd_input_never_breaks_the_page(client, library, params):
    html = page(client, params)
    assert 'class="pt-facets"' in html
    for text in HIDDEN:
        assert text not in html
    assert "<script>alert(1)</script>" not in html


def test_an_empty_query_shows_help_not_an_error(client, library):
    html = page(client)
    assert 'role="status"' in html  # the explanation from the search service
    assert 'id="results-heading"' not in html
    assert page(client, {"q": "<script>alert(1)</script>"}).count(escape("<script>")) >= 1


def test_typos_are_corrected_or_suggested(client, library):
    html = page(client, {"q": "waterstif", "mode": "keyword"})
    assert "<mark>waterstof</mark>" in html and "“waterstof”" in html  # corrected, and said so

    html = page(client, {"q": "Rijksdiesnt waterstof", "mode": "keyword", "layer": "national"})
    link = re.search(r'pt-suggestion">[^<]*<a [^>]*href="([^"]+)"', html)
    assert link.group(1) == "/zoeken/?q=rijksdienst+waterstof&amp;mode=keyword&amp;layer=national"


def test_document_hits_link_to_their_source_page(client, orgs, make_member):
    source = SourceFile.objects.create(
        document=DocumentFactory(),
        file="sources/r.pdf",
        filename="rapport-waterstof.pdf",
        content_hash="c" * 64,
        size=1,
        owner=orgs["owner"],
        text="De proef met waterstofbussen leverde veel op.\n\nTweede alinea.",
    )
    services.index("document", source.id)
    services.embed_pending()
    assert "rapport-waterstof.pdf" not in page(client, {"q": "waterstofbussen"})
    client.force_login(make_member(orgs["owner"], Role.VIEWER))
    html = page(client, {"q": "waterstofbussen"})
    assert f'href="/documenten/{source.uuid}/"' in html
    assert "rapport-waterstof.pdf" in html and "<mark>waterstofbussen</mark>" in html


def test_htmx_request_gets_only_the_results_partial(client, library):
    full = client.get(RESULTS, {"q": "waterstof"})
    partial = client.get(RESULTS, {"q": "waterstof"}, headers=HX)
    assert "<html" in full.content.decode()
    html = partial.content.decode()
    assert partial.status_code == 200 and "<html" not in html and "<body" not in html
    assert 'class="pt-facets"' in html and "<mark>waterstof</mark>" in html
    assert "hx-request" in partial.get("Vary", "").lower()


# ------------------------------------------------------------------------------- progress


def test_progress_shows_while_vectors_are_added_and_polls(admin_client, orgs):
    client = admin_client
    case = make_case(organisations=[orgs["owner"]], title="Waterstof in de haven")
    services.index("case", case.id)  # keywords only: no vectors yet
    html = page(client, {"q": "waterstof"})
    assert "<progress" in html and 'hx-trigger="every 5s"' in html
    assert f'hx-get="{PROGRESS}?q=waterstof&amp;n=0"' in html
    assert "<noscript>" in html
    assert titles(html) == ["Waterstof in de haven"]  # keyword results meanwhile

    fragment = client.get(PROGRESS, {"q": "waterstof", "n": "3"}, headers=HX)
    text = fragment.content.decode()
    assert "<html" not in text and "<progress" in text and "n=4" in text
    assert "hx-get" not in client.get(PROGRESS, {"n": str(views.MAX_POLLS)}).content.decode()

    services.embed_pending()
    done = client.get(PROGRESS, {"q": "waterstof", "n": "4"}, headers=HX).content.decode()
    assert "<progress" not in done and "hx-get" not in done
    assert 'href="/zoeken/?q=waterstof"' in done
    assert "<progress" not in page(client, {"q": "waterstof"})


# --------------------------------------------------------------------------- similar cases


def test_case_page_loads_similar_cases_apart(client, library):
    html = client.get(f"/casussen/{library['bus'].slug}/").content.decode()
    assert f'hx-get="{similar_url(library["bus"])}"' in html
    assert 'hx-trigger="load"' in html
    assert '<noscript><section aria-labelledby="similar-h">' in html


def test_similar_cases_leave_out_the_case_itself_and_hidden_cases(client, library):
    response = client.get(similar_url(library["bus"]), headers=HX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    found = titles(html)
    assert "Landelijke vloot op waterstof" in found
    assert "Buurtbus rijdt op waterstof" not in found
    for text in HIDDEN:
        assert text not in html
    assert 'class="pt-strength"' in html and 'class="pt-reasons"' in html


def test_similar_cases_without_javascript_is_a_full_page(client, library):
    html = client.get(similar_url(library["bus"])).content.decode()
    assert "<html" in html and '<h1 class="utrecht-heading-1">' in html
    assert "Landelijke vloot op waterstof" in titles(html)


def test_similar_cases_of_a_member_include_what_they_may_see(client, library, orgs, make_member):
    client.force_login(make_member(orgs["owner"], Role.EDITOR))
    html = client.get(similar_url(library["bus"]), headers=HX).content.decode()
    assert "Geheime waterstofproef" in titles(html)
    assert client.get(similar_url(library["secret"]), headers=HX).status_code == 200


def test_similar_cases_of_an_invisible_case_is_404(client, library, outsider):
    assert client.get(similar_url(library["secret"]), headers=HX).status_code == 404
    assert client.get(similar_url(library["draft"])).status_code == 404
    client.force_login(outsider)
    assert client.get(similar_url(library["secret"]), headers=HX).status_code == 404
    assert client.get("/zoeken/vergelijkbaar/bestaat-niet/").status_code == 404


# ----------------------------------------------------------------------------- prior cases


def test_prior_cases_endpoint_finds_a_case_like_the_typed_idea(client, library):
    idea = {"title": "Waterstofbus", "summary": "Een buurtbus voor ouderen op het platteland."}
    response = client.post(PRIOR, idea, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert titles(html)[0] == "Buurtbus rijdt op waterstof"
    assert 'target="_blank"' in html
    for text in HIDDEN:
        assert text not in html
    assert (
        "Buurtbus rijdt op waterstof"
        in client.get(PRIOR, {"text": "waterstofbus"}).content.decode()
    )


def test_prior_cases_endpoint_handles_empty_and_huge_ideas(client, library):
    assert titles(client.post(PRIOR, {}, headers=HX).content.decode()) == []
    huge = client.post(PRIOR, {"text": "waterstof " * 5000, "title": '"AND OR ( ) * -'}, headers=HX)
    assert huge.status_code == 200
    page_html = client.get(PRIOR).content.decode()
    assert "<html" in page_html and 'name="text"' in page_html


def test_new_case_form_has_the_prior_cases_panel(client, orgs, make_member):
    client.force_login(make_member(orgs["owner"], Role.CONTRIBUTOR))
    html = client.get("/casussen/nieuw/").content.decode()
    assert 'id="prior-cases" aria-live="polite"' in html
    assert f'hx-post="{PRIOR}"' in html
    assert "from:#id_title" in html and "from:#id_summary" in html
    assert 'name="check_prior"' in html


def test_no_javascript_check_keeps_what_was_typed_then_saves(client, library, orgs, make_member):
    from tests.cases.test_pages import PostForm

    client.force_login(make_member(orgs["owner"], Role.CONTRIBUTOR))
    typed = {
        f"{name}-{n}": v for name in FORMSETS for n, v in (("TOTAL_FORMS", 2), ("INITIAL_FORMS", 0))
    }
    typed.update(
        title="Waterstofbus voor de buurt",
        summary="Ouderen op het platteland & vervoer <met> waterstof.",
        lead_organisation=str(orgs["owner"].pk),
        stage="idea",
        check_prior="1",
    )
    typed.update({"lessons-0-kind": "success_factor", "lessons-0-text": "Begin klein."})
    response = client.post("/casussen/nieuw/", typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Case.objects.filter(title=typed["title"]).exists()  # nothing saved yet
    assert 'value="Waterstofbus voor de buurt"' in html and escape(typed["summary"]) in html
    assert "Begin klein." in html
    assert re.search(rf'<option value="{orgs["owner"].pk}" selected>', html)
    assert "utrecht-form-field-error-message" not in html  # not validated yet
    assert "Buurtbus rijdt op waterstof" in titles(html)
    assert "Geheime waterstofproef" not in html  # a contributor may not see private cases

    assert client.post("/casussen/nieuw/", PostForm(html).as_dict()).status_code == 302
    case = Case.objects.get(title=typed["title"])
    assert case.stage == "idea" and case.summary == typed["summary"]
    assert [lesson.text for lesson in case.lessons.all()] == ["Begin klein."]


def test_the_check_survives_a_broken_form(client, orgs, make_member):
    client.force_login(make_member(orgs["owner"], Role.CONTRIBUTOR))
    response = client.post("/casussen/nieuw/", {"check_prior": "1", "theme_set": "nope"})
    assert response.status_code == 200


# ------------------------------------------------------------------------ nothing matches


@pytest.fixture
def cutoff(settings):
    """A meaning cut-off for the test model (it has none calibrated, as any unknown model)."""
    settings.SEARCH_MEANING_CUTOFF = "0.9"


def test_nonsense_finds_nothing_and_the_page_helps(client, library, cutoff):
    html = page(client, {"q": "xyzzy qwerty"})
    assert titles(html) == [] and "Buurtbus" not in html
    assert "Geen resultaten voor “xyzzy qwerty”" in html
    assert 'href="/casussen/"' in html and "Blader door de bibliotheek" in html
    assert "algemener begrip" in html
    assert "Nederlandstalig" not in html and "zonder filters" not in html
    assert "vergelijkbaar in betekenis" not in html


def test_without_a_cut_off_nonsense_is_padded_with_the_library(client, library):
    html = page(client, {"q": "xyzzy qwerty"})  # the problem this cut-off solves
    assert titles(html) and "Geen resultaten" not in html


def test_an_english_query_gets_a_hint_that_the_library_is_dutch(client, library, cutoff):
    html = page(client, {"q": "how do I bake sourdough bread"})
    assert titles(html) == [] and "De bibliotheek is Nederlandstalig" in html


def test_no_results_offers_to_drop_filters_and_to_search_on_meaning(client, library, cutoff):
    html = page(client, {"q": "zonnepanelen", "mode": "keyword", "layer": "national"})
    assert titles(html) == [] and "Geen resultaten voor" in html
    assert 'href="/zoeken/?q=zonnepanelen&amp;mode=keyword">Zoek opnieuw zonder filters' in html
    assert 'href="/zoeken/?q=zonnepanelen&amp;mode=hybrid&amp;layer=national"' in html


def test_a_spelling_suggestion_shows_in_the_no_results_help(client, library, cutoff):
    html = page(client, {"q": "Rijksdiesnt", "mode": "keyword", "layer": "local"})
    assert "Geen resultaten voor" in html
    assert re.search(r"<li>Bedoelde u <a [^>]*>rijksdienst</a>\?</li>", html)


def test_real_words_still_find_their_cases_with_the_cut_off(client, library, cutoff):
    assert set(titles(page(client, {"q": "waterstof"}))) == {
        "Buurtbus rijdt op waterstof",
        "Landelijke vloot op waterstof",
    }


def test_the_public_sees_no_index_progress(client, orgs):
    case = make_case(organisations=[orgs["owner"]], title="Waterstof in de haven")
    services.index("case", case.id)  # keywords only: no vectors yet
    html = page(client, {"q": "waterstof"})
    assert "<progress" not in html and 'hx-trigger="every 5s"' not in html
    assert "passages verwerkt" not in html and "wordt nog voorbereid" not in html
    assert titles(html) == ["Waterstof in de haven"]
    fragment = client.get(PROGRESS, {"n": "1"}, headers=HX)
    assert fragment.status_code == 200 and fragment.content == b""


def test_a_member_sees_no_index_progress_either(client, orgs, make_member):
    client.force_login(make_member(orgs["owner"], Role.CONTRIBUTOR))
    case = make_case(organisations=[orgs["owner"]], title="Waterstof in de haven")
    services.index("case", case.id)
    assert "<progress" not in page(client, {"q": "waterstof"})
    assert client.get(PROGRESS).content == b""


def test_the_prior_panel_shows_nothing_for_a_nonsense_idea(client, library, cutoff):
    html = client.get(PRIOR, {"title": "xyzzy qwerty", "summary": "plonk wubbel"}).content
    html = html.decode()
    assert titles(html) == [] and "Geen eerdere casussen gevonden" in html


def test_the_demo_library_shows_no_results_for_nonsense(client, cutoff):
    from proeftuin.demo.loader import load_demo

    load_demo()
    index(*Case.objects.all())
    html = page(client, {"q": "xyzzy qwerty"})
    assert "Geen resultaten voor “xyzzy qwerty”" in html and titles(html) == []
    assert titles(page(client, {"q": "waterketenhuis"}))  # a real word still finds its case


def test_the_search_page_puts_its_facets_behind_a_filters_disclosure(client, library):
    html = page(client, {"q": "waterstof"})
    assert '<details class="pt-filters" data-keep="filters">' in html
    box, filters = html.index('id="search-q"'), html.index('class="pt-filters"')
    assert box < filters < html.index('id="results"')
    # the skip link at the top and the link after the filters
    assert html.count('href="#results">Ga naar resultaten</a>') == 2
