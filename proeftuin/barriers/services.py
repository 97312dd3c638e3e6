"""Writes to the barrier register: recording, changing and moving a barrier (the
authorities: ``authorities.py``). Atomic, permission-checked, audited, notified."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.barriers import permissions
from proeftuin.barriers.choices import State
from proeftuin.barriers.models import Barrier
from proeftuin.barriers.searchable import barrier_changed
from proeftuin.barriers.snapshot import barrier_snapshot
from proeftuin.barriers.validation import check_category, check_move, check_rule_url
from proeftuin.core.service import (
    AuditEntry,
    ConflictError,
    NotAllowed,
    ValidationFailed,
    audit_record,
    unique_slug,
)
from proeftuin.notifications.service import notify

EDITABLE = (
    "title",
    "category",
    "description",
    "rule",
    "rule_url",
    "change_request",
    "authority",
    "status",
    "visibility",
)
# the fixed words beside /knelpunten/<slug>/ (urls.py)
RESERVED = ("nieuw", "patroon", "instanties", "export", "meldingen", "koppeling", "van")
ROUTED_EVENT = "barrier.routed"
STATE_EVENT = "barrier.state"


def _clean(data: dict) -> dict:
    data = {k: v for k, v in data.items() if k in EDITABLE}
    if "title" in data and not str(data["title"]).strip():
        raise ValidationFailed(field_errors={"title": [_("Give the barrier a title.")]})
    if "description" in data and not str(data["description"]).strip():
        raise ValidationFailed(field_errors={"description": [_("Describe the barrier.")]})
    if "category" in data:
        check_category(data["category"])
    if "rule_url" in data:
        data["rule_url"] = check_rule_url(data["rule_url"])
    return data


def _url(barrier: Barrier) -> str:
    return reverse("barriers:detail", args=[barrier.slug])


def _tell_authority(barrier: Barrier, actor, title: str) -> None:
    if barrier.authority_id:
        notify(
            recipients=barrier.authority.contacts.all(),
            event=ROUTED_EVENT,
            title=title,
            url=_url(barrier),
            subject=barrier,
            actor=actor,
        )


@transaction.atomic
def barrier_create(*, actor, owner, data: dict) -> Barrier:
    allowed, reason = permissions.can_create_barrier(actor, owner)
    if not allowed:
        raise NotAllowed(reason)
    data = _clean({"title": "", "description": "", "category": "", **data})
    barrier = Barrier.objects.create(
        slug=unique_slug(Barrier, data["title"], fallback="knelpunt", reserved=RESERVED),
        owner=owner,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        state_changed_at=timezone.now(),
        **data,
    )
    audit_record(
        actor=actor, action=AuditEntry.Action.CREATE, obj=barrier, after=barrier_snapshot(barrier)
    )
    _tell_authority(barrier, actor, _("A barrier was routed to you: %s") % barrier.title)
    barrier_changed(barrier.pk)
    return barrier


@transaction.atomic
def barrier_update(*, actor, barrier: Barrier, data: dict, version: int | None = None) -> Barrier:
    barrier = Barrier.objects.select_for_update().get(pk=barrier.pk)
    allowed, reason = permissions.can_edit_barrier(actor, barrier)
    if not allowed:
        raise NotAllowed(reason)
    if version is not None and int(version) != barrier.version:
        raise ConflictError()
    data = _clean(data)
    before = barrier_snapshot(barrier)
    rerouted = "authority" in data and data["authority"] != barrier.authority
    for name, value in data.items():
        setattr(barrier, name, value)
    barrier.version += 1
    barrier.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=barrier,
        before=before,
        after=barrier_snapshot(barrier),
    )
    if rerouted:
        _tell_authority(barrier, actor, _("A barrier was routed to you: %s") % barrier.title)
    barrier_changed(barrier.pk)
    return barrier


def _watchers(barrier: Barrier):
    """Who hears of a new status: whoever recorded the barrier, whoever confirmed a link
    to it, and the authority's contacts."""
    from proeftuin.accounts.service import User

    ids = set(barrier.links.filter(decided_by__isnull=False).values_list("decided_by", flat=True))
    if barrier.created_by_id:
        ids.add(barrier.created_by_id)
    if barrier.authority_id:
        ids |= set(barrier.authority.contacts.values_list("pk", flat=True))
    return User.objects.filter(pk__in=ids)


@transaction.atomic
def barrier_move(*, actor, barrier: Barrier, state: str, resolution: str = "") -> Barrier:
    """Move ``barrier`` to ``state`` along the allowed transitions (``choices.TRANSITIONS``);
    resolved and assumed need a resolution."""
    barrier = (
        Barrier.objects.select_for_update(of=("self",))
        .select_related("authority")
        .get(pk=barrier.pk)
    )
    allowed, reason = permissions.can_move_barrier(actor, barrier)
    if not allowed:
        raise NotAllowed(reason)
    if barrier.merged_into_id:
        raise ValidationFailed(_("This barrier was merged into another one; change that one."))
    check_move(barrier.state, state, resolution)
    before = barrier_snapshot(barrier)
    barrier.state = state
    barrier.state_changed_at = timezone.now()
    if resolution.strip():
        barrier.resolution = resolution.strip()
    barrier.version += 1
    barrier.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=barrier,
        before=before,
        after=barrier_snapshot(barrier),
    )
    title = _("%(barrier)s is now: %(state)s") % {
        "barrier": barrier.title,
        "state": State(state).label,
    }
    notify(
        recipients=_watchers(barrier),
        event=STATE_EVENT,
        title=title,
        url=_url(barrier),
        subject=barrier,
        actor=actor,
    )
    barrier_changed(barrier.pk)
    return barrier
