"""Groups (``proeftuin.circles``) in the hostile-user suite: the records and routes of the
``CIRCLES`` module (``modules.py`` adds it to ``MODULES``).

A group's rule is not the editorial one: it is read by its members while they hold a role
in the organisation they joined for, and beside them by whoever its openness allows. In
A's world: an open group (``public``: everyone) and a closed one (``members``) whose
members are all of A's people, among them the contributor whose role is revoked and the
editor who is deactivated. So the closed group is read exactly by who holds a role in A
(``needs`` viewer), and everyone else must get nothing of it: not its title on the pilot's
page, not its meetings, notes, documents or questions, not in a count, search or the API.
Its marker is in its title, its meeting's notes, its document and its question. Only open
groups are findable (``circles.searchable``), so search is not one of its routes: the
searches of the other modules (for the same word) check that the closed one never shows.
"""

from __future__ import annotations

import datetime
import json
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from proeftuin.accounts.models import Role
from proeftuin.circles import services, services_meetings
from proeftuin.notifications.models import Notification
from tests.security.visibility import Level, Module, detail, listing

CIRCLE_LEVELS = (
    Level("open", {"openness": "public"}, 0),
    Level("closed", {"openness": "members"}, Role.VIEWER),
)
MEMBERS = ("a_viewer", "a_contributor", "a_admin", "revoked", "deactivated")


def _circle(world, level, marker, author):
    host = world.users["a_editor"]
    pilot = world.records["initiative"]["pub"]
    circle = services.circle_create(
        actor=host,
        innovation=pilot,
        title=f"Kring {marker}",
        kind="reference_group",
        description=f"Wij volgen de proef met het kenmerk {marker}.",
        **level.fields,
    )
    services.member_update(
        actor=host,
        member=circle.members.get(user=host),
        status="implementing",
        status_note=f"Stand {marker}",
    )
    if level.key == "closed":
        for name in MEMBERS:
            invitation = services.invite(actor=host, circle=circle, user=world.users[name])
            services.invitation_answer(actor=world.users[name], invitation=invitation, accept=True)
    meeting = services_meetings.meeting_create(
        actor=host,
        circle=circle,
        title="Eerste bijeenkomst",
        date=datetime.date(2026, 2, 1),
        notes=f"Verslag {marker}",
    )
    services_meetings.document_upload(
        actor=host,
        meeting=meeting,
        upload=SimpleUploadedFile("verslag.txt", f"Verslag {marker}".encode()),
    )
    services_meetings.question_ask(actor=host, circle=circle, title=f"Vraag {marker}")
    # read, so the header counts of the notification checks stay the world's own; their
    # titles stay in each member's list (and must be hidden once the member lost access)
    Notification.objects.filter(event__startswith="circle.").update(read_at=timezone.now())
    return circle


def circle_count(body: str) -> int:
    return int(re.search(r'id="circle-results"[^>]*>\s*(\d+)', body).group(1))


def api_count(body: str) -> int:
    return json.loads(body)["count"]


def _meeting(circle):
    return circle.meetings.order_by("pk").first()


def _api_part(part: str):
    return lambda world, circle: f"/api/v1/circles/{circle.uuid}/{part}s"


CIRCLES = Module(
    name="circle",
    marker_prefix="xqzkring",
    search_word="kenmerk",
    create=_circle,
    levels=CIRCLE_LEVELS,
    routes=(
        listing("circles:list", url="/groepen/", count=circle_count),
        detail("circles:detail", url=lambda world, c: f"/groepen/{c.uuid}/"),
        detail(
            "circles:meeting",
            url=lambda world, c: f"/groepen/{c.uuid}/bijeenkomsten/{_meeting(c).uuid}/",
        ),
        detail(
            "circles:document",
            url=lambda w, c: f"/groepen/{c.uuid}/documenten/{_meeting(c).documents.get().uuid}/",
        ),
        detail(
            "circles:question",
            url=lambda world, c: f"/groepen/{c.uuid}/vragen/{c.questions.get().uuid}/",
        ),
        listing("api:circle-list", url="/api/v1/circles", count=api_count),
        detail("api:circle-detail", url=lambda world, c: f"/api/v1/circles/{c.uuid}"),
        *(
            detail(f"api:circle-{part}-list", url=_api_part(part))
            for part in ("member", "meeting", "question")
        ),
        detail(
            "api:circle-meeting-detail",
            url=lambda w, c: f"/api/v1/circles/{c.uuid}/meetings/{_meeting(c).uuid}",
        ),
    ),
)
