"""Writes of judging: panel membership and chair (organisers), recusal (the judge), and
scorecards (a score per criterion on the edition's scale, a comment, submitted once).

Conflicts of interest follow the funding rules (``funding.service``): a judge may not score
an organisation where they hold a current role or with which they declared a relation; the
assignment is blocked and the reason named. Each write is atomic and audited."""

from __future__ import annotations

import dataclasses

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.awards import events, permissions
from proeftuin.awards.choices import PanelKind, Step
from proeftuin.awards.common import changed, refuse
from proeftuin.awards.models import Nomination, Panel, Recusal, Score, Scorecard
from proeftuin.core.service import (
    AuditEntry,
    DuplicateError,
    NotAllowed,
    ValidationFailed,
    audit_record,
    locked,
)
from proeftuin.core.service import require as check
from proeftuin.funding.service import conflict_reason, declared_relations

# the steps each panel scores, and the stages a nomination is in for that step
PANEL_STEPS = {
    PanelKind.SELECTION: (Step.SUBMISSION,),
    PanelKind.JURY: (Step.SUBMISSION, Step.PITCH, Step.SITE_VISIT),
}
STEP_STAGES = {
    Step.SUBMISSION: ("submitted", "long_list"),
    Step.PITCH: ("top_ten",),
    Step.SITE_VISIT: ("finalist",),
}
MAX_COMMENT = 5000


def _members(panel) -> list[str]:
    return sorted(panel.members.values_list("username", flat=True))


@transaction.atomic
def panel_get_or_create(*, actor, edition, kind: str) -> Panel:
    check(permissions.can_organise(actor, edition.competition))
    if kind not in PanelKind.values:
        refuse("kind", _("Choose the selection committee or the jury."))
    panel, created = Panel.objects.get_or_create(edition=edition, kind=kind)
    if created:
        audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=panel, after={"kind": kind})
        changed()
    return panel


@transaction.atomic
def panel_member_add(*, actor, panel, user, chair: bool = False) -> None:
    check(permissions.can_organise(actor, panel.edition.competition))
    if user is None or not user.is_active:
        refuse("user", _("This person was not found on the platform."))
    before = {"members": _members(panel), "chair": getattr(panel.chair, "username", None)}
    panel.members.add(user)
    if chair:
        panel.chair = user
        panel.save(update_fields=["chair", "updated_at"])
    after = {"members": _members(panel), "chair": getattr(panel.chair, "username", None)}
    audit_record(
        actor=actor, action=AuditEntry.Action.UPDATE, obj=panel, before=before, after=after
    )
    if before["members"] != after["members"]:
        events.panel_member_added(panel, user, actor)
    changed()


@transaction.atomic
def panel_member_remove(*, actor, panel, user) -> None:
    check(permissions.can_organise(actor, panel.edition.competition))
    if panel.scorecards.filter(judge=user, submitted_at__isnull=False).exists():
        refuse("user", _("This judge has submitted scores; they stay on the panel."))
    before = {"members": _members(panel)}
    panel.members.remove(user)
    if panel.chair_id == user.pk:
        panel.chair = None
        panel.save(update_fields=["chair", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=panel,
        before=before,
        after={"members": _members(panel)},
    )
    changed()


@dataclasses.dataclass(frozen=True)
class JudgeFacts:
    """What deciding a judge's refusals needs, fetched once for many nominations: panel
    membership, the relations they declared, the nominations they recused themselves from."""

    member: bool
    declared: dict[int, str]
    recused: frozenset[int]


def judge_facts(user, panel, nominations=None) -> JudgeFacts:
    """``user``'s facts on ``panel``; the recusals of ``nominations`` only when given."""
    if not panel.members.filter(pk=getattr(user, "pk", None)).exists():
        return JudgeFacts(False, {}, frozenset())
    recusals = panel.recusals.filter(judge=user)
    if nominations is not None:
        recusals = recusals.filter(nomination__in=nominations)
    recused = frozenset(recusals.values_list("nomination_id", flat=True))
    return JudgeFacts(True, declared_relations(user), recused)


def judging_refusal(user, panel, nomination, step: str, facts: JudgeFacts | None = None):
    """Why ``user`` may not score ``nomination`` in ``step`` for ``panel`` (Dutch), or
    ``None`` when they may. ``facts`` (``judge_facts``) saves the queries when explaining
    many nominations."""
    if facts is None:
        facts = judge_facts(user, panel, [nomination.pk])
    if not facts.member:
        return _("Only members of the panel score.")
    if nomination.edition_id != panel.edition_id:
        return _("This nomination is not part of this edition.")
    reason = conflict_reason(user, nomination.owner_id, facts.declared)
    if reason:
        return _("You have a conflict of interest with %(organisation)s (%(reason)s).") % {
            "organisation": nomination.owner.name,
            "reason": reason,
        }
    if nomination.pk in facts.recused:
        return _("You recused yourself from this nomination.")
    if step not in PANEL_STEPS[panel.kind]:
        return _("This panel does not score this step.")
    if nomination.stage.key not in STEP_STAGES[step]:
        return _("This nomination is not at this step.")
    return None


@transaction.atomic
def recuse(*, actor, panel, nomination, reason: str) -> Recusal:
    if not panel.members.filter(pk=actor.pk).exists():
        raise NotAllowed(_("Only members of the panel score."))
    reason = (reason or "").strip()
    if not reason:
        refuse("reason", _("Give the reason you step aside."))
    try:
        with transaction.atomic():
            recusal = Recusal.objects.create(
                panel=panel, judge=actor, nomination=nomination, reason=reason[:300]
            )
    except IntegrityError as exc:
        message = _("You already recused yourself from this nomination.")
        raise DuplicateError(message) from exc
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=recusal,
        after={"nomination": nomination.owner.name, "reason": recusal.reason},
    )
    changed()
    return recusal


def _score_errors(edition, scores: dict, complete: bool) -> dict[str, list[str]]:
    criteria = {c.pk: c for c in edition.criteria.all()}
    errors: dict[str, list[str]] = {}
    low, high = edition.score_min, edition.score_max
    for key, (value, _comment) in scores.items():
        if _int(key) not in criteria:
            errors[str(key)] = [_("This is not a criterion of this edition.")]
        elif value is not None and (not isinstance(value, int) or not low <= value <= high):
            errors[str(key)] = [
                _("A score lies between %(low)d and %(high)d.") % {"low": low, "high": high}
            ]
    if complete:
        given = {_int(k) for k, (v, _c) in scores.items() if v is not None}
        for pk, criterion in criteria.items():
            if pk not in given:
                errors.setdefault(str(pk), []).append(
                    _("Score the criterion “%(criterion)s”.") % {"criterion": criterion.name}
                )
    return errors


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def weighted_mean(scores) -> float | None:
    """The mean of ``scores`` weighted by their criteria's weights."""
    pairs = [(s.value, s.criterion.weight) for s in scores]
    total = sum(w for _v, w in pairs)
    return sum(v * w for v, w in pairs) / total if total else None


@transaction.atomic
def scorecard_save(
    *,
    actor,
    panel,
    nomination,
    step: str,
    scores: dict,
    comment: str = "",
    submit: bool = False,
    expected_version=None,
) -> Scorecard:
    """Save ``actor``'s scores (``{criterion id: (score or None, comment)}``); with
    ``submit`` every criterion needs a score and the card can no longer change."""
    nomination = Nomination.objects.select_related("owner", "stage").get(pk=nomination.pk)
    refusal = judging_refusal(actor, panel, nomination, step)
    if refusal:
        raise NotAllowed(refusal)
    card, _created = Scorecard.objects.get_or_create(
        panel=panel, judge=actor, nomination=nomination, step=step
    )
    card = locked(Scorecard, card, expected_version)
    if card.submitted_at:
        raise NotAllowed(_("Your scores were submitted and can no longer change."))
    comment = (comment or "").strip()
    errors = _score_errors(panel.edition, scores, submit)
    if len(comment) > MAX_COMMENT:
        errors["comment"] = [_("Write at most %(n)d characters.") % {"n": MAX_COMMENT}]
    if errors:
        raise ValidationFailed(field_errors=errors)
    for key, (value, note) in scores.items():
        if value is None:
            Score.objects.filter(scorecard=card, criterion_id=_int(key)).delete()
            continue
        Score.objects.update_or_create(
            scorecard=card,
            criterion_id=_int(key),
            defaults={"value": value, "comment": (note or "").strip()[:MAX_COMMENT]},
        )
    card.comment, card.version = comment, card.version + 1
    card.submitted_at = timezone.now() if submit else None
    card.weighted_mean = weighted_mean(card.scores.select_related("criterion")) if submit else None
    card.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=card,
        after={
            "scores": {s.criterion.name: s.value for s in card.scores.select_related("criterion")},
            "submitted": bool(submit),
        },
    )
    changed()
    return card
