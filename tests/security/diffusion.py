"""The hostile-user probes of the adoption pages and API (``/adopties/``, ``/api/v1/
adoptions``, the lineage routes); the list, the organisation page and the adoption pages
are checked through the ``ADOPTIONS`` module (``diffusion_module.py``). Only editors of the
adopter may change an adoption; every other write is refused with nothing changed."""

from __future__ import annotations

import json

from proeftuin.diffusion.models import Adoption
from tests.factories import make_initiative
from tests.security.diffusion_module import ADOPTIONS, innovator
from tests.security.visibility import REFUSED, Probe, fetch
from tests.security.world import EDIT_NEEDS, World
from tests.security.writes import Write

NONE_SEEN = "nog geen organisatie deze innovatie overgenomen"
ONE_SEEN = "1 organisatie nam deze innovatie over"
# who may start an adoption at all: editors of some organisation
STARTERS = {"a_editor", "a_admin", "b_editor", "b_admin", "platform_admin"}


def _adoptions(world: World) -> dict:
    return world.records[ADOPTIONS.name]


def _lineages(world, client, actor):
    """The lineage page, its API and the box on the initiative page count A's adoption of
    each innovation exactly when the actor may see it."""
    problems = []
    for key, adoption in _adoptions(world).items():
        innovation = adoption.initiative
        seen = world.sees(actor, ADOPTIONS, key)
        for url in (
            f"/adopties/initiatief/{innovation.slug}/",
            f"/initiatieven/{innovation.slug}/",
        ):
            response, body = fetch(client, url)
            shown = (
                ONE_SEEN in body if url.startswith("/adopties/") else "1 organisatie nam" in body
            )
            if response.status_code != 200 or shown != seen:
                problems.append(f"{url}: {response.status_code}, {key} counted: {shown}")
            problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
        url = f"/api/v1/initiatives/{innovation.uuid}/lineage"
        response, body = fetch(client, url)
        nodes = json.loads(body)["nodes"] if response.status_code == 200 else None
        if nodes is None or len(nodes) != int(seen):
            problems.append(f"{url}: {response.status_code}, nodes {nodes}")
        problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
    return problems


def _case_lineages(world, client, actor):
    """The lineage of each of A's cases (page and API) answers exactly to who may see the
    case, and refuses everyone else without naming it."""
    problems = []
    for key, case in world.cases.items():
        for url in (f"/adopties/casus/{case.slug}/", f"/api/v1/cases/{case.uuid}/lineage"):
            response, body = fetch(client, url)
            body = body.replace(url, "")
            if world.sees_case(actor, key) != (response.status_code == 200):
                problems.append(f"{url}: status {response.status_code} for case {key}")
            if response.status_code not in {200, *REFUSED}:
                problems.append(f"{url}: status {response.status_code}")
            problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
    return problems


def _form_pages(world, client, actor):
    """The forms of A's private adoption: for A's editors, refused to everyone else."""
    private = _adoptions(world)["private"]
    problems = []
    for suffix in ("bewerken/", "status/", "eigen-initiatief/", "intrekken/"):
        url = f"/adopties/{private.uuid}/{suffix}"
        response, body = fetch(client, url)
        body = body.replace(url, "")
        editor = world.level(actor) >= EDIT_NEEDS
        if editor and response.status_code != 200:
            problems.append(f"{url}: {response.status_code} for an editor of A")
        if not editor and response.status_code not in REFUSED:
            problems.append(f"{url}: status {response.status_code}")
        problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
    return problems


def _start_form(world, client, actor):
    """ "Wij willen dit ook" opens for editors of some organisation and offers A as the
    adopter only to A's editors."""
    innovation = _adoptions(world)["pub"].initiative
    url = f"/adopties/initiatief/{innovation.slug}/overnemen/"
    response, body = fetch(client, url)
    problems = world.leaks(actor, body)
    if (actor in STARTERS) != (response.status_code == 200):
        problems.append(f"status {response.status_code}")
    offers_a = 'value="gemeente-alfa"' in body
    if offers_a != (world.level(actor) >= EDIT_NEEDS):
        problems.append(f"A offered as adopter: {offers_a}")
    return [f"{url}: {p}" for p in problems]


DIFFUSION_READS = [
    Probe("lineages", ("diffusion:lineage", "api:initiative-lineage"), _lineages),
    Probe("case lineages", ("diffusion:lineage", "api:case-lineage"), _case_lineages),
    Probe(
        "adoption forms",
        ("diffusion:edit", "diffusion:status", "diffusion:own_initiative", "diffusion:withdraw"),
        _form_pages,
    ),
    Probe("start an adoption", ("diffusion:start",), _start_form),
]


def _new_innovation(world):
    """A fourth initiative of Gamma that A has not adopted yet."""
    found = innovator().owned_initiatives.filter(title="Nieuw van Gamma").first()
    return found or make_initiative(
        innovator(),
        title="Nieuw van Gamma",
        kind="service",
        status="published",
        visibility="public",
    )


def _by_a(world) -> int:
    return Adoption.objects.filter(adopter=world.a).count()


def _private(world) -> Adoption | None:
    return Adoption.objects.filter(pk=_adoptions(world)["private"].pk).first()


def _private_url(world, suffix: str = "") -> str:
    return f"/adopties/{_adoptions(world)['private'].uuid}/{suffix}"


def _api_url(world) -> str:
    return f"/api/v1/adoptions/{_adoptions(world)['private'].uuid}"


def _field(name: str):
    def state(world):
        row = _private(world)
        return getattr(row, name) if row else None

    return state


def _json(client, method: str, url: str, data: dict):
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


EDIT = {
    "adaptations": "Overgenomen",
    "visibility": "public",
    "measures-TOTAL_FORMS": "0",
    "measures-INITIAL_FORMS": "0",
}

DIFFUSION_WRITES = [
    Write(
        "start an adoption for A",
        ("diffusion:start",),
        EDIT_NEEDS,
        lambda w, c: c.post(
            f"/adopties/initiatief/{_new_innovation(w).slug}/overnemen/",
            {"adopter": "gemeente-alfa", "status": "interested", "visibility": "public"},
        ),
        _by_a,
    ),
    Write(
        "change an adoption's status",
        ("diffusion:status",),
        EDIT_NEEDS,
        lambda w, c: c.post(_private_url(w, "status/"), {"status": "piloting"}),
        _field("status"),
    ),
    Write(
        "edit an adoption",
        ("diffusion:edit",),
        EDIT_NEEDS,
        lambda w, c: c.post(_private_url(w, "bewerken/"), EDIT),
        _field("adaptations"),
    ),
    Write(
        "own initiative from an adoption",
        ("diffusion:own_initiative",),
        EDIT_NEEDS,
        lambda w, c: c.post(_private_url(w, "eigen-initiatief/")),
        _field("adopter_initiative_id"),
    ),
    Write(
        "withdraw an adoption",
        ("diffusion:withdraw",),
        EDIT_NEEDS,
        lambda w, c: c.post(_private_url(w, "intrekken/")),
        lambda w: _private(w) is not None,
    ),
    Write(
        "API: start an adoption for A",
        ("api:adoption-list",),
        EDIT_NEEDS,
        lambda w, c: _json(
            c,
            "post",
            "/api/v1/adoptions",
            {"initiative": str(_new_innovation(w).uuid), "adopter": str(w.a.uuid)},
        ),
        _by_a,
    ),
    Write(
        "API: change an adoption",
        ("api:adoption-detail",),
        EDIT_NEEDS,
        lambda w, c: _json(c, "patch", _api_url(w), {"outcomes": "Overgenomen"}),
        _field("outcomes"),
    ),
    Write(
        "API: withdraw an adoption",
        ("api:adoption-detail",),
        EDIT_NEEDS,
        lambda w, c: c.delete(_api_url(w)),
        lambda w: _private(w) is not None,
    ),
]
