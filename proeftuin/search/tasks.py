"""Background tasks of the search app (run through ``proeftuin.core.jobs``)."""

from django.conf import settings

from proeftuin.core.jobs import enqueue, task

from . import services

EMBED_BATCHES_PER_JOB = 8  # then the job queues itself again, so uploads run in between


@task("search.index_case")
def index_case(case_id: int) -> None:
    services.index_case(case_id)


@task("search.index_source")
def index_source(source_id: int) -> None:
    services.index_source(source_id)


@task("search.embed_pending", priority=10)
def embed_pending() -> None:
    """Embed pending passages a few batches at a time, after any waiting ingestion or
    indexing job (lower priority); one waiting copy at most (jobs are de-duplicated)."""
    limit = settings.EMBEDDING_BATCH_SIZE * EMBED_BATCHES_PER_JOB
    if services.embed_pending(limit=limit) >= limit:
        enqueue("search.embed_pending")


@task("search.heal_index")
def heal_index() -> None:
    """Rebuild the keyword index when it is missing or damaged (queued by the index)."""
    services.rebuild_keyword_index(force=False)


@task("search.repair_embeddings")
def repair_embeddings(*passage_ids: int) -> None:
    """Embed again the passages whose stored embeddings cannot be read."""
    services.repair_embeddings(passage_ids)
