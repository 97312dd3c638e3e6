"""Writes to innovation patents: atomic, permission-checked, audited, notified.

Claims are in ``services_claims``."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role
from proeftuin.core.service import (
    AuditEntry,
    DuplicateError,
    ValidationFailed,
    audit_record,
    content_changed,
)
from proeftuin.core.service import require as check
from proeftuin.diffusion.service import canonical, innovation_is_proven, innovator_ids
from proeftuin.notifications.service import notify
from proeftuin.patents import events, permissions, validation
from proeftuin.patents.choices import DEFAULT_REWARD, PatentStatus
from proeftuin.patents.models import InnovationPatent, IntroductionMeeting
from proeftuin.patents.validation import refuse

PATENT_FIELDS = ("title", "reward_per_adopter", "conditions", "status", "awarded_on")


def patent_url(patent: InnovationPatent) -> str:
    return reverse("patents:detail", args=[patent.uuid])


def snapshot(obj, fields) -> dict:
    """Field values for the audit trail (dates as ISO text, amounts as text)."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value) if isinstance(value, Decimal) else value


def editors_of(organisation_ids) -> list:
    from proeftuin.accounts.service import User

    return list(
        User.objects.filter(
            memberships__organisation_id__in=organisation_ids,
            memberships__role__gte=Role.EDITOR,
        ).distinct()
    )


def _duplicate() -> DuplicateError:
    message = _("This programme already awarded an innovation patent to this innovation.")
    return DuplicateError(message, field_errors={"innovation": [message]})


@transaction.atomic
def patent_award(
    *,
    actor,
    programme,
    innovation,
    reward_per_adopter=DEFAULT_REWARD,
    conditions: str = "",
    awarded_on=None,
    title: str = "",
) -> InnovationPatent:
    """``programme`` awards a patent to the innovator of ``innovation`` (an initiative or
    a case, proven); the reward is paid per adopting organisation that counts."""
    check(permissions.can_award_patent(actor, programme))
    innovation = _chosen(innovation)
    amount = validation.reward(reward_per_adopter)
    awarded_on = validation.past_date(awarded_on, "awarded_on")
    _check_proven(innovation)
    patent = InnovationPatent(
        programme=programme,
        title=(title or "").strip()[:250] or innovation.title,
        innovator_id=innovation.owner_id,
        reward_per_adopter=amount,
        conditions=(conditions or "").strip(),
        awarded_on=awarded_on,
        awarded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    patent.innovation = innovation
    _save_once(patent)
    _announce_award(actor, patent)
    content_changed("patents")
    return patent


def _chosen(innovation):
    if innovation is None:
        refuse("innovation", _("Choose the innovation the patent is for."))
    return canonical(innovation)


def _check_proven(innovation) -> None:
    if not innovation_is_proven(innovation):
        refuse(
            "innovation",
            _(
                "Only a proven innovation can get a patent: adopted by another organisation, "
                "a case with measured outcomes, or an initiative that is scaling up."
            ),
        )


def _save_once(patent: InnovationPatent) -> None:
    """Save a new patent; one per programme and innovation (checked, then constrained)."""
    if InnovationPatent.objects.filter(
        programme=patent.programme, initiative=patent.initiative, case=patent.case
    ).exists():
        raise _duplicate()
    try:
        with transaction.atomic():
            patent.save()
    except IntegrityError as exc:
        raise _duplicate() from exc


def _announce_award(actor, patent: InnovationPatent) -> None:
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=patent,
        after=snapshot(patent, PATENT_FIELDS)
        | {"programme": patent.programme.name, "innovator": patent.innovator.name},
    )
    notify(
        recipients=editors_of([patent.innovator_id]),
        event=events.AWARDED,
        title=_("Innovation patent awarded: %(title)s") % {"title": patent.title},
        url=patent_url(patent),
        subject=patent,
        actor=actor,
    )


@transaction.atomic
def patent_end(*, actor, patent: InnovationPatent) -> InnovationPatent:
    """End a patent: no new meetings or claims; what is owed stays owed."""
    check(permissions.can_decide_claims(actor, patent))
    patent = InnovationPatent.objects.select_for_update().get(pk=patent.pk)
    if patent.status == PatentStatus.ENDED:
        raise ValidationFailed(_("This innovation patent has already ended."))
    before = snapshot(patent, PATENT_FIELDS)
    patent.status, patent.version = PatentStatus.ENDED, patent.version + 1
    patent.save(update_fields=["status", "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=patent,
        before=before,
        after=snapshot(patent, PATENT_FIELDS),
    )
    content_changed("patents")
    return patent


def require_active(patent: InnovationPatent) -> None:
    if patent.status != PatentStatus.ACTIVE:
        raise ValidationFailed(_("This innovation patent has ended; nothing can be added."))


@transaction.atomic
def meeting_record(*, actor, patent, date=None, adopters=(), notes: str = ""):
    """The innovator held an introduction meeting with ``adopters`` (organisations)."""
    check(permissions.can_act_for_innovator(actor, patent))
    patent = InnovationPatent.objects.select_for_update().get(pk=patent.pk)
    require_active(patent)
    date = validation.past_date(date, "date")
    adopters = list(adopters)
    if not adopters:
        refuse("adopters", _("Name at least one organisation that was introduced."))
    innovators = innovator_ids(patent.innovation)
    if any(org.pk in innovators for org in adopters):
        refuse("adopters", _("The innovator cannot introduce the innovation to itself."))
    meeting = IntroductionMeeting.objects.create(
        patent=patent, date=date, notes=(notes or "").strip(), created_by=actor
    )
    meeting.adopters.set(adopters)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=meeting,
        after={
            "patent": str(patent.uuid),
            "date": date.isoformat(),
            "adopters": sorted(org.name for org in adopters),
            "notes": meeting.notes,
        },
    )
    content_changed("patents")
    return meeting
