"""What the hostile-user suite tries, route by route.

``READS`` are requests any actor may send; each probe checks the response against what
that actor may see of organisation A (``World``): nothing invisible leaks (titles,
snippets, counts, history, file names, ids), and what is visible is there (the positive
control that makes each check able to fail). The lists, counts, exports, searches and
record pages of a module come from its declaration (``modules.py``, ``visibility.py``);
the probes here cover the rest. ``WRITES`` (in ``writes.py``) try to change
A's things. ``EXEMPT`` lists the routes neither covers, each with its reason. A route in
the URL conf that is in none of these fails ``test_every_route_is_covered``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from tests.security.modules import MODULES
from tests.security.visibility import REFUSED, Probe, fetch
from tests.security.world import (
    AUDIT_MARKER,
    AUDIT_NEEDS,
    CASES,
    EDIT_NEEDS,
    NOTIFICATION_MARKER,
    NOTIFICATION_RECIPIENT,
    REVIEW_NEEDS,
    SNIPPET_MARKER,
    SOURCE_MARKER,
    World,
    case_marker,
)


def leaks(world: World, actor: str, body: str) -> list[str]:
    """Markers in ``body`` of A's things the actor may not see."""
    return world.leaks(actor, body)


def missing(world: World, actor: str, body: str, keys=None) -> list[str]:
    keys = world.visible_cases(actor) if keys is None else keys
    return [f"case {key} not shown" for key in sorted(keys) if case_marker(key) not in body]


page = fetch


def _problems(label: str, problems: list[str]) -> list[str]:
    return [f"{label}: {p}" for p in problems]


def _no_leak(url_of: Callable[[World], str], method: str = "get", data=None):
    """A page or route showing no private data of A at all (or only what it may see)."""

    def run(world, client, actor):
        url = url_of(world)
        if method == "post":
            response = client.post(url, data or {}, content_type="application/json")
            body = response.content.decode()
        else:
            response, body = fetch(client, url)
        problems = leaks(world, actor, body)
        if response.status_code >= 500:
            problems.append(f"status {response.status_code}")
        return _problems(url, problems)

    return run


def _refused_unless_seen(url_of: Callable[[World, object], str]):
    """One route per case of A that does not show the case itself (similar cases): it
    answers who may see the case and refuses everyone else, with nothing of A leaking."""

    def run(world, client, actor):
        problems = []
        for key, case in world.cases.items():
            url = url_of(world, case)
            response, body = page(client, url)
            body = body.replace(url, "")  # a 404 may echo the address asked for
            if world.sees_case(actor, key) and response.status_code != 200:
                problems.append(f"{url}: status {response.status_code} for who may see it")
            if not world.sees_case(actor, key) and response.status_code not in REFUSED:
                problems.append(f"{url}: status {response.status_code} for an invisible case")
            problems += [f"{url}: {p}" for p in leaks(world, actor, body)]
        return problems

    return run


def _history(world, client, actor):
    """The published case's history is on its page for who may edit it (the leak check
    of every page keeps it from everyone else)."""
    url = f"/casussen/{world.cases['pub'].slug}/"
    _response, body = page(client, url)
    if world.level(actor) >= AUDIT_NEEDS and AUDIT_MARKER not in body:
        return [f"{url}: history not shown to who may edit"]
    return _problems(url, leaks(world, actor, body))


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


def _document_search(url_of: Callable[[str], str]):
    """Search for the document's word: its passage only for who may see the document."""

    def run(world, client, actor):
        _r, body = page(client, url_of(SOURCE_MARKER))
        problems = leaks(world, actor, body)
        hit = SNIPPET_MARKER in body
        if world.sees_source(actor) and not hit:
            problems.append("document passage not found by a member")
        if not world.sees_source(actor) and hit:
            problems.append("document passage found by a non-member")
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


def _own_page(url: str, *, marker: str = ""):
    """A page of the signed-in user's own (notifications, preferences): the sign-in page
    for who is not signed in, and ``marker`` only for its recipient."""

    def run(world, client, actor):
        response, body = page(client, url)
        if actor in ("anonymous", "deactivated"):  # not signed in: to the sign-in page
            return [] if response.status_code == 302 else [f"{url}: {response.status_code}"]
        problems = leaks(world, actor, body)
        if response.status_code != 200:
            problems.append(f"status {response.status_code}")
        if marker and actor == NOTIFICATION_RECIPIENT and marker not in body:
            problems.append("own notification not shown")
        return _problems(url, problems)

    return run


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
    *(probe for module in MODULES for probe in module.probes()),
    Probe("case history", ("cases:detail",), _history),
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
    Probe(
        "notifications",
        ("notifications:list",),
        _own_page("/meldingen/", marker=NOTIFICATION_MARKER),
    ),
    Probe(
        "notification preferences",
        ("notifications:preferences",),
        _own_page("/meldingen/voorkeuren/"),
    ),
    Probe("delete confirmation", ("ingestion:delete",), _delete_page),
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
    Probe(
        "search page, document",
        ("search:results",),
        _document_search(lambda q: f"/zoeken/?q={q}"),
    ),
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
    Probe(
        "api similar",
        ("api:case-similar",),
        _refused_unless_seen(lambda w, c: _api_case(w, c, "/similar")),
    ),
    Probe("api documents", ("api:document-list",), _no_leak(lambda w: "/api/v1/documents")),
    Probe(
        "api document, suggestions, suggestion",
        ("api:document-detail", "api:document-suggestions", "api:suggestion-detail"),
        _source_pages(_api_source_urls),
    ),
    Probe(
        "api search, document",
        ("api:search",),
        _document_search(lambda q: f"/api/v1/search?q={q}"),
    ),
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
