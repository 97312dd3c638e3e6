"""Public interface of the awards app for other apps."""

from proeftuin.awards.models import Competition, Edition, Nomination, PanelDecision, SiteVisit
from proeftuin.awards.models_judging import Panel, Scorecard
from proeftuin.awards.selectors import editions_visible, nominations_visible
from proeftuin.awards.services_casebooks import casebook_create
from proeftuin.awards.services_competitions import (
    competition_create,
    criterion_add,
    edition_create,
    edition_update,
)
from proeftuin.awards.services_decisions import panel_decide, site_visit_save
from proeftuin.awards.services_judging import (
    judging_refusal,
    panel_get_or_create,
    panel_member_add,
    scorecard_save,
)
from proeftuin.awards.services_nominations import (
    consent_decide,
    nomination_create,
    submission_save,
    submission_submit,
)
from proeftuin.awards.to_case import nomination_link_case, nomination_to_case

__all__ = [
    "Competition",
    "Edition",
    "Nomination",
    "Panel",
    "PanelDecision",
    "Scorecard",
    "SiteVisit",
    "casebook_create",
    "competition_create",
    "consent_decide",
    "criterion_add",
    "edition_create",
    "edition_update",
    "editions_visible",
    "judging_refusal",
    "nomination_create",
    "nomination_link_case",
    "nomination_to_case",
    "nominations_visible",
    "panel_decide",
    "panel_get_or_create",
    "panel_member_add",
    "scorecard_save",
    "site_visit_save",
    "submission_save",
    "submission_submit",
]
