"""Reads of the applying and screening part (``/subsidies/aanvragen/...``, the
applications API): an application is read by its applicants (drafts: theirs alone, while
they hold a role in the lead or a partner), once submitted by the fund's managers and
screeners and its assigned reviewers without a conflict, and by platform administrators;
never by other members of its organisation, a revoked or deactivated co-applicant, an
outsider or anyone anonymous."""

from __future__ import annotations

from tests.security.funding_probes import SIGNED_IN, Read, Target, api_count, titles
from tests.security.funding_world import (
    A_APPS,
    A_WRITERS,
    AS_FOR_A,
    B_APPS,
    READERS,
    FundingWorld,
    secret_marker,
)
from tests.security.world import case_marker

SCREENERS = frozenset({"fund_manager", "screener", "platform_admin"})


def mine(actor: str) -> tuple[str, ...]:
    """The applications the actor writes."""
    if actor in A_WRITERS:
        return A_APPS
    return B_APPS if actor == "b_contributor" else ()


def _app(fw: FundingWorld, key: str) -> str:
    return f"/subsidies/aanvragen/{fw.apps[key].uuid}/"


def prior_cases(fw: FundingWorld, actor: str) -> list[str]:
    """The prior cases kept on an application that the actor may see (the API and the
    review form show them to its readers; ``World.leaks`` finds the others)."""
    as_for_a = AS_FOR_A.get(actor, actor)
    return [case_marker(key) for key in sorted(fw.world.visible_cases(as_for_a))]


def _details(fw: FundingWorld) -> list[Target]:
    targets = [
        Target(
            url,
            frozenset(READERS[key]),
            shows=lambda fw, actor, key=key: [secret_marker(key)],
        )
        for key in READERS
        for url in (_app(fw, key), f"/api/v1/funding/applications/{fw.apps[key].uuid}")
    ]
    api = f"/api/v1/funding/applications/{fw.apps['asubmitted'].uuid}"
    return [*targets, Target(api, frozenset(READERS["asubmitted"]), shows=prior_cases)]


def _lists(fw: FundingWorld) -> list[Target]:
    return [
        Target(
            "/subsidies/mijn-aanvragen/",
            SIGNED_IN,
            shows=lambda fw, actor: titles(mine(actor)),
        ),
        Target(
            "/api/v1/funding/applications",
            SIGNED_IN,
            shows=lambda fw, actor: titles(fw.readable(actor)),
            count=lambda fw, actor, body: (api_count(fw, actor, body), len(fw.readable(actor))),
        ),
    ]


def _forms(fw: FundingWorld) -> list[Target]:
    """The draft's form for its applicants; a submitted one's for nobody."""
    return [
        Target(
            f"{_app(fw, 'adraft')}bewerken/",
            frozenset(A_WRITERS),
            shows=lambda fw, actor: [secret_marker("adraft")],
        ),
        Target(f"{_app(fw, 'asubmitted')}bewerken/", frozenset()),
    ]


def _attachment(fw: FundingWorld) -> list[Target]:
    url = f"{_app(fw, 'adraft')}bijlagen/{fw.attachment.uuid}/"
    return [Target(url, frozenset(READERS["adraft"]), shows=lambda fw, actor: ["%PDF"])]


def _screening(fw: FundingWorld) -> list[Target]:
    """The list of submitted applications for the fund's screeners and managers (A's
    administrator manages the programmes of the suite's other rounds, so the list opens for
    them, without any application of this fund); screening one for them and platform
    administrators."""
    submitted = [k for k in READERS if k not in ("adraft", "bdraft")]
    return [
        Target(
            "/subsidies/screening/",
            frozenset({"fund_manager", "screener", "a_admin"}),
            shows=lambda fw, actor: titles(["asubmitted"]) if actor != "a_admin" else [],
            absent=lambda fw, actor: titles(submitted) if actor == "a_admin" else [],
        ),
        Target(
            f"{_app(fw, 'asubmitted')}screening/",
            SCREENERS,
            shows=lambda fw, actor: [secret_marker("asubmitted")],
        ),
    ]


APPLY_READS = [
    Read(
        "application pages and API",
        ("funding:apply_detail", "api:funding-application-detail"),
        _details,
    ),
    Read(
        "my applications, API list", ("funding:apply_mine", "api:funding-application-list"), _lists
    ),
    Read("application form", ("funding:apply_edit",), _forms),
    Read("attachment", ("funding:apply_attachment",), _attachment),
    Read("screening", ("funding:apply_screening_list", "funding:apply_screen"), _screening),
]
