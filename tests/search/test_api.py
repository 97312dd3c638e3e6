"""The search API: /api/v1/search, /api/v1/search/prior-cases, /api/v1/cases/{uuid}/similar."""

from __future__ import annotations

import uuid

import pytest

from proeftuin.accounts.models import Role
from proeftuin.ingestion.models import SourceFile
from proeftuin.search import services
from tests.api.test_organisations_api import assert_problem, invalid_names
from tests.factories import DocumentFactory, OrganisationFactory
from tests.search_support import indexed_case

pytestmark = pytest.mark.django_db

URL = "/api/v1/search"
PRIOR_URL = "/api/v1/search/prior-cases"
RESULT_KEYS = {
    "rank",
    "score",
    "keywordRank",
    "vectorRank",
    "similarity",
    "passage",
    "case",
    "document",
    "initiative",
    "barrier",
    "ownerKind",
    "ownerKindLabel",
}
META_KEYS = {
    "query",
    "mode",
    "usedVectors",
    "messages",
    "degraded",
    "suggestions",
    "indexProgress",
    "totalCases",
    "facets",
}


def similar_url(case) -> str:
    return f"/api/v1/cases/{case.uuid}/similar"


def get(client, **params):
    return client.get(URL, params)


def ok(response) -> dict:
    assert response.status_code == 200, response.content
    assert response["API-Version"] == "1.0.0"
    return response.json()


def case_titles(body: dict) -> set[str]:
    return {row["case"]["title"] for row in body["results"] if row["case"]}


def facet_values(body: dict, key: str) -> set[str]:
    facet = next(f for f in body["meta"]["facets"] if f["key"] == key)
    return {choice["value"] for choice in facet["choices"]}


@pytest.fixture
def library(organisation):
    """A public case and a case only members of ``organisation`` may see."""
    public = indexed_case(
        title="Waterstofbus voor ouderen",
        summary="Een buurtbus op waterstof brengt ouderen naar de huisarts.",
        organisations=[OrganisationFactory(province="PV26")],
    )
    organisation.province = "PV27"
    organisation.save()
    hidden = indexed_case(
        title="Geheime zeppelinproef",
        summary="Een zeppelin op waterstof bezorgt pakketten in de polder.",
        visibility="organisation",
        organisations=[organisation],
    )
    return {"public": public, "hidden": hidden}


@pytest.fixture
def member(organisation, make_member):
    return make_member(organisation, Role.VIEWER)


def test_results_follow_the_contract_in_camel_case(api_client, library):
    body = ok(get(api_client, q="waterstof buurtbus"))
    assert set(body) == {"count", "results", "meta"}
    assert set(body["meta"]) == META_KEYS
    assert body["count"] >= len(body["results"]) >= 1
    first = body["results"][0]
    assert set(first) == RESULT_KEYS
    assert first["rank"] == 1 and first["score"] > 0
    assert [r["rank"] for r in body["results"]] == list(range(1, len(body["results"]) + 1))
    assert first["document"] is None
    case = first["case"]
    assert set(case) == {"uuid", "title", "slug", "url", "webUrl", "organisations"}
    assert case["uuid"] == str(library["public"].uuid)
    assert case["url"].endswith(f"/api/v1/cases/{library['public'].uuid}")
    assert case["webUrl"].endswith(f"/casussen/{library['public'].slug}/")
    passage = first["passage"]
    assert {"id", "kind", "kindLabel", "label", "text", "snippet", "matchedTerms"} == set(passage)
    assert "<mark>" in "".join(r["passage"]["snippet"] for r in body["results"])
    meta = body["meta"]
    assert meta["mode"] == "hybrid" and meta["usedVectors"] is True
    assert meta["indexProgress"] == {
        "passages": meta["indexProgress"]["passages"],
        "embedded": meta["indexProgress"]["passages"],
        "pending": 0,
        "complete": True,
    }
    assert {f["key"] for f in meta["facets"]} >= {"province", "theme", "layer"}


def test_keyword_mode_ranks_by_words_only(api_client, library):
    body = ok(get(api_client, q="waterstofbus", mode="keyword"))
    assert body["meta"]["mode"] == "keyword"
    assert body["meta"]["usedVectors"] is False
    assert all(r["vectorRank"] is None and r["similarity"] is None for r in body["results"])
    assert case_titles(body) == {"Waterstofbus voor ouderen"}


def test_vector_mode_gives_similarities(api_client, library):
    body = ok(get(api_client, q="ouderen naar de huisarts", mode="vector"))
    assert body["meta"]["usedVectors"] is True
    assert body["results"]
    assert all(r["keywordRank"] is None for r in body["results"])
    assert all(r["similarity"] is not None for r in body["results"])


def test_limit_caps_the_results(api_client, library, settings):
    settings.SEARCH_VECTOR_MARGIN = 0  # every passage comes back, by meaning at least
    body = ok(get(api_client, q="waterstof", limit=2))
    assert len(body["results"]) == 2
    assert body["count"] > 2


@pytest.mark.parametrize("user", [None, "outsider"])
def test_hidden_case_never_reaches_anonymous_or_outsiders(api_client, library, outsider, user):
    if user:
        api_client.force_authenticate(outsider)
    for mode in ("hybrid", "keyword", "vector"):
        response = get(api_client, q="zeppelin waterstof polder", mode=mode)
        body = ok(response)
        assert case_titles(body) <= {"Waterstofbus voor ouderen"}
        content = response.content.decode().lower()
        assert "zeppelinproef" not in content and "pakketten" not in content
        assert str(library["hidden"].uuid) not in content
        assert "PV27" not in facet_values(body, "province")


def test_members_find_the_hidden_case(api_client, library, member):
    api_client.force_authenticate(member)
    body = ok(get(api_client, q="zeppelin"))
    assert body["results"][0]["case"]["uuid"] == str(library["hidden"].uuid)
    assert "zeppelin" in body["results"][0]["passage"]["snippet"].lower()
    body = ok(get(api_client, q="zeppelin", mode="keyword"))
    assert case_titles(body) == {"Geheime zeppelinproef"}
    assert body["meta"]["totalCases"] == 1
    assert facet_values(body, "province") == {"PV27"}


def test_facet_filters_narrow_the_results(api_client, library):
    body = ok(get(api_client, q="waterstof", province="PV26"))
    assert case_titles(body) == {"Waterstofbus voor ouderen"}
    body = ok(get(api_client, q="waterstof", province="PV20"))
    assert body["results"] == []
    assert "PV20" in facet_values(body, "province")  # a chosen value stays visible


def test_documents_only_for_who_may_see_them(api_client, organisation, member):
    source = SourceFile.objects.create(
        document=DocumentFactory(),
        filename="jaarverslag.pdf",
        content_hash="a" * 64,
        size=10,
        owner=organisation,
        text="Het hoogheemraadschap plaatste vistrappen bij elk gemaal.",
    )
    services.index("document", source.id)
    services.embed_pending()
    assert ok(get(api_client, q="vistrappen"))["results"] == []
    api_client.force_authenticate(member)
    first = ok(get(api_client, q="vistrappen"))["results"][0]
    assert first["case"] is None
    assert first["document"]["uuid"] == str(source.uuid)
    assert first["document"]["filename"] == "jaarverslag.pdf"
    assert first["document"]["url"].endswith(f"/api/v1/documents/{source.uuid}")


@pytest.mark.parametrize("q", ["", "   "])
def test_empty_query_is_a_problem(api_client, q):
    body = assert_problem(get(api_client, q=q), 400, "invalid")
    assert invalid_names(body) == {"q"}


def test_missing_query_is_a_problem(api_client):
    body = assert_problem(api_client.get(URL), 400, "invalid")
    assert invalid_names(body) == {"q"}


@pytest.mark.parametrize(
    "params",
    [
        {"mode": "semantic"},
        {"limit": 0},
        {"limit": 101},
        {"limit": "tien"},
        {"province": [f"PV{n}" for n in range(31)]},  # too many values for one filter
    ],
)
def test_invalid_parameters_are_problems(api_client, params):
    body = assert_problem(get(api_client, q="waterstof", **params), 400, "invalid")
    assert invalid_names(body) == set(params)


def test_every_invalid_parameter_is_reported_at_once(api_client):
    params = {"q": "", "mode": "x", "limit": 0, "province": [str(n) for n in range(31)]}
    body = assert_problem(get(api_client, **params), 400, "invalid")
    assert invalid_names(body) == set(params)


def test_a_very_long_query_is_answered(api_client, library):
    q = ("waterstof buurtbus ouderen " * 100)[:2_000]
    body = ok(get(api_client, q=q))
    assert case_titles(body) == {"Waterstofbus voor ouderen"}


def test_a_too_long_query_is_a_problem(api_client):
    body = assert_problem(get(api_client, q="x" * 2_001), 400, "invalid")
    assert invalid_names(body) == {"q"}
    assert_problem(get(api_client, q="x" * 10_000), 414, "uri_too_long")


@pytest.mark.parametrize(
    "q",
    [
        '"waterstof" AND buurtbus',
        "+waterstof -zeppelin (ouderen OR huisarts)",
        "waterstof* ~bus ^2 :: [ ] { } ! \\",
        "'; DROP TABLE search_passage; --",
    ],
)
def test_operators_and_quotes_are_plain_words(api_client, library, q):
    ok(get(api_client, q=q))


def test_only_punctuation_says_why_nothing_was_found(api_client, library):
    body = ok(get(api_client, q="?!* ..."))
    assert body["results"] == []
    assert body["meta"]["messages"]


def test_an_english_query_is_answered(api_client, library):
    body = ok(get(api_client, q="hydrogen bus for elderly people"))
    assert body["meta"]["query"] == "hydrogen bus for elderly people"


def test_similar_cases_with_similarity_and_reasons(api_client, library):
    other = indexed_case(
        title="Waterstofbus in de wijk",
        summary="Een buurtbus op waterstof voor ouderen in de wijk.",
    )
    response = api_client.get(similar_url(library["public"]))
    rows = ok(response)
    assert [r["case"]["uuid"] for r in rows] == [str(other.uuid)]
    row = rows[0]
    assert set(row) == {"case", "score", "similarity", "strength", "reasons", "passages"}
    assert row["reasons"] and row["strength"]
    assert row["case"]["webUrl"].endswith(f"/casussen/{other.slug}/")
    assert row["passages"][0]["snippet"]


def test_similar_cases_leave_out_what_the_caller_may_not_see(api_client, library, member):
    rows = ok(api_client.get(similar_url(library["public"])))
    assert str(library["hidden"].uuid) not in {r["case"]["uuid"] for r in rows}
    api_client.force_authenticate(member)
    rows = ok(api_client.get(similar_url(library["public"])))
    assert str(library["hidden"].uuid) in {r["case"]["uuid"] for r in rows}


def test_similar_of_an_invisible_or_unknown_case_is_404(api_client, library, outsider):
    assert_problem(api_client.get(similar_url(library["hidden"])), 404, "not_found")
    api_client.force_authenticate(outsider)
    assert_problem(api_client.get(similar_url(library["hidden"])), 404, "not_found")
    assert_problem(api_client.get(f"/api/v1/cases/{uuid.uuid4()}/similar"), 404, "not_found")


def test_similar_limit_is_checked(api_client, library):
    response = api_client.get(similar_url(library["public"]), {"limit": 50})
    assert invalid_names(assert_problem(response, 400, "invalid")) == {"limit"}


def test_prior_cases_for_a_described_idea(api_client, library):
    idea = {"text": "Wij willen ouderen met een buurtbus op waterstof vervoeren."}
    rows = ok(api_client.post(PRIOR_URL, idea, format="json"))
    assert [r["case"]["title"] for r in rows] == ["Waterstofbus voor ouderen"]
    assert rows[0]["reasons"]


def test_prior_cases_respect_visibility(api_client, library, member):
    idea = {"text": "Pakketten bezorgen met een zeppelin", "limit": 3}
    rows = ok(api_client.post(PRIOR_URL, idea, format="json"))
    assert str(library["hidden"].uuid) not in {r["case"]["uuid"] for r in rows}
    api_client.force_authenticate(member)
    rows = ok(api_client.post(PRIOR_URL, idea, format="json"))
    assert rows[0]["case"]["uuid"] == str(library["hidden"].uuid)


@pytest.mark.parametrize(
    ("payload", "invalid"),
    [({}, "text"), ({"text": " "}, "text"), ({"text": "idee", "limit": 0}, "limit")],
)
def test_prior_cases_bad_input_is_a_problem(api_client, payload, invalid):
    body = assert_problem(api_client.post(PRIOR_URL, payload, format="json"), 400, "invalid")
    assert invalid_names(body) == {invalid}
