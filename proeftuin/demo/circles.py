"""Load the demo groups (``fixtures/circles/circles.yaml``): a learning circle around a
case of the library and a reference group following a running pilot of the demo
portfolio, with members, their implementation status, meetings with notes and questions.

Every record is written through the circles services as the person named in the fixture
(the host plans the meetings and invites; each member accepts and sets their status).
Loading is idempotent: a group is matched by its title and left as it is when it exists.
It needs the library, the demo accounts and the demo portfolio (``load_demo --accounts``).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from proeftuin.accounts.service import User
from proeftuin.cases.service import Case
from proeftuin.circles.service import (
    Circle,
    circle_create,
    invitation_answer,
    invite,
    meeting_create,
    member_update,
    question_ask,
)
from proeftuin.demo.loader import FIXTURES
from proeftuin.portfolio.service import Initiative

CIRCLES = FIXTURES / "circles" / "circles.yaml"


def _innovation(entry: dict):
    if "case" in entry:
        return Case.objects.get(title=entry["case"])
    return Initiative.objects.get(title=entry["initiative"])


def _load_one(entry: dict, today: datetime.date) -> Circle:
    host = User.objects.get(username=entry["host"])
    circle = circle_create(
        actor=host,
        innovation=_innovation(entry),
        title=entry["title"],
        kind=entry["kind"],
        description=entry.get("description", ""),
        openness=entry.get("openness", "members"),
    )
    for member in entry.get("members", []):
        user = User.objects.get(username=member["user"])
        invitation = invite(actor=host, circle=circle, user=user)
        joined = invitation_answer(actor=user, invitation=invitation, accept=True)
        member_update(
            actor=user, member=joined, status=member["status"], status_note=member.get("note", "")
        )
    for meeting in entry.get("meetings", []):
        meeting_create(
            actor=host,
            circle=circle,
            title=meeting["title"],
            date=today + datetime.timedelta(days=meeting["day"]),
            agenda=meeting.get("agenda", ""),
            notes=meeting.get("notes", ""),
        )
    for question in entry.get("questions", []):
        author = User.objects.get(username=question["author"])
        question_ask(actor=author, circle=circle, title=question["title"], text=question["text"])
    return circle


@transaction.atomic
def load_circles(path: Path = CIRCLES, today: datetime.date | None = None) -> tuple[int, int]:
    """(created, already there); all or nothing."""
    today = today or timezone.localdate()
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["circles"]
    created = existing = 0
    for entry in entries:
        if Circle.objects.filter(title=entry["title"]).exists():
            existing += 1
            continue
        _load_one(entry, today)
        created += 1
    return created, existing
