"""Reads of the review part: a reviewer sees the assignments and the application they
review (never one they declared a conflict with), their own review, and the others' only
after submitting theirs; the programme's managers see the submitted reviews, the
assignments, the ranking and the summaries; applicants never see a review; a declaration
of a conflict is its author's alone."""

from __future__ import annotations

import json

from tests.security.funding_apply import prior_cases
from tests.security.funding_probes import SIGNED_IN, Read, Target, titles
from tests.security.funding_world import (
    CONFLICT_MARKER,
    MANAGERS,
    REVIEW_MARKERS,
    FundingWorld,
    secret_marker,
)

MANAGING = frozenset(MANAGERS)
# whose assignment: the application and the review it shows to its reviewer
OWN = {
    "reviewer": ("areview", REVIEW_MARKERS["submitted"]),
    "a_viewer": ("breview", REVIEW_MARKERS["draft"]),
}


def _assignments(fw: FundingWorld) -> list[Target]:
    """The queue and the API list name one's own assignments (the conflicted reviewer's
    is gone); each review form and API review opens for its own reviewer only."""
    own = lambda fw, actor: titles([OWN[actor][0]]) if actor in OWN else []  # noqa: E731
    targets = [
        Target("/subsidies/beoordelingen/", SIGNED_IN, shows=own),
        Target("/api/v1/funding/review-assignments", SIGNED_IN, shows=own),
    ]
    words = lambda fw, actor: [OWN[actor][1]]  # noqa: E731
    for name, assignment in fw.assignments.items():
        allowed = frozenset({name} & set(OWN))  # a conflict hides it from its reviewer too
        targets += [
            Target(
                f"/subsidies/beoordelingen/{assignment.uuid}/",
                allowed,
                shows=lambda fw, actor: [
                    *words(fw, actor),
                    secret_marker(OWN[actor][0]),
                    *(prior_cases(fw, actor) if OWN[actor][0] == "areview" else []),
                ],
            ),
            Target(
                f"/api/v1/funding/review-assignments/{assignment.uuid}/review", allowed, shows=words
            ),
        ]
    return targets


def _conflicts(fw: FundingWorld) -> list[Target]:
    mine = lambda fw, actor: [CONFLICT_MARKER] if actor == "conflicted" else []  # noqa: E731
    return [
        Target("/subsidies/belangenverklaringen/", SIGNED_IN, shows=mine),
        Target("/api/v1/funding/conflicts", SIGNED_IN, shows=mine),
    ]


def _summary_count(fw, actor, body) -> tuple[int, int]:
    """The round's summaries: the two applications in review and the one ready for
    decision, nothing else (no draft, nothing decided without reviews)."""
    return len(json.loads(body)), 3


def _managers(fw: FundingWorld) -> list[Target]:
    round_ = f"/subsidies/rondes/{fw.round.slug}/"
    in_review = lambda fw, actor: titles(["areview", "breview"])  # noqa: E731
    ranked = lambda fw, actor: titles(["areview", "breview", "adecide"])  # noqa: E731
    submitted = lambda fw, actor: [REVIEW_MARKERS["submitted"]]  # noqa: E731
    return [
        Target(f"{round_}toewijzingen/", MANAGING, shows=in_review),
        Target(f"{round_}beoordelingen/", MANAGING, shows=ranked),
        Target(
            f"/api/v1/funding/rounds/{fw.round.slug}/review-summaries",
            MANAGING,
            shows=ranked,
            count=_summary_count,
        ),
        Target(
            f"/subsidies/aanvragen/{fw.apps['areview'].uuid}/beoordelingen/",
            MANAGING,
            shows=submitted,
        ),
    ]


REVIEW_READS = [
    Read(
        "review queue, forms, API",
        (
            "funding:review_queue",
            "funding:review_form",
            "api:funding-review-assignment-list",
            "api:funding-review",
        ),
        _assignments,
    ),
    Read(
        "declared conflicts",
        ("funding:review_conflicts", "api:funding-conflict-list"),
        _conflicts,
    ),
    Read(
        "assignments, ranking, summaries",
        (
            "funding:review_assignments",
            "funding:review_ranking",
            "funding:review_summary",
            "api:funding-round-summaries",
        ),
        _managers,
    ),
]
