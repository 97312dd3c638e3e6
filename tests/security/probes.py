"""What the hostile-user suite tries, route by route.

``READS`` are requests any actor may send; each probe checks the response against what
that actor may see of organisation A (``World``): nothing invisible leaks (titles,
snippets, counts, history, file names, ids), and what is visible is there (the positive
control that makes each check able to fail). ``WRITES`` (in ``writes.py``) try to change
A's things. ``EXEMPT`` lists the routes neither covers, each with its reason. A route in
the URL conf that is in none of these fails ``test_every_route_is_covered``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from tests.security.world import (
    AUDIT_MARKER,
    AUDIT_NEEDS,
    CASES,
    EDIT_NEEDS,
    REVIEW_NEEDS,
    SNIPPET_MARKER,
    SOURCE_MARKER,
    World,
    case_marker,
)

REFUSED = {302, 401, 403, 404}  # 302: to the sign-in page


@dataclass
class Probe:
    name: str
    routes: tuple[str, ...]
    run: Callable[[World, object, str], list[str]]


def leaks(world: World, actor: str, body: str) -> list[str]:
    """Markers in ``body`` of A's things the actor may not see."""
    found = [
        f"case {key}"
        for key in CASES
        if not world.sees_case(actor, key) and case_marker(key) in body
    ]
    if not world.sees_source(actor):
        source = world.source
        secrets = {
            "source text": SNIPPET_MARKER,
            "file name": "vertrouwelijk-alfa",
            "source uuid": str(source.uuid),
            "content hash": source.content_hash,
        }
        found += [what for what, secret in secrets.items() if secret in body]
    if world.level(actor) < AUDIT_NEEDS and AUDIT_MARKER in body:
        found.append("audit history")
    return found


def missing(world: World, actor: str, body: str, keys=None) -> list[str]:
    keys = world.visible_cases(actor) if keys is None else keys
    return [f"case {key} not shown" for key in sorted(keys) if case_marker(key) not in body]


def page(client, url: str, **extra):
    response = client.get(url, **extra)
    body = response.content.decode() if not response.streaming else _stream(response)
    return response, body


def _stream(response) -> str:
    return b"".join(response.streaming_content).decode()


def _problems(label: str, problems: list[str]) -> list[str]:
    return [f"{label}: {p}" for p in problems]


def _listing(url: str, *, titles=True, count: Callable[[str], int] | None = None):
    """A list page: every visible case shown, nothing else; its count right."""

    def run(world, client, actor):
        response, body = page(client, url)
        problems = leaks(world, actor, body)
        if titles:
            problems += missing(world, actor, body)
        if response.status_code != 200:
            problems.append(f"status {response.status_code}")
        if count is not None and count(body) != len(world.visible_cases(actor)):
            problems.append(f"count {count(body)} != {len(world.visible_cases(actor))}")
        return _problems(url, problems)

    return run


def _heading_count(body: str) -> int:
    return int(re.search(r'id="results-heading"[^>]*>\s*(\d+)', body).group(1))


def _map_count(body: str) -> int:
    return int(re.search(r'\?province=PV20">(\d+)</a>', body).group(1))


def _api_count(body: str) -> int:
    return json.loads(body)["count"]


def _no_leak(url_of: Callable[[World], str], method: str = "get", data=None):
    """A page or route showing no private data of A at all (or only what it may see)."""

    def run(world, client, actor):
        url = url_of(world)
        if method == "post":
            response = client.post(url, data or {}, content_type="application/json")
        else:
            response = client.get(url)
        body = _stream(response) if response.streaming else response.content.decode()
        problems = leaks(world, actor, body)
        if response.status_code >= 500:
            problems.append(f"status {response.status_code}")
        return _problems(url, problems)

    return run


def _case_pages(url_of: Callable[[World, object], str], *, audit=False, shows_itself=True):
    """One page per case of A: shown (with its marker) exactly to who may see it. The
    address asked for is taken out of the body (a 404 may echo it)."""

    def run(world, client, actor):
        problems = []
        for key, case in world.cases.items():
            url = url_of(world, case)
            response, body = page(client, url)
            body = body.replace(url, "")
            seen = world.sees_case(actor, key)
            shown = case_marker(key) in body or not shows_itself
            if seen and (response.status_code != 200 or not shown):
                problems.append(f"{url}: {response.status_code}, not shown")
            if not seen and response.status_code not in REFUSED:
                problems.append(f"{url}: status {response.status_code} for an invisible case")
            problems += [f"{url}: {p}" for p in leaks(world, actor, body)]
            may_edit = audit and key == "pub" and world.level(actor) >= AUDIT_NEEDS
            if may_edit and AUDIT_MARKER not in body:
                problems.append(f"{url}: history not shown to who may edit")
        return problems

    return run


def _source_pages(urls_of: Callable[[World], list[str]]):
    """Pages of A's uploaded file and its suggestions: members of A only."""

    def run(world, client, actor):
        problems = []
        for url in urls_of(world):
            response, body = page(client, url)
            body = body.replace(url, "").replace(url.split("?")[0], "")  # a 404 echoes it
            if world.sees_source(actor):
                if response.status_code != 200:
                    problems.append(f"{url}: status {response.status_code} for a member")
            elif response.status_code not in REFUSED:
                problems.append(f"{url}: status {response.status_code} for a non-member")
            problems += [f"{url}: {p}" for p in leaks(world, actor, body)]
        return problems

    return run


def _search(url_of: Callable[[str], str]):
    """Search for the cases' shared word and for the document's word: hits and snippets
    only of what the actor may see."""

    def run(world, client, actor):
        problems = []
        _r, body = page(client, url_of("kenmerk"))
        problems += leaks(world, actor, body) + missing(world, actor, body)
        _r, body = page(client, url_of(SOURCE_MARKER))
        hit = SNIPPET_MARKER in body
        if world.sees_source(actor) and not hit:
            problems.append("document passage not found by a member")
        if not world.sees_source(actor) and hit:
            problems.append("document passage found by a non-member")
        problems += leaks(world, actor, body)
        return _problems(url_of("…"), problems)

    return run


def _editor_pages(url_of: Callable[[World, object], str]):
    """A step on a case only editors of A take (publish preview, archive): the page for
    them, refused to everyone else, with nothing of A in the refusal."""

    def run(world, client, actor):
        problems = []
        for key, case in world.cases.items():
            url = url_of(world, case)
            response, body = page(client, url)
            body = body.replace(url, "")
            if world.level(actor) >= EDIT_NEEDS:
                if response.status_code != 200 or case_marker(key) not in body:
                    problems.append(f"{url}: {response.status_code} for an editor")
            elif response.status_code not in REFUSED:
                problems.append(f"{url}: status {response.status_code} for a non-editor")
            else:
                problems += [f"{url}: {p}" for p in leaks(world, actor, body)]
        return problems

    return run


def _delete_page(world, client, actor):
    """The confirmation page of deleting A's document: for who may delete it only."""
    url = reverse("ingestion:delete", kwargs={"uuid": world.source.uuid})
    response, body = page(client, url)
    body = body.replace(url, "")
    if world.level(actor) >= REVIEW_NEEDS:
        if response.status_code != 200 or "vertrouwelijk-alfa" not in body:
            return [f"{url}: {response.status_code} for who may delete"]
        return []
    if response.status_code not in (*REFUSED, 403):
        return [f"{url}: status {response.status_code}"]
    if not world.sees_source(actor):
        return _problems(url, leaks(world, actor, body))
    return []


def _my_work(world, client, actor):
    """Mijn werk: A's unpublished cases and document only for who may act on them."""
    response, body = page(client, reverse("mywork:page"))
    if actor in ("anonymous", "deactivated"):  # not signed in: to the sign-in page
        return [] if response.status_code == 302 else [f"status {response.status_code}"]
    problems = leaks(world, actor, body)
    if response.status_code != 200:
        problems.append(f"status {response.status_code}")
    editor = world.level(actor) >= EDIT_NEEDS
    for key, (status, _visibility, _needs) in CASES.items():
        if status != "published" and editor and case_marker(key) not in body:
            problems.append(f"case {key} not offered to an editor")
        if not editor and case_marker(key) in body:
            problems.append(f"case {key} offered to who may not edit it")
    if editor and "vertrouwelijk-alfa" not in body:
        problems.append("document to review not shown to an editor")
    return _problems("mywork:page", problems)


def _citation_picker(world, client, actor):
    """The new-case form lists A's uploaded document only to who may see it."""
    response, body = page(client, reverse("cases:create"))
    title = world.source.document.title
    if response.status_code != 200:
        return []  # refused: nothing shown (the write probes check the refusal)
    shown = f">{title}" in body
    if shown != world.sees_source(actor):
        return [f"document shown in the drop-down: {shown}"]
    return _problems("cases:create", leaks(world, actor, body))


def _media(world, client, actor):
    """Uploaded files are never served from a public address."""
    url = f"/media/{world.source.file.name}"
    response = client.get(url)
    return [] if response.status_code == 404 else [f"{url}: status {response.status_code}"]


def _api_case(world, case, suffix=""):
    return f"/api/v1/cases/{case.uuid}{suffix}"


def _source_urls(world) -> list[str]:
    uuid = world.source.uuid
    return [
        reverse("ingestion:detail", kwargs={"uuid": uuid}),
        reverse("ingestion:detail", kwargs={"uuid": uuid}) + "?casus=0&toon=besloten&pagina=1",
        reverse("ingestion:accept_above", kwargs={"uuid": uuid, "segment": 0}) + "?threshold=0",
    ]


def _api_source_urls(world) -> list[str]:
    suggestion = world.source.suggestions.first()
    return [
        f"/api/v1/documents/{world.source.uuid}",
        f"/api/v1/documents/{world.source.uuid}/suggestions",
        f"/api/v1/suggestions/{suggestion.uuid}",
    ]


def _site_pages(world, client, actor):
    """The footer pages: public, the same for every actor, with nothing of A in them."""
    problems = []
    for url, title in SITE_PAGES.items():
        response, body = page(client, url)
        if response.status_code != 200 or title not in body:
            problems.append(f"{url}: status {response.status_code}, title shown: {title in body}")
        problems += _problems(url, leaks(world, actor, body))
    return problems


SITE_PAGES = {
    "/contact/": "Contact",
    "/privacy/": "Privacyverklaring",
    "/toegankelijkheid/": "Toegankelijkheids\u00adverklaring",
    "/over/": "Over Proeftuin",
}


READS = [
    Probe("home", ("home",), _listing("/")),
    Probe(
        "library",
        ("cases:library",),
        _listing("/casussen/", count=_heading_count),
    ),
    Probe("library (htmx)", ("cases:library",), _listing("/casussen/?q=kenmerk")),
    Probe("export", ("cases:export",), _listing("/casussen/export.csv")),
    Probe(
        "case pages",
        ("cases:detail",),
        _case_pages(lambda w, c: f"/casussen/{c.slug}/", audit=True),
    ),
    Probe(
        "similar cases",
        ("search:similar",),
        _case_pages(lambda w, c: f"/zoeken/vergelijkbaar/{c.slug}/"),
    ),
    Probe("new-case form", ("cases:create",), _citation_picker),
    Probe(
        "publish preview",
        ("cases:publish",),
        _editor_pages(lambda w, c: f"/casussen/{c.slug}/publiceren/"),
    ),
    Probe(
        "archive confirmation",
        ("cases:archive",),
        _editor_pages(lambda w, c: f"/casussen/{c.slug}/archiveren/"),
    ),
    Probe("my work", ("mywork:page",), _my_work),
    Probe("delete confirmation", ("ingestion:delete",), _delete_page),
    Probe(
        "organisation page",
        ("organisations:detail",),
        _listing("/organisaties/gemeente-alfa/"),
    ),
    Probe(
        "map",
        ("organisations:map",),
        _listing("/organisaties/kaart/", titles=False, count=_map_count),
    ),
    Probe("organisation list", ("organisations:list",), _no_leak(lambda w: "/organisaties/")),
    Probe(
        "new-organisation form",
        ("organisations:create",),
        _no_leak(lambda w: "/organisaties/nieuw/"),
    ),
    Probe("documents", ("ingestion:list",), _no_leak(lambda w: "/documenten/")),
    Probe(
        "document page, queue, accept-above preview",
        ("ingestion:detail", "ingestion:accept_above"),
        _source_pages(_source_urls),
    ),
    Probe("search page", ("search:results",), _search(lambda q: f"/zoeken/?q={q}")),
    Probe("search progress", ("search:progress",), _no_leak(lambda w: "/zoeken/voortgang/")),
    Probe(
        "prior cases",
        ("search:prior",),
        _no_leak(lambda w: "/zoeken/eerder-gedaan/?title=wijkteams+kenmerk"),
    ),
    Probe("sign-in page", ("accounts:login",), _no_leak(lambda w: "/account/inloggen/")),
    Probe(
        "footer pages",
        ("sitepages:contact", "sitepages:privacy", "sitepages:accessibility", "sitepages:about"),
        _site_pages,
    ),
    Probe("organisation theme", ("sitepages:theme_css",), _no_leak(lambda w: "/thema.css")),
    Probe(
        "favicon",
        ("sitepages:favicon", "sitepages:favicon_ico"),
        lambda w, c, a: [
            *_no_leak(lambda w: "/favicon.svg")(w, c, a),
            *_no_leak(lambda w: "/favicon.ico")(w, c, a),
        ],
    ),
    Probe("media", (), _media),
    Probe("api cases", ("api:case-list",), _listing("/api/v1/cases", count=_api_count)),
    Probe("api case", ("api:case-detail",), _case_pages(_api_case)),
    Probe(
        "api similar",
        ("api:case-similar",),
        _case_pages(lambda w, c: _api_case(w, c, "/similar"), shows_itself=False),
    ),
    Probe("api documents", ("api:document-list",), _no_leak(lambda w: "/api/v1/documents")),
    Probe(
        "api document, suggestions, suggestion",
        ("api:document-detail", "api:document-suggestions", "api:suggestion-detail"),
        _source_pages(_api_source_urls),
    ),
    Probe("api search", ("api:search",), _search(lambda q: f"/api/v1/search?q={q}")),
    Probe(
        "api prior cases",
        ("api:search-prior-cases",),
        _no_leak(
            lambda w: "/api/v1/search/prior-cases",
            method="post",
            data={"text": "wijkteams kenmerk"},
        ),
    ),
    Probe(
        "api organisations",
        ("api:organisation-list", "api:organisation-detail", "api:organisation-similar"),
        _no_leak(lambda w: f"/api/v1/organisations/{w.a.uuid}/similar"),
    ),
    Probe(
        "api schema", ("api:schema", "api:schema-yaml"), _no_leak(lambda w: "/api/v1/openapi.json")
    ),
]
