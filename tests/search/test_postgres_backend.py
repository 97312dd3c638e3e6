"""The PostgreSQL keyword backend (proeftuin.search.backends.postgres).

Only on PostgreSQL (the generated ``search_vector`` column exists there only):
TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/pytest tests/search
"""

import pytest
from django.db import connection

from proeftuin.cases.models import CaseFacetValue
from proeftuin.ingestion.models import SourceFile
from proeftuin.search.analysis import analyze, analyze_query
from proeftuin.search.backends import Scope, keyword_backends
from proeftuin.search.backends.base import IndexDoc
from proeftuin.search.backends.postgres import PostgresBackend
from proeftuin.search.models import Passage
from tests.factories import DocumentFactory, OrganisationFactory, make_case

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db,
]

EVERYTHING = Scope(everything=True)


def passage(text, *, case=None, source=None):
    owner = {"owner_kind": "case", "owner_id": case.pk} if case else {}
    owner = owner or {"owner_kind": "document", "owner_id": source.pk}
    return Passage.objects.create(
        **owner,
        position=Passage.objects.filter(**owner).count(),  # unique per owner
        kind="summary" if case else "document",
        text=text,
        terms=" ".join(analyze(text)),
        text_hash="x",
    )


def search(query, scope=EVERYTHING, limit=10):
    return PostgresBackend().search(analyze_query(query), scope, limit)


def ids(hits):
    return [pid for pid, _score in hits]


@pytest.fixture
def public_case(db):
    return make_case(title="Openbare casus")


@pytest.fixture
def private_case(db):
    return make_case(title="Besloten casus", visibility="private")


@pytest.fixture
def source(db):
    return SourceFile.objects.create(
        document=DocumentFactory(),
        file="sources/rapport.pdf",
        filename="rapport.pdf",
        content_hash="a" * 64,
        size=1,
    )


def test_registered_and_indexing_is_a_no_op(public_case):
    assert keyword_backends["postgres"] is PostgresBackend
    backend = PostgresBackend()
    p = passage("Schuldhulpverlening in de wijk", case=public_case)
    backend.add([IndexDoc(id=999, terms=["iets"])])
    backend.remove([p.pk])
    backend.remove_owner("case", public_case.pk)
    backend.clear()
    assert ids(search("schuldhulpverlening")) == [p.pk]
    assert backend.count() == 1
    assert backend.size_bytes() > 0


def test_more_matching_terms_rank_higher(public_case):
    one = passage("De jeugdzorg in de regio werd anders georganiseerd.", case=public_case)
    both = passage("Jeugdzorg en schuldhulpverlening werken samen in één team.", case=public_case)
    passage("Het waterschap versterkt de dijken langs de rivier.", case=public_case)
    hits = search("jeugdzorg schuldhulpverlening")
    assert ids(hits) == [both.pk, one.pk]
    assert hits[0][1] > hits[1][1] > 0
    assert all(isinstance(score, float) for _pid, score in hits)


def test_analysed_terms_match_stems_and_compound_parts(public_case):
    p = passage("De ketensamenwerking rond financiële problemen", case=public_case)
    assert ids(search("keten")) == [p.pk]  # compound part
    assert ids(search("financieel probleem")) == [p.pk]  # stems


def test_limit(public_case):
    for n in range(5):
        passage(f"Mantelzorg variant {n}", case=public_case)
    assert len(search("mantelzorg", limit=3)) == 3
    assert search("mantelzorg", limit=0) == []


def test_no_terms_give_nothing(public_case):
    passage("Mantelzorg in de wijk", case=public_case)
    backend = PostgresBackend()
    assert backend.search([], EVERYTHING, 10) == []
    assert backend.search(["", ""], EVERYTHING, 10) == []
    assert search("de het een") == []  # only stopwords


@pytest.mark.parametrize(
    "term", ["o'brien", "a&b", "x:*", "back\\slash", "'quoted'", "a | b", "!(c)", "<->", "::"]
)
def test_special_characters_in_terms_are_plain_text(public_case, term):
    passage("Mantelzorg in de wijk", case=public_case)
    backend = PostgresBackend()
    assert backend.search([term], EVERYTHING, 10) == []
    assert len(backend.search([term, "mantelzorg"], EVERYTHING, 10)) == 1


def test_scope_public_cases_and_sources(public_case, private_case, source):
    open_ = passage("Inburgering met taalcoaches", case=public_case)
    closed = passage("Inburgering met buddy's", case=private_case)
    document = passage("Inburgering in het rapport", source=source)
    backend = PostgresBackend()
    terms = analyze_query("inburgering")

    def found(**scope):
        return set(ids(backend.search(terms, Scope(**scope), 10)))

    assert found(everything=True) == {open_.pk, closed.pk, document.pk}
    assert found(public=True) == {open_.pk}
    assert found(public=False, owners={"case": frozenset({private_case.pk})}) == {closed.pk}
    assert found(public=True, owners={"document": frozenset({source.pk})}) == {
        open_.pk,
        document.pk,
    }
    assert found(public=False) == set()  # an empty scope


def test_scope_excludes_unpublished_public_cases(db):
    draft = make_case(title="Concept", status="draft")
    passage("Eenzaamheid onder ouderen", case=draft)
    assert search("eenzaamheid", Scope(public=True)) == []
    assert (
        len(search("eenzaamheid", Scope(public=False, owners={"case": frozenset({draft.pk})}))) == 1
    )


def test_scope_facets_narrow_and_drop_documents(source):
    utrecht = make_case(title="In Utrecht", organisations=[OrganisationFactory(province="PV26")])
    zeeland = make_case(title="In Zeeland", organisations=[OrganisationFactory(province="PV29")])
    in_utrecht = passage("Klimaatadaptatie in de stad", case=utrecht)
    in_zeeland = passage("Klimaatadaptatie aan de kust", case=zeeland)
    passage("Klimaatadaptatie in het rapport", source=source)
    CaseFacetValue.objects.create(case=zeeland, facet="theme", value="bench.kust")
    backend = PostgresBackend()
    terms = analyze_query("klimaatadaptatie")

    def found(facets, **scope):
        scope.setdefault("owners", {"document": frozenset({source.pk})})
        return set(ids(backend.search(terms, Scope(facets=facets, **scope), 10)))

    assert found({"province": ("PV26",)}) == {in_utrecht.pk}
    assert found({"province": ("PV26", "PV29")}) == {in_utrecht.pk, in_zeeland.pk}
    assert found({"province": ("PV29",), "theme": ("bench.kust",)}) == {in_zeeland.pk}
    assert found({"province": ("PV26",), "theme": ("bench.kust",)}) == set()  # AND
    assert found({"province": ()}) == set()
    assert found({"province": ("PV29",)}, everything=True) == {in_zeeland.pk}
    owners = {"case": frozenset({zeeland.pk}), "document": frozenset({source.pk})}
    private = {"public": False, "owners": owners}
    assert found({"province": ("PV26", "PV29")}, **private) == {in_zeeland.pk}
