"""Competitions, their editions (criteria, categories and timeline per edition, because
criteria change), and the nominations of an edition with the nominee's consent and the
written submission per criterion. Nominations move through the edition's workflow (core
workflows of kind ``award``: nominated, submitted, long list, top ten, finalist, winner;
or not selected, withdrawn)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from proeftuin.awards.choices import Consent, NominationSource
from proeftuin.awards.querysets import EditionQuerySet, NominationQuerySet
from proeftuin.core.service import BaseModel, WorkflowSubject

USER = settings.AUTH_USER_MODEL


class Competition(BaseModel):
    """An award run every year by a programme (its managers are the organisers), such as
    the election of the best public organisation of the year."""

    programme = models.ForeignKey(
        "organisations.Programme",
        on_delete=models.PROTECT,
        related_name="competitions",
        verbose_name=_("organiser (programme)"),
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")

    def __str__(self) -> str:
        return self.name


class Edition(BaseModel):
    """One year of a competition: its timeline, criteria set and score scale."""

    competition = models.ForeignKey(Competition, on_delete=models.PROTECT, related_name="editions")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    workflow = models.ForeignKey("core.Workflow", on_delete=models.PROTECT, related_name="+")
    nominations_open = models.DateTimeField(_("nominations open"))
    nominations_close = models.DateTimeField(_("nominations close"))
    submissions_close = models.DateTimeField(_("submissions close"))
    selection_on = models.DateField(_("selection"), null=True, blank=True)
    pitches_on = models.DateField(_("pitches"), null=True, blank=True)
    site_visits_on = models.DateField(_("site visits"), null=True, blank=True)
    ceremony_on = models.DateField(_("ceremony"), null=True, blank=True)
    score_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    score_max = models.PositiveSmallIntegerField(_("highest score"), default=10)
    top_size = models.PositiveSmallIntegerField(_("size of the top"), default=10)
    finalists = models.PositiveSmallIntegerField(_("number of finalists"), default=3)
    published = models.BooleanField(_("published"), default=False)
    vote_opens = models.DateTimeField(
        _("public vote opens"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no audience prize."),
    )
    vote_closes = models.DateTimeField(_("public vote closes"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["competition", "-year"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(fields=["competition", "year"], name="edition_year_once")
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    theme = models.SlugField(
        _("theme"),
        max_length=60,
        blank=True,
        help_text=_("The theme of the casebook's theme set this criterion describes."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["edition", "order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="award_criterion_once")
        ]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("category"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["edition", "order", "id"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="award_category_once")
        ]

    def __str__(self) -> str:
        return self.name


class Nomination(WorkflowSubject, BaseModel):
    """An organisation (``owner``) nominated for an edition, by itself or by another party;
    nothing of it is public before the nominee consents."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="nominations")
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nominee"),
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    source = models.CharField(_("nominated by"), max_length=8, choices=NominationSource.choices)
    nominated_by = models.ForeignKey(
        USER, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("nominator")
    )
    motivation = models.TextField(_("why this organisation"), blank=True)
    consent = models.CharField(
        _("consent"), max_length=8, choices=Consent.choices, default=Consent.PENDING
    )
    consent_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_at = models.DateTimeField(_("consent decided"), null=True, blank=True)
    contacts = models.ManyToManyField(
        USER, blank=True, related_name="award_nominations", verbose_name=_("contacts")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    case = models.OneToOneField(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The case in the library this finalist became."),
    )
    version = models.PositiveIntegerField(default=1)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "owner__name"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [models.UniqueConstraint(fields=["edition", "owner"], name="nomination_once")]

    def __str__(self) -> str:
        return f"{self.owner} ({self.edition})"

    def workflow_roles(self, user) -> set[str]:
        from proeftuin.awards.permissions import nomination_roles

        return nomination_roles(user, self)


class SubmissionAnswer(models.Model):
    """The nominee's text for one criterion of the edition."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["nomination", "criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["nomination", "criterion"], name="answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.criterion}"


class Vote(models.Model):
    """One signed-in account's vote for the audience prize of an edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["edition", "voter"], name="vote_once")]

    def __str__(self) -> str:
        return f"{self.voter} → {self.nomination}"


from proeftuin.awards.models_casebook import (  # noqa: E402,F401
    Casebook,
    CasebookStatus,
    CasebookVersion,
)
from proeftuin.awards.models_judging import (  # noqa: E402,F401
    JudgeReminder,
    Panel,
    PanelDecision,
    Recusal,
    Score,
    Scorecard,
    SiteVisit,
)
