"""Background tasks of the search app (run through ``proeftuin.core.jobs``)."""

from django.conf import settings

from proeftuin.core.jobs import enqueue, task

from . import services

EMBED_BATCHES_PER_JOB = 8  # then the job queues itself again, so uploads run in between


@task("search.index")
def index(kind: str, object_id: int) -> None:
    """Bring the passages of one object of a searchable kind up to date. Each kind's own
    job (``Searchable.job``, such as ``search.index_case``) does the same with an id."""
    services.index(kind, object_id)


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
