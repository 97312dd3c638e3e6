"""Awards in search: published editions (their title, description and competition), found
by whoever may see the edition. Nominations are not indexed (nothing of them is public
before consent, and a finalist's texts reach the library as its case). Registered from
``AwardsConfig.ready``."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from proeftuin.awards.models import Edition
from proeftuin.core.jobs import enqueue
from proeftuin.core.service import Searchable, SearchOwner, SearchText, register_searchable

EDITION = "edition"
EDITION_JOB = "search.index_edition"


def edition_indexed(edition_id: int) -> None:
    """Call inside the transaction of a write that changes what an edition shows."""
    enqueue(EDITION_JOB, edition_id)


def edition_texts(edition_id: int) -> list[SearchText] | None:
    edition = Edition.objects.filter(pk=edition_id, published=True).select_related("competition")
    edition = edition.first()
    if edition is None:
        return None
    competition = edition.competition
    text = edition.description or competition.description or competition.name
    return [SearchText("summary", edition.title, text, competition.name)]


def editions_visible_to(user):
    return Edition.objects.visible_to(user).filter(published=True)


def edition_owners(ids) -> dict[int, SearchOwner]:
    rows = Edition.objects.filter(id__in=ids).values_list(
        "id", "uuid", "slug", "title", "competition__name"
    )
    return {
        edition_id: SearchOwner(
            id=edition_id,
            uuid=str(uuid),
            title=title,
            url=reverse("awards:edition", args=[slug]),
            details=(competition,),
            api={"uuid": str(uuid), "title": title, "organisations": [competition]},
            links={"web_url": ("awards:edition", {"slug": slug})},
        )
        for edition_id, uuid, slug, title, competition in rows
    }


def register() -> None:
    register_searchable(
        Searchable(
            key=EDITION,
            model="awards.Edition",
            label=gettext_lazy("Award edition"),
            texts=edition_texts,
            visible_to=editions_visible_to,
            owners=edition_owners,
            all_ids=lambda: Edition.objects.values_list("id", flat=True).iterator(),
            job=EDITION_JOB,
        )
    )
