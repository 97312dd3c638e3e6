"""Claims of a patent's reward: requested by the innovator for one adopting organisation,
decided by the programme's managers (owed -> approved -> paid, or rejected with a reason).

An adoption counts when the adopter is not the innovator, its status is adopted or
adopted with adaptations, and at least one introduction meeting with the adopter was
held. One claim per (patent, adopter): the patent row is locked while the request is
checked and the unique constraint backs it, so a second claim is a clear refusal (409 in
the API) and the first stays as it was."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from proeftuin.core.service import (
    AuditEntry,
    ConflictError,
    DuplicateError,
    audit_record,
    content_changed,
)
from proeftuin.diffusion.service import TAKEN_UP, Adoption, innovation_q, innovator_ids
from proeftuin.notifications.service import notify
from proeftuin.patents import events, permissions, validation
from proeftuin.patents.choices import DECISIONS, ClaimDecision, ClaimStatus
from proeftuin.patents.models import InnovationPatent, PatentClaim
from proeftuin.patents.services import check, editors_of, patent_url, require_active, snapshot
from proeftuin.patents.validation import refuse

CLAIM_FIELDS = ("status", "amount", "rejected_reason", "paid_on", "reason")


def _duplicate(adopter) -> DuplicateError:
    message = _(
        "A reward for %(adopter)s was already claimed on this patent; a patent pays once "
        "per adopting organisation."
    ) % {"adopter": adopter.name}
    return DuplicateError(message, field_errors={"adopter": [message]})


def claimed(patent, adopter) -> bool:
    return patent.claims.filter(adopter=adopter).exists()


def _counting_adoption(patent, adopter) -> Adoption:
    """The adoption the claim rests on, or a refusal saying why it does not count."""
    if adopter.pk in innovator_ids(patent.innovation):
        refuse("adopter", _("The innovator cannot claim a reward for its own adoption."))
    adoptions = Adoption.objects.filter(innovation_q(patent.innovation), adopter=adopter)
    adoption = adoptions.order_by("-adopted_on", "-pk").first()
    if adoption is None:
        refuse(
            "adopter",
            _("%(adopter)s has no adoption of this innovation.") % {"adopter": adopter.name},
        )
    if adoption.status not in TAKEN_UP:
        refuse(
            "adopter",
            _(
                "The adoption by %(adopter)s does not count yet: its status is “%(status)s”; "
                "only an adoption (with or without adaptations) counts."
            )
            % {"adopter": adopter.name, "status": adoption.get_status_display()},
        )
    return adoption


def _first_meeting(patent, adopter):
    meeting = patent.meetings.filter(adopters=adopter).order_by("date", "pk").first()
    if meeting is None:
        refuse(
            "adopter",
            _(
                "No introduction meeting with %(adopter)s was recorded; the reward is paid in "
                "return for at least one."
            )
            % {"adopter": adopter.name},
        )
    return meeting


def claim_reason(adoption, meeting) -> str:
    adopted = adoption.adopted_on or adoption.started_on
    return _(
        "%(adopter)s %(status)s the innovation (%(adopted)s); introduction meeting held on "
        "%(meeting)s."
    ) % {
        "adopter": adoption.adopter.name,
        "status": adoption.get_status_display(),
        "adopted": date_format(adopted),
        "meeting": date_format(meeting.date),
    }


@transaction.atomic
def claim_request(*, actor, patent: InnovationPatent, adopter) -> PatentClaim:
    """Claim the reward for ``adopter`` (an organisation) on ``patent``."""
    check(permissions.can_act_for_innovator(actor, patent))
    if adopter is None:
        refuse("adopter", _("Choose the adopting organisation."))
    patent = InnovationPatent.objects.select_for_update().get(pk=patent.pk)
    require_active(patent)
    if claimed(patent, adopter):
        raise _duplicate(adopter)
    adoption = _counting_adoption(patent, adopter)
    meeting = _first_meeting(patent, adopter)
    claim = PatentClaim(
        patent=patent,
        adopter=adopter,
        adoption=adoption,
        reason=claim_reason(adoption, meeting),
        amount=patent.reward_per_adopter,
        requested_by=actor,
    )
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError as exc:
        raise _duplicate(adopter) from exc
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=claim,
        after=snapshot(claim, CLAIM_FIELDS) | {"adopter": adopter.name},
    )
    notify(
        recipients=list(patent.programme.managers.all()),
        event=events.CLAIM_REQUESTED,
        title=_("Reward claimed for %(adopter)s: %(title)s")
        % {"adopter": adopter.name, "title": patent.title},
        url=patent_url(patent) + "#vergoedingen",
        subject=patent,
        actor=actor,
    )
    content_changed("patents")
    return claim


def _apply(claim, decision, reason, paid_on) -> None:
    allowed_from, target = DECISIONS[decision]
    if claim.status not in allowed_from:
        raise ConflictError(
            _("This claim is already %(status)s; it cannot be changed that way.")
            % {"status": claim.get_status_display()}
        )
    if target == ClaimStatus.REJECTED:
        if not (reason or "").strip():
            refuse("reason", _("Give the reason for rejecting the claim."))
        claim.rejected_reason = reason.strip()
    if target == ClaimStatus.PAID:
        claim.paid_on = validation.past_date(paid_on, "paid_on")
    claim.status = target


@transaction.atomic
def claim_decide(
    *, actor, claim: PatentClaim, decision: str, reason: str = "", paid_on=None, version=None
) -> PatentClaim:
    """Approve, record as paid or reject a claim (programme managers)."""
    check(permissions.can_decide_claims(actor, claim.patent))
    if decision not in ClaimDecision.values:
        refuse("decision", _("Choose to approve, record as paid or reject."))
    claim = PatentClaim.objects.select_for_update().select_related("patent").get(pk=claim.pk)
    if version is not None and int(version) != claim.version:
        raise ConflictError()
    before = snapshot(claim, CLAIM_FIELDS)
    _apply(claim, ClaimDecision(decision), reason, paid_on)
    claim.decided_by, claim.version = actor, claim.version + 1
    claim.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=claim,
        before=before,
        after=snapshot(claim, CLAIM_FIELDS),
    )
    if claim.status in (ClaimStatus.PAID, ClaimStatus.REJECTED):
        _tell_innovator(actor, claim)
    content_changed("patents")
    return claim


def _tell_innovator(actor, claim) -> None:
    patent = claim.patent
    if claim.status == ClaimStatus.PAID:
        title = _("Reward paid for %(adopter)s: %(title)s")
    else:
        title = _("Reward claim rejected for %(adopter)s: %(title)s")
    notify(
        recipients=editors_of([patent.innovator_id]),
        event=events.CLAIM_DECIDED,
        title=title % {"adopter": claim.adopter.name, "title": patent.title},
        url=patent_url(patent) + "#vergoedingen",
        subject=patent,
        actor=actor,
    )
