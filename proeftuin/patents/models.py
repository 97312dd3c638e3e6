"""The innovation patent: a programme awards it to the innovator of a proven innovation
and pays an agreed reward per organisation that adopts it, in return for at least one
introduction meeting with that organisation. Its introduction meetings and its claims
(one per adopting organisation: owed, approved, paid or rejected)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import BaseModel
from proeftuin.diffusion.service import InnovationReference, one_innovation
from proeftuin.patents.choices import DEFAULT_REWARD, ClaimStatus, PatentStatus
from proeftuin.patents.querysets import PatentQuerySet

USER = settings.AUTH_USER_MODEL
MONEY = {"max_digits": 12, "decimal_places": 2}


def _organisation(verbose_name):
    return models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
    )


def _user(verbose_name):
    return models.ForeignKey(
        USER,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


class InnovationPatent(InnovationReference, BaseModel):
    programme = models.ForeignKey(
        "organisations.Programme",
        on_delete=models.PROTECT,
        related_name="patents",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=250)
    innovator = _organisation(_("innovator"))
    reward_per_adopter = models.DecimalField(
        _("reward per adopting organisation (EUR)"),
        default=DEFAULT_REWARD,
        validators=[MinValueValidator(0)],
        **MONEY,
    )
    conditions = models.TextField(_("conditions"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=PatentStatus.choices, default=PatentStatus.ACTIVE
    )
    awarded_on = models.DateField(_("awarded on"))
    awarded_by = _user(_("awarded by"))
    version = models.PositiveIntegerField(default=1)

    objects = PatentQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_on", "-id"]
        verbose_name = _("innovation patent")
        verbose_name_plural = _("innovation patents")
        constraints = [
            one_innovation("patent_one_innovation"),
            models.CheckConstraint(
                condition=Q(reward_per_adopter__gt=0), name="patent_reward_positive"
            ),
            models.UniqueConstraint(
                fields=["programme", "initiative"],
                condition=Q(initiative__isnull=False),
                name="patent_once_per_programme_initiative",
            ),
            models.UniqueConstraint(
                fields=["programme", "case"],
                condition=Q(case__isnull=False),
                name="patent_once_per_programme_case",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class IntroductionMeeting(BaseModel):
    patent = models.ForeignKey(InnovationPatent, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    adopters = models.ManyToManyField(
        "organisations.Organisation", related_name="+", verbose_name=_("organisations introduced")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = _user(_("recorded by"))

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("introduction meeting")
        verbose_name_plural = _("introduction meetings")

    def __str__(self) -> str:
        return f"{self.patent} – {self.date}"


class PatentClaim(BaseModel):
    """The reward claimed for one adopting organisation (at most one per patent)."""

    patent = models.ForeignKey(InnovationPatent, on_delete=models.CASCADE, related_name="claims")
    adopter = _organisation(_("adopting organisation"))
    adoption = models.ForeignKey(
        "diffusion.Adoption", on_delete=models.PROTECT, related_name="+", verbose_name=_("adoption")
    )
    reason = models.TextField(_("why it counts"))
    amount = models.DecimalField(_("amount (EUR)"), **MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.OWED
    )
    rejected_reason = models.TextField(_("reason for rejecting"), blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    requested_by = _user(_("requested by"))
    decided_by = _user(_("decided by"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("patent claim")
        verbose_name_plural = _("patent claims")
        constraints = [
            models.UniqueConstraint(fields=["patent", "adopter"], name="patent_claim_once"),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.REJECTED) | ~Q(rejected_reason=""),
                name="patent_claim_rejected_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.PAID) | Q(paid_on__isnull=False),
                name="patent_claim_paid_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.patent} – {self.adopter}"
