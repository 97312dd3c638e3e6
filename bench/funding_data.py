"""Fill a fresh database with synthetic funding rounds, fast (bulk inserts, no services).

Call ``generate(n_orgs, n_rounds, n_applications, seed)`` with Django set up and migrated
(the migrations seed the domains and the default application procedures). One public
programme with one manager (``manager``) has ``FUNDS`` funds; the rounds are spread over
them, each with three criteria and two budget categories. ``REVIEWERS`` reviewers
(``reviewer-<n>``) are members of every fund; a third of them holds a role in an
organisation and a few declared a conflict of interest. Each organisation has one applicant
(``applicant-<org pk>``). Applications spread evenly over the rounds and over the stages
(``STAGES``); from "in review" on each has ``REVIEWS_PER_APPLICATION`` assignments with a
review (submitted, with a score per criterion, from "decision" on; half of them in review).
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal

import words as w
from django.db import transaction
from django.utils import timezone
from generate import _organisations, _text

from proeftuin.accounts.models import Membership, Role, User
from proeftuin.core.service import content_changed
from proeftuin.core.workflows.models import Stage, Workflow
from proeftuin.funding.choices import WORKFLOW_KIND, AssignmentStatus, FundRole, Recommendation
from proeftuin.funding.models import (
    Application,
    ApplicationPartner,
    BudgetCategory,
    ConflictDeclaration,
    Criterion,
    Fund,
    FundMember,
    Review,
    ReviewAssignment,
    ReviewScore,
    Round,
)
from proeftuin.organisations.models import Programme

CHUNK = 1_000
FUNDS = 5
REVIEWERS = 100
REVIEWS_PER_APPLICATION = 5  # 40,000 reviews at 10,000 applications (80% reach review)
# (stage, weight): where the applications are
STAGES = [
    ("draft", 5),
    ("submitted", 5),
    ("screening", 5),
    ("more_info", 5),
    ("in_review", 30),
    ("decision", 30),
    ("granted", 10),
    ("rejected", 10),
]
REVIEWED = ("in_review", "decision", "granted", "rejected")
NOW = timezone.make_aware(datetime.datetime(2026, 6, 1, 12))


def _people(rng, orgs) -> dict:
    """The manager, one applicant per organisation (with a role there) and the reviewers;
    a third of the reviewers works at an organisation, a tenth declared a relation."""
    users = [User(username="manager", email="manager@bench.invalid")]
    users += [User(username=f"applicant-{o.pk}", email=f"a-{o.pk}@bench.invalid") for o in orgs]
    users += [
        User(username=f"reviewer-{n}", email=f"reviewer-{n}@bench.invalid", first_name=f"R{n}")
        for n in range(REVIEWERS)
    ]
    users = User.objects.bulk_create(users)
    applicants = {o.pk: u for o, u in zip(orgs, users[1 : len(orgs) + 1], strict=True)}
    reviewers = users[len(orgs) + 1 :]
    memberships = [
        Membership(user=applicants[o.pk], organisation=o, role=Role.EDITOR) for o in orgs
    ]
    memberships += [
        Membership(user=r, organisation=rng.choice(orgs), role=Role.VIEWER)
        for r in reviewers[: REVIEWERS // 3]
    ]
    Membership.objects.bulk_create(memberships)
    ConflictDeclaration.objects.bulk_create(
        ConflictDeclaration(user=r, organisation=o, reason="Oud-collega")
        for r in rng.sample(reviewers, REVIEWERS // 10)
        for o in rng.sample(orgs, 2)
    )
    return {"manager": users[0], "applicants": applicants, "reviewers": reviewers}


def _funds(rng, orgs, people, n_rounds: int) -> list[Round]:
    programme = Programme.objects.create(
        name="Benchmarkprogramma", slug="benchmarkprogramma", visibility="public"
    )
    programme.managers.set([people["manager"]])
    programme.members.set(rng.sample(orgs, min(20, len(orgs))))
    funds = Fund.objects.bulk_create(
        Fund(programme=programme, name=f"Fonds {n}", slug=f"fonds-{n}") for n in range(FUNDS)
    )
    topics = w.TOPICS
    FundMember.objects.bulk_create(
        FundMember(
            fund=fund,
            user=reviewer,
            role=FundRole.REVIEWER,
            expertise=", ".join(rng.sample(topics, 2)),
            max_assignments=1_000,
        )
        for fund in funds
        for reviewer in people["reviewers"]
    )
    workflow = Workflow.objects.get(kind=WORKFLOW_KIND, owner__isnull=True)
    rounds = Round.objects.bulk_create(
        Round(
            fund=funds[n % FUNDS],
            title=f"Ronde {n + 1}: {rng.choice(topics)}",
            slug=f"ronde-{n + 1}",
            description=_text(rng, 2, rng.choice(topics), "de gemeente"),
            opens_at=NOW - datetime.timedelta(days=60 + n),
            closes_at=NOW - datetime.timedelta(days=10 + n),
            decision_due=(NOW + datetime.timedelta(days=30)).date(),
            budget=Decimal("2000000"),
            workflow=workflow,
            published=True,
        )
        for n in range(n_rounds)
    )
    Criterion.objects.bulk_create(
        Criterion(round=r, name=name, weight=weight, order=order)
        for r in rounds
        for order, (name, weight) in enumerate(
            [("Vernieuwing", 2), ("Overdraagbaarheid", 1), ("Haalbaarheid", 1)], start=1
        )
    )
    BudgetCategory.objects.bulk_create(
        BudgetCategory(round=r, name=name, amount=Decimal("1000000"))
        for r in rounds
        for name in ("Verkenning", "Experiment")
    )
    return rounds


def _application(rng, index: int, round_, stage, lead, applicant) -> Application:
    topic = rng.choice(w.TOPICS)
    submitted = None if stage.key == "draft" else NOW - datetime.timedelta(days=30)
    values = {}
    if stage.key in ("granted", "rejected"):
        values = {"outcome": stage.key, "decided_at": NOW, "decision_reason": "Motivering."}
        if stage.key == "granted":
            values["granted_amount"] = Decimal(rng.randint(10, 80) * 1000)
    return Application(
        round=round_,
        owner=lead,
        created_by=applicant,
        title=f"{rng.choice(w.INTERVENTIONS)} {topic} ({index})"[:240],
        problem=_text(rng, 3, topic, lead.name),
        idea=_text(rng, 3, topic, lead.name),
        public_summary=_text(rng, 2, topic, lead.name),
        amount_requested=Decimal(rng.randint(10, 90) * 1000),
        total_cost=Decimal(rng.randint(100, 200) * 1000),
        duration_months=rng.randint(6, 24),
        workflow=round_.workflow,
        stage=stage,
        stage_entered_at=NOW,
        submitted_at=submitted,
        **values,
    )


def _reviews(rng, chunk, reviewers, stages, criteria, out) -> None:
    for application in chunk:
        stage = stages[application.stage_id]
        if stage not in REVIEWED:
            continue
        for reviewer in rng.sample(reviewers, REVIEWS_PER_APPLICATION):
            done = stage != "in_review" or rng.random() < 0.5
            status = AssignmentStatus.SUBMITTED if done else AssignmentStatus.ASSIGNED
            out["assignments"].append(
                ReviewAssignment(application=application, reviewer=reviewer, status=status)
            )
            out["reviews"].append(
                (
                    done,
                    application.round_id,
                    Review(
                        recommendation=rng.choice(Recommendation.values),
                        comment=_text(rng, 1, rng.choice(w.TOPICS), "de aanvrager"),
                        submitted_at=NOW if done else None,
                    ),
                )
            )
    assignments = ReviewAssignment.objects.bulk_create(out["assignments"], batch_size=2_000)
    reviews = []
    for assignment, (_done, _round, review) in zip(assignments, out["reviews"], strict=True):
        review.assignment = assignment
        reviews.append(review)
    reviews = Review.objects.bulk_create(reviews, batch_size=2_000)
    scores = [
        ReviewScore(review=review, criterion=criterion, score=rng.randint(0, 5), comment="")
        for review, (done, round_id, _r) in zip(reviews, out["reviews"], strict=True)
        if done
        for criterion in criteria[round_id]
    ]
    ReviewScore.objects.bulk_create(scores, batch_size=2_000)
    out["counts"]["reviews"] += len(reviews)
    out["counts"]["scores"] += len(scores)


def _applications(rng, n: int, rounds, orgs, people) -> dict:
    workflow = rounds[0].workflow
    stages = {s.key: s for s in Stage.objects.filter(workflow=workflow)}
    keys = {s.pk: s.key for s in stages.values()}
    criteria: dict = {}
    for criterion in Criterion.objects.all():
        criteria.setdefault(criterion.round_id, []).append(criterion)
    counts = {"applications": 0, "partners": 0, "reviews": 0, "scores": 0}
    names, weights = zip(*STAGES, strict=True)
    for first in range(0, n, CHUNK):
        chunk = []
        for index in range(first, min(first + CHUNK, n)):
            lead = rng.choice(orgs)
            stage = stages[rng.choices(names, weights=weights)[0]]
            round_ = rounds[index % len(rounds)]
            applicant = people["applicants"][lead.pk]
            chunk.append(_application(rng, index, round_, stage, lead, applicant))
        chunk = Application.objects.bulk_create(chunk)
        partners = [
            ApplicationPartner(application=a, organisation=o)
            for a in chunk
            for o in rng.sample(orgs, rng.choice([0, 1, 1, 2]))
            if o.pk != a.owner_id
        ]
        ApplicationPartner.objects.bulk_create(partners)
        out = {"assignments": [], "reviews": [], "counts": counts}
        _reviews(rng, chunk, people["reviewers"], keys, criteria, out)
        counts["applications"] += len(chunk)
        counts["partners"] += len(partners)
    return counts


def generate(n_orgs: int, n_rounds: int, n_applications: int, seed: int = 1) -> dict:
    """Fill the (fresh, migrated) database; returns row counts and the time it took."""
    if Application.objects.exists():
        raise RuntimeError("generate() needs an empty database")
    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        orgs = _organisations(rng, n_orgs)
        people = _people(rng, orgs)
        rounds = _funds(rng, orgs, people, n_rounds)
        counts = _applications(rng, n_applications, rounds, orgs, people)
        content_changed("organisations", "funding")
    counts |= {"organisations": len(orgs), "rounds": len(rounds), "reviewers": REVIEWERS}
    return {"rows": counts, "seconds_generate": round(time.perf_counter() - started, 2)}
