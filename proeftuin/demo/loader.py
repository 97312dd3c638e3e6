"""Load the demo library (``fixtures/*.yaml``, see SCHEMA.md) through the apps' services.

Loading is idempotent: organisations and documents are matched by name/key, cases by title
and lead organisation, and existing records are updated rather than duplicated.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from proeftuin.cases.service import Case, ThemeSet, case_create, case_update
from proeftuin.documents.service import document_upsert
from proeftuin.organisations.service import (
    Organisation,
    Programme,
    organisation_create,
    organisation_update,
    programme_save,
)

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class LoadReport:
    organisations: int = 0
    documents: int = 0
    cases: int = 0


def read_fixtures(folder: Path = FIXTURES) -> list[dict[str, Any]]:
    return [
        yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yaml"))
    ]


def _organisation_fields(spec: dict[str, Any]) -> dict[str, Any]:
    staff = spec.get("staff") or {}
    return {
        "name": spec["name"],
        "abbreviation": spec.get("abbreviation") or "",
        "government_layer": spec["government_layer"],
        "organisation_type": spec["organisation_type"],
        "staff_exact": staff.get("exact"),
        "staff_min": staff.get("min"),
        "staff_max": staff.get("max"),
        "staff_year": staff.get("year"),
        "province": spec.get("province") or "",
        "municipality": spec.get("municipality") or "",
        "website": spec.get("website") or "",
        "domains": spec.get("domains") or [],
    }


def load_organisation(spec: dict[str, Any]) -> Organisation:
    fields = _organisation_fields(spec)
    existing = Organisation.objects.filter(name__iexact=fields["name"]).first()
    if existing:
        return organisation_update(organisation=existing, actor=None, **fields)
    return organisation_create(actor=None, **fields)


def _case_fields(spec, organisations, documents) -> dict[str, Any]:
    outcomes, citations = [], []
    for index, outcome in enumerate(spec.get("outcomes") or []):
        outcomes.append({k: v for k, v in outcome.items() if k != "source"})
        source = outcome.get("source")
        if source:
            citations.append(_citation(f"outcomes.{index}", source, documents))
    citations += [_citation(c["field"], c, documents) for c in spec.get("citations") or []]
    partners = [
        {
            "name": p["name"],
            "role": p.get("role") or "",
            "organisation": organisations.get(p.get("organisation")),
        }
        for p in spec.get("partners") or []
    ]
    people = [
        {"name": p["name"], "role": p["role"], "organisation_name": p.get("organisation") or ""}
        for p in spec.get("people") or []
    ]
    return {
        "title": spec["title"],
        "summary": spec["summary"],
        "year_start": spec.get("year_start"),
        "year_end": spec.get("year_end"),
        "stage": spec["stage"],
        "status": spec.get("status", "published"),
        "visibility": spec.get("visibility", "public"),
        "organisations": [organisations[key] for key in spec["organisations"]],
        "sections": spec.get("sections") or {},
        "outcomes": outcomes,
        "lessons": spec.get("lessons") or [],
        "barriers": spec.get("barriers") or [],
        "people": people,
        "partners": partners,
        "recognitions": spec.get("recognition") or [],
        "citations": citations,
    }


def _citation(field: str, source: dict[str, Any], documents) -> dict[str, Any]:
    return {
        "field": field,
        "document": documents[source["document"]],
        "page": source.get("page"),
        "quote": source.get("quote") or "",
    }


def _load_case(spec, organisations, documents) -> Case:
    fields = _case_fields(spec, organisations, documents)
    theme_set = ThemeSet.objects.get(key=spec.get("theme_set", "casebook"))
    lead = fields["organisations"][0]
    existing = Case.objects.filter(title=fields["title"], owner=lead).first()
    if existing:
        return case_update(case=existing, actor=None, theme_set=theme_set, **fields)
    return case_create(actor=None, theme_set=theme_set, **fields)


@transaction.atomic
def load_demo(folder: Path = FIXTURES) -> LoadReport:
    """Load every fixture file; all or nothing."""
    report = LoadReport()
    data = read_fixtures(folder)
    organisations: dict[str, Organisation] = {}
    documents = {}
    for chunk in data:
        for spec in chunk.get("documents") or []:
            documents[spec["key"]] = document_upsert(
                key=spec["key"],
                title=spec["title"],
                publisher=spec.get("publisher") or "",
                year=spec.get("year"),
                file_name=spec.get("file") or "",
            )
        for spec in chunk.get("organisations") or []:
            organisations[spec["key"]] = load_organisation(spec)
    for chunk in data:
        for spec in chunk.get("cases") or []:
            _load_case(spec, organisations, documents)
            report.cases += 1
    report.organisations, report.documents = len(organisations), len(documents)
    _load_programme(list(organisations.values()))
    return report


PROGRAMME = "Rijksprogramma Innovatiekracht"


def _load_programme(members: list[Organisation]) -> Programme:
    """One national programme over every demo organisation, for its dashboard."""
    return programme_save(
        actor=None,
        name=PROGRAMME,
        description="Een rijksbreed programma dat experimenten van overheden volgt en verbindt.",
        members=members,
        programme=Programme.objects.filter(name=PROGRAMME).first(),
    )
