"""Writes: post, edit and remove a comment. Each is atomic, permission-checked and
audited; a new comment tells the record's participants, a mention the one mentioned."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.accounts.service import User
from proeftuin.comments.models import MAX_LENGTH, Comment
from proeftuin.comments.registry import MENTION, commentable_for
from proeftuin.comments.selectors import may_discuss, may_moderate, mentioned_usernames
from proeftuin.core.service import AuditEntry, NotAllowed, ValidationFailed, audit_record
from proeftuin.notifications.service import notify


def clean_body(body) -> str:
    """The text of a comment, or ``ValidationFailed`` with a Dutch message."""
    text = str(body or "").strip()
    if not text:
        raise ValidationFailed(field_errors={"body": [_("Write a comment first.")]})
    if len(text) > MAX_LENGTH:
        message = _("A comment can be at most %(max)d characters long (this one has %(n)d).")
        raise ValidationFailed(
            field_errors={"body": [message % {"max": MAX_LENGTH, "n": len(text)}]}
        )
    return text


def _snippet(text: str) -> str:
    return text if len(text) <= 80 else text[:79] + "…"


def _mentioned(target, body: str, before: str = "") -> list:
    """Active users named with ``@username`` (new since ``before``) who may discuss
    ``target``; a mention of anyone else tells nobody anything."""
    names = mentioned_usernames(body) - mentioned_usernames(before)
    users = User.objects.filter(username__in=names, is_active=True) if names else []
    return [user for user in users if may_discuss(user, target)]


def _tell(comment: Comment, actor, target, mentioned: list, *, new: bool) -> None:
    kind = commentable_for(target)
    url = f"{kind.url(target)}#reactie-{comment.uuid}"
    name = actor.get_full_name() or actor.username
    notify(
        recipients=mentioned,
        event=MENTION,
        title=_("%(name)s mentioned you on “%(target)s”: %(text)s")
        % {"name": name, "target": target, "text": _snippet(comment.body)},
        url=url,
        subject=target,
        actor=actor,
    )
    if not new:
        return
    told = {user.pk for user in mentioned}
    participants = [u for u in kind.participants(target) if u.pk not in told]
    notify(
        recipients=[u for u in participants if may_discuss(u, target)],
        event=kind.event,
        title=_("%(name)s commented on “%(target)s”: %(text)s")
        % {"name": name, "target": target, "text": _snippet(comment.body)},
        url=url,
        subject=target,
        actor=actor,
    )


@transaction.atomic
def comment_post(*, actor, target, body) -> Comment:
    if not may_discuss(actor, target):
        raise NotAllowed(_("Only the people working on this can comment on it."))
    text = clean_body(body)
    comment = Comment.objects.create(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        author=actor,
        body=text,
    )
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=comment, after={"body": text})
    _tell(comment, actor, target, _mentioned(target, text), new=True)
    return comment


def _locked(comment: Comment) -> Comment:
    return Comment.objects.select_for_update().select_related("target_type").get(pk=comment.pk)


@transaction.atomic
def comment_edit(*, actor, comment: Comment, body) -> Comment:
    """The author changes their own comment (while they may still discuss the record);
    only people newly mentioned are told."""
    comment = _locked(comment)
    target = comment.target
    if comment.is_deleted or comment.author_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Only the author can change a comment."))
    if not may_discuss(actor, target):
        raise NotAllowed(_("Only the people working on this can comment on it."))
    text, before = clean_body(body), comment.body
    if text == before:
        return comment
    comment.body, comment.edited_at = text, timezone.now()
    comment.save(update_fields=["body", "edited_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=comment,
        before={"body": before},
        after={"body": text},
    )
    _tell(comment, actor, target, _mentioned(target, text, before), new=False)
    return comment


def can_remove(user, comment: Comment, target) -> bool:
    if comment.is_deleted:
        return False
    own = comment.author_id == getattr(user, "pk", None) and may_discuss(user, target)
    return own or may_moderate(user, target)


@transaction.atomic
def comment_delete(*, actor, comment: Comment) -> None:
    """Removed (softly) by its author or by who moderates the record (its editors)."""
    comment = _locked(comment)
    if not can_remove(actor, comment, comment.target):
        raise NotAllowed(_("Only the author or an editor can remove this comment."))
    comment.deleted_at, comment.deleted_by = timezone.now(), actor
    comment.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    audit_record(
        actor=actor, action=AuditEntry.Action.DELETE, obj=comment, before={"body": comment.body}
    )
