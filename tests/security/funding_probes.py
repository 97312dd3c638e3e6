"""How the funding part of the hostile-user suite declares what it tries (``funding_world``
builds the world): a ``Read`` is a set of addresses, each answered 200 with the expected
made-up words to the actors allowed and refused (302/401/403/404) to everyone else, with
nothing the actor may not read in any answer; a ``Change`` is a request every actor but the
allowed ones sends (refused, nothing changed, nothing revealed) and one allowed actor sends
too (done: the positive control). Every attempt runs in a savepoint that is rolled back,
so the attempts of one change never disturb those of the next."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from tests.security.funding_world import FUNDING_ACTORS, FundingWorld, title_marker
from tests.security.visibility import REFUSED

SIGNED_IN = frozenset(a for a in FUNDING_ACTORS if a not in ("anonymous", "deactivated"))
EVERYONE = frozenset(FUNDING_ACTORS)
WRITE_REFUSED = {*REFUSED, 400}


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


@dataclass(frozen=True)
class Target:
    url: str
    allowed: frozenset[str]
    # the words an allowed actor must find (the positive control): (world, actor) -> words
    shows: Callable[[FundingWorld, str], Iterable[str]] = lambda fw, actor: ()
    # with ``count``: (the number read from the body, the number expected) for the actor
    count: Callable[[FundingWorld, str, str], tuple[int, int]] | None = None
    absent: Callable[[FundingWorld, str], Iterable[str]] = lambda fw, actor: ()


@dataclass(frozen=True)
class Read:
    name: str
    routes: tuple[str, ...]
    targets: Callable[[FundingWorld], list[Target]]

    def run(self, fw: FundingWorld, client, actor: str) -> list[str]:
        problems = []
        for target in self.targets(fw):
            response = client.get(target.url)
            body = body_of(response).replace(target.url, "")
            found = [f"{target.url}: {p}" for p in _check(fw, actor, target, response, body)]
            problems += found
        return problems


def _check(fw, actor, target: Target, response, body: str) -> list[str]:
    problems = fw.leaks(actor, body)
    if actor not in target.allowed:
        if response.status_code not in REFUSED:
            problems.append(f"status {response.status_code} for who may not")
        return problems
    if response.status_code != 200:
        return [*problems, f"status {response.status_code} for who may"]
    problems += [f"{word} not shown" for word in target.shows(fw, actor) if word not in body]
    problems += [f"{word} shown" for word in target.absent(fw, actor) if word in body]
    if target.count is not None:
        got, expected = target.count(fw, actor, body)
        if got != expected:
            problems.append(f"count {got} != {expected}")
    return problems


def titles(keys: Iterable[str]) -> list[str]:
    return [title_marker(key) for key in sorted(keys)]


def api_count(fw, actor, body) -> int:
    return json.loads(body)["count"]


class _Undo(Exception):
    """Raised to roll an attempt back."""


@dataclass
class Change:
    name: str
    routes: tuple[str, ...]
    attempt: Callable[[FundingWorld, object], object]  # (world, client) -> response
    state: Callable[[FundingWorld], object]  # what a refusal leaves as it was
    allowed: frozenset[str]
    doer: str  # one of ``allowed``, for the positive control

    def tried_by(self) -> list[str]:
        return [a for a in FUNDING_ACTORS if a not in self.allowed]

    def run(self, fw: FundingWorld, client_for) -> list[str]:
        before = self.state(fw)
        problems = []
        for actor in self.tried_by():
            response, after = self._rolled_back(fw, client_for(actor))
            body = body_of(response).replace(response.request["PATH_INFO"], "")
            if response.status_code not in WRITE_REFUSED:
                problems.append(f"{actor}: status {response.status_code}")
            if after != before:
                problems.append(f"{actor}: changed it")
            problems += [f"{actor}: {p}" for p in fw.leaks(actor, body)]
        response, after = self._rolled_back(fw, client_for(self.doer))
        if after == before:
            problems.append(f"{self.doer} could not: {response.status_code}")
        return [f"{self.name}: {p}" for p in problems]

    def _rolled_back(self, fw, client):
        outcome = {}
        try:
            with transaction.atomic():
                outcome["response"] = self.attempt(fw, client)
                outcome["state"] = self.state(fw)
                raise _Undo
        except _Undo:
            pass
        return outcome["response"], outcome["state"]
