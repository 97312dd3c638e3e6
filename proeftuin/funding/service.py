"""Public interface of the funding app for other apps."""

from proeftuin.funding.choices import DecisionOutcome, FundRole
from proeftuin.funding.conflicts import (
    conflict_reason,
    declared_relations,
    declared_relations_of,
)
from proeftuin.funding.models import Application, Fund, Obligation, Round
from proeftuin.funding.querysets import conflicted_organisation_ids
from proeftuin.funding.selectors import applications_visible, rounds_visible

# the writes the demo data is made with (proeftuin/demo/funding.py)
from proeftuin.funding.services_applications import application_save, application_start
from proeftuin.funding.services_applications_parts import partner_add
from proeftuin.funding.services_applications_submit import application_submit
from proeftuin.funding.services_decisions import DecisionInput, decision_prepare, decisions_batch
from proeftuin.funding.services_grants import (
    grant_to_initiative,
    obligation_fulfil,
    tranche_pay,
    tranche_plan,
)
from proeftuin.funding.services_reviews import assignment_create
from proeftuin.funding.services_reviews_scores import review_submit
from proeftuin.funding.services_rounds import (
    criterion_add,
    fund_create,
    fund_member_set,
    question_add,
    round_create,
    round_update,
    rule_add,
)
from proeftuin.funding.services_screening import screening_decide, screening_start
from proeftuin.funding.summary import DISAGREEMENT_SPREAD, CriterionSummary

__all__ = [
    "DISAGREEMENT_SPREAD",
    "Application",
    "CriterionSummary",
    "DecisionInput",
    "DecisionOutcome",
    "Fund",
    "FundRole",
    "Obligation",
    "Round",
    "application_save",
    "application_start",
    "application_submit",
    "applications_visible",
    "assignment_create",
    "conflict_reason",
    "conflicted_organisation_ids",
    "criterion_add",
    "decision_prepare",
    "decisions_batch",
    "declared_relations",
    "declared_relations_of",
    "fund_create",
    "fund_member_set",
    "grant_to_initiative",
    "obligation_fulfil",
    "partner_add",
    "question_add",
    "review_submit",
    "round_create",
    "round_update",
    "rounds_visible",
    "rule_add",
    "screening_decide",
    "screening_start",
    "tranche_pay",
    "tranche_plan",
]
