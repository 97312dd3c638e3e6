"""Load the demo portfolio (``fixtures/portfolio/*.yaml``): running initiatives of the demo
organisations, with their teams drawn from the demo accounts (see accounts.py).

Every record is written through the portfolio services as the team member named in the
fixture, and every stage change is a real ``workflow_move`` (gates decided by the
gatekeeper, with answers to the gate questions). Dates in the fixture are day offsets from
``today``. A move always happens "now", so after each move the demo dates it: ``Move.at``
and the initiative's ``stage_entered_at`` are set to the fixture's day (the only writes here
that bypass a service; there is no service for rewriting history, and only demo data needs
it).

Loading is idempotent: an initiative is matched by title and lead organisation, and one that
already exists is left as it is. It needs the library (``load_demo``) and the demo accounts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from proeftuin.accounts.service import User
from proeftuin.cases.service import Case, Theme, case_update
from proeftuin.core.service import Move, workflow_move
from proeftuin.demo.loader import FIXTURES, read_fixtures
from proeftuin.organisations.service import Domain, Organisation
from proeftuin.portfolio.service import (
    Initiative,
    TeamRole,
    budget_line_save,
    hours_save,
    initiative_create,
    initiative_to_case,
    initiative_update,
    kpi_save,
    learning_question_save,
    measurement_save,
    reflection_save,
    team_member_add,
)

PORTFOLIO = FIXTURES / "portfolio"
TEXT_FIELDS = ("title", "problem", "affected", "chain", "intended_result", "kind", "lessons")
PROMPTS = ("unexpected", "easy", "interventions", "course_change", "help_needed", "transfer")


@dataclass
class PortfolioReport:
    created: int = 0
    existing: int = 0
    becomes_case: list[Initiative] = field(default_factory=list)


def read_portfolio(folder: Path = PORTFOLIO) -> list[dict[str, Any]]:
    specs: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")):
        specs += yaml.safe_load(path.read_text(encoding="utf-8")).get("initiatives") or []
    return specs


class Library:
    """Organisations, cases and accounts named by the portfolio fixture."""

    def __init__(self) -> None:
        self.organisation_names: dict[str, str] = {}
        self.case_titles: dict[str, str] = {}
        for chunk in read_fixtures():
            for spec in chunk.get("organisations") or []:
                self.organisation_names[spec["key"]] = spec["name"]
            for spec in chunk.get("cases") or []:
                self.case_titles[spec["key"]] = spec["title"]

    def organisation(self, key: str) -> Organisation:
        return Organisation.objects.get(name__iexact=self.organisation_names[key])

    def case(self, key: str) -> Case:
        return Case.objects.get(title=self.case_titles[key])

    @staticmethod
    def user(username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise LookupError(
                f"Demo account {username!r} is missing: run `manage.py load_demo --accounts`."
            )
        return user


def _by_keys(queryset, keys: list[str]) -> list:
    found = list(queryset.filter(key__in=keys))
    missing = set(keys) - {obj.key for obj in found}
    if missing:
        raise LookupError(f"Unknown keys in the demo portfolio: {sorted(missing)}")
    return found


def _day(today: datetime.date, offset: int | None) -> datetime.date | None:
    return None if offset is None else today + datetime.timedelta(days=offset)


def _amount(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _fields(spec: dict, library: Library, today: datetime.date) -> dict[str, Any]:
    fields = {name: spec.get(name) or "" for name in TEXT_FIELDS}
    themes = Theme.objects.filter(theme_set__key="casebook")
    return fields | {
        "facets": spec.get("facets") or [],
        "started_on": _day(today, spec.get("started")),
        "evaluation_date": _day(today, spec.get("evaluation")),
        "reflection_interval_days": spec.get("reflection_interval_days"),
        "partners": [library.organisation(key) for key in spec.get("partners") or []],
        "themes": _by_keys(themes, spec.get("themes") or []),
        "domains": _by_keys(Domain.objects.all(), spec.get("domains") or []),
        "inspired_by_cases": [library.case(key) for key in spec.get("inspired_by") or []],
    }


def _add_team(initiative: Initiative, team: dict, owner, library: Library) -> None:
    members = [
        (team.get("sponsor"), TeamRole.SPONSOR),
        (team.get("gatekeeper"), TeamRole.GATEKEEPER),
    ]
    members += [(username, TeamRole.TEAM) for username in team.get("team") or []]
    for username, role in members:
        if username:
            team_member_add(
                actor=owner, initiative=initiative, user=library.user(username), role=role
            )


def _add_kpis(initiative: Initiative, specs: list[dict], actor, today) -> None:
    for spec in specs:
        kpi = kpi_save(
            actor=actor,
            initiative=initiative,
            measure=spec["measure"],
            unit=spec["unit"],
            baseline=_amount(spec.get("baseline")),
            target=_amount(spec.get("target")),
            direction=spec["direction"],
        )
        for measurement in spec.get("measurements") or []:
            measurement_save(
                actor=actor,
                kpi=kpi,
                date=_day(today, measurement["day"]),
                value=_amount(measurement["value"]),
                unit=measurement.get("unit", kpi.unit),
                source=measurement.get("source") or "",
            )


def _add_resources(initiative: Initiative, spec: dict, actor, today) -> None:
    for line in spec.get("budget") or []:
        reason = line.get("overspend_reason") or ""
        budget_line_save(
            actor=actor,
            initiative=initiative,
            confirm_overspend=bool(reason),
            year=today.year + line["year"],
            funding_source=line["funding_source"],
            planned=_amount(line["planned"]),
            committed=_amount(line["committed"]),
            spent=_amount(line["spent"]),
            overspend_reason=reason,
        )
    for hours in spec.get("hours") or []:
        hours_save(
            actor=actor,
            initiative=initiative,
            role=hours["role"],
            hours_per_week=_amount(hours["hours_per_week"]),
            start=_day(today, hours["start"]),
            end=_day(today, hours.get("end")),
        )


def _add_learning(initiative: Initiative, spec: dict, actor, library: Library, today) -> None:
    questions = [
        learning_question_save(actor=actor, initiative=initiative, text=text)
        for text in spec.get("learning_questions") or []
    ]
    for reflection in spec.get("reflections") or []:
        reflection_save(
            actor=library.user(reflection["by"]),
            initiative=initiative,
            date=_day(today, reflection["day"]),
            questions=[questions[number - 1] for number in reflection.get("questions") or []],
            **{prompt: reflection.get(prompt) or "" for prompt in PROMPTS},
        )


def _moment(today: datetime.date, offset: int) -> datetime.datetime:
    day = _day(today, offset)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _move(initiative: Initiative, step: dict, library: Library, today) -> None:
    answers = {}
    if step.get("decision"):
        questions = list(initiative.stage.gate_questions.order_by("order", "id"))
        texts = step.get("answers") or []
        if len(texts) > len(questions):
            raise ValueError(f"More answers than gate questions in {initiative.title!r}")
        answers = {str(q.pk): text for q, text in zip(questions, texts, strict=False)}
    move = workflow_move(
        actor=library.user(step["by"]),
        subject=initiative,
        to_stage=step["to"],
        decision=step.get("decision") or "",
        reason=step.get("reason") or "",
        answers=answers,
        evidence=step.get("evidence") or "",
    )
    at = _moment(today, step["day"])
    Move.objects.filter(pk=move.pk).update(at=at)
    if move.from_stage_id != move.to_stage_id:
        Initiative.objects.filter(pk=initiative.pk).update(stage_entered_at=at)
        initiative.stage_entered_at = at


def _publish(initiative: Initiative, spec: dict, library: Library) -> None:
    status, visibility = spec.get("status", "draft"), spec.get("visibility", "public")
    if (status, visibility) != (initiative.status, initiative.visibility):
        initiative_update(
            initiative=initiative,
            actor=library.user(spec["published_by"]),
            status=status,
            visibility=visibility,
        )


def load_initiative(spec: dict, library: Library, today: datetime.date) -> Initiative:
    """Create one initiative of the fixture with its team, parts, moves and status."""
    owner = library.user(spec["team"]["owner"])
    initiative = initiative_create(
        actor=owner, owner=library.organisation(spec["owner"]), **_fields(spec, library, today)
    )
    _add_team(initiative, spec["team"], owner, library)
    _add_learning(initiative, spec, owner, library, today)
    _add_kpis(initiative, spec.get("kpis") or [], owner, today)
    _add_resources(initiative, spec, owner, today)
    for step in spec.get("moves") or []:
        _move(initiative, step, library, today)
    _publish(initiative, spec, library)
    return initiative


@transaction.atomic
def load_portfolio(folder: Path = PORTFOLIO, today: datetime.date | None = None) -> PortfolioReport:
    """Load every initiative of the portfolio fixture that is not there yet; all or nothing.
    ``report.becomes_case``: the initiatives marked ``becomes_case`` (new or existing)."""
    today = today or timezone.localdate()
    library, report = Library(), PortfolioReport()
    for spec in read_portfolio(folder):
        owner = library.organisation(spec["owner"])
        initiative = Initiative.objects.filter(title=spec["title"], owner=owner).first()
        if initiative is None:
            initiative = load_initiative(spec, library, today)
            report.created += 1
        else:
            report.existing += 1
        if spec.get("becomes_case"):
            publish_case(initiative)
            report.becomes_case.append(initiative)
    return report


def publish_case(initiative: Initiative) -> Case:
    """The initiative's case in the library (made once; the same case on a second load),
    published with the initiative's visibility, as an editor would after reviewing it."""
    case = initiative_to_case(actor=None, initiative=initiative)
    if case.status != "published":
        case = case_update(
            case=case, actor=None, status="published", visibility=initiative.visibility
        )
    return case
