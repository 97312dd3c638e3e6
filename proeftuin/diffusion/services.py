"""Writes to adoptions: atomic, permission-checked, audited, announced.

"Wij willen dit ook" starts an adoption (``adoption_start``); its course is a series of
status changes (``adoption_set_status``, each an ``AdoptionStep``), its details are what
was adapted and why and what it brought (``adoption_update``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.accounts.service import Role, User
from proeftuin.cases.service import Case, case_visible
from proeftuin.core.service import (
    AuditEntry,
    NotAllowed,
    ValidationFailed,
    Visibility,
    audit_record,
    content_changed,
)
from proeftuin.core.service import require as check
from proeftuin.diffusion import permissions, validation
from proeftuin.diffusion.choices import TAKEN_UP, AdoptionStatus, MeasureUnit
from proeftuin.diffusion.innovations import innovator_ids
from proeftuin.diffusion.models import Adoption, AdoptionMeasure, AdoptionStep
from proeftuin.diffusion.snapshot import adoption_snapshot
from proeftuin.notifications.service import notify, register_event
from proeftuin.portfolio.service import Initiative, initiative_visible

NEW_ADOPTION = "diffusion.adoption_started"
STATUS_CHANGED = "diffusion.adoption_status_changed"

register_event(NEW_ADOPTION, gettext_lazy("Another organisation wants to adopt your innovation"))
register_event(STATUS_CHANGED, gettext_lazy("An adoption of your innovation changed its status"))

EDITABLE_TEXT = ("adaptations", "outcomes")


def _check_innovation_visible(actor, innovation) -> None:
    if isinstance(innovation, Initiative):
        rows = initiative_visible(actor)
    elif isinstance(innovation, Case):
        rows = case_visible(actor)
    else:
        raise ValidationFailed(_("Choose an initiative or a case to adopt."))
    if not rows.filter(pk=innovation.pk).exists():
        raise NotAllowed(_("This innovation does not exist or is not visible to you."))


def _check_source_visible(actor, source) -> None:
    if source is not None and not Adoption.objects.visible_to(actor).filter(pk=source.pk).exists():
        raise NotAllowed(_("The source adoption does not exist or is not visible to you."))


def _check_visibility(value: str) -> None:
    if value not in Visibility.values:
        message = _("Choose who may see this adoption.")
        raise ValidationFailed(message, field_errors={"visibility": [message]})


def _innovator_editors(adoption: Adoption):
    owners = innovator_ids(adoption.innovation)
    return User.objects.filter(
        memberships__organisation_id__in=owners, memberships__role__gte=Role.EDITOR
    ).distinct()


def _announce(adoption: Adoption, *, event: str, title: str, actor) -> None:
    notify(
        recipients=_innovator_editors(adoption),
        event=event,
        title=title,
        url=reverse("diffusion:detail", args=[adoption.uuid]),
        subject=adoption,
        actor=actor,
    )


@transaction.atomic
def adoption_start(
    *,
    actor,
    innovation,
    adopter,
    source: Adoption | None = None,
    status: str = AdoptionStatus.INTERESTED,
    started_on: datetime.date | None = None,
    visibility: str = Visibility.PUBLIC,
    reason: str = "",
) -> Adoption:
    """Start an adoption of ``innovation`` (an Initiative or a Case) by ``adopter``,
    learned from ``source`` (another adoption of it; ``None``: from the innovator).
    ``actor=None``: a system write (demo data), without the permission checks."""
    if actor is not None:
        check(permissions.can_adopt_for(actor, adopter))
        _check_innovation_visible(actor, innovation)
        _check_source_visible(actor, source)
    _check_visibility(visibility)
    validation.check_status(status, reason)
    validation.check_not_own(innovation, adopter)
    validation.check_not_twice(innovation, adopter)
    validation.check_source(innovation, adopter, source)
    today = started_on or timezone.localdate()
    adoption = Adoption.objects.create(
        initiative=innovation if isinstance(innovation, Initiative) else None,
        case=innovation if isinstance(innovation, Case) else None,
        adopter=adopter,
        source=source,
        status=status,
        abandoned_reason=reason if status == AdoptionStatus.ABANDONED else "",
        visibility=visibility,
        started_on=today,
        adopted_on=today if status in TAKEN_UP else None,
        ended_on=today if status == AdoptionStatus.ABANDONED else None,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    AdoptionStep.objects.create(
        adoption=adoption, status=status, reason=reason, on=today, actor=adoption.created_by
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=adoption,
        after=adoption_snapshot(adoption),
    )
    title = _("%(organisation)s wants to adopt “%(innovation)s”") % {
        "organisation": adopter,
        "innovation": innovation,
    }
    _announce(adoption, event=NEW_ADOPTION, title=title, actor=actor)
    content_changed("diffusion")
    return adoption


def _locked(adoption: Adoption) -> Adoption:
    return Adoption.objects.select_for_update().select_related("adopter").get(pk=adoption.pk)


def save_recorded(adoption: Adoption, *, actor, before: dict) -> Adoption:
    """Save a changed adoption with its version raised, and record the change in the
    audit trail (before and after)."""
    adoption.version = F("version") + 1
    adoption.save()
    adoption.refresh_from_db()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=adoption,
        before=before,
        after=adoption_snapshot(adoption),
    )
    return adoption


@transaction.atomic
def adoption_set_status(
    *, actor, adoption: Adoption, status: str, reason: str = "", on: datetime.date | None = None
) -> Adoption:
    """Move ``adoption`` to ``status`` with the reason (required when abandoning); the
    course is kept as steps. Adopted and adapted set ``adopted_on``, abandoned ``ended_on``."""
    adoption = _locked(adoption)
    if actor is not None:
        check(permissions.can_edit_adoption(actor, adoption))
    validation.check_status(status, reason)
    if status == adoption.status and not reason:
        return adoption
    on = on or timezone.localdate()
    if on < adoption.started_on:
        message = _("A status cannot change before the adoption started.")
        raise ValidationFailed(message, field_errors={"on": [message]})
    before = adoption_snapshot(adoption)
    previous = adoption.status
    adoption.status = status
    if status == AdoptionStatus.ABANDONED:
        adoption.abandoned_reason, adoption.ended_on = reason.strip(), on
    else:
        adoption.abandoned_reason, adoption.ended_on = "", None
    if status in TAKEN_UP and adoption.adopted_on is None:
        adoption.adopted_on = on
    elif status not in TAKEN_UP and status != AdoptionStatus.ABANDONED:
        adoption.adopted_on = None
    adoption = save_recorded(adoption, actor=actor, before=before)
    actor_row = actor if getattr(actor, "is_authenticated", False) else None
    AdoptionStep.objects.create(
        adoption=adoption, status=status, previous=previous, reason=reason, on=on, actor=actor_row
    )
    title = _("The adoption of “%(innovation)s” by %(organisation)s is now: %(status)s") % {
        "innovation": adoption.innovation,
        "organisation": adoption.adopter,
        "status": adoption.get_status_display(),
    }
    _announce(adoption, event=STATUS_CHANGED, title=title, actor=actor)
    content_changed("diffusion")
    return adoption


def _measures(adoption: Adoption, rows: list[dict[str, Any]]) -> None:
    errors = []
    for row in rows:
        if not str(row.get("measure") or "").strip() or row.get("value") is None:
            errors.append(_("Each measured outcome needs what is measured and a value."))
        elif row.get("unit") not in MeasureUnit.values:
            errors.append(_("Choose the unit of each measured outcome."))
    if errors:
        raise ValidationFailed(errors[0], field_errors={"measures": errors[:1]})
    adoption.measures.all().delete()
    AdoptionMeasure.objects.bulk_create(
        AdoptionMeasure(
            adoption=adoption,
            measure=row["measure"].strip(),
            unit=row["unit"],
            baseline=row.get("baseline"),
            value=row["value"],
            measured_on=row.get("measured_on"),
            order=index,
        )
        for index, row in enumerate(rows)
    )


@transaction.atomic
def adoption_update(*, actor, adoption: Adoption, **data: Any) -> Adoption:
    """Change what was adapted and why, the outcomes (text and ``measures``), the source
    and the visibility. Keys left out stay as they are."""
    adoption = _locked(adoption)
    if actor is not None:
        check(permissions.can_edit_adoption(actor, adoption))
    before = adoption_snapshot(adoption)
    for name in EDITABLE_TEXT:
        if name in data:
            setattr(adoption, name, (data[name] or "").strip())
    if "visibility" in data:
        _check_visibility(data["visibility"])
        adoption.visibility = data["visibility"]
    if "source" in data and data["source"] != adoption.source:
        if actor is not None:
            _check_source_visible(actor, data["source"])
        validation.check_source(
            adoption.innovation, adoption.adopter, data["source"], adoption=adoption
        )
        adoption.source = data["source"]
    if "measures" in data:
        _measures(adoption, data["measures"])
    adoption = save_recorded(adoption, actor=actor, before=before)
    content_changed("diffusion")
    return adoption


@transaction.atomic
def adoption_withdraw(*, actor, adoption: Adoption) -> None:
    """Remove an adoption recorded by mistake. Those who learned it from this adopter keep
    their place in the lineage: their source becomes this adoption's own source."""
    adoption = _locked(adoption)
    check(permissions.can_edit_adoption(actor, adoption))
    before = adoption_snapshot(adoption)
    Adoption.objects.filter(source=adoption).update(source=adoption.source_id)
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=adoption, before=before)
    adoption.delete()
    content_changed("diffusion")
