"""Public interface of the portfolio app for other apps."""

from proeftuin.portfolio.choices import InnovationKind, KpiDirection, KpiUnit, OecdFacet, TeamRole
from proeftuin.portfolio.exports import WRITERS as EXPORT_WRITERS
from proeftuin.portfolio.models import Initiative, Reflection
from proeftuin.portfolio.permissions import can_edit_initiative
from proeftuin.portfolio.selectors import (
    initiative_visible,
    initiatives_owned,
    reflections_due,
    reflections_overdue,
)
from proeftuin.portfolio.services import initiative_create, initiative_update, team_member_add
from proeftuin.portfolio.services_parts import (
    budget_line_save,
    hours_save,
    kpi_save,
    learning_question_save,
    measurement_save,
    reflection_save,
)
from proeftuin.portfolio.to_case import (
    can_make_case,
    initiative_push_to_case,
    initiative_to_case,
)

__all__ = [
    "EXPORT_WRITERS",
    "Initiative",
    "InnovationKind",
    "KpiDirection",
    "KpiUnit",
    "OecdFacet",
    "Reflection",
    "TeamRole",
    "budget_line_save",
    "can_edit_initiative",
    "can_make_case",
    "hours_save",
    "initiative_create",
    "initiative_push_to_case",
    "initiative_to_case",
    "initiative_update",
    "initiative_visible",
    "initiatives_owned",
    "kpi_save",
    "learning_question_save",
    "measurement_save",
    "reflection_save",
    "reflections_due",
    "reflections_overdue",
    "team_member_add",
]
