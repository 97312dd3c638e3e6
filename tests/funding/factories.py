"""Funding test data: a programme with a manager, a fund, a round with criteria, and
applications put straight into any stage of the round's procedure (for tests of what comes
after that stage; the way there is tested through the services)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from proeftuin.core.service import workflow_for
from proeftuin.funding.choices import WORKFLOW_KIND, WORKFLOW_KIND_TWO_STAGE
from proeftuin.funding.models import Application, Criterion, Fund, Round
from proeftuin.organisations.models import Programme
from tests.factories import UserFactory

_counter = {"n": 0}


def _next() -> int:
    _counter["n"] += 1
    return _counter["n"]


def make_programme(*, managers=(), members=(), name=None, visibility="public") -> Programme:
    n = _next()
    programme = Programme.objects.create(
        name=name or f"Programma {n}", slug=f"programma-{n}", visibility=visibility
    )
    programme.managers.set(managers or [UserFactory()])
    programme.members.set(members)
    return programme


def make_fund(programme=None, **fields) -> Fund:
    n = _next()
    programme = programme or make_programme()
    return Fund.objects.create(
        programme=programme,
        name=fields.pop("name", f"Fonds {n}"),
        slug=fields.pop("slug", f"fonds-{n}"),
        **fields,
    )


def make_round(
    fund=None, *, two_stage=False, criteria=("Vernieuwing", "Overdraagbaarheid"), **fields
):
    n = _next()
    fund = fund or make_fund()
    now = timezone.now()
    kind = WORKFLOW_KIND_TWO_STAGE if two_stage else WORKFLOW_KIND
    values = {
        "title": f"Ronde {n}",
        "slug": f"ronde-{n}",
        "opens_at": now - datetime.timedelta(days=10),
        "closes_at": now + datetime.timedelta(days=20),
        "budget": Decimal("500000"),
        "published": True,
        **fields,
    }
    round_ = Round.objects.create(fund=fund, workflow=workflow_for(kind, None), **values)
    for order, name in enumerate(criteria, start=1):
        Criterion.objects.create(round=round_, name=name, weight=1, order=order)
    return round_


def make_application(round_, owner, *, stage="in_review", created_by=None, partners=(), **fields):
    """An application of ``owner`` in ``round_``'s stage ``stage`` (submitted unless it is
    the initial stage)."""
    stage_row = round_.workflow.stages.get(key=stage)
    values = {
        "title": f"Aanvraag {_next()}",
        "problem": "Inwoners wachten te lang op een besluit.",
        "idea": "Een proef met een klantreis per wijk.",
        "public_summary": "Een proef met een klantreis per wijk om wachttijden te verkorten.",
        "amount_requested": Decimal("40000"),
        "total_cost": Decimal("100000"),
        "duration_months": 12,
        **fields,
    }
    if not stage_row.is_initial:
        values.setdefault("submitted_at", timezone.now())
    application = Application.objects.create(
        round=round_,
        owner=owner,
        created_by=created_by,
        workflow=round_.workflow,
        stage=stage_row,
        **values,
    )
    for organisation in partners:
        application.partners.create(organisation=organisation)
    return application
