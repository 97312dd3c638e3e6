"""Reads of the decision part: the round's decisions, letters, figures and their files are
for the programme's managers; an application's decision page for who reads the
application, its letters for the managers and its applicants only; the public results,
their API and the search show the granted experiment (title and public summary) to
everyone who sees the round, and nothing that was not granted."""

from __future__ import annotations

import json

from tests.security.funding_apply import mine
from tests.security.funding_probes import EVERYONE, Read, Target, titles
from tests.security.funding_review import MANAGING
from tests.security.funding_world import (
    A_WRITERS,
    PUBLIC_WORD,
    READERS,
    STAGES,
    FundingWorld,
)

LETTER_READERS = frozenset({*A_WRITERS, "fund_manager", "platform_admin"})
NOT_GRANTED = [key for key in STAGES if key != "agranted"]


def _not_granted(fw, actor):
    return titles(NOT_GRANTED)


def _stage_counts(fw, actor, body) -> tuple[int, int]:
    """Applications per stage, the drafts left aside: the five submitted ones of the
    world's round (submitted, in review twice, ready for decision... see STAGES)."""
    (stages,) = [t for t in json.loads(body) if t["key"] == "stages"]
    counted = sum(n for name, n in stages["rows"][1:])  # the first row: the drafts
    return counted, len([k for k, stage in STAGES.items() if stage != "draft"])


def _round_pages(fw: FundingWorld) -> list[Target]:
    round_ = f"/subsidies/rondes/{fw.round.slug}/"
    return [
        Target(f"{round_}besluiten/", MANAGING, shows=lambda fw, actor: titles(["adecide"])),
        Target(f"{round_}besluitbrieven/", MANAGING),
        Target(f"{round_}cijfers/", MANAGING, shows=lambda fw, actor: ["Ronde Proeven"]),
        *(Target(f"{round_}cijfers.{fmt}", MANAGING) for fmt in ("csv", "xlsx", "ods")),
        Target(
            f"/api/v1/funding/rounds/{fw.round.slug}/analytics",
            MANAGING,
            count=_stage_counts,
        ),
    ]


def _results(fw: FundingWorld) -> list[Target]:
    """The granted experiment, and only it, for everyone (the round is public)."""
    granted = lambda fw, actor: [*titles(["agranted"]), PUBLIC_WORD]  # noqa: E731
    one = lambda fw, actor, body: (len(json.loads(body)), 1)  # noqa: E731
    return [
        Target(
            f"/subsidies/rondes/{fw.round.slug}/resultaten/",
            EVERYONE,
            shows=granted,
            absent=_not_granted,
        ),
        Target(
            f"/api/v1/funding/rounds/{fw.round.slug}/results",
            EVERYONE,
            shows=granted,
            absent=_not_granted,
            count=one,
        ),
        Target(f"/zoeken/?q={PUBLIC_WORD}", EVERYONE, shows=granted, absent=_not_granted),
        Target(
            f"/api/v1/search?q={PUBLIC_WORD}",
            EVERYONE,
            shows=lambda fw, actor: titles(["agranted"]),
            absent=_not_granted,
        ),
        Target("/zoeken/?q=Aanvraag", EVERYONE, absent=_not_granted),
        Target("/api/v1/search?q=Aanvraag", EVERYONE, absent=_not_granted),
    ]


def _round_page(fw: FundingWorld) -> list[Target]:
    """The round's page and the list of rounds: the round for everyone, on its page the
    actor's own applications and nobody else's."""
    return [
        Target(
            f"/subsidies/rondes/{fw.round.slug}/",
            EVERYONE,
            shows=lambda fw, actor: ["Ronde Proeven", *titles(mine(actor))],
            absent=lambda fw, actor: titles(k for k in STAGES if k not in mine(actor)),
        ),
        Target("/subsidies/", EVERYONE, shows=lambda fw, actor: ["Ronde Proeven"]),
    ]


def _grant(fw: FundingWorld) -> list[Target]:
    base = f"/subsidies/aanvragen/{fw.apps['agranted'].uuid}/besluit/"
    letter = str(fw.letter.uuid)
    return [
        Target(
            base,
            frozenset(READERS["agranted"]),
            shows=lambda fw, actor: [
                *titles(["agranted"]),
                *([letter] if actor in LETTER_READERS else []),
            ],
            absent=lambda fw, actor: [] if actor in LETTER_READERS else [letter],
        ),
        Target(f"{base}brieven/{letter}.pdf", LETTER_READERS, shows=lambda fw, actor: ["%PDF"]),
    ]


DECIDE_READS = [
    Read(
        "round decisions, letters, figures",
        (
            "funding:decide_round",
            "funding:decide_letters",
            "funding:decide_analytics",
            "funding:decide_analytics_file",
            "api:funding-round-analytics",
        ),
        _round_pages,
    ),
    Read(
        "public results and search",
        ("funding:decide_results", "api:funding-round-results", "search:results", "api:search"),
        _results,
    ),
    Read("round page", ("funding:round", "funding:rounds"), _round_page),
    Read(
        "grant page, letters", ("funding:decide_application", "funding:decide_letter_file"), _grant
    ),
]
