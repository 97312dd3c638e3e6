"""Fill a fresh database with one award edition in the middle of judging, fast (bulk
inserts, no services).

Call ``generate(n_orgs, n_nominations, n_judges, seed)`` with Django set up and migrated
(the migrations ship the default award workflow). One public programme with one organiser
(``organiser``, its manager) runs a competition with one published edition (seven criteria
with weights, three categories) of ``n_nominations`` nominations of different organisations
(so ``n_orgs`` must be at least as large), spread over the stages (``STAGES``): the written
submissions are in and being scored, the long list is not decided yet. Each submitted
nomination has an answer per criterion. The judges (``judge-<n>``): two thirds form the
selection committee, the rest the jury, each panel with a chair; both score the written
submissions. A third of the judges works at a nominee (a conflict), a tenth declared two
relations, and each judge recused themselves from about 1% of the nominations. Each judge
has scored a share of what they may score (``SCORED``; of those a tenth still a draft), a
score per criterion on the edition's 1-10 scale.
"""

from __future__ import annotations

import datetime
import random
import time

import words as w
from django.db import transaction
from django.utils import timezone
from generate import _organisations, _text

from proeftuin.accounts.models import Membership, Role, User
from proeftuin.awards.choices import Consent, NominationSource, PanelKind, Step
from proeftuin.awards.models import (
    Category,
    Competition,
    Criterion,
    Edition,
    Nomination,
    Panel,
    Recusal,
    Score,
    Scorecard,
    SubmissionAnswer,
)
from proeftuin.awards.services_judging import weighted_mean
from proeftuin.core.service import content_changed
from proeftuin.core.workflows.models import Stage, Workflow
from proeftuin.funding.models import ConflictDeclaration
from proeftuin.organisations.models import Programme

CHUNK = 500
# (stage, weight): before the long-list decision, most submissions are in
STAGES = [("nominated", 8), ("submitted", 90), ("withdrawn", 2)]
SCORED = {PanelKind.SELECTION: 0.45, PanelKind.JURY: 0.25}  # share of the open cards
CRITERIA = [
    ("Onderscheidend vermogen", 2),
    ("Missiegedrevenheid", 1),
    ("Effectiviteit", 2),
    ("De basis aantoonbaar op orde", 1),
    ("Leervermogen", 1),
    ("Veerkracht", 1),
    ("Maatschappelijke betrokkenheid", 1),
]
NOW = timezone.make_aware(datetime.datetime(2026, 5, 1, 12))


def _edition(people) -> Edition:
    programme = Programme.objects.create(
        name="Verkiezingsprogramma", slug="verkiezingsprogramma", visibility="public"
    )
    programme.managers.set([people["organiser"]])
    competition = Competition.objects.create(
        programme=programme,
        name="Verkiezing Beste Overheidsorganisatie",
        slug="beste-overheidsorganisatie",
    )
    edition = Edition.objects.create(
        competition=competition,
        year=2026,
        title="Beste Overheidsorganisatie 2026",
        slug="beste-overheidsorganisatie-2026",
        description="De verkiezing van dit jaar.",
        workflow=Workflow.objects.get(kind="award", owner__isnull=True),
        nominations_open=NOW - datetime.timedelta(days=120),
        nominations_close=NOW - datetime.timedelta(days=60),
        submissions_close=NOW - datetime.timedelta(days=30),
        selection_on=(NOW + datetime.timedelta(days=20)).date(),
        pitches_on=(NOW + datetime.timedelta(days=50)).date(),
        site_visits_on=(NOW + datetime.timedelta(days=70)).date(),
        ceremony_on=(NOW + datetime.timedelta(days=100)).date(),
        published=True,
    )
    Criterion.objects.bulk_create(
        Criterion(edition=edition, name=name, weight=weight, order=order)
        for order, (name, weight) in enumerate(CRITERIA, start=1)
    )
    Category.objects.bulk_create(
        Category(edition=edition, name=name, order=order)
        for order, name in enumerate(["Rijk", "Regio", "Lokaal"], start=1)
    )
    return edition


def _people(n_judges: int) -> dict:
    users = [
        User(username="organiser", email="organiser@bench.invalid"),
        User(username="nominator", email="nominator@bench.invalid"),
    ]
    users += [
        User(username=f"judge-{n}", email=f"judge-{n}@bench.invalid", first_name=f"J{n}")
        for n in range(n_judges)
    ]
    users = User.objects.bulk_create(users)
    return {"organiser": users[0], "nominator": users[1], "judges": users[2:]}


def _panels(edition, judges) -> list[Panel]:
    cut = len(judges) * 2 // 3
    panels = []
    for kind, members in ((PanelKind.SELECTION, judges[:cut]), (PanelKind.JURY, judges[cut:])):
        panel = Panel.objects.create(edition=edition, kind=kind, chair=members[0])
        panel.members.set(members)
        panel.judges = members
        panels.append(panel)
    return panels


def _nominations(rng, edition, orgs, people, n: int) -> list[Nomination]:
    stages = {s.key: s for s in Stage.objects.filter(workflow=edition.workflow)}
    categories = list(edition.categories.all())
    names, weights = zip(*STAGES, strict=True)
    rows = []
    for owner in rng.sample(orgs, n):
        key = rng.choices(names, weights=weights)[0]
        pending = key == "nominated" and rng.random() < 0.5
        rows.append(
            Nomination(
                edition=edition,
                owner=owner,
                category=rng.choice(categories),
                source=NominationSource.OTHER,
                nominated_by=people["nominator"],
                motivation=_text(rng, 2, rng.choice(w.TOPICS), owner.name),
                consent=Consent.PENDING if pending else Consent.GIVEN,
                consent_at=None if pending else NOW - datetime.timedelta(days=80),
                submitted_at=NOW - datetime.timedelta(days=35) if key == "submitted" else None,
                workflow=edition.workflow,
                stage=stages[key],
                stage_entered_at=NOW - datetime.timedelta(days=35),
            )
        )
    nominations = Nomination.objects.bulk_create(rows, batch_size=CHUNK)
    criteria = list(edition.criteria.all())
    SubmissionAnswer.objects.bulk_create(
        (
            SubmissionAnswer(
                nomination=nomination,
                criterion=criterion,
                text=_text(rng, 4, rng.choice(w.TOPICS), nomination.owner.name),
            )
            for nomination in nominations
            if nomination.submitted_at
            for criterion in criteria
        ),
        batch_size=2_000,
    )
    return nominations


def _conflicts(rng, judges, nominations) -> dict[int, set[int]]:
    """A third of the judges works at a nominee, a tenth declared two relations; returns
    the organisations each judge may not judge."""
    owners = [n.owner_id for n in nominations]
    blocked: dict[int, set[int]] = {j.pk: set() for j in judges}
    memberships = []
    for judge in judges[: len(judges) // 3]:
        organisation = rng.choice(owners)
        memberships.append(Membership(user=judge, organisation_id=organisation, role=Role.VIEWER))
        blocked[judge.pk].add(organisation)
    Membership.objects.bulk_create(memberships)
    declared = []
    for judge in rng.sample(judges, max(1, len(judges) // 10)):
        for organisation in rng.sample(owners, 2):
            if organisation not in blocked[judge.pk]:
                declared.append(
                    ConflictDeclaration(user=judge, organisation_id=organisation, reason="Adviseur")
                )
                blocked[judge.pk].add(organisation)
    ConflictDeclaration.objects.bulk_create(declared)
    return blocked


def _judging(rng, panels, nominations, blocked, criteria) -> dict:
    submitted = [n for n in nominations if n.submitted_at]
    recusals, cards = [], []
    for panel in panels:
        for judge in panel.judges:
            for nomination in submitted:
                if nomination.owner_id in blocked[judge.pk]:
                    continue
                if rng.random() < 0.01:
                    recusals.append(
                        Recusal(panel=panel, judge=judge, nomination=nomination, reason="Relatie")
                    )
                elif rng.random() < SCORED[panel.kind]:
                    done = rng.random() < 0.9
                    cards.append(
                        Scorecard(
                            panel=panel,
                            judge=judge,
                            nomination=nomination,
                            step=Step.SUBMISSION,
                            comment=_text(rng, 1, rng.choice(w.TOPICS), "de inzending"),
                            submitted_at=NOW - datetime.timedelta(days=rng.randint(1, 20))
                            if done
                            else None,
                        )
                    )
    Recusal.objects.bulk_create(recusals, batch_size=2_000)
    scores = []
    for card in cards:
        mine = [
            Score(scorecard=card, criterion=criterion, value=rng.randint(3, 10))
            for criterion in (criteria if card.submitted_at else criteria[:3])
        ]
        # as the service keeps it for a submitted card
        card.weighted_mean = weighted_mean(mine) if card.submitted_at else None
        scores += mine
    cards = Scorecard.objects.bulk_create(cards, batch_size=2_000)
    for score in scores:
        score.scorecard = score.scorecard  # the saved card's id
    Score.objects.bulk_create(scores, batch_size=5_000)
    return {"recusals": len(recusals), "scorecards": len(cards), "scores": len(scores)}


def generate(n_orgs: int, n_nominations: int, n_judges: int, seed: int = 1) -> dict:
    """Fill the (fresh, migrated) database; returns row counts and the time it took."""
    if Nomination.objects.exists():
        raise RuntimeError("generate() needs an empty database")
    if n_orgs < n_nominations:
        raise ValueError("an organisation is nominated once per edition: orgs >= nominations")
    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        orgs = _organisations(rng, n_orgs)
        people = _people(n_judges)
        edition = _edition(people)
        panels = _panels(edition, people["judges"])
        nominations = _nominations(rng, edition, orgs, people, n_nominations)
        blocked = _conflicts(rng, people["judges"], nominations)
        criteria = list(edition.criteria.all())
        counts = _judging(rng, panels, nominations, blocked, criteria)
        content_changed("organisations", "awards")
    counts |= {"organisations": len(orgs), "nominations": len(nominations), "judges": n_judges}
    return {"rows": counts, "seconds_generate": round(time.perf_counter() - started, 2)}
