"""The hostile-user probes of the organisers' and judges' pages of an edition (the public
edition of ``EDITIONS``, organised by A's administrator): managing, panels, decisions, a
finalist into a case (organisers only), judging, scorecards (panel members only, here B's
viewer on the selection committee) and the scores side by side (the panel and the
organisers). Everyone else is refused with nothing changed and nothing revealed."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from proeftuin.awards.models import (
    Criterion,
    JudgeReminder,
    Nomination,
    Panel,
    PanelDecision,
    Recusal,
    Scorecard,
    SiteVisit,
    Vote,
)
from proeftuin.cases.models import Case
from proeftuin.core.service import workflow_for
from proeftuin.organisations.models import Organisation
from tests.factories import OrganisationFactory, make_case
from tests.security.awards import EDITIONS, MANAGER
from tests.security.awards_writes import page_check
from tests.security.visibility import Probe
from tests.security.world import ACTORS, World
from tests.security.writes import Write

ORGANISERS = (MANAGER, "platform_admin")
JUDGE = "b_viewer"


def _others(*allowed: str) -> tuple[str, ...]:
    return tuple(actor for actor in ACTORS if actor not in allowed)


def _edition(world: World):
    return world.records[EDITIONS.name]["pub"]


def _organisation(slug: str, name: str) -> Organisation:
    found = Organisation.objects.filter(slug=slug).first()
    return found or OrganisationFactory(name=name, slug=slug)


def _entry(world: World, slug: str, name: str, stage: str) -> Nomination:
    edition = _edition(world)
    owner = _organisation(slug, name)
    found = Nomination.objects.filter(edition=edition, owner=owner).first()
    if found:
        return found
    Criterion.objects.get_or_create(
        edition=edition, name="Openheid", defaults={"theme": "openness"}
    )
    workflow = workflow_for("award", None)
    return Nomination.objects.create(
        edition=edition,
        owner=owner,
        source="self",
        consent="given",
        workflow=workflow,
        stage=workflow.stages.get(key=stage),
        submitted_at=timezone.now(),
        motivation=f"{name} werkt open samen met inwoners.",
    )


def submitted(world: World) -> Nomination:
    return _entry(world, "gemeente-epsilon", "Gemeente Epsilon", "submitted")


def finalist(world: World) -> Nomination:
    return _entry(world, "gemeente-zeta", "Gemeente Zeta", "finalist")


def panel(world: World) -> Panel:
    found, _created = Panel.objects.get_or_create(edition=_edition(world), kind="selection")
    found.members.add(world.users[JUDGE])
    submitted(world)
    return found


def _manage_url(world):
    return f"/prijzen/{_edition(world).slug}/beheer/"


def _judging_url(world):
    panel(world)
    return f"/prijzen/{_edition(world).slug}/jurering/"


def _score_url(world):
    panel(world)
    return f"/prijzen/nominaties/{submitted(world).uuid}/scores/selection/submission/"


def _consensus_url(world):
    panel(world)
    return f"/prijzen/nominaties/{submitted(world).uuid}/overleg/selection/submission/"


def _visit_url(world):
    return f"/prijzen/nominaties/{finalist(world).uuid}/werkbezoek/"


AWARD_MANAGE_READS = [
    Probe("award site-visit form", ("awards:site_visit",), page_check({*ORGANISERS}, _visit_url)),
    Probe("award edition management", ("awards:manage",), page_check({*ORGANISERS}, _manage_url)),
    Probe("award judging", ("awards:judging",), page_check({JUDGE}, _judging_url)),
    Probe("award scorecard form", ("awards:scorecard",), page_check({JUDGE}, _score_url)),
    Probe(
        "award scores side by side",
        ("awards:consensus",),
        page_check({JUDGE, *ORGANISERS}, _consensus_url),
    ),
]


def _members(world: World):
    found = Panel.objects.filter(edition=_edition(world), kind="jury").first()
    return sorted(found.members.values_list("pk", flat=True)) if found else []


def _add_member(world: World, client):
    url = f"/prijzen/{_edition(world).slug}/beheer/panels/jury/leden/"
    return client.post(url, {"person": world.users["outsider"].username})


def _decisions(world: World):
    return sorted(PanelDecision.objects.values_list("pk", flat=True))


def _decide(world: World, client):
    panel(world)
    entry = submitted(world)
    url = f"/prijzen/{_edition(world).slug}/beheer/besluit/long_list/"
    return client.post(url, {"long_list-chosen": [str(entry.uuid)], "long_list-notes": "Sterk"})


def _case_of(world: World):
    return Nomination.objects.get(pk=finalist(world).pk).case_id


def _to_case(world: World, client):
    return client.post(f"/prijzen/nominaties/{finalist(world).uuid}/casus/")


def _cards(world: World):
    return sorted(Scorecard.objects.values_list("pk", flat=True))


def _score(world: World, client):
    url = _score_url(world)
    criterion = Criterion.objects.get(edition=_edition(world), name="Openheid")
    return client.post(url, {f"s{criterion.pk}": "7", "comment": "Goed"})


AWARD_MANAGE_WRITES = [
    Write(
        "add a panel member",
        ("awards:panel_member",),
        0,
        _add_member,
        _members,
        allowed_actor=MANAGER,
        attackers=_others(*ORGANISERS),
    ),
    Write(
        "record a panel decision",
        ("awards:decide",),
        0,
        _decide,
        _decisions,
        allowed_actor=MANAGER,
        attackers=_others(*ORGANISERS),
    ),
    Write(
        "make a finalist a case",
        ("awards:to_case",),
        0,
        _to_case,
        _case_of,
        allowed_actor=MANAGER,
        attackers=_others(*ORGANISERS),
    ),
    Write(
        "score a nomination",
        ("awards:scorecard",),
        0,
        _score,
        _cards,
        allowed_actor=JUDGE,
        attackers=_others(JUDGE),
    ),
]


def _recusals(world: World):
    return sorted(Recusal.objects.values_list("pk", flat=True))


def _recuse(world: World, client):
    panel(world)
    url = f"/prijzen/nominaties/{submitted(world).uuid}/terugtrekken/selection/"
    return client.post(url, {"reason": "Ik adviseerde hen"})


def _visit(world: World):
    found = SiteVisit.objects.filter(nomination=finalist(world)).first()
    return (found.findings, found.version) if found else None


def _write_visit(world: World, client):
    return client.post(_visit_url(world), {"visited_on": "2017-09-14", "findings": "Open cultuur"})


def _votes(world: World):
    return sorted(Vote.objects.values_list("pk", flat=True))


def _vote(world: World, client):
    edition = _edition(world)
    if edition.vote_opens is None:
        now = timezone.now()
        edition.vote_opens, edition.vote_closes = now - timedelta(hours=1), now + timedelta(days=1)
        edition.save(update_fields=["vote_opens", "vote_closes"])
    entry = _entry(world, "gemeente-eta", "Gemeente Eta", "top_ten")
    return client.post(f"/prijzen/nominaties/{entry.uuid}/stem/")


AWARD_MANAGE_WRITES += [
    Write(
        "step aside from a nomination",
        ("awards:recuse",),
        0,
        _recuse,
        _recusals,
        allowed_actor=JUDGE,
        attackers=_others(JUDGE),
    ),
    Write(
        "write a site-visit report",
        ("awards:site_visit",),
        0,
        _write_visit,
        _visit,
        allowed_actor=MANAGER,
        attackers=_others(*ORGANISERS),
    ),
    Write(
        "vote for the audience prize",
        ("awards:vote",),
        0,
        _vote,
        _votes,
        allowed_actor="outsider",
        attackers=("anonymous", "deactivated"),
    ),
]


def _reminders(world: World):
    return sorted(JudgeReminder.objects.values_list("pk", flat=True))


def _remind(world: World, client):
    panel(world)
    return client.post(f"/prijzen/{_edition(world).slug}/beheer/herinneren/selection/submission/")


AWARD_MANAGE_WRITES += [
    Write(
        "remind the judges",
        ("awards:remind",),
        0,
        _remind,
        _reminders,
        allowed_actor=MANAGER,
        attackers=_others(*ORGANISERS),
    ),
]


def _library_case(world: World):
    owner = finalist(world).owner
    found = Case.objects.filter(title="Zeta werkt open", owner=owner).first()
    return found or make_case(organisations=[owner], title="Zeta werkt open")


def _link_case(world: World, client):
    case = _library_case(world)
    return client.post(
        f"/prijzen/nominaties/{finalist(world).uuid}/casus/koppelen/", {"case": case.pk}
    )


AWARD_MANAGE_WRITES += [
    Write(
        "link a finalist to its case in the library",
        ("awards:link_case",),
        0,
        _link_case,
        _case_of,
        allowed_actor=MANAGER,
        attackers=_others(*ORGANISERS),
    ),
]
