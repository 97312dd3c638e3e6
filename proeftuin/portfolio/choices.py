"""Enumerations of the initiative record (codes in English, labels translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InnovationKind(models.TextChoices):
    SERVICE = "service", _("service innovation")
    PROCESS = "process", _("process innovation")
    ORGANISATION = "organisation", _("organisational innovation")
    TECHNOLOGY = "technology", _("technological innovation")
    COLLABORATION = "collaboration", _("collaboration innovation")


class OecdFacet(models.TextChoices):
    """The four facets of public sector innovation of the OECD OPSI."""

    ENHANCEMENT = "enhancement", _("enhancement-oriented")
    MISSION = "mission", _("mission-oriented")
    ADAPTIVE = "adaptive", _("adaptive")
    ANTICIPATORY = "anticipatory", _("anticipatory")


class TeamRole(models.TextChoices):
    OWNER = "owner", _("owner")
    SPONSOR = "sponsor", _("sponsor")
    GATEKEEPER = "gatekeeper", _("gatekeeper")
    TEAM = "team", _("team member")


# roles an initiative has at most one of
SINGLE_ROLES = (TeamRole.OWNER, TeamRole.SPONSOR)


class KpiUnit(models.TextChoices):
    PERCENT = "percent", "%"
    EUR = "eur", "EUR"
    COUNT = "count", _("count")
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    FTE = "fte", _("fte")
    SCORE = "score", _("score")


class KpiDirection(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


# the fixed prompts of a reflection conversation (field name, question)
REFLECTION_PROMPTS = (
    ("unexpected", _("What went differently than expected?")),
    ("easy", _("What was unexpectedly easy?")),
    ("interventions", _("Which interventions were made?")),
    ("course_change", _("Did the course change, and why?")),
    ("help_needed", _("What help is needed?")),
    ("transfer", _("How can the knowledge be passed on?")),
)
