"""Innovation patents (``proeftuin.patents``) in the hostile-user suite: the records and
routes of the ``PATENTS`` module (``modules.py`` adds it to ``MODULES``).

A patent is read by whoever may see its programme, by the innovator and by the adopting
organisations it names. In the world: two programmes over A, one public and one for its
members only, both managed by A's administrator (``MANAGER``); each awards a patent for
the public innovation of Gemeente Gamma that A adopted (``diffusion_module.py``), with an
introduction meeting with A and A's claim. So the public one is read by everyone, the
other exactly by who holds a role in A (``needs`` viewer). The marker is in the patent's
title and conditions, the meeting's notes and the claim's reason; the report per
programme and its CSV show the title."""

from __future__ import annotations

import datetime
import json
import re

from proeftuin.accounts.models import Role
from proeftuin.organisations.services import programme_save
from proeftuin.patents.models import InnovationPatent, IntroductionMeeting, PatentClaim
from tests.security.diffusion_module import ADOPTIONS, innovator
from tests.security.visibility import Level, Module, detail, listing

MANAGER = "a_admin"
PATENT_LEVELS = (
    Level("pub", {"visibility": "public"}, 0),
    Level("org", {"visibility": "organisation"}, Role.VIEWER),
)


def _patent(world, level, marker, author):
    programme = programme_save(
        actor=None,
        name=f"Patentprogramma {level.key}",
        members=[world.a],
        visibility=level.fields["visibility"],
        managers=[world.users[MANAGER]],
    )
    adoption = world.records[ADOPTIONS.name]["pub"]
    patent = InnovationPatent.objects.create(
        programme=programme,
        title=f"Patent {marker}",
        innovator=innovator(),
        initiative=adoption.initiative,
        conditions=f"Voorwaarden met het kenmerk {marker}.",
        awarded_on=datetime.date(2025, 3, 1),
    )
    meeting = IntroductionMeeting.objects.create(
        patent=patent, date=datetime.date(2025, 4, 1), notes=f"Gesprek {marker}"
    )
    meeting.adopters.set([world.a])
    PatentClaim.objects.create(
        patent=patent, adopter=world.a, adoption=adoption, reason=f"Telt: {marker}", amount=1000
    )
    return patent


def patent_count(body: str) -> int:
    return int(re.search(r'id="patent-results"[^>]*>\s*(\d+)', body).group(1))


def api_count(body: str) -> int:
    return json.loads(body)["count"]


def _report(suffix: str = ""):
    return lambda world, patent: f"/programmas/{patent.programme.slug}/patenten/{suffix}"


def _api(part: str = ""):
    return lambda world, patent: f"/api/v1/patents/{patent.uuid}{part}"


PATENTS = Module(
    name="patent",
    marker_prefix="xqzpatent",
    search_word="kenmerk",
    create=_patent,
    levels=PATENT_LEVELS,
    routes=(
        listing("patents:list", url="/patenten/", count=patent_count),
        detail("patents:detail", url=lambda world, p: f"/patenten/{p.uuid}/"),
        detail("patents:report", url=_report()),
        detail("patents:report_csv", url=_report("export.csv")),
        listing("api:patent-list", url="/api/v1/patents", count=api_count),
        detail("api:patent-detail", url=_api()),
        detail("api:patent-meeting-list", url=_api("/meetings")),
        detail("api:patent-claim-list", url=_api("/claims")),
    ),
)
