"""Reads of the management page that aggregate over a whole edition (the judges' progress
per panel and step, each open decision's candidates ranked by the panels' scores), kept in
the shared cache for every organiser until a write they depend on: anything in the awards
(a scorecard, a recusal, a panel member, a decision, a nomination's stage), a declared
relation (funding's conflict declarations) or a membership (a judge's own organisations).

Only organisers see the management page (the view checks it before reading), and what is
kept is the same for all of them, so one computation serves them all. The reminders read
``selectors_judging.panel_progress`` itself: a reminder is never sent from a cached count.
"""

from __future__ import annotations

from proeftuin.awards.selectors_judging import Candidate, panel_progress, ranked_candidates
from proeftuin.awards.services_judging import PANEL_STEPS
from proeftuin.core.fragments import shared_value

DEPENDS_ON = ("awards", "funding", "memberships")


def figures(*, edition, panels, open_decisions) -> dict:
    """``{"progress": {panel id: progress_shown}, "ranked": open_decisions_ranked,
    "criteria": n, "categories": n}``: one cache entry for the whole page."""

    def compute():
        progress = {p.pk: _progress_shown(p, PANEL_STEPS[p.kind]) for p in panels}
        ranked = _open_decisions_ranked(edition, open_decisions)
        counts = {"criteria": edition.criteria.count(), "categories": edition.categories.count()}
        return {"progress": progress, "ranked": ranked, **counts}

    opened = ",".join(f"{decision}:{stage}" for decision, stage in open_decisions)
    key = f"awards.manage.2|{edition.pk}|{','.join(str(p.pk) for p in panels)}|{opened}"
    return shared_value(key, compute, depends_on=DEPENDS_ON)


def _progress_shown(panel, steps) -> list[tuple[str, list[dict]]]:
    """``panel_progress`` with each judge as ``judge_id`` and ``name``."""
    return [
        (str(step), [_shown(row) for row in rows])
        for step, rows in panel_progress(panel=panel, steps=steps)
    ]


def _shown(row: dict) -> dict:
    judge = row["judge"]
    name = judge.get_full_name() or judge.username
    counts = {k: row[k] for k in ("to_score", "submitted", "blocked")}
    return {"judge_id": judge.pk, "name": name, **counts}


def _open_decisions_ranked(edition, open_decisions) -> dict[str, list[Candidate]]:
    """For each ``(decision, stage)`` of ``open_decisions``: the nominations at ``stage``
    ranked by ``ranked_candidates`` (an empty list when none is at that stage)."""
    wanted = {str(stage) for _decision, stage in open_decisions}
    rows = edition.nominations.filter(stage__key__in=wanted).order_by()
    found = list(rows.values_list("pk", "uuid", "owner__name", "stage__key"))
    ranked = {}
    for decision, stage in open_decisions:
        at_stage = [(pk, uuid, name) for pk, uuid, name, key in found if key == stage]
        ranked[str(decision)] = at_stage and ranked_candidates(
            edition=edition, decision=decision, stage=stage, nominations=at_stage
        )
    return ranked
