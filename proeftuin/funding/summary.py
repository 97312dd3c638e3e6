"""The summary of an application's reviews: per criterion the mean and the spread (lowest,
highest, standard deviation), the weighted mean over the criteria (the round's weights),
the recommendations counted, and a disagreement flag with its reasons in words; and the
ranking of a round's applications for its managers.

Only submitted reviews count, and only those ``user`` may read
(``Review.objects.visible_to``): a manager reads all submitted reviews, a reviewer the
others' once their own is in."""

from __future__ import annotations

import dataclasses
import statistics
from collections import Counter

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from proeftuin.core.service import require
from proeftuin.funding.choices import Recommendation
from proeftuin.funding.models import Application, Review, ReviewScore
from proeftuin.funding.permissions import can_manage_fund
from proeftuin.funding.services_reviews import REVIEW_STAGES

DISAGREEMENT_SPREAD = 3  # points between the lowest and highest score on a criterion
RANKED_STAGES = (*REVIEW_STAGES, "decision")


@dataclasses.dataclass
class CriterionSummary:
    criterion: object
    scores: list[int]
    mean: float | None = None
    minimum: int | None = None
    maximum: int | None = None
    stdev: float | None = None

    def __post_init__(self):
        if self.scores:
            self.mean = statistics.fmean(self.scores)
            self.minimum, self.maximum = min(self.scores), max(self.scores)
            self.stdev = statistics.pstdev(self.scores)

    @property
    def spread(self) -> int | None:
        return None if not self.scores else self.maximum - self.minimum

    @property
    def disagree(self) -> bool:
        return bool(self.scores) and self.spread >= DISAGREEMENT_SPREAD


@dataclasses.dataclass
class ApplicationSummary:
    application: object
    reviews: list
    criteria: list[CriterionSummary]
    recommendations: dict[str, int]
    weighted_mean: float | None
    disagreements: list[str]

    @property
    def disagree(self) -> bool:
        return bool(self.disagreements)

    @property
    def submitted(self) -> int:
        return len(self.reviews)


def _weighted(criteria: list[CriterionSummary]) -> float | None:
    scored = [c for c in criteria if c.mean is not None]
    total = sum(float(c.criterion.weight) for c in scored)
    if not total:
        return None
    return sum(float(c.criterion.weight) * c.mean for c in scored) / total


def _disagreements(criteria, recommendations) -> list[str]:
    reasons = [
        _("Scores on “%(criterion)s” are %(spread)s points apart (%(low)s to %(high)s).")
        % {"criterion": c.criterion.name, "spread": c.spread, "low": c.minimum, "high": c.maximum}
        for c in criteria
        if c.disagree
    ]
    if recommendations[Recommendation.YES] and recommendations[Recommendation.NO]:
        reasons.append(
            _("Reviewers recommend both yes (%(yes)s) and no (%(no)s).")
            % {"yes": recommendations[Recommendation.YES], "no": recommendations[Recommendation.NO]}
        )
    return reasons


def summarise(application, reviews, criteria) -> ApplicationSummary:
    """The summary of ``reviews`` (submitted, with their scores) over ``criteria``."""
    by_criterion = {c.pk: [] for c in criteria}
    for review in reviews:
        for score in review.scores.all():
            by_criterion.setdefault(score.criterion_id, []).append(score.score)
    rows = [CriterionSummary(c, by_criterion[c.pk]) for c in criteria]
    counted = Counter(r.recommendation for r in reviews if r.recommendation)
    recommendations = {value: counted.get(value, 0) for value in Recommendation.values}
    return ApplicationSummary(
        application=application,
        reviews=list(reviews),
        criteria=rows,
        recommendations=recommendations,
        weighted_mean=_weighted(rows),
        disagreements=_disagreements(rows, recommendations),
    )


def submitted_reviews(user):
    """The submitted reviews ``user`` may read, with their scores and reviewers."""
    scores = Prefetch("scores", queryset=ReviewScore.objects.select_related("criterion"))
    return (
        Review.objects.visible_to(user)
        .filter(submitted_at__isnull=False)
        .select_related("assignment__reviewer")
        .prefetch_related(scores)
        .order_by("submitted_at", "pk")
    )


def application_summary(*, user, application) -> ApplicationSummary:
    reviews = submitted_reviews(user).filter(assignment__application=application)
    return summarise(application, list(reviews), list(application.round.criteria.all()))


def round_ranking(*, user, round_) -> list[ApplicationSummary]:
    """The round's applications in review or waiting for a decision (and any other with
    reviews), best weighted mean first; for the fund's managers."""
    require(can_manage_fund(user, round_.fund))
    applications = list(
        Application.objects.visible_to(user)
        .filter(round=round_)
        .filter(Q(stage__key__in=RANKED_STAGES) | Q(assignments__isnull=False))
        .distinct()
        .select_related("owner", "stage")
        .order_by("submitted_at", "pk")
    )
    reviews = submitted_reviews(user).filter(assignment__application__in=applications)
    grouped: dict[int, list] = {a.pk: [] for a in applications}
    for review in reviews:
        grouped[review.assignment.application_id].append(review)
    criteria = list(round_.criteria.all())
    summaries = [summarise(a, grouped[a.pk], criteria) for a in applications]
    return sorted(summaries, key=lambda s: (s.weighted_mean is None, -(s.weighted_mean or 0)))
