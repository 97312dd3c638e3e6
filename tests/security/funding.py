"""Funding rounds (``proeftuin.funding``) in the hostile-user suite: the rounds of the
``ROUNDS`` module (``modules.py`` adds it to ``MODULES``) and the probes of the pages where
programme managers set up funds and rounds.

A round is read by whoever may see its programme once it is published; an unpublished
round only by the programme's managers. In the world: three funds of programmes over A,
all managed by A's administrator (``MANAGER``): a public programme's published round (read
by everyone), a members-only programme's published round (who holds a role in A) and a
public programme's unpublished round (its manager, A's administrator, and platform
administrators: ``needs`` organisation administrator). The marker is in the round's title
and description."""

from __future__ import annotations

import json

from proeftuin.accounts.models import Role
from proeftuin.funding.models import Fund
from proeftuin.organisations.services import programme_save
from tests.funding.factories import make_round
from tests.security.visibility import Level, Module, detail, listing

MANAGER = "a_admin"
ROUND_LEVELS = (
    Level("pub", {"visibility": "public", "published": True}, 0),
    Level("org", {"visibility": "organisation", "published": True}, Role.VIEWER),
    Level("unpub", {"visibility": "public", "published": False}, Role.ORGANISATION_ADMIN),
)


def _round(world, level, marker, author):
    programme = programme_save(
        actor=None,
        name=f"Subsidieprogramma {level.key}",
        members=[world.a],
        visibility=level.fields["visibility"],
        managers=[world.users[MANAGER]],
    )
    fund = Fund.objects.create(
        programme=programme, name=f"Fonds {level.key}", slug=f"fonds-{level.key}"
    )
    return make_round(
        fund,
        title=f"Ronde {marker}",
        slug=f"ronde-{level.key}",
        description=f"Een ronde met het kenmerk {marker}.",
        published=level.fields["published"],
    )


def api_count(body: str) -> int:
    return json.loads(body)["count"]


ROUNDS = Module(
    name="round",
    marker_prefix="xqzronde",
    search_word="kenmerk",
    create=_round,
    levels=ROUND_LEVELS,
    routes=(
        listing("funding:rounds", url="/subsidies/"),
        detail("funding:round", url=lambda world, r: f"/subsidies/rondes/{r.slug}/"),
        listing("api:funding-round-list", url="/api/v1/funding/rounds", count=api_count),
        detail("api:funding-round-detail", url=lambda world, r: f"/api/v1/funding/rounds/{r.slug}"),
    ),
)
