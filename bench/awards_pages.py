"""The pages ``awards.py`` measures: who asks, and the URLs asked for.

Each page is a ``Page(who, urls)``: ``who`` is "organiser" (the competition's organiser)
or "judge" (the judge with the median number of scorecards); ``urls(rng, users, n)`` runs
with Django set up against the generated database and returns ``n`` URLs. To measure
another page, add a URL maker and a row to ``PAGES``: ``awards.py`` and
``awards_prepare.py`` take everything from this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    who: str  # "organiser" or "judge"
    urls: Callable  # (rng, {who: user}, n) -> list[str]


def _edition():
    from proeftuin.awards.models import Edition

    return Edition.objects.get()


def _judge_panel(judge):
    from proeftuin.awards.models import Panel

    return Panel.objects.get(members=judge)


def _pick(rng, items: list, n: int) -> list:
    return [rng.choice(items) for _n in range(n)]


def judging_urls(rng, users, n: int) -> list[str]:
    from django.urls import reverse

    return [reverse("awards:judging", args=[_edition().slug])] * n


def manage_urls(rng, users, n: int) -> list[str]:
    from django.urls import reverse

    return [reverse("awards:manage", args=[_edition().slug])] * n


def edition_urls(rng, users, n: int) -> list[str]:
    from django.urls import reverse

    return [reverse("awards:edition", args=[_edition().slug])] * n


def scorecard_urls(rng, users, n: int) -> list[str]:
    """Nominations at the written-submission step the judge may score (no conflict, no
    recusal), scored already or not."""
    from django.urls import reverse

    from proeftuin.awards.services_judging import judge_facts, judging_refusal

    judge, panel = users["judge"], _judge_panel(users["judge"])
    facts = judge_facts(judge, panel)
    nominations = panel.edition.nominations.filter(stage__key="submitted").select_related(
        "owner", "stage"
    )
    open_ = [
        x.uuid for x in nominations if judging_refusal(judge, panel, x, "submission", facts) is None
    ]
    return [
        reverse("awards:scorecard", args=[uuid, panel.kind, "submission"])
        for uuid in _pick(rng, open_, n)
    ]


def _consensus(rng, panel, cards, n: int) -> list[str]:
    from django.urls import reverse

    uuids = sorted(set(cards.values_list("nomination__uuid", flat=True)))
    return [
        reverse("awards:consensus", args=[uuid, panel.kind, "submission"])
        for uuid in _pick(rng, uuids, n)
    ]


def consensus_judge_urls(rng, users, n: int) -> list[str]:
    """Nominations the judge submitted a card for (so they see the others' cards too)."""
    from proeftuin.awards.models import Scorecard

    judge, panel = users["judge"], _judge_panel(users["judge"])
    cards = Scorecard.objects.filter(panel=panel, judge=judge, submitted_at__isnull=False)
    return _consensus(rng, panel, cards, n)


def consensus_organiser_urls(rng, users, n: int) -> list[str]:
    """Nominations with submitted cards of the selection committee."""
    from proeftuin.awards.models import Panel, Scorecard

    panel = Panel.objects.get(kind="selection")
    cards = Scorecard.objects.filter(panel=panel, submitted_at__isnull=False)
    return _consensus(rng, panel, cards, n)


PAGES: dict[str, Page] = {
    "judging (judge)": Page("judge", judging_urls),
    "scorecard (judge)": Page("judge", scorecard_urls),
    "consensus (judge)": Page("judge", consensus_judge_urls),
    "consensus (organiser)": Page("organiser", consensus_organiser_urls),
    "manage (organiser)": Page("organiser", manage_urls),
    "edition (organiser)": Page("organiser", edition_urls),
    "edition (judge)": Page("judge", edition_urls),
}
