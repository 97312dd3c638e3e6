"""Public interface of the funding app for other apps."""

from proeftuin.funding.choices import DecisionOutcome, FundRole
from proeftuin.funding.conflicts import conflict_reason, declared_relations
from proeftuin.funding.models import Application, Fund, Round
from proeftuin.funding.querysets import conflicted_organisation_ids
from proeftuin.funding.selectors import applications_visible, rounds_visible
from proeftuin.funding.summary import DISAGREEMENT_SPREAD, CriterionSummary

__all__ = [
    "DISAGREEMENT_SPREAD",
    "Application",
    "CriterionSummary",
    "DecisionOutcome",
    "Fund",
    "FundRole",
    "Round",
    "applications_visible",
    "conflict_reason",
    "conflicted_organisation_ids",
    "declared_relations",
    "rounds_visible",
]
