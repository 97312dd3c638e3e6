"""The organisation registry."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import BaseModel, Visibility
from proeftuin.organisations.choices import (
    GovernmentLayer,
    OrganisationType,
    Province,
    SizeBand,
    format_staff,
    size_band_for,
)


class Domain(BaseModel):
    """A policy domain (sociaal domein, water, belastingen...)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self) -> str:
        return self.name


class Organisation(BaseModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    government_layer = models.CharField(
        _("government layer"), max_length=20, choices=GovernmentLayer.choices
    )
    organisation_type = models.CharField(
        _("organisation type"), max_length=30, choices=OrganisationType.choices
    )
    staff_exact = models.PositiveIntegerField(_("staff (exact)"), null=True, blank=True)
    staff_min = models.PositiveIntegerField(_("staff (from)"), null=True, blank=True)
    staff_max = models.PositiveIntegerField(_("staff (to)"), null=True, blank=True)
    staff_year = models.PositiveSmallIntegerField(
        _("staff count year"), null=True, blank=True, validators=[MinValueValidator(1800)]
    )
    size_band = models.CharField(
        _("size band"), max_length=4, choices=SizeBand.choices, blank=True, editable=False
    )
    domains = models.ManyToManyField(Domain, blank=True, verbose_name=_("domains"))
    province = models.CharField(_("province"), max_length=4, choices=Province.choices, blank=True)
    municipality = models.CharField(_("municipality"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    share_review_decisions = models.BooleanField(
        _("share review decisions"),
        default=False,
        help_text=_(
            "Let the accepted and rejected theme codings of this organisation's documents also "
            "teach the classifier that reads other organisations' documents."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["government_layer"]),
            models.Index(fields=["organisation_type"]),
            models.Index(fields=["province"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def staff_estimate(self) -> int | None:
        """One number for the staff: the exact count, else the middle of the range."""
        if self.staff_exact is not None:
            return self.staff_exact
        bounds = [b for b in (self.staff_min, self.staff_max) if b is not None]
        return sum(bounds) // len(bounds) if bounds else None

    @property
    def staff_display(self) -> str:
        return format_staff(self.staff_exact, self.staff_min, self.staff_max)

    def refresh_size_band(self) -> None:
        self.size_band = size_band_for(self.staff_estimate)

    def profile_snapshot(self) -> dict:
        """The profile as it stands now, kept on a case so later edits don't rewrite history."""
        return {
            "name": self.name,
            "abbreviation": self.abbreviation,
            "government_layer": self.government_layer,
            "organisation_type": self.organisation_type,
            "staff_exact": self.staff_exact,
            "staff_min": self.staff_min,
            "staff_max": self.staff_max,
            "staff_year": self.staff_year,
            "size_band": self.size_band,
            "domains": sorted(d.key for d in self.domains.all()),
            "province": self.province,
            "municipality": self.municipality,
            "website": self.website,
        }


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public programmes for everyone; the others for members of a member
        organisation (a current role there), the programme's managers and platform
        administrators."""
        from proeftuin.accounts.service import is_platform_admin, roles_by_organisation

        if is_platform_admin(user):
            return self
        public = models.Q(visibility=Visibility.PUBLIC)
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.filter(public)
        members = list(roles_by_organisation(user))
        managed = models.Q(pk__in=self.model.objects.filter(managers=user).values("pk"))
        if not members:
            return self.filter(public | managed)
        mine = self.model.objects.filter(members__in=members).values("pk")
        return self.filter(public | models.Q(pk__in=mine) | managed)


class Programme(BaseModel):
    """A (national) programme over several organisations, such as a Rijksprogramma: its
    dashboard shows the portfolio of the member organisations, as far as the viewer may
    see each initiative."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        Organisation, blank=True, related_name="programmes", verbose_name=_("member organisations")
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_programmes",
        verbose_name=_("programme managers"),
        help_text=_("They award innovation patents and decide their claims."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=[(v.value, v.label) for v in (Visibility.PUBLIC, Visibility.ORGANISATION)],
        default=Visibility.PUBLIC,
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name
