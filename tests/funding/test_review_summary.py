from decimal import Decimal

import pytest
from django.utils import translation

from proeftuin.core.service import NotAllowed
from proeftuin.funding import services_reviews, summary
from proeftuin.funding.services_reviews_scores import review_submit
from tests.funding.factories import make_application
from tests.funding.review_support import build_world

world = pytest.fixture(build_world, name="world")


def reviewed(world, application, *rows):
    """Submit one review per (reviewer, scores, recommendation) row."""
    for reviewer, values, recommendation in rows:
        assignment = services_reviews.assignment_create(
            actor=world.manager, application=application, reviewer=reviewer
        )
        scores = {c.pk: v for c, v in zip(world.criteria, values, strict=True)}
        review_submit(
            actor=reviewer, assignment=assignment, scores=scores, recommendation=recommendation
        )


def test_weighted_mean_spread_and_recommendations(world):
    transfer = world.criteria[1]
    transfer.weight = Decimal("3")
    transfer.save()
    reviewed(
        world,
        world.application,
        (world.expert, (5, 4), "yes"),
        (world.second, (4, 2), "maybe"),
        (world.third, (3, 3), "maybe"),
    )
    result = summary.application_summary(user=world.manager, application=world.application)
    first, second = result.criteria
    assert (first.mean, first.minimum, first.maximum) == (4.0, 3, 5)
    assert round(first.stdev, 3) == 0.816
    assert (second.mean, second.spread) == (3.0, 2)
    assert result.weighted_mean == pytest.approx((4.0 * 1 + 3.0 * 3) / 4)
    assert result.recommendations == {"yes": 1, "maybe": 2, "no": 0}
    assert result.submitted == 3
    assert not result.disagree


def test_disagreement_flagged_with_reasons_in_dutch(world):
    reviewed(
        world,
        world.application,
        (world.expert, (5, 3), "yes"),
        (world.second, (1, 3), "no"),
    )
    with translation.override("nl"):
        result = summary.application_summary(user=world.manager, application=world.application)
    assert result.disagree
    assert result.disagreements == [
        "Scores op “Vernieuwing” liggen 4 punten uiteen (1 tot 5).",
        "Beoordelaars adviseren zowel ja (1) als nee (1).",
    ]
    assert not result.criteria[1].disagree


def test_draft_reviews_do_not_count(world):
    assignment = services_reviews.assignment_create(
        actor=world.manager, application=world.application, reviewer=world.expert
    )
    from proeftuin.funding.services_reviews_scores import review_save

    review_save(actor=world.expert, assignment=assignment, scores={world.criteria[0].pk: 0})
    result = summary.application_summary(user=world.manager, application=world.application)
    assert result.submitted == 0 and result.weighted_mean is None


def test_round_ranking_best_first_for_managers_only(world):
    better = make_application(world.round, world.third_party, title="Beter")
    unreviewed = make_application(world.round, world.third_party, title="Nog niet")
    reviewed(world, world.application, (world.expert, (2, 2), "no"))
    reviewed(world, better, (world.expert, (5, 4), "yes"))
    ranking = summary.round_ranking(user=world.manager, round_=world.round)
    assert [s.application for s in ranking] == [better, world.application, unreviewed]
    with pytest.raises(NotAllowed):
        summary.round_ranking(user=world.expert, round_=world.round)
