"""Adoptions for tests: ``make_adoption`` writes a row directly (fast, for reads and
visibility); service tests go through ``adoption_start``."""

from __future__ import annotations

import datetime

from proeftuin.cases.service import Case
from proeftuin.diffusion.models import Adoption, AdoptionStep


def make_adoption(innovation, adopter, *, source=None, status="interested", **data) -> Adoption:
    data.setdefault("started_on", datetime.date(2024, 1, 15))
    if status in ("adopted", "adapted"):
        data.setdefault("adopted_on", data["started_on"] + datetime.timedelta(days=90))
    if status == "abandoned":
        data.setdefault("abandoned_reason", "Geen budget.")
    adoption = Adoption.objects.create(
        initiative=None if isinstance(innovation, Case) else innovation,
        case=innovation if isinstance(innovation, Case) else None,
        adopter=adopter,
        source=source,
        status=status,
        **data,
    )
    AdoptionStep.objects.create(adoption=adoption, status=status, on=adoption.started_on)
    return adoption
