"""Load the demo innovation patents (``fixtures/patents/patents.yaml``): a public
programme, managed by the platform administrator, that awarded patents to the SVB and to
Enschede's wijkzorgteams, with introduction meetings and claims owed, approved and paid.

Every record is written through the patents services as the programme's manager (a
platform administrator, who may also act for the innovator). Loading is idempotent: a
patent is matched by its programme and innovation and left as it is when it exists. It
needs the library and the demo adoptions (``load_demo``) and the demo accounts."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.db import transaction

from proeftuin.accounts.service import User
from proeftuin.cases.service import Case
from proeftuin.demo.loader import FIXTURES
from proeftuin.organisations.service import Organisation, Programme, programme_save
from proeftuin.patents.service import (
    InnovationPatent,
    claim_decide,
    claim_request,
    meeting_record,
    patent_award,
)

PATENTS = FIXTURES / "patents" / "patents.yaml"


def _programme(spec: dict, manager) -> Programme:
    existing = Programme.objects.filter(name=spec["name"]).first()
    if existing is not None:
        return existing
    return programme_save(
        actor=None,
        name=spec["name"],
        description=spec.get("description", ""),
        members=[],
        managers=[manager],
    )


def _organisations(names) -> list[Organisation]:
    return [Organisation.objects.get(name=name) for name in names]


def _load_one(entry: dict, programme, manager) -> InnovationPatent:
    patent = patent_award(
        actor=manager,
        programme=programme,
        innovation=Case.objects.get(title=entry["innovation"]),
        reward_per_adopter=entry["reward"],
        conditions=entry.get("conditions", ""),
        awarded_on=entry["awarded_on"],
    )
    for meeting in entry.get("meetings", []):
        meeting_record(
            actor=manager,
            patent=patent,
            date=meeting["date"],
            adopters=_organisations(meeting["adopters"]),
            notes=meeting.get("notes", ""),
        )
    for spec in entry.get("claims", []):
        (adopter,) = _organisations([spec["adopter"]])
        claim = claim_request(actor=manager, patent=patent, adopter=adopter)
        if spec.get("decision"):
            claim_decide(
                actor=manager,
                claim=claim,
                decision=spec["decision"],
                reason=spec.get("reason", ""),
                paid_on=spec.get("paid_on"),
            )
    return patent


@transaction.atomic
def load_patents(path: Path = PATENTS) -> tuple[int, int]:
    """(created, already there); all or nothing."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    manager = User.objects.get(username=data["programme"]["manager"])
    programme = _programme(data["programme"], manager)
    created = existing = 0
    for entry in data["patents"]:
        case = Case.objects.get(title=entry["innovation"])
        if InnovationPatent.objects.filter(programme=programme, case=case).exists():
            existing += 1
            continue
        _load_one(entry, programme, manager)
        created += 1
    return created, existing
