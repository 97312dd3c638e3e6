"""A record about one innovation (an initiative or a case), and when an innovation is
proven.

``InnovationReference`` is the abstract model of the two nullable keys (exactly one set:
``one_innovation(name)`` is its check constraint); ``innovation_is_proven`` the rule the
innovation patent and "Wat past bij ons?" share: taken up elsewhere (adopted, or adopted
with adaptations, by another organisation than its innovator), a case with measured
outcomes, or an initiative in the scaling stage or closed with success."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proeftuin.cases.service import Case
from proeftuin.core.service import StageCategory
from proeftuin.diffusion.choices import TAKEN_UP
from proeftuin.diffusion.innovations import innovation_q, innovator_ids
from proeftuin.portfolio.service import Initiative

SCALING_STAGE = "scaling"


def one_innovation(name: str) -> models.CheckConstraint:
    """Exactly one of ``initiative`` and ``case`` is set."""
    return models.CheckConstraint(
        condition=(Q(initiative__isnull=False) & Q(case__isnull=True))
        | (Q(initiative__isnull=True) & Q(case__isnull=False)),
        name=name,
    )


class InnovationReference(models.Model):
    """About one innovation: an initiative or a case (add ``one_innovation`` to the
    concrete model's constraints)."""

    initiative = models.ForeignKey(
        "portfolio.Initiative",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("initiative"),
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("case"),
    )

    class Meta:
        abstract = True

    @property
    def innovation(self):
        """The initiative or case this record is about."""
        return self.initiative or self.case

    @innovation.setter
    def innovation(self, value) -> None:
        is_initiative = isinstance(value, Initiative)
        self.initiative = value if is_initiative else None
        self.case = None if is_initiative else value


def _case_of(innovation) -> int | None:
    if isinstance(innovation, Case):
        return innovation.pk
    return innovation.case_id


def innovation_is_proven(innovation) -> bool:
    """Whether ``innovation`` (an Initiative or a Case, with its twin) has proven itself."""
    from proeftuin.diffusion.models import Adoption

    taken_up = Adoption.objects.filter(innovation_q(innovation), status__in=TAKEN_UP)
    if taken_up.exclude(adopter_id__in=innovator_ids(innovation)).exists():
        return True
    case_id = _case_of(innovation)
    if case_id and Case.objects.filter(pk=case_id, outcomes__isnull=False).exists():
        return True
    initiative = innovation if isinstance(innovation, Initiative) else None
    if initiative is None:
        initiative = Initiative.objects.filter(case_id=innovation.pk).first()
    if initiative is None:
        return False
    stage = initiative.stage
    return stage.key == SCALING_STAGE or stage.category == StageCategory.CLOSED_SUCCESS
