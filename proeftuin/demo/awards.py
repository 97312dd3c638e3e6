"""Load the demo awards (``fixtures/awards/*.yaml``): the Verkiezing Beste
Overheidsorganisatie with its 2014-2017 editions, each the whole way from nomination to
finalists: nominated (by the finalist itself or by the organiser, then consented), the
submission per criterion, a selection committee and a jury with a chair scoring them (a jury
member who works at a finalist is blocked by the conflict of interest and scores nothing of
it), the panels' decisions step by step, site-visit reports, and the finalists
linked to their cases in the library (the casebook describes each of them; linking adds the
recognition where missing instead of making a second case). The casebook names no winners,
so no winner is chosen.

Every step is a write of the awards services by the demo account that would make it. An
edition of the past cannot take nominations, so it is run while open "now", then gets its
real dates through ``edition_update``; what happened in it (consent, submission, the moves,
the scorecards) is dated by a direct update, as the demo funding does: the only writes here
that bypass a service, because no service rewrites history.

Loading is idempotent: an edition that exists (same year) is left as it is. It needs the
library and the demo accounts (``load_demo --accounts``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from proeftuin.awards.service import (
    Competition,
    Edition,
    casebook_create,
    competition_create,
    criterion_add,
    edition_create,
    edition_update,
)
from proeftuin.cases.service import ThemeSet
from proeftuin.core.service import DomainError
from proeftuin.demo.awards_steps import Edition as Run
from proeftuin.demo.awards_steps import date_history
from proeftuin.demo.loader import FIXTURES
from proeftuin.demo.portfolio import Library
from proeftuin.organisations.service import Organisation, Programme, programme_save

AWARDS = FIXTURES / "awards"
DATES = ("selection_on", "pitches_on", "site_visits_on", "ceremony_on")


@dataclass
class AwardsReport:
    created: int = 0
    existing: int = 0
    finalists: int = 0
    casebooks: int = 0


def read_awards(folder: Path = AWARDS) -> dict[str, Any]:
    (path,) = sorted(folder.glob("*.yaml"))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def read_case_sections() -> dict[str, dict[str, str]]:
    """The sections of the library's casebook cases by fixture key (``casebook.yaml``)."""
    data = yaml.safe_load((FIXTURES / "casebook.yaml").read_text(encoding="utf-8"))
    return {case["key"]: case.get("sections") or {} for case in data["cases"]}


def moment(value: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


def _text(value: str) -> str:
    return " ".join((value or "").split())


def load_competition(spec: dict, data: dict, library: Library) -> Competition:
    organiser = library.user(spec["organiser"])
    keys = [n["organisation"] for e in data["editions"] for n in e["nominees"]]
    members = [library.organisation(key) for key in dict.fromkeys(keys)]
    members.append(Organisation.objects.get(name__iexact="Vereniging voor OverheidsManagement"))
    programme = programme_save(
        actor=None,
        name=spec["programme"],
        description=_text(spec["description"]),
        members=members,
        managers=[organiser],
        programme=Programme.objects.filter(name=spec["programme"]).first(),
    )
    competition = Competition.objects.filter(name=spec["name"]).first()
    if competition is None:
        competition = competition_create(
            actor=organiser,
            programme=programme,
            name=spec["name"],
            description=_text(spec["description"]),
        )
    return competition


def _open_now(competition: Competition, spec: dict, organiser) -> Edition:
    now = timezone.now()
    edition = edition_create(
        actor=organiser,
        competition=competition,
        year=spec["year"],
        title=f"{competition.name} {spec['year']}",
        description=_text(spec["description"]),
        nominations_open=now - datetime.timedelta(days=1),
        nominations_close=now + datetime.timedelta(days=1),
        submissions_close=now + datetime.timedelta(days=2),
        finalists=spec["finalists"],
        published=True,
    )
    for criterion in spec["criteria"]:
        edition = Edition.objects.get(pk=edition.pk)  # each criterion bumps its version
        criterion_add(actor=organiser, edition=edition, **criterion)
    return Edition.objects.get(pk=edition.pk)


def load_edition(competition, spec, library, organiser, sections) -> Edition:
    """An edition of the past, run the whole way, then given its real dates."""
    edition = _open_now(competition, spec, organiser)
    Run(edition, spec, library, organiser, sections).run()
    dates = spec["dates"]
    edition = edition_update(
        actor=organiser,
        edition=Edition.objects.get(pk=edition.pk),
        nominations_open=moment(dates["nominations_open"]),
        nominations_close=moment(dates["nominations_close"]),
        submissions_close=moment(dates["submissions_close"]),
        **{key: datetime.date.fromisoformat(dates[key]) for key in DATES if key in dates},
    )
    date_history(edition)
    return edition


@transaction.atomic
def load_awards(folder: Path = AWARDS) -> AwardsReport:
    """Load the demo awards; all or nothing."""
    data, library, report = read_awards(folder), Library(), AwardsReport()
    competition = load_competition(data["competition"], data, library)
    organiser = library.user(data["competition"]["organiser"])
    sections = read_case_sections()
    for spec in data["editions"]:
        if competition.editions.filter(year=spec["year"]).exists():
            report.existing += 1
            continue
        try:
            spec = {**spec, "panels": data["panels"]}
            edition = load_edition(competition, spec, library, organiser, sections)
        except DomainError as exc:
            raise RuntimeError(f"Demo edition {spec['year']}: {exc.message}") from exc
        report.created += 1
        report.finalists += edition.nominations.filter(case__isnull=False).count()
    report.casebooks = load_casebook(competition, data.get("casebook"), organiser)
    return report


def load_casebook(competition, spec: dict | None, organiser) -> int:
    """The casebook of an edition's finalists, made from the library's cases (queued for
    the worker, as any casebook); 0 when it exists already or the fixture asks for none."""
    if not spec:
        return 0
    edition = competition.editions.filter(year=spec["year"]).first()
    if edition is None or edition.casebooks.exists():
        return 0
    casebook_create(
        actor=organiser,
        title=spec["title"],
        theme_set=ThemeSet.objects.get(key=spec["theme_set"]),
        cases=None,
        edition=edition,
    )
    return 1
