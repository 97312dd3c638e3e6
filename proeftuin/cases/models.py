"""The uniform case description and its parts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from proeftuin.cases.choices import (
    STAGE_TO_OPSI,
    BarrierCategory,
    Direction,
    EditorialStatus,
    LessonKind,
    OutcomeKind,
    OutcomeUnit,
    RecognitionKind,
    RecordSource,
    Stage,
)
from proeftuin.cases.querysets import CaseQuerySet
from proeftuin.core.service import BaseModel, EditorialModel


class ThemeSet(BaseModel):
    """A set of themes a case is described by; administrators add sets in the admin."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(_("default for new cases"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme set")
        verbose_name_plural = _("theme sets")

    def __str__(self) -> str:
        return self.name


class Theme(BaseModel):
    theme_set = models.ForeignKey(
        ThemeSet, on_delete=models.CASCADE, related_name="themes", verbose_name=_("theme set")
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["theme_set", "order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["theme_set", "key"], name="unique_theme_key")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def facet_value(self) -> str:
        return f"{self.theme_set.key}.{self.key}"


class Case(EditorialModel, BaseModel):
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"))
    year_start = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    year_end = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    stage = models.CharField(_("lifecycle stage"), max_length=20, choices=Stage.choices)
    theme_set = models.ForeignKey(
        ThemeSet, on_delete=models.PROTECT, related_name="+", verbose_name=_("theme set")
    )
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="owned_cases",
        verbose_name=_("owning organisation"),
        help_text=_("Its members see the case when it is not public."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        through="CaseOrganisation",
        related_name="cases",
        verbose_name=_("organisations"),
    )
    version = models.PositiveIntegerField(default=1)
    archived_from = models.CharField(
        _("status before archiving"), max_length=12, blank=True, choices=EditorialStatus.choices
    )
    deleted_at = models.DateTimeField(
        _("deleted at"),
        null=True,
        blank=True,
        help_text=_("Deleted with its source document; removed for good after 30 days."),
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-year_start", "title"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["status", "visibility"]),
            models.Index(fields=["status", "visibility", "-year_start", "title"]),
            models.Index(fields=["-year_start", "title"]),
            models.Index(fields=["title"]),
            models.Index(fields=["-updated_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def opsi_phase(self):
        return STAGE_TO_OPSI[Stage(self.stage)]

    @property
    def years_display(self) -> str:
        if self.year_start and self.year_end and self.year_end != self.year_start:
            return f"{self.year_start}–{self.year_end}"
        return str(self.year_start or self.year_end or "")


class CaseOrganisation(models.Model):
    """An organisation of a case, with its profile as it was at the time of the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_organisations")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="case_links"
    )
    is_lead = models.BooleanField(_("lead organisation"), default=False)
    order = models.PositiveSmallIntegerField(default=0)
    profile_snapshot = models.JSONField(_("profile at the time"), default=dict)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation"], name="unique_case_org")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.organisation_id}"


class CaseSection(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sections")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("text"))

    class Meta:
        ordering = ["theme__order"]
        constraints = [models.UniqueConstraint(fields=["case", "theme"], name="unique_case_theme")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.theme_id}"


class Outcome(BaseModel):
    """A measured result as a typed fact, e.g. "gedwongen uithuisplaatsingen −60%"."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outcomes")
    measure = models.CharField(_("what is measured"), max_length=250)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=OutcomeUnit.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=14, choices=OutcomeKind.choices)
    period = models.CharField(_("period"), max_length=60, blank=True)
    baseline = models.CharField(_("baseline"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]


class Lesson(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="lessons")
    kind = models.CharField(_("kind"), max_length=16, choices=LessonKind.choices)
    text = models.TextField(_("lesson"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def order_key(self) -> str:
        """The position as cited in ``Citation.field`` / ``RecordCitation.field``."""
        return str(self.order)


class CaseBarrier(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="barriers")
    category = models.CharField(_("category"), max_length=14, choices=BarrierCategory.choices)
    text = models.TextField(_("barrier"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def order_key(self) -> str:
        """The position as cited in ``Citation.field`` / ``RecordCitation.field``."""
        return str(self.order)


class CasePerson(models.Model):
    """A named person (personal data): names are shown only to members of the owner."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.role


class CasePartner(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_in",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Recognition(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recognitions")
    kind = models.CharField(_("kind"), max_length=10, choices=RecognitionKind.choices)
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "kind"]

    def __str__(self) -> str:
        return f"{self.kind} {self.name} {self.year or ''}".strip()


class Citation(models.Model):
    """Where a field value comes from: a document, a page and a quote."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="citations")
    field = models.CharField(
        _("field"),
        max_length=120,
        help_text=_('Path of the cited value, e.g. "summary", "sections.openness", "outcomes.0".'),
    )
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="citations"
    )
    page = models.PositiveIntegerField(_("page"), null=True, blank=True)
    quote = models.TextField(_("quote"), blank=True)

    class Meta:
        ordering = ["field", "page"]

    def __str__(self) -> str:
        return f"{self.field}: {self.document_id} p. {self.page}"


class RecordCitation(models.Model):
    """Where a field value comes from in a record of the platform itself: the initiative a
    case grew out of, one of its reflections or one of its measurements."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="record_citations")
    field = models.CharField(
        _("field"),
        max_length=120,
        help_text=_('Path of the cited value, e.g. "summary", "lessons.0", "outcomes.0".'),
    )
    source_kind = models.CharField(_("kind of source"), max_length=12, choices=RecordSource.choices)
    source_id = models.UUIDField(_("source"))
    label = models.CharField(_("label"), max_length=250)
    quote = models.TextField(_("quote"), blank=True)

    class Meta:
        ordering = ["field", "id"]

    def __str__(self) -> str:
        return f"{self.field}: {self.source_kind} {self.source_id}"


class CaseFacetValue(models.Model):
    """Denormalised facet index: one row per (case, facet, value), rebuilt on every write."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=80)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "facet", "value"], name="unique_case_facet_value"
            )
        ]
        indexes = [models.Index(fields=["facet", "value", "case"])]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"
