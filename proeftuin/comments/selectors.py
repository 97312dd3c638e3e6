"""Reads: the comments on a record, for who may discuss it; one comment by uuid."""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from proeftuin.comments.models import Comment
from proeftuin.comments.registry import commentable_for

# "@jan.de-vries," mentions jan.de-vries; the characters of a Django username
MENTION = re.compile(r"(?<![\w@])@([\w.@+-]*\w)")


def mentioned_usernames(body: str) -> set[str]:
    return set(MENTION.findall(body or ""))


def may_discuss(user, target) -> bool:
    """Whether ``user`` may read the comments on ``target`` and post one."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(commentable_for(target).may_discuss(user, target))


def may_moderate(user, target) -> bool:
    return may_discuss(user, target) and bool(commentable_for(target).may_moderate(user, target))


def comments_on(*, user, target) -> QuerySet[Comment]:
    """The comments on ``target``, oldest first; none for who may not discuss it."""
    if not may_discuss(user, target):
        return Comment.objects.none()
    kind = ContentType.objects.get_for_model(target)
    rows = Comment.objects.filter(target_type=kind, target_id=target.pk)
    return rows.select_related("author").order_by("created_at", "id")


def comment_get(*, user, uuid) -> Comment:
    """One comment on a record ``user`` may discuss; ``Comment.DoesNotExist`` otherwise."""
    comment = Comment.objects.select_related("author", "target_type").get(uuid=uuid)
    target = comment.target
    if target is None or not may_discuss(user, target):
        raise Comment.DoesNotExist
    return comment
