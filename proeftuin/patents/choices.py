"""Enumerations of the innovation patent (codes in English, labels translated)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

# the reward of the Dutch innovatiepatent (InAxis): EUR 1,000 per adopting organisation
DEFAULT_REWARD = Decimal("1000.00")
MAX_REWARD = Decimal("1000000.00")


class PatentStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    ENDED = "ended", _("ended")


class ClaimStatus(models.TextChoices):
    OWED = "owed", _("owed (to be decided)")
    APPROVED = "approved", _("approved")
    PAID = "paid", _("paid")
    REJECTED = "rejected", _("rejected")


class ClaimDecision(models.TextChoices):
    APPROVE = "approve", _("approve")
    PAY = "pay", _("record as paid")
    REJECT = "reject", _("reject")


# which decision moves a claim from which status to which
DECISIONS = {
    ClaimDecision.APPROVE: ((ClaimStatus.OWED,), ClaimStatus.APPROVED),
    ClaimDecision.PAY: ((ClaimStatus.OWED, ClaimStatus.APPROVED), ClaimStatus.PAID),
    ClaimDecision.REJECT: ((ClaimStatus.OWED, ClaimStatus.APPROVED), ClaimStatus.REJECTED),
}
