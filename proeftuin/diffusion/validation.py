"""The invariants of an adoption, checked by the services before anything is written
(and shared by forms, API and the demo loader through the services)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from proeftuin.core.service import DuplicateError, ValidationFailed
from proeftuin.diffusion.choices import AdoptionStatus
from proeftuin.diffusion.innovations import innovation_q, innovator_ids
from proeftuin.diffusion.models import Adoption


def check_not_own(innovation, adopter) -> None:
    if adopter.pk in innovator_ids(innovation):
        message = _("An organisation cannot adopt its own innovation.")
        raise ValidationFailed(message, field_errors={"adopter": [message]})


def check_not_twice(innovation, adopter, *, exclude=None) -> None:
    rows = Adoption.objects.filter(innovation_q(innovation), adopter=adopter)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    if rows.exists():
        raise DuplicateError(
            _("%(organisation)s already has an adoption of this innovation.")
            % {"organisation": adopter}
        )


def check_source(innovation, adopter, source, *, adoption=None) -> None:
    """The source is an adoption of the same innovation by another organisation, and
    following the sources from it never comes back to ``adoption`` (no cycle)."""
    if source is None:
        return
    errors = None
    if not Adoption.objects.filter(innovation_q(innovation), pk=source.pk).exists():
        errors = _("The source must be an adoption of the same innovation.")
    elif source.adopter_id == adopter.pk:
        errors = _("An organisation cannot have learned the innovation from itself.")
    elif adoption is not None and adoption.pk in lineage_above(source):
        errors = _(
            "This source would make a circle in the lineage: %(organisation)s learned it "
            "(directly or through others) from this adoption."
        ) % {"organisation": source.adopter}
    if errors:
        raise ValidationFailed(errors, field_errors={"source": [errors]})


def lineage_above(adoption) -> list[int]:
    """The primary keys of ``adoption`` and of every adoption it came from, up to the
    innovator (stops at a loop, which the constraint and this check keep out)."""
    seen: list[int] = []
    current = adoption.pk
    while current is not None and current not in seen:
        seen.append(current)
        current = Adoption.objects.filter(pk=current).values_list("source_id", flat=True).first()
    return seen


def check_status(status: str, reason: str) -> None:
    if status not in AdoptionStatus.values:
        raise ValidationFailed(
            _("Unknown status."), field_errors={"status": [_("Choose a status from the list.")]}
        )
    if status == AdoptionStatus.ABANDONED and not (reason or "").strip():
        message = _("Say why the adoption was abandoned: others learn most from that.")
        raise ValidationFailed(message, field_errors={"abandoned_reason": [message]})
