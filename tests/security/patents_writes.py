"""The hostile-user probes of the patents' forms and actions; the pages of a patent are
checked through the ``PATENTS`` module (``patents.py``). Programme managers (A's
administrator here) and platform administrators award, decide claims and end a patent;
the innovator's editors (Gamma has none, so platform administrators are the positive
control) record meetings and claim. Everyone else is refused with nothing changed and
nothing revealed."""

from __future__ import annotations

from proeftuin.patents.models import InnovationPatent, IntroductionMeeting, PatentClaim
from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory, make_initiative
from tests.security.diffusion_module import innovator
from tests.security.patents import MANAGER, PATENTS
from tests.security.visibility import REFUSED, Probe, fetch
from tests.security.world import ACTORS, World
from tests.security.writes import Write

MANAGERS = (MANAGER, "platform_admin")
JSON = "application/json"


def _others(*allowed: str) -> tuple[str, ...]:
    return tuple(actor for actor in ACTORS if actor not in allowed)


def _closed(world: World) -> InnovationPatent:
    return world.records[PATENTS.name]["org"]


def _base(world: World) -> str:
    return f"/patenten/{_closed(world).uuid}/"


def _award_url(world: World) -> str:
    return f"/programmas/{_closed(world).programme.slug}/patenten/nieuw/"


def _pages(world, client, actor):
    """The award form of the members-only programme: for its managers, refused to all."""
    url = _award_url(world)
    response, body = fetch(client, url)
    problems = []
    if actor in MANAGERS and response.status_code != 200:
        problems.append(f"{url}: status {response.status_code} for {actor}")
    if actor not in MANAGERS and response.status_code not in REFUSED:
        problems.append(f"{url}: status {response.status_code} for {actor}")
    return problems + [f"{url}: {p}" for p in world.leaks(actor, body.replace(url, ""))]


PATENT_READS = [Probe("patent award form", ("patents:award",), _pages)]


def _proven(world: World):
    """A public innovation of Gamma that Gemeente Delta adopted (made on first use)."""
    from proeftuin.portfolio.models import Initiative

    delta = _delta()
    initiative = Initiative.objects.filter(title="Bewezen innovatie Gamma").first()
    if initiative is None:
        initiative = make_initiative(
            innovator(),
            title="Bewezen innovatie Gamma",
            status="published",
            visibility="public",
        )
        make_adoption(initiative, delta, status="adopted")
    return initiative


def _delta():
    from proeftuin.organisations.models import Organisation

    found = Organisation.objects.filter(slug="gemeente-delta").first()
    return found or OrganisationFactory(name="Gemeente Delta", slug="gemeente-delta")


def _claimable(world: World):
    """Delta adopted the closed patent's innovation and was introduced to it."""
    patent, delta = _closed(world), _delta()
    if not patent.meetings.filter(adopters=delta).exists():
        make_adoption(patent.initiative, delta, status="adopted")
        meeting = IntroductionMeeting.objects.create(patent=patent, date="2025-05-01")
        meeting.adopters.set([delta])
    return delta


def _claim(world: World) -> PatentClaim:
    return _closed(world).claims.get(adopter=world.a)


def _claim_state(world: World):
    claim = _claim(world)
    return claim.status, claim.version, PatentClaim.objects.count()


PATENT_WRITES = [
    Write(
        "award a patent",
        ("patents:award",),
        0,
        lambda w, c: c.post(
            _award_url(w), {"innovation": _proven(w).slug, "reward_per_adopter": "1000"}
        ),
        lambda w: InnovationPatent.objects.count(),
        allowed_actor=MANAGER,
        attackers=_others(*MANAGERS),
    ),
    Write(
        "award a patent through the API",
        ("api:patent-list",),
        0,
        lambda w, c: c.post(
            "/api/v1/patents",
            {"programme": _closed(w).programme.slug, "initiative": str(_proven(w).uuid)},
            content_type=JSON,
        ),
        lambda w: InnovationPatent.objects.count(),
        allowed_actor=MANAGER,
        attackers=_others(*MANAGERS),
    ),
    Write(
        "record an introduction meeting",
        ("patents:meeting_add",),
        0,
        lambda w, c: c.post(
            f"{_base(w)}bijeenkomsten/", {"date": "2025-05-01", "adopters": [str(_delta().uuid)]}
        ),
        lambda w: IntroductionMeeting.objects.count(),
        allowed_actor="platform_admin",
        attackers=_others("platform_admin"),
    ),
    Write(
        "record an introduction meeting through the API",
        ("api:patent-meeting-list",),
        0,
        lambda w, c: c.post(
            f"/api/v1/patents/{_closed(w).uuid}/meetings",
            {"date": "2025-05-01", "adopters": [str(_delta().uuid)]},
            content_type=JSON,
        ),
        lambda w: IntroductionMeeting.objects.count(),
        allowed_actor="platform_admin",
        attackers=_others("platform_admin"),
    ),
    Write(
        "claim a reward",
        ("patents:claim_add",),
        0,
        lambda w, c: c.post(f"{_base(w)}vergoedingen/", {"adopter": str(_claimable(w).uuid)}),
        lambda w: PatentClaim.objects.count(),
        allowed_actor="platform_admin",
        attackers=_others("platform_admin"),
    ),
    Write(
        "claim a reward through the API",
        ("api:patent-claim-list",),
        0,
        lambda w, c: c.post(
            f"/api/v1/patents/{_closed(w).uuid}/claims",
            {"adopter": str(_claimable(w).uuid)},
            content_type=JSON,
        ),
        lambda w: PatentClaim.objects.count(),
        allowed_actor="platform_admin",
        attackers=_others("platform_admin"),
    ),
    Write(
        "decide a claim",
        ("patents:claim_decide",),
        0,
        lambda w, c: c.post(f"{_base(w)}vergoedingen/{_claim(w).uuid}/", {"decision": "pay"}),
        _claim_state,
        allowed_actor=MANAGER,
        attackers=_others(*MANAGERS),
    ),
    Write(
        "decide a claim through the API",
        ("api:patent-claim-decision",),
        0,
        lambda w, c: c.post(
            f"/api/v1/patents/{_closed(w).uuid}/claims/{_claim(w).uuid}/decision",
            {"decision": "approve"},
            content_type=JSON,
        ),
        _claim_state,
        allowed_actor=MANAGER,
        attackers=_others(*MANAGERS),
    ),
    Write(
        "end a patent",
        ("patents:end",),
        0,
        lambda w, c: c.post(f"{_base(w)}beeindigen/"),
        lambda w: InnovationPatent.objects.get(pk=_closed(w).pk).status,
        allowed_actor=MANAGER,
        attackers=_others(*MANAGERS),
    ),
]
