"""A programme's funds and their rounds: dates, budget (total and per category), the
assessment criteria, the application form (questions managers edit without code), the
rules an application must meet (data: a kind with parameters) and the people who screen
and review. Applications, reviews and grants live in the modules imported at the end."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import BaseModel
from proeftuin.funding.choices import FundRole, QuestionKind, QuestionPhase, RuleKind

USER = settings.AUTH_USER_MODEL
MONEY = {"max_digits": 12, "decimal_places": 2}


class Fund(BaseModel):
    """Risk capital a programme (its managers) hands out in rounds."""

    programme = models.ForeignKey(
        "organisations.Programme",
        on_delete=models.PROTECT,
        related_name="funds",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="fund_name_per_programme")
        ]

    def __str__(self) -> str:
        return self.name


class FundMember(BaseModel):
    """A screener or reviewer of a fund (its managers are the programme's managers), with
    their expertise (themes, free words) and how many applications they review per round."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="fund_roles")
    role = models.CharField(_("role"), max_length=10, choices=FundRole.choices)
    expertise = models.CharField(
        _("expertise"), max_length=300, blank=True, help_text=_("Words, separated by commas.")
    )
    max_assignments = models.PositiveSmallIntegerField(
        _("at most this many applications per round"), default=10
    )

    class Meta:
        ordering = ["fund", "role", "user__username"]
        verbose_name = _("fund member")
        verbose_name_plural = _("fund members")
        constraints = [
            models.UniqueConstraint(fields=["fund", "user", "role"], name="fund_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class ConflictDeclaration(BaseModel):
    """A relation a reviewer or judge declares with an organisation (besides their own
    organisations, which always count): they are never assigned its applications."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="conflict_declarations")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("relation"), max_length=300)

    class Meta:
        ordering = ["user", "organisation__name"]
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="conflict_declared_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class Round(BaseModel):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("deadline"))
    decision_due = models.DateField(_("decisions due by"), null=True, blank=True)
    budget = models.DecimalField(_("budget (EUR)"), validators=[MinValueValidator(0)], **MONEY)
    workflow = models.ForeignKey(
        "core.Workflow", on_delete=models.PROTECT, related_name="+", verbose_name=_("procedure")
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Open for applications and on the public page.")
    )
    report_every_months = models.PositiveSmallIntegerField(
        _("progress report every (months)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("A granted experiment reports its progress at this interval."),
    )
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-opens_at", "title"]
        verbose_name = _("funding round")
        verbose_name_plural = _("funding rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="round_dates"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.published and self.opens_at <= now < self.closes_at


class BudgetCategory(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=150)
    amount = models.DecimalField(_("budget (EUR)"), validators=[MinValueValidator(0)], **MONEY)

    class Meta:
        ordering = ["round", "name"]
        verbose_name = _("budget category")
        verbose_name_plural = _("budget categories")
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="category_name_per_round")
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """An assessment criterion, scored 0-5 by every reviewer, weighted in the summary."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["round", "order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="criterion_name_per_round"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class FormQuestion(models.Model):
    """One question of the round's application form; its answer is kept under ``key``."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=60)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.TextField(_("explanation"), blank=True)
    kind = models.CharField(_("kind"), max_length=14, choices=QuestionKind.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    phase = models.CharField(
        _("asked in"), max_length=6, choices=QuestionPhase.choices, default=QuestionPhase.BOTH
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["round", "order", "id"]
        verbose_name = _("form question")
        verbose_name_plural = _("form questions")
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="question_key_per_round")
        ]

    def __str__(self) -> str:
        return self.label


class RoundRule(models.Model):
    """A rule every application of the round must meet, checked on submit (``rules.py``)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("kind"), max_length=24, choices=RuleKind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["round", "order", "id"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")

    def __str__(self) -> str:
        return self.get_kind_display()


from proeftuin.funding.models_applications import (  # noqa: E402,F401
    Application,
    ApplicationKpi,
    ApplicationPartner,
    Attachment,
)
from proeftuin.funding.models_grants import (  # noqa: E402,F401
    DecisionLetter,
    LetterTemplate,
    Obligation,
    Tranche,
)
from proeftuin.funding.models_reviews import Review, ReviewAssignment, ReviewScore  # noqa: E402,F401
