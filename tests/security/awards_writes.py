"""The hostile-user probes of the awards' forms: nominating (any signed-in account), the
nominee's consent and submission (editors and administrators of the nominated
organisation, A here). Everyone else is refused with nothing changed and nothing revealed."""

from __future__ import annotations

from django.utils import timezone

from proeftuin.accounts.models import Role
from proeftuin.awards.models import (
    Criterion,
    Nomination,
    Panel,
    Score,
    Scorecard,
    SubmissionAnswer,
)
from tests.factories import UserFactory
from tests.security.awards import EDITIONS, NOMINATIONS
from tests.security.visibility import REFUSED, Probe, fetch
from tests.security.world import ACTORS, World
from tests.security.writes import Write

NOMINEE_EDITORS = ("a_editor", "a_admin")
SIGNED_OUT = ("anonymous", "deactivated")


def _nomination(world: World, key: str) -> Nomination:
    return Nomination.objects.get(pk=world.records[NOMINATIONS.name][key].pk)


def _criterion(world: World) -> Criterion:
    edition = _nomination(world, "pub").edition
    return Criterion.objects.get_or_create(edition=edition, name="Openheid")[0]


def page_check(allowed, url_of):
    """A page shown (200) to ``allowed`` and refused to every other actor, leaking nothing."""

    def check(world, client, actor):
        url = url_of(world)
        response, body = fetch(client, url)
        problems = []
        if actor in allowed and response.status_code != 200:
            problems.append(f"status {response.status_code} for {actor}")
        if actor not in allowed and response.status_code not in REFUSED:
            problems.append(f"status {response.status_code} for {actor}")
        return [f"{url}: {p}" for p in problems + world.leaks(actor, body.replace(url, ""))]

    return check


def _submission_url(world):
    _criterion(world)
    return f"/prijzen/nominaties/{_nomination(world, 'pub').uuid}/inzending/"


def _nominate_url(world):
    return f"/prijzen/{world.records[EDITIONS.name]['pub'].slug}/nomineren/"


def _nominees_at(url_of):
    return lambda world, client, actor: _nominees(world, client, actor, url_of)


def _nominees(world, client, actor, url_of=lambda n: f"/prijzen/{n.edition.slug}/"):
    """An edition's page (or the API's nominations of an edition) names a nominee only to
    who may see the nomination."""
    problems = []
    for key in ("pub", "pending"):
        nomination = _nomination(world, key)
        url = url_of(nomination)
        response, body = fetch(client, url)
        shown = NOMINATIONS.marker(key) in body
        if response.status_code != 200:
            problems.append(f"{url}: status {response.status_code} for {actor}")
        elif shown != world.sees(actor, NOMINATIONS, key):
            problems.append(f"{url}: nominee {key} shown={shown} for {actor}")
        problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
    return problems


SUBMISSION_READERS = ("a_viewer", "a_contributor", "a_editor", "a_admin", "platform_admin")
SCORE_READERS = ("a_admin", "platform_admin")  # the organisers; the judge is no actor
SUBMISSION_TEXT = "Inzendtekst-xqz alleen voor de genomineerde"
SCORE_TEXT = "Juryoordeel-xqz alleen voor panel en organisatoren"


def _judged(world: World) -> Nomination:
    """The public nomination with a submission text and a judge's submitted scorecard."""
    nomination = _nomination(world, "pub")
    criterion = _criterion(world)
    SubmissionAnswer.objects.get_or_create(
        nomination=nomination, criterion=criterion, defaults={"text": SUBMISSION_TEXT}
    )
    if not Scorecard.objects.filter(nomination=nomination).exists():
        panel = Panel.objects.get_or_create(edition=nomination.edition, kind="selection")[0]
        judge = UserFactory()
        panel.members.add(judge)
        card = Scorecard.objects.create(
            panel=panel,
            judge=judge,
            nomination=nomination,
            step="submission",
            comment=SCORE_TEXT,
            submitted_at=timezone.now(),
        )
        Score.objects.create(scorecard=card, criterion=criterion, value=7, comment=SCORE_TEXT)
    return nomination


def _api_reads(world, client, actor):
    """The API's nomination: the submission only for the nominee's members and the
    organisers, the scores only for the panel and the organisers (never the nominee)."""
    url = f"/api/v1/awards/nominations/{_judged(world).uuid}"
    response, body = fetch(client, url)
    problems = [] if response.status_code == 200 else [f"status {response.status_code}"]
    for text, readers in ((SUBMISSION_TEXT, SUBMISSION_READERS), (SCORE_TEXT, SCORE_READERS)):
        if (text in body) != (actor in readers):
            problems.append(f"{text[:12]} shown={text in body} for {actor}")
    return [f"{url}: {p}" for p in problems + world.leaks(actor, body)]


AWARD_READS = [
    Probe("award API submission and scores", ("api:award-nomination-detail",), _api_reads),
    Probe("award edition nominees", ("awards:edition",), _nominees),
    Probe(
        "award API nominees of an edition",
        ("api:award-nomination-list",),
        _nominees_at(lambda n: f"/api/v1/awards/nominations?edition={n.edition.slug}"),
    ),
    Probe(
        "award submission form",
        ("awards:submission",),
        page_check({*NOMINEE_EDITORS}, _submission_url),
    ),
    Probe(
        "award nomination form",
        ("awards:nominate",),
        page_check({a for a in ACTORS if a not in SIGNED_OUT}, _nominate_url),
    ),
]


def _nominations(world: World):
    return sorted(Nomination.objects.values_list("pk", flat=True))


def _nominate(world: World, client):
    return client.post(
        _nominate_url(world),
        {"organisation": world.b.pk, "source": "other", "motivation": "Een goed voorbeeld."},
    )


def _consent_state(world: World):
    return _nomination(world, "pending").consent


def _consent(world: World, client):
    nomination = _nomination(world, "pending")
    return client.post(
        f"/prijzen/nominaties/{nomination.uuid}/toestemming/",
        {"version": nomination.version, "give": "1"},
    )


def _answers(world: World):
    return sorted(_nomination(world, "pub").answers.values_list("text", flat=True))


def _submit(world: World, client):
    nomination, criterion = _nomination(world, "pub"), _criterion(world)
    return client.post(
        f"/prijzen/nominaties/{nomination.uuid}/inzending/",
        {"version": nomination.version, f"c{criterion.pk}": "Ons verhaal"},
    )


AWARD_WRITES = [
    Write(
        "nominate an organisation",
        ("awards:nominate",),
        0,
        _nominate,
        _nominations,
        allowed_actor="outsider",
        attackers=SIGNED_OUT,
    ),
    Write(
        "consent to a nomination",
        ("awards:consent",),
        Role.EDITOR,
        _consent,
        _consent_state,
        allowed_actor="a_editor",
        attackers=tuple(a for a in ACTORS if a not in (*NOMINEE_EDITORS, "platform_admin")),
    ),
    Write(
        "write a submission",
        ("awards:submission",),
        Role.EDITOR,
        _submit,
        _answers,
        allowed_actor="a_editor",
        attackers=tuple(a for a in ACTORS if a not in NOMINEE_EDITORS),
    ),
]
