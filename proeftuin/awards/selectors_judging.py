"""Reads of judging: the consensus view of one nomination at one step (the scores side by
side per criterion, mean, spread, disagreement; the weighted mean over the edition's
weights), a judge's nominations to score per step, and the progress per judge. Only what
``Scorecard.objects.visible_to`` lets the viewer read counts."""

from __future__ import annotations

import dataclasses

from django.core.paginator import Paginator
from django.db.models import Avg, Count, Prefetch, Q

from proeftuin.accounts.service import remember_roles, roles_by_organisation
from proeftuin.awards.choices import Decision, Step
from proeftuin.awards.models import Score, Scorecard
from proeftuin.awards.services_judging import (
    PANEL_STEPS,
    STEP_STAGES,
    judge_facts,
    judging_refusal,
)
from proeftuin.funding.service import CriterionSummary, declared_relations_of

JUDGING_PAGE = 50  # nominations per page of a panel's list at one step
# the scores that rank the candidates of each decision
DECISION_STEP = {
    Decision.LONG_LIST: Step.SUBMISSION,
    Decision.TOP_TEN: Step.SUBMISSION,
    Decision.FINALISTS: Step.PITCH,
    Decision.WINNER: Step.SITE_VISIT,
}


@dataclasses.dataclass(frozen=True)
class Candidate:
    uuid: str
    name: str
    mean: float | None  # the mean of the submitted scorecards' weighted means
    cards: int  # submitted scorecards at the decision's step


def ranked_candidates(*, edition, decision: str, stage: str, nominations) -> list[Candidate]:
    """``nominations`` (``(pk, uuid, nominee's name)``: the ones at ``stage``, which the
    decision chooses from) ranked by the panels' scores at the decision's step, highest
    first, unscored last: one query, however many scorecards."""
    cards = Scorecard.objects.filter(
        panel__edition=edition,
        step=DECISION_STEP[decision],
        submitted_at__isnull=False,
        nomination__stage__key=stage,
    )
    by_nomination = cards.order_by().values("nomination_id")
    scores = {
        row["nomination_id"]: (row["mean"], row["n"])
        for row in by_nomination.annotate(mean=Avg("weighted_mean"), n=Count("pk"))
    }
    found = [Candidate(str(u), name, *scores.get(pk, (None, 0))) for pk, u, name in nominations]
    return sorted(found, key=lambda c: (c.mean is None, -(c.mean or 0), c.name))


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


def judging_rows(*, user, panel, pages=None) -> list[dict]:
    """Per step ``panel`` scores: a page (``JUDGING_PAGE``) of the nominations at that
    step (``pages``: {step: page number asked for}), each with ``user``'s scorecard and
    why they may not score it (``None`` when they may), and the query parameter of the
    step's page number. A fixed number of queries, however many nominations."""
    facts = judge_facts(user, panel)
    rows = []
    for step in PANEL_STEPS[panel.kind]:
        nominations = panel.edition.nominations.filter(
            stage__key__in=STEP_STAGES[step]
        ).select_related("owner", "stage")
        page = Paginator(nominations, JUDGING_PAGE).get_page((pages or {}).get(step))
        shown = list(page.object_list)
        cards = Scorecard.objects.filter(panel=panel, judge=user, step=step, nomination__in=shown)
        cards = {c.nomination_id: c for c in cards}
        items = [
            {
                "nomination": n,
                "card": cards.get(n.pk),
                "refusal": judging_refusal(user, panel, n, step, facts),
            }
            for n in shown
        ]
        param = page_parameter(panel.kind, step)
        rows.append({"step": Step(step), "items": items, "page": page, "param": param})
    return rows


def page_parameter(kind: str, step: str) -> str:
    """The query parameter of the page number of one panel's list at one step."""
    return f"pagina-{kind}-{step}"


def _by_judge(pairs) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for judge_id, nomination_id in pairs:
        found.setdefault(judge_id, set()).add(nomination_id)
    return found


def judge_progress(*, panel, step: str) -> list[dict]:
    """Per judge of ``panel``: the nominations at ``step`` they may score, how many they
    submitted, and how many they may not score (conflict or recusal)."""
    return panel_progress(panel=panel, steps=[step])[0][1]


def panel_progress(*, panel, steps) -> list[tuple[str, list[dict]]]:
    """``judge_progress`` of each of ``steps``, the judges' roles, declared relations and
    recusals fetched once: a fixed number of queries, however many judges and nominations."""
    judges = list(panel.members.order_by("username"))
    remember_roles(judges)
    declared = declared_relations_of([j.pk for j in judges])
    conflicted = {j.pk: set(roles_by_organisation(j)) | set(declared[j.pk]) for j in judges}
    recused = _by_judge(panel.recusals.values_list("judge_id", "nomination_id"))
    facts = (judges, conflicted, recused)
    return [(step, _step_progress(panel, step, facts)) for step in steps]


def _step_progress(panel, step: str, facts) -> list[dict]:
    judges, conflicted, recused = facts
    owners = dict(
        panel.edition.nominations.filter(stage__key__in=STEP_STAGES[step]).values_list(
            "owner_id", "pk"
        )
    )
    at_step = set(owners.values())
    if not at_step or step not in PANEL_STEPS[panel.kind]:
        return [
            {"judge": j, "to_score": 0, "submitted": 0, "blocked": len(at_step)} for j in judges
        ]
    blocked = {
        j.pk: {owners[o] for o in conflicted[j.pk] if o in owners}
        | (recused.get(j.pk, set()) & at_step)
        for j in judges
    }
    cards = Scorecard.objects.filter(
        panel=panel,
        step=step,
        submitted_at__isnull=False,
        nomination__stage__key__in=STEP_STAGES[step],
    )
    submitted = dict(cards.values_list("judge_id").annotate(n=Count("pk")).order_by())
    # submitted before a conflict or recusal: not counted (one query, whatever is blocked)
    maybe = cards.filter(
        Q(nomination__in=panel.recusals.values("nomination"))
        | Q(nomination__owner__in=set().union(*conflicted.values()))
    )
    on_blocked = _by_judge(maybe.order_by().values_list("judge_id", "nomination_id"))
    return [
        {
            "judge": judge,
            "to_score": len(at_step) - len(blocked[judge.pk]),
            "submitted": submitted.get(judge.pk, 0)
            - len(on_blocked.get(judge.pk, set()) & blocked[judge.pk]),
            "blocked": len(blocked[judge.pk]),
        }
        for judge in judges
    ]


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
