"""Background tasks of the search app (run through ``proeftuin.core.jobs``)."""

from proeftuin.core.jobs import task

from . import services


@task("search.index_case")
def index_case(case_id: int) -> None:
    services.index_case(case_id)


@task("search.index_source")
def index_source(source_id: int) -> None:
    services.index_source(source_id)


@task("search.embed_pending")
def embed_pending() -> None:
    services.embed_pending()


@task("search.heal_index")
def heal_index() -> None:
    """Rebuild the keyword index when it is missing or damaged (queued by the index)."""
    services.rebuild_keyword_index(force=False)


@task("search.repair_embeddings")
def repair_embeddings(*passage_ids: int) -> None:
    """Embed again the passages whose stored embeddings cannot be read."""
    services.repair_embeddings(passage_ids)
