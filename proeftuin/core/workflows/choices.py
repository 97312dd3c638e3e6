"""Enumerations of the workflow mechanism (codes in English, labels translatable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StageCategory(models.TextChoices):
    """What a stage means on any pipeline, whatever its name: dashboards count by it and the
    rule that a stop needs lessons works on it."""

    OPEN = "open", _("open")
    CLOSED_SUCCESS = "closed_success", _("closed (success)")
    CLOSED_STOPPED = "closed_stopped", _("closed (stopped)")
    PARKED = "parked", _("parked")


class Decision(models.TextChoices):
    """A gate decision; a plain move has none ("")."""

    GO = "go", _("go")
    NO_GO = "no_go", _("no-go")
    ADJUST = "adjust", _("adjust")
    PARK = "park", _("park")


# Roles in the subject's owning organisation an actor list may name ("editor": that role or
# higher). Any other name is a subject role that the subject resolves (workflow_roles).
ORGANISATION_ROLES = ("viewer", "contributor", "editor", "admin")

ROLE_LABELS = {
    "viewer": _("viewers of the organisation"),
    "contributor": _("contributors of the organisation"),
    "editor": _("editors of the organisation"),
    "admin": _("administrators of the organisation"),
    "owner": _("the owner"),
    "sponsor": _("the sponsor"),
    "gatekeeper": _("the gatekeeper"),
    "team": _("the team"),
    "applicant": _("the applicants"),
    "manager": _("the programme managers"),
    "screener": _("the screeners"),
    "organiser": _("the organisers of the competition"),
    "nominee": _("the nominee"),
}
