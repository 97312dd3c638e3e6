"""Funding in search: published rounds (by their title, description and fund) and the
experiments a round granted (by their title and public summary only: what the round's public
results page shows). Applications that were not granted, drafts, reviews and unpublished
rounds are never indexed, so their words cannot surface in a search, a count or a spelling
suggestion. Registered from ``FundingConfig.ready`` (``proeftuin.core.searchable``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from proeftuin.core.jobs import enqueue
from proeftuin.core.service import Searchable, SearchOwner, SearchText, register_searchable
from proeftuin.funding.models import Application, Round

ROUND = "round"
ROUND_JOB = "search.index_round"
EXPERIMENT = "experiment"
EXPERIMENT_JOB = "search.index_experiment"


def round_indexed(round_id: int) -> None:
    """Call inside the transaction of a write that changes what a round shows in search."""
    enqueue(ROUND_JOB, round_id)


def experiment_indexed(application_id: int) -> None:
    """Call inside the transaction of a decision: a granted experiment becomes findable."""
    enqueue(EXPERIMENT_JOB, application_id)


def round_texts(round_id: int) -> list[SearchText] | None:
    round_ = Round.objects.filter(pk=round_id, published=True).select_related("fund").first()
    if round_ is None:
        return None
    text = round_.description or round_.fund.description or round_.fund.name
    return [SearchText("summary", round_.title, text, round_.fund.name)]


def rounds_visible_to(user):
    from proeftuin.funding.selectors import rounds_visible

    return rounds_visible(user=user).filter(published=True)


def round_owners(ids) -> dict[int, SearchOwner]:
    rows = Round.objects.filter(id__in=ids).values_list("id", "uuid", "slug", "title", "fund__name")
    return {
        round_id: SearchOwner(
            id=round_id,
            uuid=str(uuid),
            title=title,
            url=reverse("funding:round", args=[slug]),
            details=(fund,),
            api={"uuid": str(uuid), "title": title, "organisations": [fund]},
            links={"web_url": ("funding:round", {"slug": slug})},
        )
        for round_id, uuid, slug, title, fund in rows
    }


def _granted():
    return Application.objects.granted().filter(round__published=True)


def experiment_texts(application_id: int) -> list[SearchText] | None:
    row = _granted().filter(pk=application_id).select_related("round", "owner").first()
    if row is None:
        return None
    text = row.public_summary or row.round.title
    return [SearchText("summary", row.title, text, row.owner.name)]


def experiments_visible_to(user):
    """A granted experiment is as public as its round's results page: whoever sees the
    round (published, of a programme the user may see)."""
    return _granted().filter(round__in=rounds_visible_to(user).values("pk"))


def experiment_owners(ids) -> dict[int, SearchOwner]:
    rows = Application.objects.filter(id__in=ids).values_list(
        "id", "uuid", "title", "owner__name", "round__slug"
    )
    return {
        application_id: SearchOwner(
            id=application_id,
            uuid=str(uuid),
            title=title,
            url=reverse("funding:decide_results", args=[slug]),
            details=(owner,),
            api={"uuid": str(uuid), "title": title, "organisations": [owner]},
            links={"web_url": ("funding:decide_results", {"slug": slug})},
        )
        for application_id, uuid, title, owner, slug in rows
    }


def register() -> None:
    register_searchable(
        Searchable(
            key=ROUND,
            model="funding.Round",
            label=gettext_lazy("Funding round"),
            texts=round_texts,
            visible_to=rounds_visible_to,
            owners=round_owners,
            all_ids=lambda: Round.objects.values_list("id", flat=True).iterator(),
            job=ROUND_JOB,
        )
    )
    register_searchable(
        Searchable(
            key=EXPERIMENT,
            model="funding.Application",
            label=gettext_lazy("Funded experiment"),
            texts=experiment_texts,
            visible_to=experiments_visible_to,
            owners=experiment_owners,
            all_ids=lambda: _granted().values_list("id", flat=True).iterator(),
            job=EXPERIMENT_JOB,
        )
    )
