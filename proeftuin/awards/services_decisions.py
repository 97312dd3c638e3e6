"""The panels' decisions step by step (long list, top ten, finalists, winner), recorded by
the organisers with the panel's discussion notes: the chosen nominations move on, the others
at that step are not selected; and the jury's site-visit reports of the finalists."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from proeftuin.awards import permissions
from proeftuin.awards.choices import Decision, PanelKind
from proeftuin.awards.common import changed, refuse
from proeftuin.awards.models import Nomination, PanelDecision, SiteVisit
from proeftuin.core.service import (
    AuditEntry,
    DuplicateError,
    NotAllowed,
    audit_record,
    locked,
    workflow_move,
)
from proeftuin.core.service import require as check
from proeftuin.funding.service import conflict_reason

NOT_SELECTED = "not_selected"
# decision: (panels that take it, stage it chooses from, how many at most: edition field or 1)
RULES = {
    Decision.LONG_LIST: ((PanelKind.SELECTION, PanelKind.JURY), "submitted", None),
    Decision.TOP_TEN: ((PanelKind.SELECTION, PanelKind.JURY), "long_list", "top_size"),
    Decision.FINALISTS: ((PanelKind.JURY,), "top_ten", "finalists"),
    Decision.WINNER: ((PanelKind.JURY,), "finalist", 1),
}
MAX_NOTES = 20000


def _limit(edition, limit) -> int | None:
    return getattr(edition, limit) if isinstance(limit, str) else limit


def _check_choice(panel, decision, chosen: list) -> None:
    kinds, from_stage, limit = RULES[decision]
    if panel.kind not in kinds:
        refuse(
            "decision",
            _("The %(panel)s does not take this decision.") % {"panel": panel.get_kind_display()},
        )
    if not chosen:
        refuse("chosen", _("Choose at least one nomination."))
    for nomination in chosen:
        if nomination.edition_id != panel.edition_id or nomination.stage.key != from_stage:
            stage = panel.edition.workflow.stages.get(key=from_stage)
            refuse(
                "chosen",
                _("%(organisation)s is not at the step “%(stage)s”.")
                % {"organisation": nomination.owner.name, "stage": stage.label()},
            )
    most = _limit(panel.edition, limit)
    if most is not None and len(chosen) > most:
        refuse("chosen", _("Choose at most %(n)d.") % {"n": most})


@transaction.atomic
def panel_decide(*, actor, panel, decision: str, chosen: list, notes: str = "") -> PanelDecision:
    check(permissions.can_organise(actor, panel.edition.competition))
    if decision not in Decision.values:
        refuse("decision", _("Choose the decision: long list, top ten, finalists or winner."))
    if PanelDecision.objects.filter(panel__edition=panel.edition, decision=decision).exists():
        message = _("This decision has already been recorded for this edition.")
        raise DuplicateError(message)
    chosen = list(
        Nomination.objects.select_related("owner", "stage").filter(pk__in=[n.pk for n in chosen])
    )
    _check_choice(panel, decision, chosen)
    notes = (notes or "").strip()[:MAX_NOTES]
    record = PanelDecision.objects.create(
        panel=panel, decision=decision, notes=notes, decided_by=actor
    )
    record.chosen.set(chosen)
    from_stage = RULES[decision][1]
    label = record.get_decision_display()
    for nomination in chosen:
        workflow_move(actor=actor, subject=nomination, to_stage=decision, reason=notes or label)
    # the finalists who do not win stay finalists (their recognition); earlier steps leave
    # the rest "not selected"
    stays = decision == Decision.WINNER
    others = panel.edition.nominations.filter(stage__key=from_stage).exclude(
        pk__in=[n.pk for n in chosen]
    )
    others = others.none() if stays else others
    reason = _("Not chosen for the %(step)s.") % {"step": label}
    for nomination in others.select_related("stage"):
        workflow_move(actor=actor, subject=nomination, to_stage=NOT_SELECTED, reason=reason)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=record,
        after={
            "decision": decision,
            "chosen": sorted(n.owner.name for n in chosen),
            "notes": notes,
        },
    )
    changed()
    return record


def check_may_visit(actor, nomination) -> None:
    """``NotAllowed`` unless ``actor`` is an organiser or a jury member without a conflict."""
    organiser = permissions.can_organise(actor, nomination.edition.competition)[0]
    jury = nomination.edition.panels.filter(kind=PanelKind.JURY, members=actor).exists()
    if not (organiser or jury):
        raise NotAllowed(_("Only the jury and the organisers write site-visit reports."))
    reason = conflict_reason(actor, nomination.owner_id) if not organiser else None
    if reason:
        raise NotAllowed(
            _("You have a conflict of interest with %(organisation)s (%(reason)s).")
            % {"organisation": nomination.owner.name, "reason": reason}
        )


@transaction.atomic
def site_visit_save(*, actor, nomination, visited_on, findings: str, expected_version=None):
    check_may_visit(actor, nomination)
    if nomination.stage.key not in ("finalist", "winner"):
        refuse("nomination", _("Only finalists are visited."))
    findings = (findings or "").strip()
    if not findings:
        refuse("findings", _("Write the jury's findings."))
    if visited_on is None:
        refuse("visited_on", _("Give the date of the visit."))
    visit = SiteVisit.objects.filter(nomination=nomination).first()
    before = {}
    if visit is None:
        visit = SiteVisit(
            nomination=nomination, visited_on=visited_on, findings=findings, author=actor
        )
    else:
        visit = locked(SiteVisit, visit, expected_version)
        before = {"visited_on": visit.visited_on.isoformat(), "findings": visit.findings}
        visit.visited_on, visit.findings, visit.version = visited_on, findings, visit.version + 1
    visit.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=visit,
        before=before,
        after={"visited_on": visit.visited_on.isoformat(), "findings": visit.findings},
    )
    changed()
    return visit
