"""Judging: the panels of an edition (a selection committee and a jury, each with a chair),
their members, recusals, the scorecards per judge, nomination and step (a score per
criterion on the edition's scale, with comments), and the site-visit reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from proeftuin.awards.choices import Decision, PanelKind, Step
from proeftuin.awards.querysets import ScorecardQuerySet
from proeftuin.core.service import BaseModel

USER = settings.AUTH_USER_MODEL


class Panel(BaseModel):
    edition = models.ForeignKey("awards.Edition", on_delete=models.CASCADE, related_name="panels")
    kind = models.CharField(_("panel"), max_length=10, choices=PanelKind.choices)
    chair = models.ForeignKey(
        USER,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("chair"),
    )
    members = models.ManyToManyField(
        USER, blank=True, related_name="award_panels", verbose_name=_("members")
    )

    class Meta:
        ordering = ["edition", "kind"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        constraints = [models.UniqueConstraint(fields=["edition", "kind"], name="panel_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.edition})"


class Recusal(BaseModel):
    """A judge steps aside from one nomination, with the reason (audited)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="recusals")
    judge = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    nomination = models.ForeignKey(
        "awards.Nomination", on_delete=models.CASCADE, related_name="recusals"
    )
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [
            models.UniqueConstraint(fields=["panel", "judge", "nomination"], name="recusal_once")
        ]

    def __str__(self) -> str:
        return f"{self.judge} / {self.nomination}"


class Scorecard(BaseModel):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="scorecards")
    judge = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    nomination = models.ForeignKey(
        "awards.Nomination", on_delete=models.CASCADE, related_name="scorecards"
    )
    step = models.CharField(_("step"), max_length=12, choices=Step.choices)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # the mean of the card's scores weighted by the criteria's weights, set when it is
    # submitted (a submitted card no longer changes): ranks the candidates of a decision
    weighted_mean = models.FloatField(_("weighted mean"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ScorecardQuerySet.as_manager()

    class Meta:
        ordering = ["nomination", "judge"]
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "judge", "nomination", "step"], name="scorecard_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.judge} / {self.nomination} ({self.step})"


class Score(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("awards.Criterion", on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["scorecard", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="score_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class PanelDecision(BaseModel):
    """A panel's decision at one step: the nominations it chose (they move on; the others
    at that step are not selected) and its discussion notes."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    chosen = models.ManyToManyField("awards.Nomination", related_name="+", verbose_name=_("chosen"))
    notes = models.TextField(_("discussion notes"), blank=True)
    decided_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["panel", "created_at"]
        verbose_name = _("panel decision")
        verbose_name_plural = _("panel decisions")
        constraints = [
            models.UniqueConstraint(fields=["panel", "decision"], name="panel_decision_once")
        ]

    def __str__(self) -> str:
        return f"{self.panel}: {self.get_decision_display()}"


class SiteVisit(BaseModel):
    """The jury's report of its visit to a finalist."""

    nomination = models.OneToOneField(
        "awards.Nomination", on_delete=models.CASCADE, related_name="site_visit"
    )
    visited_on = models.DateField(_("visited on"))
    findings = models.TextField(_("findings of the jury"))
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("site visit")
        verbose_name_plural = _("site visits")

    def __str__(self) -> str:
        return f"{self.nomination} ({self.visited_on})"


class JudgeReminder(models.Model):
    """A reminder to a judge of the nominations still to score at one step: sent by an
    organiser (``sent_by``) or by the daily job before the step's date (``due_on``; the job
    reminds each judge once per due date)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="reminders")
    judge = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(_("step"), max_length=12, choices=Step.choices)
    open_count = models.PositiveIntegerField(_("still to score"))
    due_on = models.DateField(_("due"), null=True, blank=True)
    sent_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder to a judge")
        verbose_name_plural = _("reminders to judges")
        indexes = [models.Index(fields=["panel", "step", "judge", "sent_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "judge", "step", "due_on"],
                condition=models.Q(sent_by__isnull=True),
                name="judge_reminder_once_per_due_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.judge} / {self.panel} ({self.step})"
