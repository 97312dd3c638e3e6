"""Public interface of the funding app for other apps."""

from proeftuin.funding.choices import DecisionOutcome, FundRole
from proeftuin.funding.models import Application, Fund, Round
from proeftuin.funding.querysets import conflicted_organisation_ids
from proeftuin.funding.selectors import applications_visible, rounds_visible

__all__ = [
    "Application",
    "DecisionOutcome",
    "Fund",
    "FundRole",
    "Round",
    "applications_visible",
    "conflicted_organisation_ids",
    "rounds_visible",
]
