"""Enumerations of the adoption record (codes in English, labels translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from proeftuin.portfolio.service import KpiUnit


class AdoptionStatus(models.TextChoices):
    INTERESTED = "interested", _("interested")
    EXPLORING = "exploring", _("exploring")
    PILOTING = "piloting", _("piloting")
    ADOPTED = "adopted", _("adopted")
    ADAPTED = "adapted", _("adopted with adaptations")
    ABANDONED = "abandoned", _("abandoned")


# statuses in which the innovation is in use at the adopter (counted as adoptions)
TAKEN_UP = (AdoptionStatus.ADOPTED, AdoptionStatus.ADAPTED)
# statuses still on the way (counted as "in progress")
UNDER_WAY = (AdoptionStatus.INTERESTED, AdoptionStatus.EXPLORING, AdoptionStatus.PILOTING)


# the units of a measured outcome are those of an initiative's KPIs
MeasureUnit = KpiUnit
