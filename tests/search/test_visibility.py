"""Search never shows a case, passage, snippet, facet count, suggestion or document that
the user may not see, on either side of the hybrid (keyword and vector)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from proeftuin.accounts.models import Role
from proeftuin.search import services
from proeftuin.search.selectors import search
from proeftuin.search.service import prior_cases, similar_cases
from tests.factories import DocumentFactory, OrganisationFactory
from tests.search_support import indexed_case

pytestmark = pytest.mark.django_db
SECRET = "Geheime kwantumtelefonie voor de brandweer"


@pytest.fixture
def owner():
    return OrganisationFactory()


@pytest.fixture
def cases(owner):
    public = indexed_case(title="Openbare kwantumtelefonie proef", summary="Telefonie.")
    private = indexed_case(
        organisations=[owner],
        title=SECRET,
        summary="Kwantumtelefonie binnen.",
        visibility="private",
    )
    draft = indexed_case(
        organisations=[owner],
        title="Concept kwantumtelefonie",
        status="draft",
        visibility="organisation",
    )
    return public, private, draft


def _everything(results) -> str:
    parts = [
        str(h.snippet) + h.text + (h.owner.title if h.owner_kind == "case" else "")
        for h in results.hits
    ]
    parts += [str(c.label) + str(c.count) for f in results.facets for c in f.choices]
    return " ".join(parts + results.suggestions + results.messages)


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "vector"])
def test_anonymous_and_outsiders_see_only_published_public_cases(cases, outsider, mode):
    public, _private, _draft = cases
    for user in (AnonymousUser(), outsider):
        results = search(user=user, query="kwantumtelefonie geheime brandweer", mode=mode)
        assert {c.case_id for c in results.cases} == {public.id}
        assert "Geheime" not in _everything(results)
        assert results.total_cases == 1


def test_facet_counts_only_count_visible_cases(cases):
    results = search(user=AnonymousUser(), query="kwantumtelefonie")
    layer_counts = sum(c.count for f in results.facets if f.key == "layer" for c in f.choices)
    assert layer_counts == 1


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.VIEWER, {"public"}),  # viewers see published organisation cases only
        (Role.CONTRIBUTOR, {"public", "draft"}),
        (Role.EDITOR, {"public", "draft", "private"}),
    ],
)
def test_members_see_what_their_role_allows(cases, owner, make_member, role, expected):
    public, private, draft = cases
    names = {public.id: "public", private.id: "private", draft.id: "draft"}
    user = make_member(owner, role)
    for mode in ("keyword", "vector"):
        results = search(user=user, query="kwantumtelefonie brandweer", mode=mode)
        assert {names[c.case_id] for c in results.cases} == expected


def test_platform_admins_see_everything(cases, platform_admin):
    results = search(user=platform_admin, query="kwantumtelefonie")
    assert len(results.cases) == 3


def test_similar_and_prior_cases_respect_visibility(cases, outsider, owner, make_member):
    public, private, draft = cases
    assert [c.case_id for c in prior_cases(user=outsider, text=SECRET)] == [public.id]
    assert similar_cases(user=AnonymousUser(), case=public) == []
    editor = make_member(owner, Role.EDITOR)
    similar = {c.case_id for c in similar_cases(user=editor, case=public)}
    assert similar == {private.id, draft.id}


def test_typo_suggestions_never_use_words_of_hidden_cases(cases, outsider):
    results = search(user=outsider, query="kwantumtelefonii geheimme")
    shown = " ".join(results.suggestions + results.messages).lower()
    assert "kwantumtelefonie" in shown  # the public title's word corrects the typo
    assert "geheime " not in shown  # the hidden title's word does not


def test_document_passages_only_for_the_uploader_and_members(owner, make_member, outsider):
    from proeftuin.ingestion.models import SourceFile

    source = SourceFile.objects.create(
        document=DocumentFactory(),
        file="sources/r.pdf",
        filename="rapport.pdf",
        content_hash="b" * 64,
        size=1,
        owner=owner,
        text="De proef met drijvende zonnepanelen leverde veel op.\n\nTweede alinea.",
    )
    services.index("document", source.id)
    services.embed_pending()
    member = make_member(owner, Role.VIEWER)
    assert [h.owner_id for h in search(user=member, query="zonnepanelen").documents] == [source.id]
    for user in (AnonymousUser(), outsider):
        results = search(user=user, query="drijvende zonnepanelen")
        assert results.documents == [] and results.hits == []
