"""Enumerations of the funding app (codes in English, labels translatable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# the two default application pipelines (core workflows, data migration 0002)
WORKFLOW_KIND = "application"
WORKFLOW_KIND_TWO_STAGE = "application_two_stage"
WORKFLOW_KINDS = (WORKFLOW_KIND, WORKFLOW_KIND_TWO_STAGE)

# review scores: 0-5 on every criterion
SCORE_MIN, SCORE_MAX = 0, 5


class FundRole(models.TextChoices):
    SCREENER = "screener", _("screener")
    REVIEWER = "reviewer", _("reviewer")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("text")
    NUMBER = "number", _("number")
    AMOUNT = "amount", _("amount (EUR)")
    CHOICE = "choice", _("choice")
    FILE = "file", _("file")
    ORGANISATION = "organisation", _("organisation")
    TEAM = "team", _("team")


class QuestionPhase(models.TextChoices):
    """In a two-stage round: asked in the idea sketch, in the full proposal, or in both."""

    BOTH = "both", _("sketch and full proposal")
    SKETCH = "sketch", _("idea sketch only")
    FULL = "full", _("full proposal only")


class RuleKind(models.TextChoices):
    CO_FINANCING = "co_financing", _("co-financing per budget band")
    MAX_AMOUNT = "max_amount", _("maximum amount")
    MAX_DURATION = "max_duration", _("maximum duration")
    MIN_GOVERNMENT_BODIES = "min_government_bodies", _("minimum number of government bodies")
    REQUIRED_ATTACHMENT = "required_attachment", _("required attachment")
    PUBLIC_SUMMARY = "public_summary", _("public summary")


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("assigned")
    SUBMITTED = "submitted", _("review submitted")
    RECUSED = "recused", _("recused")


class Recommendation(models.TextChoices):
    YES = "yes", _("yes")
    MAYBE = "maybe", _("maybe")
    NO = "no", _("no")


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", _("granted")
    REJECTED = "rejected", _("rejected")


class ObligationKind(models.TextChoices):
    PROGRESS_REPORT = "progress_report", _("progress report")
    REFLECTION = "reflection", _("reflection")
    FINAL_REPORT = "final_report", _("final report")
    TRANSFER = "transfer", _("transfer: a case in the library")


class TrancheStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    PAID = "paid", _("paid")
