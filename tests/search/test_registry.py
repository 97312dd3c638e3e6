"""Search names no app: any kind registered in ``core.searchable`` is indexed, found within
what its own visibility allows, and leaves search when deleted."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from proeftuin.core.searchable import (
    AlreadyRegistered,
    Searchable,
    SearchOwner,
    SearchText,
    register_searchable,
    searchables,
    unregister_searchable,
)
from proeftuin.organisations.models import Organisation
from proeftuin.search import services
from proeftuin.search.models import Passage
from proeftuin.search.selectors import search
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _texts(pk: int):
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        return None
    return [SearchText("summary", organisation.name, f"{organisation.name} beheert kwelders")]


def _visible_to(user):
    """The test kind's own rule: anonymous visitors see organisations in Utrecht only."""
    everything = Organisation.objects.all()
    return everything if user.is_authenticated else everything.filter(province="PV26")


def _owners(ids):
    return {
        o.pk: SearchOwner(o.pk, str(o.pk), o.name, f"/organisaties/{o.slug}/", o.slug)
        for o in Organisation.objects.filter(pk__in=ids)
    }


@pytest.fixture
def organisations_findable():
    kind = Searchable(
        key="test-organisation",
        model="organisations.Organisation",
        label="Organisation",
        texts=_texts,
        visible_to=_visible_to,
        owners=_owners,
        all_ids=lambda: Organisation.objects.values_list("id", flat=True),
    )
    register_searchable(kind)
    yield kind
    unregister_searchable(kind.key)


def test_the_product_registers_cases_and_documents():
    assert {"case", "document"} <= set(searchables.names())


def test_a_kind_registered_twice_fails(organisations_findable):
    with pytest.raises(AlreadyRegistered):
        register_searchable(organisations_findable)


def test_search_finds_a_registered_kind_within_its_own_visibility(organisations_findable):
    utrecht = OrganisationFactory(name="Waterschap Kwelderland", province="PV26")
    zeeland = OrganisationFactory(name="Waterschap Schorrenland", province="PV29")
    for organisation in (utrecht, zeeland):
        services.index("test-organisation", organisation.pk)
    assert Passage.objects.of("test-organisation", [utrecht.pk, zeeland.pk]).count() == 2

    def found(user):
        results = search(user=user, query="kwelders", mode="keyword")
        return {(g.kind, g.title) for g in results.cases}

    assert found(AnonymousUser()) == {("test-organisation", "Waterschap Kwelderland")}
    assert found(UserFactory()) == {
        ("test-organisation", "Waterschap Kwelderland"),
        ("test-organisation", "Waterschap Schorrenland"),
    }


def test_deleting_an_object_removes_its_passages(organisations_findable):
    organisation = OrganisationFactory(name="Waterschap Kwelderland")
    pk = organisation.pk
    services.index("test-organisation", pk)
    assert Passage.objects.of("test-organisation", pk).exists()
    organisation.delete()
    assert not Passage.objects.of("test-organisation", pk).exists()
    assert search(user=UserFactory(), query="kwelders", mode="keyword").cases == []


def test_deleting_a_case_or_an_uploaded_file_removes_its_passages():
    from tests.search_support import indexed_case, source_file

    case = indexed_case()
    source = source_file(text="Een rapport over kwelders.\n\nNog een alinea.")
    services.index("document", source.pk)
    ids = {"case": case.pk, "document": source.pk}
    assert all(Passage.objects.of(kind, pk).exists() for kind, pk in ids.items())
    case.delete()
    source.delete()
    assert not any(Passage.objects.of(kind, pk).exists() for kind, pk in ids.items())
