"""Barriers in search: findable by their title, description, the rule concerned, the
requested change and the resolution, by whoever may see the barrier
(``Barrier.objects.visible_to``); merged barriers are not findable (their passages go).
Registered from ``BarriersConfig.ready`` (``proeftuin.core.searchable``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.core.jobs import enqueue
from proeftuin.core.service import (
    EditorialStatus,
    Searchable,
    SearchOwner,
    SearchText,
    content_changed,
    register_searchable,
)

KIND = "barrier"
JOB = "search.index_barrier"
DOMAIN = "barriers"


def barrier_changed(barrier_id: int) -> None:
    """Call inside the transaction of every write to a barrier: the "barriers" content
    domain moves on and its passages are brought up to date after commit (on the worker)."""
    content_changed(DOMAIN)
    enqueue(JOB, barrier_id)


def barrier_texts(barrier_id: int) -> list[SearchText] | None:
    from proeftuin.barriers.models import Barrier

    barrier = (
        Barrier.objects.filter(pk=barrier_id, merged_into__isnull=True)
        .exclude(status=EditorialStatus.ARCHIVED)
        .select_related("owner", "authority")
        .first()
    )
    if barrier is None:
        return None
    context = " ".join(
        filter(
            None,
            [barrier.owner and barrier.owner.name, barrier.authority and barrier.authority.name],
        )
    )
    texts = [SearchText("summary", barrier.title, barrier.description, context)]
    if barrier.rule:
        texts.append(SearchText("summary", _("Rule or law concerned"), barrier.rule))
    if barrier.change_request.strip():
        texts.append(SearchText("summary", _("Requested change"), barrier.change_request))
    if barrier.resolution.strip():
        texts.append(SearchText("lesson", _("Resolution"), barrier.resolution))
    return texts


def barrier_owners(ids) -> dict[int, SearchOwner]:
    from proeftuin.barriers.models import Barrier

    rows = Barrier.objects.filter(id__in=ids).values_list(
        "id", "uuid", "slug", "title", "authority__name"
    )
    owners = {}
    for barrier_id, uuid, slug, title, authority in rows:
        details = (authority,) if authority else ()
        owners[barrier_id] = SearchOwner(
            id=barrier_id,
            uuid=str(uuid),
            title=title,
            url=reverse("barriers:detail", kwargs={"slug": slug}),
            slug=slug,
            details=details,
            api={"uuid": str(uuid), "title": title, "slug": slug, "organisations": list(details)},
            links={"web_url": ("barriers:detail", {"slug": slug})},
        )
    return owners


def register() -> None:
    from proeftuin.barriers.models import Barrier

    register_searchable(
        Searchable(
            key=KIND,
            model="barriers.Barrier",
            label=gettext_lazy("Barrier"),
            texts=barrier_texts,
            visible_to=Barrier.objects.visible_to,
            owners=barrier_owners,
            all_ids=lambda: Barrier.objects.values_list("id", flat=True).iterator(),
            job=JOB,
        )
    )
