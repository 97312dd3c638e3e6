"""Reads of judging: the consensus view of one nomination at one step (the scores side by
side per criterion, mean, spread, disagreement; the weighted mean over the edition's
weights) and the progress per judge. Only what ``Scorecard.objects.visible_to`` lets the
viewer read counts."""

from __future__ import annotations

import dataclasses

from django.db.models import Prefetch

from proeftuin.awards.models import Score, Scorecard
from proeftuin.awards.services_judging import STEP_STAGES, judging_refusal
from proeftuin.funding.service import CriterionSummary


@dataclasses.dataclass
class Consensus:
    nomination: object
    step: str
    cards: list  # the submitted scorecards the viewer reads, judge by judge
    criteria: list[CriterionSummary]
    weighted_mean: float | None

    @property
    def disagreements(self) -> list[str]:
        return [c.criterion.name for c in self.criteria if c.disagree]


def consensus(*, user, panel, nomination, step: str) -> Consensus:
    cards = list(
        Scorecard.objects.visible_to(user)
        .filter(panel=panel, nomination=nomination, step=step, submitted_at__isnull=False)
        .select_related("judge")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("judge__username")
    )
    criteria = list(panel.edition.criteria.all())
    values = {c.pk: [] for c in criteria}
    for card in cards:
        for score in card.scores.all():
            values.setdefault(score.criterion_id, []).append(score.value)
    summaries = [CriterionSummary(criterion=c, scores=values[c.pk]) for c in criteria]
    weighted = [(s.mean, s.criterion.weight) for s in summaries if s.mean is not None]
    total = sum(w for _m, w in weighted)
    mean = sum(m * w for m, w in weighted) / total if total else None
    return Consensus(nomination, step, cards, summaries, mean)


def judge_progress(*, panel, step: str) -> list[dict]:
    """Per judge of ``panel``: the nominations at ``step`` they may score, how many they
    submitted, and how many they may not score (conflict or recusal)."""
    nominations = list(
        panel.edition.nominations.filter(stage__key__in=STEP_STAGES[step]).select_related(
            "owner", "stage"
        )
    )
    submitted = set(
        Scorecard.objects.filter(panel=panel, step=step, submitted_at__isnull=False).values_list(
            "judge_id", "nomination_id"
        )
    )
    rows = []
    for judge in panel.members.order_by("username"):
        open_ = [n for n in nominations if judging_refusal(judge, panel, n, step) is None]
        done = sum(1 for n in open_ if (judge.pk, n.pk) in submitted)
        rows.append(
            {
                "judge": judge,
                "to_score": len(open_),
                "submitted": done,
                "blocked": len(nominations) - len(open_),
            }
        )
    return rows


def site_visit_of(*, user, nomination):
    """The site-visit report, for the organisers and the jury members without a conflict
    with the nominee; ``None`` for anyone else or when there is none."""
    from proeftuin.awards.choices import PanelKind
    from proeftuin.awards.permissions import can_organise
    from proeftuin.funding.service import conflict_reason

    visit = getattr(nomination, "site_visit", None)
    if visit is None or not getattr(user, "is_authenticated", False):
        return None
    if can_organise(user, nomination.edition.competition)[0]:
        return visit
    jury = nomination.edition.panels.filter(kind=PanelKind.JURY, members=user).exists()
    return visit if jury and not conflict_reason(user, nomination.owner_id) else None
