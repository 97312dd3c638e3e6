"""Duplicates in the register: suggested by similarity (the search app's Dutch analysis),
merged by a person. A merged barrier keeps its row and its history; it points to the one it
was merged into, and its links and reports move there."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from proeftuin.barriers import permissions
from proeftuin.barriers.choices import LinkStatus
from proeftuin.barriers.models import Barrier, BarrierLink
from proeftuin.barriers.searchable import barrier_changed
from proeftuin.barriers.similarity import DUPLICATE_AT, barrier_terms, cosine
from proeftuin.core.service import AuditEntry, NotAllowed, ValidationFailed, audit_record

RANK = {LinkStatus.CONFIRMED: 2, LinkStatus.SUGGESTED: 1, LinkStatus.REJECTED: 0}


def duplicate_candidates(*, user, barrier: Barrier, top: int = 5) -> list[tuple[float, Barrier]]:
    """Visible barriers of the same category that look like ``barrier``, best first."""
    wanted = barrier_terms(barrier)
    rows = (
        Barrier.objects.visible_to(user)
        .current()
        .filter(category=barrier.category)
        .exclude(pk=barrier.pk)
        .only("pk", "slug", "title", "description", "rule", "state")
    )
    scored = [(round(cosine(wanted, barrier_terms(b)), 3), b) for b in rows]
    scored = [pair for pair in scored if pair[0] >= DUPLICATE_AT]
    scored.sort(key=lambda pair: (-pair[0], pair[1].pk))
    return scored[:top]


def _refuse_cycle(barrier: Barrier, into: Barrier) -> None:
    if into.pk == barrier.pk:
        raise ValidationFailed(_("A barrier cannot be merged into itself."))
    seen, step = set(), into
    while step.merged_into_id and step.pk not in seen:
        seen.add(step.pk)
        if step.merged_into_id == barrier.pk:
            raise ValidationFailed(
                _("“%(into)s” was merged into this barrier; it cannot take this barrier in.")
                % {"into": into.title}
            )
        step = step.merged_into
    if into.merged_into_id:
        raise ValidationFailed(
            _("“%(into)s” was itself merged into “%(final)s”; merge into that one.")
            % {"into": into.title, "final": step.title}
        )
    if barrier.merged_into_id:
        raise ValidationFailed(_("This barrier was already merged into another one."))


def _move_links(barrier: Barrier, into: Barrier) -> int:
    moved = 0
    for link in BarrierLink.objects.filter(barrier=barrier):
        lookup = (
            {"initiative_id": link.initiative_id}
            if link.initiative_id
            else {"case_id": link.case_id}
        )
        existing = BarrierLink.objects.filter(barrier=into, **lookup).first()
        if existing is None:
            link.barrier = into
            link.save(update_fields=["barrier", "updated_at"])
            moved += 1
        elif RANK[LinkStatus(link.status)] > RANK[LinkStatus(existing.status)]:
            existing.delete()
            link.barrier = into
            link.save(update_fields=["barrier", "updated_at"])
            moved += 1
        else:
            link.delete()
    return moved


@transaction.atomic
def barrier_merge(*, actor, barrier: Barrier, into: Barrier) -> Barrier:
    """Merge ``barrier`` into ``into``; refused (in Dutch) into itself, into one of its own
    duplicates, or into a barrier that was merged itself."""
    barrier = Barrier.objects.select_for_update().get(pk=barrier.pk)
    into = Barrier.objects.select_for_update().get(pk=into.pk)
    _refuse_cycle(barrier, into)
    allowed, reason = permissions.can_merge_barriers(actor, barrier, into)
    if not allowed:
        raise NotAllowed(reason)
    moved = _move_links(barrier, into)
    barrier.reports.update(barrier=into)
    barrier.merged_into = into
    barrier.version += 1
    barrier.save(update_fields=["merged_into", "version", "updated_at"])
    into.version += 1
    into.save(update_fields=["version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=barrier,
        before={"merged_into": ""},
        after={"merged_into": into.slug},
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=into,
        before={"merged": ""},
        after={"merged": f"{barrier.slug} ({moved} links)"},
    )
    barrier_changed(barrier.pk)
    barrier_changed(into.pk)
    return into
