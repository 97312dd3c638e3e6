"""Enumerations of the case description (codes in English, labels translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    IDEA = "idea", _("idea")
    EXPLORATION = "exploration", _("exploration")
    PILOT = "pilot", _("pilot")
    EVALUATION = "evaluation", _("evaluation")
    SCALING = "scaling", _("scaling")
    STANDARD_PRACTICE = "standard_practice", _("standard practice")
    STOPPED = "stopped", _("stopped with lessons")


class OpsiPhase(models.TextChoices):
    """The OECD OPSI innovation lifecycle."""

    IDENTIFYING_PROBLEMS = "identifying_problems", _("identifying problems")
    GENERATING_IDEAS = "generating_ideas", _("generating ideas")
    DEVELOPING_PROPOSALS = "developing_proposals", _("developing proposals")
    IMPLEMENTING = "implementing", _("implementing projects")
    EVALUATING = "evaluating", _("evaluating projects")
    DIFFUSING = "diffusing", _("diffusing lessons")


STAGE_TO_OPSI = {
    Stage.IDEA: OpsiPhase.GENERATING_IDEAS,
    Stage.EXPLORATION: OpsiPhase.DEVELOPING_PROPOSALS,
    Stage.PILOT: OpsiPhase.IMPLEMENTING,
    Stage.EVALUATION: OpsiPhase.EVALUATING,
    Stage.SCALING: OpsiPhase.DIFFUSING,
    Stage.STANDARD_PRACTICE: OpsiPhase.DIFFUSING,
    Stage.STOPPED: OpsiPhase.EVALUATING,
}


# shared with every module (re-exported here for the case library's own modules)
from proeftuin.core.editorial import UNPUBLISHED, EditorialStatus, Visibility  # noqa: E402

__all__ = ["UNPUBLISHED", "EditorialStatus", "Visibility"]


class OutcomeUnit(models.TextChoices):
    PERCENT = "percent", "%"
    EUR = "eur", "EUR"
    COUNT = "count", _("count")
    FTE = "fte", _("fte")
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")
    HOURS = "hours", _("hours")
    SCORE = "score", _("score")
    OTHER = "other", _("other")


class Direction(models.TextChoices):
    INCREASE = "increase", _("increase")
    DECREASE = "decrease", _("decrease")
    NEUTRAL = "neutral", _("level")


class OutcomeKind(models.TextChoices):
    FINANCIAL = "financial", _("money")
    TIME = "time", _("time")
    QUALITY = "quality", _("quality")
    VOLUME = "volume", _("volume and reach")
    SATISFACTION = "satisfaction", _("satisfaction")
    STAFF = "staff", _("staff")
    OTHER = "other", _("other")


class LessonKind(models.TextChoices):
    SUCCESS_FACTOR = "success_factor", _("success factor")
    PITFALL = "pitfall", _("pitfall")
    WORKED = "worked", _("what worked")
    DID_NOT_WORK = "did_not_work", _("what did not work")


class BarrierCategory(models.TextChoices):
    LEGAL = "legal", _("legal")
    FINANCIAL = "financial", _("financial")
    TECHNICAL = "technical", _("technical")
    CULTURAL = "cultural", _("cultural")
    INSTITUTIONAL = "institutional", _("institutional")


class RecognitionKind(models.TextChoices):
    AWARD = "award", _("award winner")
    FINALIST = "finalist", _("finalist")
    PATENT = "patent", _("innovation patent")


class RecordSource(models.TextChoices):
    """Records of the platform a case value can cite (``RecordCitation``)."""

    INITIATIVE = "initiative", _("initiative")
    REFLECTION = "reflection", _("reflection")
    MEASUREMENT = "measurement", _("measurement")
    SUBMISSION = "submission", _("award submission")
    SITE_VISIT = "site_visit", _("site visit")
