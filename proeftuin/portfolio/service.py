"""Public interface of the portfolio app for other apps."""

from proeftuin.portfolio.choices import InnovationKind, OecdFacet, TeamRole
from proeftuin.portfolio.models import Initiative
from proeftuin.portfolio.permissions import can_edit_initiative
from proeftuin.portfolio.selectors import (
    initiative_visible,
    initiatives_owned,
    reflections_due,
    reflections_overdue,
)
from proeftuin.portfolio.services import initiative_create, initiative_update

__all__ = [
    "Initiative",
    "InnovationKind",
    "OecdFacet",
    "TeamRole",
    "can_edit_initiative",
    "initiative_create",
    "initiative_update",
    "initiative_visible",
    "initiatives_owned",
    "reflections_due",
    "reflections_overdue",
]
