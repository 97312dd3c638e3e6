"""Initiatives in search: found by the words of their problem and parts, only by who may
see them, reindexed after every write (after commit, by the registry's job), gone when
deleted; the "initiatives" content domain moves on without touching the case caches."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from proeftuin.accounts.models import Role
from proeftuin.cases import facet_index
from proeftuin.cases.views import SHOWN_CONTENT
from proeftuin.core.service import content_generation, searchables
from proeftuin.portfolio.services import initiative_update
from proeftuin.portfolio.services_parts import (
    initiative_part_delete,
    learning_question_save,
    reflection_save,
)
from proeftuin.search import typos
from proeftuin.search.models import Passage
from proeftuin.search.selectors import search
from tests.factories import OrganisationFactory, make_initiative

pytestmark = pytest.mark.django_db


def found(user, query: str) -> set[tuple[str, str]]:
    return {(g.kind, g.title) for g in search(user=user, query=query, mode="keyword").cases}


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run the writes of a test and the jobs they queue after commit."""

    def run(write, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return run


def test_initiatives_are_a_registered_kind():
    kind = searchables["initiative"]
    assert (kind.model, kind.job, str(kind.label)) == (
        "portfolio.Initiative",
        "search.index_initiative",
        "Initiatief",
    )


def test_an_initiative_is_found_by_a_word_of_its_problem(lead, indexed):
    initiative = indexed(
        make_initiative,
        lead,
        title="Sneller schuldhulp",
        problem="Inwoners met schulden wachten maanden op een schuldhulpverlener.",
        affected="Gezinnen met kinderen.",
        chain="Aanmelding bij de gemeente, daarna de kredietbank.",
        status="published",
        visibility="public",
    )
    assert found(AnonymousUser(), "schuldhulpverlener") == {("initiative", "Sneller schuldhulp")}
    hit = search(user=AnonymousUser(), query="kredietbank", mode="keyword").cases[0]
    assert (hit.url, hit.kind_label) == (f"/initiatieven/{initiative.slug}/", "Initiatief")
    labels = [(p.kind, p.label) for p in Passage.objects.of("initiative", initiative.pk)]
    assert labels == [
        ("summary", "Sneller schuldhulp"),
        ("summary", "Wie er last van heeft"),
        ("summary", "Proces of keten"),
    ]


def test_the_search_page_labels_an_initiative_hit(client, lead, indexed):
    indexed(
        make_initiative,
        lead,
        problem="Een tekort aan kwelderbeheerders.",
        status="published",
        visibility="public",
    )
    body = client.get("/zoeken/?q=kwelderbeheerders&mode=keyword").content.decode()
    assert 'class="pt-meta pt-hit__kind">Initiatief<' in body


def test_the_api_names_the_initiative_of_a_hit(api_client, lead, indexed):
    initiative = indexed(
        make_initiative,
        lead,
        problem="Een tekort aan kwelderbeheerders.",
        status="published",
        visibility="public",
    )
    first = api_client.get("/api/v1/search?q=kwelderbeheerders&mode=keyword").json()["results"][0]
    assert (first["ownerKind"], first["ownerKindLabel"], first["case"]) == (
        "initiative",
        "Initiatief",
        None,
    )
    assert first["initiative"]["uuid"] == str(initiative.uuid)
    assert first["initiative"]["webUrl"].endswith(f"/initiatieven/{initiative.slug}/")


def test_writes_to_the_initiative_and_its_parts_reindex_it(lead, editor, indexed):
    initiative = indexed(make_initiative, lead, actor=editor, status="draft")
    indexed(
        initiative_update, initiative=initiative, actor=editor, intended_result="Binnen een week"
    )
    question = indexed(
        learning_question_save, actor=editor, initiative=initiative, text="Helpt een buddy?"
    )
    indexed(
        reflection_save,
        actor=editor,
        initiative=initiative,
        date="2026-02-01",
        unexpected="De woningcorporatie deed mee.",
    )
    assert found(editor, "buddy") == {("initiative", initiative.title)}
    assert found(editor, "woningcorporatie") == {("initiative", initiative.title)}
    assert found(editor, "week") == {("initiative", initiative.title)}
    indexed(initiative_part_delete, actor=editor, part=question)
    assert found(editor, "buddy") == set()


def test_the_index_waits_for_the_commit(lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        initiative = make_initiative(lead, problem="Kwelderbeheerders ontbreken.")
    assert not Passage.objects.of("initiative", initiative.pk).exists()  # not in the request
    for callback in callbacks:
        callback()
    assert Passage.objects.of("initiative", initiative.pk).exists()


def test_a_private_initiative_is_found_only_by_who_may_see_it(lead, make_member, indexed):
    other = OrganisationFactory(name="Gemeente Ander")
    author = make_member(lead, Role.CONTRIBUTOR)
    indexed(
        make_initiative,
        lead,
        actor=author,
        title="Verborgen plan",
        problem="Een geheim plan over kwelderbeheer.",
        status="draft",
        visibility="private",
    )
    own = {("initiative", "Verborgen plan")}
    assert found(author, "kwelderbeheer") == own
    assert found(make_member(lead, Role.EDITOR), "kwelderbeheer") == own
    assert found(make_member(other, Role.EDITOR), "kwelderbeheer") == set()
    assert found(make_member(lead, Role.VIEWER), "kwelderbeheer") == set()
    assert found(AnonymousUser(), "kwelderbeheer") == set()


def test_an_archived_initiative_leaves_search(lead, editor, indexed):
    initiative = indexed(
        make_initiative, lead, problem="Kwelderbeheer.", status="published", visibility="public"
    )
    indexed(initiative_update, initiative=initiative, actor=None, status="archived")
    assert not Passage.objects.of("initiative", initiative.pk).exists()


def test_deleting_an_initiative_removes_its_passages(lead, indexed):
    initiative = indexed(make_initiative, lead, problem="Kwelderbeheerders ontbreken.")
    pk = initiative.pk
    assert Passage.objects.of("initiative", pk).exists()
    initiative.delete()
    assert not Passage.objects.of("initiative", pk).exists()


def test_an_initiative_write_moves_its_domain_and_leaves_the_cases_alone(lead, editor, indexed):
    initiative = make_initiative(lead, actor=editor)
    cases = {deps: content_generation(*deps) for deps in _case_caches()}
    before = content_generation("initiatives")
    initiative_update(initiative=initiative, actor=editor, problem="Een ander probleem.")
    learning_question_save(actor=editor, initiative=initiative, text="Werkt het?")
    assert content_generation("initiatives") != before
    assert {deps: content_generation(*deps) for deps in _case_caches()} == cases


def _case_caches():
    return [("cases",), SHOWN_CONTENT, facet_index.DEPENDS_ON, tuple(typos.depends_on())]
