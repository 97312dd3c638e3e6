"""Passages, keyword index and embeddings kept in step with cases and documents."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from proeftuin.search import runtime, services
from proeftuin.search.models import Passage, PassageKind, SearchState
from proeftuin.search.selectors import index_progress, search
from tests.factories import make_case
from tests.search_support import HashingProvider, indexed_case

pytestmark = pytest.mark.django_db


def test_a_case_gives_summary_section_lesson_outcome_and_barrier_passages():
    case = indexed_case()
    kinds = sorted(Passage.objects.of("case", case.pk).values_list("kind", flat=True))
    assert kinds == sorted(
        [
            PassageKind.SUMMARY,
            PassageKind.SECTION,
            PassageKind.LESSON,
            PassageKind.OUTCOME,
            PassageKind.BARRIER,
        ]
    )
    summary = Passage.objects.of("case", case.pk).get(kind=PassageKind.SUMMARY)
    assert summary.label == case.title
    assert "wijkteam" in summary.terms.split()


def test_keyword_search_works_before_embeddings_and_vectors_join_later():
    case = make_case(title="Buurtbus rijdt op waterstof", summary="Vervoer voor ouderen.")
    services.index("case", case.id)
    assert index_progress().embedded == 0
    before = search(user=AnonymousUser(), query="waterstof")
    assert [c.case_id for c in before.cases] == [case.id]
    assert not before.used_vectors
    assert any("keyword" in m or "trefwoord" in m for m in before.index_notices)
    assert before.messages == []  # index notices are kept apart, for administrators

    assert services.embed_pending() == index_progress().passages
    after = search(user=AnonymousUser(), query="waterstof")
    assert after.used_vectors and after.cases[0].case_id == case.id
    assert index_progress().complete


def test_writes_through_the_case_service_index_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(title="Zonnepanelen op gemeentehuizen")
    assert Passage.objects.of("case", case.pk).exists()
    assert index_progress().complete  # the sync job backend embedded them too
    assert search(user=AnonymousUser(), query="zonnepanelen").cases[0].case_id == case.id


def test_reindexing_keeps_vectors_of_unchanged_text_and_replaces_changed_text():
    case = indexed_case()
    summary = Passage.objects.of("case", case.pk).get(kind=PassageKind.SUMMARY)
    lesson = Passage.objects.of("case", case.pk).get(kind=PassageKind.LESSON)
    lesson.text = "Een andere les."  # as if the case changed
    lesson.text_hash = "changed"
    lesson.save()
    calls = HashingProvider.calls
    services.index("case", case.id)
    assert Passage.objects.get(pk=summary.pk).embedding is not None  # kept, not re-embedded
    assert not Passage.objects.filter(pk=lesson.pk).exists()
    assert SearchState.objects.get(pk=1).removed == 1
    services.embed_pending()
    assert HashingProvider.calls == calls + 1  # one batch: only the restored lesson
    assert index_progress().complete


def test_a_deleted_case_leaves_the_index():
    case = indexed_case(title="Drijvende zonneparken")
    case_id = case.id
    case.delete()
    services.index("case", case_id)
    assert not Passage.objects.of("case", case_id).exists()
    assert search(user=AnonymousUser(), query="zonneparken").cases == []
    assert runtime.keyword_backend().search(["zonnepark"], _everything(), 10) == []


def test_rebuild_recreates_the_keyword_index_from_the_database():
    case = indexed_case(title="Slimme lantaarnpalen")
    runtime.keyword_backend().clear()
    if runtime.backend_name() == "tantivy":  # on PostgreSQL the table is the index
        assert search(user=AnonymousUser(), query="lantaarnpalen", mode="keyword").cases == []
    expected = {
        "case": 1,
        "document": 0,
        "initiative": 0,
        "barrier": 0,
        "circle": 0,
        "round": 0,
        "experiment": 0,
        "edition": 0,
    }
    assert services.rebuild() == expected
    assert search(user=AnonymousUser(), query="lantaarnpalen").cases[0].case_id == case.id


def test_embedding_waits_for_a_running_job(settings):
    from django.core.cache import cache

    services.index("case", make_case().id, embed=False)
    assert cache.add(services.EMBED_LOCK, "1", 60)
    try:
        assert services.embed_pending() == 0  # another process is embedding
    finally:
        cache.delete(services.EMBED_LOCK)
    assert services.embed_pending() > 0


def test_limit_embeds_in_batches(settings):
    settings.EMBEDDING_BATCH_SIZE = 2
    case = make_case()
    services.index("case", case.id, embed=False)
    assert services.embed_pending(limit=3) == 3
    assert index_progress().pending == index_progress().passages - 3


def _everything():
    from proeftuin.search.backends.base import Scope

    return Scope(everything=True)


def test_warm_up_builds_the_indexes_of_this_process():
    indexed_case(title="Voorverwarmde index")
    runtime.reset()
    runtime.warm_up()
    assert len(runtime.vector_index()) == Passage.objects.count()


def test_similar_cases_use_the_stored_summary_vector_not_the_model(monkeypatch):
    from proeftuin.search.service import similar_cases

    first = indexed_case(title="Deelfietsen voor ambtenaren", summary="Fietsen delen.")
    second = indexed_case(title="Deelfietsen in de wijk", summary="Fietsen delen in de wijk.")

    def no_model(self, text):
        raise AssertionError("the model was asked to embed a query")

    monkeypatch.setattr(HashingProvider, "embed_query", no_model)
    assert [c.case_id for c in similar_cases(user=AnonymousUser(), case=first)] == [second.id]
