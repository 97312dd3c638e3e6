"""The adoption record: an innovation (an initiative or a case) taken up by another
organisation, and from whom it learned it (the lineage).

An initiative and the case it became (``Initiative.case``) are one innovation: an
adoption names whichever of the two the adopter started from, and lineage, counts and the
"same adoption twice" rule treat both as one (``proeftuin.diffusion.innovations``)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import BaseModel, Visibility
from proeftuin.diffusion.choices import AdoptionStatus, MeasureUnit
from proeftuin.diffusion.querysets import AdoptionQuerySet
from proeftuin.diffusion.reference import one_innovation


class Adoption(BaseModel):
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("initiative adopted"),
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("case adopted"),
    )
    adopter = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("adopting organisation"),
    )
    source = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="passed_on",
        verbose_name=_("adopted from"),
        help_text=_("Empty: straight from the innovator (the lead organisation)."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AdoptionStatus.choices,
        default=AdoptionStatus.INTERESTED,
    )
    abandoned_reason = models.TextField(_("reason for abandoning"), blank=True)
    adaptations = models.TextField(_("what was adapted and why"), blank=True)
    outcomes = models.TextField(_("outcomes at the adopter"), blank=True)
    adopter_initiative = models.ForeignKey(
        "portfolio.Initiative",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("the adopter's own initiative"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    started_on = models.DateField(_("started on"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    ended_on = models.DateField(_("abandoned on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    version = models.PositiveIntegerField(default=1)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [
            one_innovation("adoption_one_innovation"),
            models.UniqueConstraint(
                fields=["initiative", "adopter"],
                condition=Q(initiative__isnull=False),
                name="adoption_unique_initiative_adopter",
            ),
            models.UniqueConstraint(
                fields=["case", "adopter"],
                condition=Q(case__isnull=False),
                name="adoption_unique_case_adopter",
            ),
            models.CheckConstraint(
                condition=~Q(source=F("id")), name="adoption_not_its_own_source"
            ),
            models.CheckConstraint(
                condition=~Q(status=AdoptionStatus.ABANDONED) | ~Q(abandoned_reason=""),
                name="adoption_abandoned_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["adopted_on"]),
            models.Index(fields=["visibility"]),
        ]

    def __str__(self) -> str:
        return f"{self.adopter} – {self.innovation}"

    @property
    def innovation(self):
        """The initiative or case adopted."""
        return self.initiative if self.initiative_id else self.case

    @property
    def innovation_kind(self) -> str:
        return "initiative" if self.initiative_id else "case"

    @property
    def path_kind(self) -> str:
        """The innovation's kind as its address names it (``initiatief`` or ``casus``)."""
        return "initiatief" if self.initiative_id else "casus"

    @property
    def is_taken_up(self) -> bool:
        return self.status in (AdoptionStatus.ADOPTED, AdoptionStatus.ADAPTED)


class AdoptionStep(models.Model):
    """One status change of an adoption (the history of its course), with the reason given."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("status"), max_length=12, choices=AdoptionStatus.choices)
    previous = models.CharField(
        _("previous status"), max_length=12, choices=AdoptionStatus.choices, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)
    on = models.DateField(_("date"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.adoption_id}: {self.previous} → {self.status}"


class AdoptionMeasure(BaseModel):
    """A measured outcome at the adopter: what, before and after, in which unit."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="measures")
    measure = models.CharField(_("what is measured"), max_length=250)
    unit = models.CharField(_("unit"), max_length=10, choices=MeasureUnit.choices)
    baseline = models.DecimalField(
        _("before"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    value = models.DecimalField(_("after"), max_digits=14, decimal_places=2)
    measured_on = models.DateField(_("measured on"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("measured outcome")
        verbose_name_plural = _("measured outcomes")

    def __str__(self) -> str:
        return self.measure
