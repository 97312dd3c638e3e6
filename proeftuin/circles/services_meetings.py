"""Writes to a group's meetings (with notes and documents) and questions: atomic,
permission-checked, audited, notified. Answers to questions are comments
(``proeftuin.comments``, registered in ``circles.comments``)."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.circles import events, permissions
from proeftuin.circles.documents import check_document, check_size
from proeftuin.circles.models import Circle, Meeting, MeetingDocument, Question
from proeftuin.circles.services import check, refuse, snapshot
from proeftuin.core.service import (
    AuditEntry,
    ConflictError,
    audit_record,
    content_changed,
)
from proeftuin.notifications.service import notify

MEETING_FIELDS = ("title", "date", "agenda", "notes")


def meeting_url(meeting: Meeting) -> str:
    return reverse("circles:meeting", args=[meeting.circle.uuid, meeting.uuid])


def _members(circle: Circle) -> list:
    return [m.user for m in circle.members.select_related("user")]


def _validate(data: dict) -> None:
    if "title" in data and not str(data["title"] or "").strip():
        refuse("title", _("Give the meeting a title."))
    if "date" in data and data["date"] is None:
        refuse("date", _("Give the date of the meeting."))


@transaction.atomic
def meeting_create(*, actor, circle: Circle, **data) -> Meeting:
    """A meeting planned by a host; every member hears of it."""
    check(permissions.can_manage_circle(actor, circle))
    data = {key: value for key, value in data.items() if key in MEETING_FIELDS}
    _validate({"title": "", "date": None, **data})
    meeting = Meeting.objects.create(circle=circle, created_by=actor, **data)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=meeting,
        after=snapshot(meeting, MEETING_FIELDS),
    )
    notify(
        recipients=_members(circle),
        event=events.MEETING,
        title=_("New meeting of %(group)s: %(meeting)s")
        % {"group": circle.title, "meeting": meeting.title},
        url=meeting_url(meeting),
        subject=circle,
        actor=actor,
    )
    content_changed("circles")
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, version: int | None, **data) -> Meeting:
    """Agenda and notes, kept by every member. ``version`` is the one the form showed: when
    someone saved in between, nothing is written and ``ConflictError`` says so."""
    check(permissions.can_take_part(actor, meeting.circle))
    data = {key: value for key, value in data.items() if key in MEETING_FIELDS}
    _validate(data)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if version is not None and int(version) != locked.version:
        raise ConflictError(
            _(
                "Someone else saved this meeting after you opened it. Your text is shown "
                "below: reload the meeting, check their changes and add yours again."
            )
        )
    before = snapshot(locked, MEETING_FIELDS)
    for name, value in data.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=locked,
        before=before,
        after=snapshot(locked, MEETING_FIELDS),
    )
    content_changed("circles")
    return locked


@transaction.atomic
def document_add(*, actor, meeting: Meeting, filename: str, data: bytes) -> MeetingDocument:
    """A document of a meeting (checked for size and type, stored under a random name)."""
    check(permissions.can_take_part(actor, meeting.circle))
    name = PurePath(filename or "").name[:200]
    content_type = check_document(name, data)
    document = MeetingDocument(
        meeting=meeting,
        filename=name,
        content_type=content_type,
        size=len(data),
        uploaded_by=actor,
    )
    stored = f"{secrets.token_hex(8)}{PurePath(name).suffix.lower()}"
    document.file.save(stored, ContentFile(data), save=False)
    document.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=document,
        after={
            "meeting": str(meeting.uuid),
            "filename": name,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        },
    )
    content_changed("circles")
    return document


def document_upload(*, actor, meeting: Meeting, upload) -> MeetingDocument:
    """``document_add`` for an uploaded file: its size is checked before it is read."""
    check_size(upload.size)
    return document_add(actor=actor, meeting=meeting, filename=upload.name, data=upload.read())


@transaction.atomic
def document_remove(*, actor, document: MeetingDocument) -> None:
    circle = document.meeting.circle
    if document.uploaded_by_id != getattr(actor, "pk", None):
        check(permissions.can_manage_circle(actor, circle))
    check(permissions.can_take_part(actor, circle))
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=document,
        before={"meeting": str(document.meeting.uuid), "filename": document.filename},
    )
    stored = document.file.name
    storage = document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(stored))
    content_changed("circles")


@transaction.atomic
def question_ask(*, actor, circle: Circle, title: str, text: str = "") -> Question:
    check(permissions.can_take_part(actor, circle))
    if not (title or "").strip():
        refuse("title", _("Write your question."))
    question = Question.objects.create(
        circle=circle, title=title.strip()[:250], text=(text or "").strip(), author=actor
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=question,
        after={"circle": str(circle.uuid), "title": question.title},
    )
    notify(
        recipients=_members(circle),
        event=events.QUESTION,
        title=_("New question in %(group)s: %(question)s")
        % {"group": circle.title, "question": question.title},
        url=reverse("circles:question", args=[circle.uuid, question.uuid]),
        subject=circle,
        actor=actor,
    )
    content_changed("circles")
    return question
