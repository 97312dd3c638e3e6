"""After the decision: letter templates per fund and the letters sent (PDF and ODT kept on
the application); for a grant, its obligations (progress reports, reflections, the final
report, the transfer into the case library) and its payment tranches against milestones."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import BaseModel
from proeftuin.funding.choices import DecisionOutcome, ObligationKind, TrancheStatus

USER = settings.AUTH_USER_MODEL
MONEY = {"max_digits": 12, "decimal_places": 2}


class LetterTemplate(BaseModel):
    """The text of a decision letter; ``{{ placeholders }}`` are filled per application."""

    fund = models.ForeignKey("funding.Fund", on_delete=models.CASCADE, related_name="letters")
    outcome = models.CharField(_("decision"), max_length=8, choices=DecisionOutcome.choices)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("text"))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["fund", "outcome"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [
            models.UniqueConstraint(fields=["fund", "outcome"], name="letter_template_per_outcome")
        ]

    def __str__(self) -> str:
        return self.subject


class DecisionLetter(BaseModel):
    application = models.ForeignKey(
        "funding.Application", on_delete=models.CASCADE, related_name="letters"
    )
    outcome = models.CharField(_("decision"), max_length=8, choices=DecisionOutcome.choices)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("text"))
    pdf = models.FileField(upload_to="funding/letters/%Y/", blank=True)
    odt = models.FileField(upload_to="funding/letters/%Y/", blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["application", "-created_at"]
        verbose_name = _("decision letter")
        verbose_name_plural = _("decision letters")

    def __str__(self) -> str:
        return self.subject


class Obligation(BaseModel):
    """What a grant obliges the experimenter to deliver, and by when."""

    application = models.ForeignKey(
        "funding.Application", on_delete=models.CASCADE, related_name="obligations"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ObligationKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    due_on = models.DateField(_("due on"))
    fulfilled_at = models.DateTimeField(_("fulfilled at"), null=True, blank=True)
    fulfilled_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence = models.TextField(_("how it was fulfilled"), blank=True)

    class Meta:
        ordering = ["application", "due_on", "id"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        indexes = [models.Index(fields=["due_on"], name="funding_obligation_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.due_on}"


class Tranche(BaseModel):
    """A payment of a grant, due when its milestone is reached."""

    application = models.ForeignKey(
        "funding.Application", on_delete=models.CASCADE, related_name="tranches"
    )
    milestone = models.CharField(_("milestone"), max_length=300)
    amount = models.DecimalField(_("amount (EUR)"), validators=[MinValueValidator(0)], **MONEY)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=TrancheStatus.choices, default=TrancheStatus.PLANNED
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["application", "due_on", "id"]
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="tranche_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status=TrancheStatus.PAID) | Q(paid_on__isnull=False),
                name="tranche_paid_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.milestone} – {self.amount}"
