"""An application to a round: the lead organisation (``owner``) with its partner
organisations, the applicants who write it (``created_by`` and ``team``), the problem and
the idea, the amounts, the answers to the round's form, its attachments, the prior cases
search found while it was written, and the decision. It moves through the round's
pipeline (a core workflow)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import BaseModel, WorkflowSubject
from proeftuin.funding.choices import DecisionOutcome
from proeftuin.funding.querysets import ApplicationQuerySet
from proeftuin.portfolio.service import KpiDirection, KpiUnit

USER = settings.AUTH_USER_MODEL
MONEY = {"max_digits": 12, "decimal_places": 2}


class Application(WorkflowSubject, BaseModel):
    round = models.ForeignKey(
        "funding.Round", on_delete=models.PROTECT, related_name="applications"
    )
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead organisation"),
    )
    created_by = models.ForeignKey(
        USER,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("applicant"),
    )
    team = models.ManyToManyField(
        USER, blank=True, related_name="funding_applications", verbose_name=_("co-applicants")
    )
    title = models.CharField(_("title"), max_length=250)
    problem = models.TextField(_("problem"), blank=True)
    idea = models.TextField(_("idea"), blank=True)
    public_summary = models.TextField(_("public summary"), blank=True)
    amount_requested = models.DecimalField(
        _("amount requested (EUR)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        **MONEY,
    )
    total_cost = models.DecimalField(
        _("total cost (EUR)"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True
    )
    category = models.ForeignKey(
        "funding.BudgetCategory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("budget category"),
    )
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("initiative"),
        help_text=_("The initiative the application started from or became."),
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    prior_cases = models.JSONField(
        _("prior cases found"),
        default=list,
        blank=True,
        help_text=_("What 'has this been tried before?' found while the application was written."),
    )
    prior_checked_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    info_request = models.TextField(_("information requested"), blank=True)
    screening_note = models.TextField(_("screening decision"), blank=True)
    outcome = models.CharField(
        _("decision"), max_length=8, choices=DecisionOutcome.choices, blank=True, default=""
    )
    granted_amount = models.DecimalField(_("amount granted (EUR)"), null=True, blank=True, **MONEY)
    conditions = models.TextField(_("conditions"), blank=True)
    decision_reason = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["round", "stage"], name="funding_app_round_stage"),
            models.Index(fields=["round", "outcome"], name="funding_app_round_outcome"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=DecisionOutcome.GRANTED) | Q(granted_amount__gt=0),
                name="application_granted_has_amount",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | ~Q(decision_reason="") | Q(outcome="granted"),
                name="application_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def workflow_roles(self, user) -> set[str]:
        from proeftuin.funding.permissions import application_roles

        return application_roles(user, self)


class ApplicationPartner(models.Model):
    """A co-applying organisation (never the lead itself)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    contribution = models.CharField(_("contribution"), max_length=300, blank=True)

    class Meta:
        ordering = ["application", "organisation__name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organisation"], name="application_partner_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class ApplicationKpi(BaseModel):
    """What the experiment will measure to show it works: carried over as the initiative's
    KPIs when the grant becomes an initiative."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="kpis")
    measure = models.CharField(_("what is measured"), max_length=250)
    unit = models.CharField(_("unit"), max_length=10, choices=KpiUnit.choices)
    baseline = models.DecimalField(_("baseline"), null=True, blank=True, **MONEY)
    target = models.DecimalField(_("target"), null=True, blank=True, **MONEY)
    direction = models.CharField(_("direction"), max_length=8, choices=KpiDirection.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["application", "order", "id"]
        verbose_name = _("KPI of an application")
        verbose_name_plural = _("KPIs of applications")

    def __str__(self) -> str:
        return self.measure


class Attachment(BaseModel):
    """A file answering one of the form's file questions (``question_key``)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    question_key = models.SlugField(_("question"), max_length=60)
    file = models.FileField(_("file"), upload_to="funding/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["application", "question_key", "name"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
