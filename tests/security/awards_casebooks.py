"""The hostile-user probes of casebooks. A's editor made a casebook of A's draft case and
its public one, titled with the draft's marker: only who may see every case (A's
contributors and up, the platform administrator) finds it, its page and its files; the list
names it to nobody else. Making a casebook: any signed-in account from the library, only
the organisers for an edition; making a failed one again: its maker (and the organisers of
its edition)."""

from __future__ import annotations

from proeftuin.awards.casebook_job import make_casebook
from proeftuin.awards.models import Casebook, CasebookStatus
from proeftuin.awards.to_case import nomination_to_case
from proeftuin.cases.service import ThemeSet
from tests.security.awards import EDITIONS, MANAGER
from tests.security.awards_manage import finalist
from tests.security.awards_writes import SIGNED_OUT, page_check
from tests.security.visibility import REFUSED, Probe
from tests.security.world import ACTORS, World
from tests.security.writes import Write

MAKER = "a_editor"
ORGANISERS = (MANAGER, "platform_admin")


def _readers(world: World) -> set[str]:
    return {actor for actor in ACTORS if world.sees_case(actor, "draft")}


def casebook(world: World) -> Casebook:
    draft = world.cases["draft"]
    found = Casebook.objects.filter(title=f"Bundel {draft.title}").first()
    if found is None:
        found = Casebook.objects.create(
            title=f"Bundel {draft.title}",
            created_by=world.users[MAKER],
            theme_set=ThemeSet.objects.get(key="casebook"),
        )
        found.cases.set([draft, world.cases["pub"]])
        make_casebook(found.pk)
    return found


def _detail_url(world):
    return f"/prijzen/casebooks/{casebook(world).uuid}/"


def _file_url(world):
    return f"/prijzen/casebooks/{casebook(world).uuid}/versies/1/pdf/"


def _list_url(world):
    casebook(world)
    return "/prijzen/casebooks/"


def _everyone_readers(world, client, actor):
    return page_check(set(ACTORS), _list_url)(world, client, actor)


def _readers_check(url_of):
    def check(world, client, actor):
        return page_check(_readers(world), url_of)(world, client, actor)

    return check


def _file_check(world, client, actor):
    """The PDF for who may read the casebook (its bytes are not text); a refusal that
    reveals nothing for everyone else."""
    url = _file_url(world)
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if actor in _readers(world):
        if response.status_code != 200 or not body.startswith(b"%PDF-"):
            return [f"{url}: status {response.status_code} for {actor}"]
        return []
    problems = [] if response.status_code in REFUSED else [f"status {response.status_code}"]
    text = body.decode(errors="replace").replace(url, "")
    return [f"{url}: {p} for {actor}" for p in problems + world.leaks(actor, text)]


SIGNED_IN = set(ACTORS) - set(SIGNED_OUT)

CASEBOOK_READS = [
    Probe("casebook list", ("awards:casebooks",), _everyone_readers),
    Probe(
        "casebook form",
        ("awards:casebook_new",),
        page_check(SIGNED_IN, lambda w: "/prijzen/casebooks/nieuw/"),
    ),
    Probe("casebook page", ("awards:casebook",), _readers_check(_detail_url)),
    Probe("casebook file", ("awards:casebook_file",), _file_check),
]


def _theme_set_id():
    return ThemeSet.objects.get(key="casebook").pk


def _made(world: World):
    return sorted(Casebook.objects.values_list("pk", flat=True))


def _make_library(world: World, client):
    data = {
        "title": "Nieuw",
        "theme_set": _theme_set_id(),
        "source": "library",
        "library_filter": "",
    }
    return client.post("/prijzen/casebooks/nieuw/", data)


def _make_edition(world: World, client):
    nomination_to_case(actor=world.users[MANAGER], nomination=finalist(world))
    edition = world.records[EDITIONS.name]["pub"]
    data = {
        "title": "Editie",
        "theme_set": _theme_set_id(),
        "source": "edition",
        "edition": edition.slug,
    }
    return client.post("/prijzen/casebooks/nieuw/", data)


def _failed(world: World) -> Casebook:
    """A casebook of the same cases whose generation failed (no job ran for it)."""
    draft = world.cases["draft"]
    found = Casebook.objects.filter(title=f"Mislukt {draft.title}").first()
    if found is None:
        found = Casebook.objects.create(
            title=f"Mislukt {draft.title}",
            created_by=world.users[MAKER],
            theme_set=ThemeSet.objects.get(key="casebook"),
            status=CasebookStatus.FAILED,
            error="x",
        )
        found.cases.set([draft, world.cases["pub"]])
    return found


def _again(world: World, client):
    return client.post(f"/prijzen/casebooks/{_failed(world).uuid}/opnieuw/")


def _state(world: World):
    return Casebook.objects.filter(pk=_failed(world).pk).values("status", "error").first()


CASEBOOK_WRITES = [
    Write(
        "make a casebook from the library",
        ("awards:casebook_new",),
        0,
        _make_library,
        _made,
        allowed_actor="outsider",
        attackers=SIGNED_OUT,
    ),
    Write(
        "make an edition's casebook",
        ("awards:casebook_new",),
        0,
        _make_edition,
        _made,
        allowed_actor=MANAGER,
        attackers=tuple(a for a in ACTORS if a not in ORGANISERS),
    ),
    Write(
        "make a failed casebook again",
        ("awards:casebook_again",),
        0,
        _again,
        _state,
        allowed_actor=MAKER,
        attackers=tuple(a for a in ACTORS if a != MAKER),
    ),
]
