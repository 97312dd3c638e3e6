"""One visibility helper for the hostile-user suite: a module declares its records and its
routes, and every actor then checks them.

A module (cases today; initiatives, portfolio, funding later) declares a ``Module``:

- ``create(world, level, marker, author)``: make one record in organisation A at ``level``
  (its status and visibility in ``level.fields``) carrying the made-up word ``marker`` in
  its title or text; ``author`` is the user who makes it (a contributor whose role is
  revoked before the checks run, for the levels with ``by_revoked``), or ``None``;
- ``levels``: which record is made at which level and which role in A sees it. The default
  is ``EDITORIAL_LEVELS``, the standard rule of ``proeftuin.core.editorial``;
- ``routes``: its list, count, export, search, detail and API routes (``listing``,
  ``counting``, ``searching``, ``detail`` below), each with the URL names it covers.

Add the module to ``MODULES`` in ``tests/security/modules.py``. ``build_world`` then makes
its records, ``World.leaks`` looks for its markers on every page and route of the suite,
and ``Module.probes()`` (added to ``READS``) checks for every actor that nothing invisible
leaks and that what is visible is there (the positive control that lets each check fail),
that a count counts exactly the visible records, and that a record's page answers 200 to
who may see it and a refusal to everyone else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from proeftuin.accounts.models import Role

if TYPE_CHECKING:
    from tests.security.world import World

REFUSED = {302, 401, 403, 404}  # 302: to the sign-in page


@dataclass(frozen=True)
class Probe:
    """One thing every actor tries: ``run(world, client, actor)`` returns the problems."""

    name: str
    routes: tuple[str, ...]
    run: Callable[[World, object, str], list[str]]


@dataclass(frozen=True)
class Level:
    """One record of a module in A: its fields and the role in A needed to see it."""

    key: str
    fields: dict
    needs: int  # the role in A (0: anyone)
    by_revoked: bool = False  # made by a contributor who then loses their role


# The standard rule (core.editorial.editorial_rule): the public sees published public
# records; viewers of the owner its published shared ones; contributors its shared drafts
# (and their own private ones, while a contributor); editors everything of the owner.
EDITORIAL_LEVELS = (
    Level("pub", {"status": "published", "visibility": "public"}, 0),
    Level("org", {"status": "published", "visibility": "organisation"}, Role.VIEWER),
    Level("draft", {"status": "draft", "visibility": "organisation"}, Role.CONTRIBUTOR),
    # authorship alone grants nothing: its revoked author no longer sees it
    Level("private", {"status": "draft", "visibility": "private"}, Role.EDITOR, by_revoked=True),
)


@dataclass(frozen=True)
class Route:
    kind: str  # "listing", "counting", "searching" or "detail"
    names: tuple[str, ...]
    url: str | Callable[[World, object], str]
    count: Callable[[str], int] | None = None


def listing(*names: str, url: str, count: Callable[[str], int] | None = None) -> Route:
    """A list, export or API list: every visible record shown, nothing else; with
    ``count`` (the number read from the body), that number right too."""
    return Route("listing", names, url, count)


def counting(*names: str, url: str, count: Callable[[str], int]) -> Route:
    """A page that only counts A's records (a map, a facet): the number right, no leak."""
    return Route("counting", names, url, count)


def searching(*names: str, url: str) -> Route:
    """A search (``url`` with ``{word}``), asked for the module's shared word."""
    return Route("searching", names, url)


def detail(*names: str, url: Callable[[World, object], str]) -> Route:
    """One page or API resource per record: shown (with its marker) exactly to who may
    see it, refused to everyone else with nothing of A in the refusal."""
    return Route("detail", names, url)


@dataclass(frozen=True)
class Module:
    name: str
    marker_prefix: str  # a made-up word; the markers are prefix + level key
    search_word: str  # a word every record of the module carries (for ``searching``)
    create: Callable[[World, Level, str, object], object]
    routes: tuple[Route, ...] = ()
    levels: tuple[Level, ...] = EDITORIAL_LEVELS

    def marker(self, key: str) -> str:
        return f"{self.marker_prefix}{key}"

    def level(self, key: str) -> Level:
        return next(level for level in self.levels if level.key == key)

    def probes(self) -> list[Probe]:
        return [
            Probe(f"{self.name}: {r.kind} {_label(r)}", r.names, self._check(r))
            for r in self.routes
        ]

    def _check(self, route: Route) -> Callable[[World, object, str], list[str]]:
        if route.kind == "detail":
            return lambda world, client, actor: self._details(world, client, actor, route)
        return lambda world, client, actor: self._list(world, client, actor, route)

    def _list(self, world: World, client, actor: str, route: Route) -> list[str]:
        url = route.url.format(word=self.search_word) if route.kind == "searching" else route.url
        response, body = fetch(client, url)
        visible = world.visible(actor, self)
        problems = world.leaks(actor, body)
        if response.status_code != 200:
            problems.append(f"status {response.status_code}")
        if route.kind != "counting":
            problems += [
                f"{self.name} {k} not shown" for k in sorted(visible) if self.marker(k) not in body
            ]
        if route.count is not None and (n := route.count(body)) != len(visible):
            problems.append(f"count {n} != {len(visible)}")
        return [f"{url}: {p}" for p in problems]

    def _details(self, world: World, client, actor: str, route: Route) -> list[str]:
        problems = []
        for key, record in world.records[self.name].items():
            url = route.url(world, record)
            response, body = fetch(client, url)
            body = body.replace(url, "")  # a 404 may echo the address asked for
            if world.sees(actor, self, key):
                if response.status_code != 200 or self.marker(key) not in body:
                    problems.append(f"{url}: {response.status_code}, {key} not shown")
            elif response.status_code not in REFUSED:
                problems.append(f"{url}: status {response.status_code} for an invisible {key}")
            problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
        return problems


def _label(route: Route) -> str:
    return route.url if isinstance(route.url, str) else route.names[0]


def fetch(client, url: str, **extra):
    """The response and its body (streamed or not)."""
    response = client.get(url, **extra)
    if response.streaming:
        return response, b"".join(response.streaming_content).decode()
    return response, response.content.decode()
