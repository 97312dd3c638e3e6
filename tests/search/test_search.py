"""The search selector: ranking, grouping, typos, odd input."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from proeftuin.search.selectors import search
from tests.factories import OrganisationFactory
from tests.search_support import indexed_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    water = OrganisationFactory(name="Hoogheemraadschap Hollands Noorderkwartier")
    return {
        "water": indexed_case(
            organisations=[water],
            title="Dijkbewaking met sensoren",
            summary="Het waterschap meet de dijken met glasvezel.",
        ),
        "chain": indexed_case(
            title="Ketenpartners wisselen gegevens uit",
            summary="Gemeenten en zorgverzekeraars koppelen bestanden voor schuldhulp.",
        ),
    }


def test_compounds_and_inflections_find_the_case(library):
    for query in ("ketensamenwerking gegevensuitwisseling", "gegevens uitwisselen", "ketenpartner"):
        results = search(user=AnonymousUser(), query=query, mode="keyword")
        assert results.cases and results.cases[0].case_id == library["chain"].id, query


def test_results_group_passages_by_case_with_snippets(library):
    results = search(user=AnonymousUser(), query="dijken sensoren")
    first = results.cases[0]
    assert first.case_id == library["water"].id
    assert first.organisations == ["Hoogheemraadschap Hollands Noorderkwartier"]
    assert any("<mark>" in str(p.snippet) for p in first.passages)
    assert len({h.passage_id for h in results.hits}) == len(results.hits)


def test_a_typo_in_an_organisation_name_is_corrected(library):
    results = search(user=AnonymousUser(), query="Noorderkwartir", mode="keyword")
    assert results.cases and results.cases[0].case_id == library["water"].id
    assert any("noorderkwartier" in m.lower() for m in results.messages)


@pytest.mark.parametrize(
    "query",
    [
        "ketenpartners " * 1000,  # 14,000 characters
        '"AND OR NOT ( ) * - + ketenpartners:"',
        "data sharing between municipalities and insurers",
        "\x00\ufffd<script>alert(1)</script>",
        "a" * 10_000,
    ],
)
def test_odd_queries_give_results_or_a_message_never_an_error(library, query):
    results = search(user=AnonymousUser(), query=query)
    assert results.cases or results.messages


def test_empty_and_stopword_queries_explain_what_to_do(library):
    for query in ("", "   ", "de het een", '" ( ) *'):
        results = search(user=AnonymousUser(), query=query)
        assert results.hits == [] and results.messages


def test_unknown_mode_is_hybrid(library):
    assert search(user=AnonymousUser(), query="dijken", mode="raar").mode == "hybrid"


def test_facets_narrow_results(library):
    layer = library["chain"].facet_values.get(facet="layer").value
    other = {"local", "regional", "national"} - {layer}
    results = search(user=AnonymousUser(), query="gegevens dijken", selection={"layer": [layer]})
    assert library["chain"].id in {c.case_id for c in results.cases}
    narrowed = search(
        user=AnonymousUser(), query="gegevens", selection={"layer": sorted(other)[:1]}
    )
    assert library["chain"].id not in {c.case_id for c in narrowed.cases}


def test_results_tell_how_many_cases_contain_the_words(library, settings):
    settings.SEARCH_VECTOR_MARGIN = 0  # every case comes back by meaning
    results = search(user=AnonymousUser(), query="dijken")
    assert results.cases_with_words == 1 and len(results.cases) == 2
