"""Load the demo funding (``fixtures/funding/*.yaml``): the InAxis programme with its fund,
two closed rounds whose applications went the whole way (applied, screened, two reviews
each with a conflicted reviewer refused, decided in one batch per round with letters,
grants paid and turned into initiatives) and one open round a demo applicant can apply to.

Every step is a write of the funding services by the demo account that would make it (the
applicant, the screener, the reviewers, the fund's manager), so rules, conflicts of
interest, audit history, letters and obligations are the real ones. A closed round cannot
take applications, so its applications are made while it is open "now"; afterwards the
round gets its real dates through ``round_update``, and the demo dates what happened in it
(submission, moves, decision, obligations) by a direct update, as the demo portfolio does:
the only writes here that bypass a service, because no service rewrites history.

Loading is idempotent: a round that exists (same title in the fund) is left as it is; the
open round's dates are moved on when it has closed. It needs the library (``load_demo``)
and the demo accounts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from proeftuin.cases.service import Case
from proeftuin.core.service import DomainError, Move
from proeftuin.demo.funding_steps import Actors, date_obligations, run_application
from proeftuin.demo.loader import FIXTURES
from proeftuin.demo.portfolio import Library
from proeftuin.funding.service import (
    Application,
    DecisionInput,
    Fund,
    Round,
    criterion_add,
    decision_prepare,
    decisions_batch,
    fund_create,
    fund_member_set,
    question_add,
    round_create,
    round_update,
    rule_add,
)
from proeftuin.organisations.service import Programme, programme_save
from proeftuin.search.service import index_now

FUNDING = FIXTURES / "funding"


@dataclass
class FundingReport:
    created: int = 0
    existing: int = 0
    applications: int = 0


def read_funding(folder: Path = FUNDING) -> dict[str, Any]:
    (path,) = sorted(folder.glob("*.yaml"))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _moment(value: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


def load_programme(spec: dict, library: Library) -> Programme:
    return programme_save(
        actor=None,
        name=spec["name"],
        description=" ".join(spec["description"].split()),
        members=[library.organisation(key) for key in spec["members"]],
        managers=[library.user(name) for name in spec["managers"]],
        programme=Programme.objects.filter(name=spec["name"]).first(),
    )


def load_fund(spec: dict, programme: Programme, manager, library: Library) -> Fund:
    fund = Fund.objects.filter(programme=programme, name=spec["name"]).first()
    if fund is None:
        description = " ".join(spec["description"].split())
        fund = fund_create(
            actor=manager, programme=programme, name=spec["name"], description=description
        )
    for name in spec["screeners"]:
        fund_member_set(actor=manager, fund=fund, user=library.user(name), role="screener")
    for reviewer in spec["reviewers"]:
        fund_member_set(
            actor=manager,
            fund=fund,
            user=library.user(reviewer["user"]),
            role="reviewer",
            expertise=reviewer.get("expertise") or "",
            max_assignments=reviewer.get("max", 10),
        )
    return fund


def _set_up(round_: Round, spec: dict, manager) -> None:
    for criterion in spec["criteria"]:
        criterion_add(actor=manager, round_=round_, **criterion)
    for question in spec["questions"]:
        question_add(actor=manager, round_=round_, **question)
    for rule in spec["rules"]:
        rule_add(actor=manager, round_=round_, kind=rule["kind"], params=rule["params"])


def _open_now(fund: Fund, spec: dict, manager, opens_in=-1, closes_in=1) -> Round:
    now = timezone.now()
    round_ = round_create(
        actor=manager,
        fund=fund,
        title=spec["title"],
        description=" ".join(spec["description"].split()),
        opens_at=now + datetime.timedelta(days=opens_in),
        closes_at=now + datetime.timedelta(days=closes_in),
        budget=spec["budget"],
        published=True,
    )
    _set_up(round_, spec, manager)
    return round_


def load_closed_round(fund: Fund, spec: dict, actors: Actors) -> Round:
    """A round of the past with its applications the whole way through."""
    round_ = _open_now(fund, spec, actors.manager)
    applications = [run_application(round_, item, actors) for item in spec["applications"]]
    ready = [decision_prepare(actor=actors.manager, application=app) for app in applications]
    decisions_batch(actor=actors.manager, decisions=_decisions(ready, spec["applications"]))
    round_ = round_update(
        actor=actors.manager,
        round_=Round.objects.get(pk=round_.pk),
        opens_at=_moment(spec["opens_at"]),
        closes_at=_moment(spec["closes_at"]),
        decision_due=datetime.date.fromisoformat(spec["decision_due"]),
    )
    _date_history(round_, spec)
    for item in spec["applications"]:
        application = Application.objects.get(round=round_, title=item["title"])
        actors.after_decision(application, item)
        date_obligations(application)
    return round_


def _decisions(ready: list[Application], items: list[dict]) -> list[DecisionInput]:
    decisions = []
    for application, item in zip(ready, items, strict=True):
        decision = item["decision"]
        decisions.append(
            DecisionInput(
                application=application,
                outcome=decision["outcome"],
                amount=decision.get("amount"),
                conditions=decision.get("conditions") or "",
                reasons=" ".join((decision.get("reasons") or "").split()),
            )
        )
    return decisions


def _date_history(round_: Round, spec: dict) -> None:
    """Date what happened in the round: submitted a week before the deadline, the moves of
    each application up to the decision a day apart, decided on the day it was due."""
    closes = _moment(spec["closes_at"])
    decided = timezone.make_aware(
        datetime.datetime.combine(
            datetime.date.fromisoformat(spec["decision_due"]), datetime.time(14)
        )
    )
    submitted = closes - datetime.timedelta(days=7)
    kind = ContentType.objects.get_for_model(Application)
    for application in Application.objects.filter(round=round_):
        moves = Move.objects.filter(content_type=kind, object_id=application.pk).order_by(
            "at", "pk"
        )
        for step, move in enumerate(moves):
            final = move.to_stage.key in ("granted", "rejected")
            at = decided if final else submitted + datetime.timedelta(days=step)
            Move.objects.filter(pk=move.pk).update(at=at)
        dated = {"submitted_at": submitted, "stage_entered_at": decided}
        if application.decided_at is not None:
            dated["decided_at"] = decided
        Application.objects.filter(pk=application.pk).update(**dated)


def load_open_round(fund: Fund, spec: dict, manager) -> tuple[Round, bool]:
    round_ = Round.objects.filter(fund=fund, title=spec["title"]).first()
    if round_ is None:
        return _open_now(fund, spec, manager, spec["opens_in_days"], spec["closes_in_days"]), True
    if round_.closes_at <= timezone.now():
        now = timezone.now()
        round_ = round_update(
            actor=manager,
            round_=round_,
            opens_at=now + datetime.timedelta(days=spec["opens_in_days"]),
            closes_at=now + datetime.timedelta(days=spec["closes_in_days"]),
        )
    return round_, False


def _index_library() -> None:
    """The prior-cases check of every demo application searches the library, which the
    background worker has not indexed yet when ``make run`` loads the demo: index its cases
    by keyword now (the worker adds their vectors later)."""
    for pk in Case.objects.values_list("pk", flat=True):
        index_now("case", pk, embed=False)


@transaction.atomic
def load_funding(folder: Path = FUNDING) -> FundingReport:
    """Load the demo funding; all or nothing."""
    data, library, report = read_funding(folder), Library(), FundingReport()
    _index_library()
    programme = load_programme(data["programme"], library)
    actors = Actors(library, library.user(data["programme"]["managers"][0]))
    fund = load_fund(data["fund"], programme, actors.manager, library)
    for spec in data["rounds"]:
        if Round.objects.filter(fund=fund, title=spec["title"]).exists():
            report.existing += 1
            continue
        try:
            round_ = load_closed_round(fund, spec, actors)
        except DomainError as exc:
            raise RuntimeError(f"Demo round {spec['title']!r}: {exc.message}") from exc
        report.created += 1
        report.applications += round_.applications.count()
    _round, created = load_open_round(fund, data["open_round"], actors.manager)
    report.created += created
    report.existing += not created
    return report
