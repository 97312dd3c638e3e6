"""The hostile-user probes of the pages where programme managers set up funds and rounds
(A's administrator manages the programmes of the world's rounds, see ``funding.py``):
everyone else is refused with nothing changed and nothing revealed."""

from __future__ import annotations

from proeftuin.funding.models import Criterion, Fund, FundMember, Round, RoundRule
from tests.security.funding import MANAGER, ROUNDS
from tests.security.visibility import Probe, fetch
from tests.security.world import ACTORS, World
from tests.security.writes import Write

MANAGERS = (MANAGER, "platform_admin")


def _fund_pages(world, client, actor):
    """A fund's page lists the rounds the actor may see, and nothing else of A's."""
    problems = []
    for key, round_ in world.records[ROUNDS.name].items():
        url = f"/subsidies/fondsen/{round_.fund.slug}/"
        response, body = fetch(client, url)
        body = body.replace(url, "")
        sees = world.sees(actor, ROUNDS, key)
        if sees and (response.status_code != 200 or round_.title not in body):
            problems.append(f"{url}: {response.status_code}, round not shown to who may see it")
        problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
    return problems


FUNDING_READS = [Probe("fund pages", ("funding:fund",), _fund_pages)]


def _others(*allowed: str) -> tuple[str, ...]:
    return tuple(actor for actor in ACTORS if actor not in allowed)


def _org_round(world: World) -> Round:
    return world.records[ROUNDS.name]["org"]


def _setup(world: World) -> str:
    return f"/subsidies/rondes/{_org_round(world).slug}/inrichten/"


def _fund(world: World) -> str:
    return f"/subsidies/fondsen/{_org_round(world).fund.slug}/"


def _round_state(world: World):
    round_ = Round.objects.get(pk=_org_round(world).pk)
    return round_.title, round_.version, Criterion.objects.count(), RoundRule.objects.count()


def _member(world: World) -> FundMember:
    """A screener of the members-only round's fund (made once; removed by the positive
    control)."""
    fund = _org_round(world).fund
    pk = world.records.setdefault("funding-screener", {}).get("pk")
    if pk is None:
        pk = FundMember.objects.create(fund=fund, user=world.users["b_viewer"], role="screener").pk
        world.records["funding-screener"]["pk"] = pk
    return FundMember.objects.filter(pk=pk).first() or FundMember(pk=pk, fund=fund)


def _round_form(world: World, title: str) -> dict:
    round_ = _org_round(world)
    return {
        "title": title,
        "opens_at": "2027-01-01T09:00",
        "closes_at": "2027-03-01T17:00",
        "budget": "1000",
        "version": Round.objects.get(pk=round_.pk).version,
    }


FUNDING_WRITES = [
    Write(
        "create a fund",
        ("funding:fund_create",),
        0,
        lambda w, c: c.post(
            "/subsidies/fondsen/nieuw/",
            {"programme": _org_round(w).fund.programme.pk, "name": "Nieuw fonds"},
        ),
        lambda w: Fund.objects.count(),
        allowed_actor=MANAGER,
        attackers=_others(*MANAGERS),
    ),
    Write(
        "create a round",
        ("funding:round_create",),
        0,
        lambda w, c: c.post(f"{_fund(w)}rondes/nieuw/", _round_form(w, "Nieuwe ronde")),
        lambda w: Round.objects.count(),
        allowed_actor=MANAGER,
        attackers=_others(*MANAGERS),
    ),
    Write(
        "change a round",
        ("funding:round_setup",),
        0,
        lambda w, c: c.post(_setup(w), _round_form(w, "Gewijzigde ronde")),
        _round_state,
        allowed_actor=MANAGER,
        attackers=_others(*MANAGERS),
    ),
    Write(
        "add a criterion",
        ("funding:round_part_add",),
        0,
        lambda w, c: c.post(f"{_setup(w)}criterium/", {"name": "Nieuw criterium", "weight": "1"}),
        _round_state,
        allowed_actor=MANAGER,
        attackers=_others(*MANAGERS),
    ),
    Write(
        "remove a criterion",
        ("funding:round_part_remove",),
        0,
        lambda w, c: c.post(
            f"{_setup(w)}criterium/{_org_round(w).criteria.first().pk}/verwijderen/"
        ),
        _round_state,
        allowed_actor=MANAGER,
        attackers=_others(*MANAGERS),
    ),
    Write(
        "add a screener",
        ("funding:fund_member_add",),
        0,
        lambda w, c: c.post(
            f"{_fund(w)}leden/",
            {"username": w.users["b_editor"].username, "role": "reviewer", "max_assignments": "3"},
        ),
        lambda w: FundMember.objects.count(),
        allowed_actor=MANAGER,
        attackers=_others(*MANAGERS),
    ),
    Write(
        "remove a screener",
        ("funding:fund_member_remove",),
        0,
        lambda w, c: c.post(f"{_fund(w)}leden/{_member(w).pk}/verwijderen/"),
        lambda w: FundMember.objects.filter(pk=_member(w).pk).exists(),
        allowed_actor=MANAGER,
        attackers=_others(*MANAGERS),
    ),
]
