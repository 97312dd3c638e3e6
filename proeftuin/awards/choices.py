"""Enumerations of the awards app (codes in English, labels translatable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

WORKFLOW_KIND = "award"


class NominationSource(models.TextChoices):
    SELF = "self", _("self-nomination")
    OTHER = "other", _("nominated by another party")


class Consent(models.TextChoices):
    PENDING = "pending", _("consent asked")
    GIVEN = "given", _("consent given")
    REFUSED = "refused", _("consent refused")


class PanelKind(models.TextChoices):
    SELECTION = "selection", _("selection committee")
    JURY = "jury", _("jury")


class Step(models.TextChoices):
    """What a panel scores and decides: the written submissions (long list, top ten), the
    pitches (finalists) and the site visits (winner)."""

    SUBMISSION = "submission", _("written submissions")
    PITCH = "pitch", _("pitches")
    SITE_VISIT = "site_visit", _("site visits")


class Decision(models.TextChoices):
    """A panel's decision, step by step: which nominations go on (the rest is not selected)."""

    LONG_LIST = "long_list", _("long list")
    TOP_TEN = "top_ten", _("top ten")
    FINALISTS = "finalist", _("finalists")
    WINNER = "winner", _("winner")
