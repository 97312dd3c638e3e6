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
from proeftuin.portfolio.to_case import (
    can_make_case,
    initiative_push_to_case,
    initiative_to_case,
)

__all__ = [
    "Initiative",
    "InnovationKind",
    "OecdFacet",
    "TeamRole",
    "can_edit_initiative",
    "can_make_case",
    "initiative_create",
    "initiative_push_to_case",
    "initiative_to_case",
    "initiative_update",
    "initiative_visible",
    "initiatives_owned",
    "reflections_due",
    "reflections_overdue",
]
