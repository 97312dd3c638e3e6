"""Load the demo diffusion story (``fixtures/diffusion/*.yaml``): the organisations and
cases it adds to the library, and adoptions with their course, written through the
diffusion services as system writes (``actor=None``), each status change on its date.

Loading is idempotent: an adoption that exists (same innovation and adopter) is left as
it is. It needs the library (``load_demo``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from proeftuin.cases.service import Case, ThemeSet, case_create
from proeftuin.demo.loader import FIXTURES, load_organisation, read_fixtures
from proeftuin.diffusion.service import (
    Adoption,
    adoption_set_status,
    adoption_start,
    adoption_update,
    innovation_q,
)
from proeftuin.organisations.service import Organisation

DIFFUSION = FIXTURES / "diffusion"


@dataclass
class DiffusionReport:
    created: int = 0
    existing: int = 0


def _day(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


class Names:
    """Organisations by fixture key (the library's and this story's), cases by key or title."""

    def __init__(self, organisations: dict[str, Organisation], cases: dict[str, Case]):
        self.organisations = organisations
        self.cases = cases
        for chunk in read_fixtures():
            for spec in chunk.get("organisations") or []:
                found = Organisation.objects.filter(name__iexact=spec["name"]).first()
                if found is not None:
                    self.organisations.setdefault(spec["key"], found)

    def case(self, name: str) -> Case:
        return self.cases.get(name) or Case.objects.get(title=name)


def _load_case(spec: dict, organisations: dict[str, Organisation]) -> Case:
    lead = organisations[spec["organisations"][0]]
    existing = Case.objects.filter(title=spec["title"], owner=lead).first()
    if existing is not None:
        return existing
    fields = {k: spec[k] for k in ("title", "summary", "year_start", "year_end", "stage")}
    return case_create(
        actor=None,
        theme_set=ThemeSet.objects.get(key=spec.get("theme_set", "casebook")),
        organisations=[organisations[key] for key in spec["organisations"]],
        status="published",
        visibility="public",
        **fields,
    )


def _measures(specs: list[dict]) -> list[dict[str, Any]]:
    return [
        {**spec, "baseline": Decimal(str(spec["baseline"])), "value": Decimal(str(spec["value"]))}
        for spec in specs
    ]


def load_adoption(spec: dict, names: Names) -> tuple[Adoption, bool]:
    innovation = names.case(spec["innovation"])
    adopter = names.organisations[spec["adopter"]]
    existing = Adoption.objects.filter(innovation_q(innovation), adopter=adopter).first()
    if existing is not None:
        return existing, False
    source = None
    if spec.get("source"):
        source_adopter = names.organisations[spec["source"]]
        source = Adoption.objects.get(innovation_q(innovation), adopter=source_adopter)
    (first, start, *reason), *steps = spec["course"]
    adoption = adoption_start(
        actor=None,
        innovation=innovation,
        adopter=adopter,
        source=source,
        status=first,
        started_on=_day(start),
        reason=reason[0] if reason else "",
    )
    for status, on, *why in steps:
        adoption = adoption_set_status(
            actor=None, adoption=adoption, status=status, on=_day(on), reason=why[0] if why else ""
        )
    details = {k: spec[k] for k in ("adaptations", "outcomes") if spec.get(k)}
    if spec.get("measures"):
        details["measures"] = _measures(spec["measures"])
    if details:
        adoption = adoption_update(actor=None, adoption=adoption, **details)
    return adoption, True


@transaction.atomic
def load_diffusion(folder: Path = DIFFUSION) -> DiffusionReport:
    """Load every diffusion fixture; all or nothing."""
    report = DiffusionReport()
    chunks = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))]
    organisations: dict[str, Organisation] = {}
    for chunk in chunks:
        for spec in chunk.get("organisations") or []:
            organisations[spec["key"]] = load_organisation(spec)
    names = Names(organisations, {})
    for chunk in chunks:
        for spec in chunk.get("cases") or []:
            names.cases[spec["key"]] = _load_case(spec, names.organisations)
    for chunk in chunks:
        for spec in chunk.get("adoptions") or []:
            _adoption, created = load_adoption(spec, names)
            report.created += created
            report.existing += not created
    return report
