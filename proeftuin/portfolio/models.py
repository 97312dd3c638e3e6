"""The initiative record: from a work-floor problem to standard practice, through the stages
and gates of its organisation's initiative workflow (proeftuin.core workflows)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import BaseModel, EditorialModel, WorkflowSubject
from proeftuin.portfolio.choices import (
    SINGLE_ROLES,
    InnovationKind,
    KpiDirection,
    KpiUnit,
    OecdFacet,
    TeamRole,
)
from proeftuin.portfolio.querysets import InitiativeQuerySet

MONEY = {"max_digits": 14, "decimal_places": 2}


class Initiative(EditorialModel, BaseModel, WorkflowSubject):
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=250)
    # problem first
    problem = models.TextField(_("societal problem"))
    affected = models.TextField(_("who suffers from it"), blank=True)
    chain = models.TextField(_("process or chain involved"), blank=True)
    intended_result = models.TextField(_("intended result"), blank=True)
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="owned_initiatives",
        verbose_name=_("lead organisation"),
    )
    partners = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="partner_initiatives",
        verbose_name=_("chain partners"),
    )
    themes = models.ManyToManyField(
        "cases.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    domains = models.ManyToManyField(
        "organisations.Domain", blank=True, related_name="+", verbose_name=_("domains")
    )
    kind = models.CharField(_("kind of innovation"), max_length=14, choices=InnovationKind.choices)
    facets = models.JSONField(_("OECD facets"), default=list, blank=True)
    inspired_by_cases = models.ManyToManyField(
        "cases.Case", blank=True, related_name="+", verbose_name=_("inspired by cases")
    )
    inspired_by = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="inspired",
        verbose_name=_("inspired by initiatives"),
    )
    started_on = models.DateField(_("start date"), null=True, blank=True)
    evaluation_date = models.DateField(_("evaluation date"), null=True, blank=True)
    reflection_interval_days = models.PositiveSmallIntegerField(
        _("reflection interval (days)"), null=True, blank=True
    )
    reflection_due = models.DateField(_("next reflection due"), null=True, blank=True)
    lessons = models.TextField(_("lessons"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    version = models.PositiveIntegerField(default=1)
    case = models.OneToOneField(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("case"),
        help_text=_("The case in the library this initiative became."),
    )
    case_pushed = models.JSONField(
        _("values last given to the case"),
        default=dict,
        blank=True,
        help_text=_("Per field, what the initiative last gave its case, to tell hand edits."),
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [
            models.Index(fields=["status", "visibility"]),
            models.Index(fields=["-updated_at"]),
            models.Index(fields=["reflection_due"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def facet_labels(self) -> list[str]:
        return [str(OecdFacet(code).label) for code in self.facets if code in OecdFacet.values]

    def workflow_roles(self, user) -> set[str]:
        """The roles ``user`` holds in this initiative's team ("owner", "sponsor",
        "gatekeeper", "team"), while still a member of the lead or a partner organisation."""
        from proeftuin.portfolio.permissions import is_current_team_member, team_roles

        if not is_current_team_member(user, self):
            return set()
        return team_roles(user, self)

    def workflow_missing(self, fields) -> list[tuple[str, str]]:
        """``(field, Dutch message)`` for each of ``fields`` this initiative lacks."""
        from proeftuin.portfolio.completeness import missing_fields

        return missing_fields(self, fields)

    @classmethod
    def workflow_field_choices(cls) -> dict[str, str]:
        """The fields a stage of an initiative pipeline may require, with their labels."""
        from proeftuin.portfolio.completeness import field_choices

        return field_choices(cls)


class TeamMember(BaseModel):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=12, choices=TeamRole.choices)

    class Meta:
        ordering = ["role", "user__username"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="unique_team_member"),
            models.UniqueConstraint(
                fields=["initiative", "role"],
                condition=Q(role__in=[str(r) for r in SINGLE_ROLES]),
                name="one_owner_and_sponsor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class LearningQuestion(BaseModel):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="learning_questions"
    )
    text = models.TextField(_("learning question"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("learning question")
        verbose_name_plural = _("learning questions")

    def __str__(self) -> str:
        return self.text[:80]


class Reflection(BaseModel):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="reflections")
    date = models.DateField(_("date"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    unexpected = models.TextField(_("what went differently than expected"), blank=True)
    easy = models.TextField(_("what was unexpectedly easy"), blank=True)
    interventions = models.TextField(_("interventions made"), blank=True)
    course_change = models.TextField(_("course change and why"), blank=True)
    help_needed = models.TextField(_("help needed"), blank=True)
    transfer = models.TextField(_("passing the knowledge on"), blank=True)
    questions = models.ManyToManyField(
        LearningQuestion, blank=True, related_name="reflections", verbose_name=_("answers")
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.date}"


class Kpi(BaseModel):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="kpis")
    measure = models.CharField(_("what is measured"), max_length=250)
    unit = models.CharField(_("unit"), max_length=10, choices=KpiUnit.choices)
    baseline = models.DecimalField(_("baseline"), null=True, blank=True, **MONEY)
    target = models.DecimalField(_("target"), null=True, blank=True, **MONEY)
    direction = models.CharField(_("direction"), max_length=8, choices=KpiDirection.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self) -> str:
        return self.measure


class Measurement(BaseModel):
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), **MONEY)
    source = models.CharField(_("source"), max_length=250, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.kpi_id}: {self.date} {self.value}"


class BudgetLine(BaseModel):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="budget")
    year = models.PositiveSmallIntegerField(_("year"))
    funding_source = models.CharField(_("funding source"), max_length=200)
    planned = models.DecimalField(_("planned (EUR)"), default=0, **MONEY)
    committed = models.DecimalField(_("committed (EUR)"), default=0, **MONEY)
    spent = models.DecimalField(_("spent (EUR)"), default=0, **MONEY)
    overspend_reason = models.TextField(_("reason for spending more than planned"), blank=True)

    class Meta:
        ordering = ["year", "funding_source", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.year} {self.funding_source}"


class HoursAllocation(BaseModel):
    """Hours made free for the initiative: a role, hours per week, from and to."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="hours")
    role = models.CharField(_("role"), max_length=200)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=6, decimal_places=1)
    start = models.DateField(_("available from"))
    end = models.DateField(_("available until"), null=True, blank=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("hours made free")
        verbose_name_plural = _("hours made free")

    def __str__(self) -> str:
        return f"{self.role}: {self.hours_per_week}"


class DueReminder(models.Model):
    """A reminder sent for one due date of one initiative (``kind`` gate or reflection),
    so the daily job tells nobody twice about the same date."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    due_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "kind", "due_date"], name="portfolio_one_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.due_date}"


class DashboardExport(BaseModel):
    """A dashboard written to a file on the worker for the person who asked for it, over
    what they may see when it runs; downloadable by them only, until ``expires_at``."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("in progress")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    scope = models.CharField(max_length=220)  # "all", "organisation:<slug>", "programme:<slug>"
    title = models.CharField(max_length=250)
    format = models.CharField(max_length=4)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    data = models.BinaryField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.format})"
