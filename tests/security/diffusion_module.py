"""The adoptions the hostile-user suite makes: organisation A adopts three published,
public initiatives of a third organisation (Gemeente Gamma, without actors in the world),
one adoption per visibility. The marker is in what was adapted (shown on the adoption's
page and in the API). Public: everyone; organisation: A's members (and the innovator's,
who has none here); private: A's editors."""

from __future__ import annotations

import json
import re

from proeftuin.accounts.models import Role
from proeftuin.organisations.models import Organisation
from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory, make_initiative
from tests.security.visibility import Level, Module, counting, detail, listing

ADOPTION_LEVELS = (
    Level("pub", {"visibility": "public"}, 0),
    Level("org", {"visibility": "organisation"}, Role.VIEWER),
    Level("private", {"visibility": "private"}, Role.EDITOR),
)


def innovator() -> Organisation:
    found = Organisation.objects.filter(slug="gemeente-gamma").first()
    return found or OrganisationFactory(name="Gemeente Gamma", slug="gemeente-gamma")


def _adoption(world, level, marker, author):
    innovation = make_initiative(
        innovator(),
        title=f"Innovatie van Gamma {level.key}",
        problem="Een probleem dat Gamma oploste.",
        kind="service",  # not counted with A's process innovations (modules.py)
        status="published",
        visibility="public",
    )
    return make_adoption(innovation, world.a, adaptations=f"Aangepast: {marker}", **level.fields)


def total(element: str):
    def count(body: str) -> int:
        return int(re.search(rf'id="{element}">(\d+)<', body).group(1))

    return count


def api_count(body: str) -> int:
    return json.loads(body)["count"]


ADOPTIONS = Module(
    name="adoption",
    marker_prefix="xqzadoptie",
    search_word="Aangepast",
    create=_adoption,
    levels=ADOPTION_LEVELS,
    routes=(
        counting("diffusion:list", url="/adopties/", count=total("adoptions-total")),
        counting(
            "diffusion:organisation",
            url="/adopties/organisatie/gemeente-alfa/",
            count=total("adopted-total"),
        ),
        detail("diffusion:detail", url=lambda world, a: f"/adopties/{a.uuid}/"),
        listing("api:adoption-list", url="/api/v1/adoptions", count=api_count),
        detail("api:adoption-detail", url=lambda world, a: f"/api/v1/adoptions/{a.uuid}"),
    ),
)
