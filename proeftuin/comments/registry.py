"""Which kinds of record can be commented on, and who may discuss them.

An app registers each kind from its ``AppConfig.ready()``::

    register_commentable(
        Initiative,
        key="initiatief",  # in the addresses of the comment pages
        may_discuss=...,  # (user, record) -> bool: read the comments and post one
        may_moderate=...,  # (user, record) -> bool: remove someone else's comment
        url=...,  # record -> its page (the comments are at "#reacties")
        participants=...,  # record -> users told of a new comment
        event="initiative.comment",  # the notification event of a new comment
    )

The comments app names no other app: everything it needs to know about a record comes
from here. Mentions (``@username``) are notified as ``comment.mention``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import Registry
from proeftuin.notifications.service import register_event

MENTION = "comment.mention"

register_event(MENTION, _("You were mentioned in a comment"))


@dataclass(frozen=True)
class Commentable:
    key: str
    model: type
    may_discuss: Callable[[object, object], bool]
    may_moderate: Callable[[object, object], bool]
    url: Callable[[object], str]
    participants: Callable[[object], Iterable]
    event: str


commentables: Registry[Commentable] = Registry("commentable kinds")


def register_commentable(
    model, *, key: str, may_discuss, may_moderate, url, participants, event: str
) -> Commentable:
    """Make ``model`` (with a ``uuid``) commentable; ``event`` must be registered."""
    kind = Commentable(key, model, may_discuss, may_moderate, url, participants, event)
    commentables.add(key, kind)
    return kind


def commentable_for(record) -> Commentable:
    """The registration of ``record``'s model; ``LookupError`` when it has none."""
    for kind in commentables:
        if isinstance(record, kind.model):
            return kind
    raise LookupError(f"{type(record).__name__} is not commentable; register it first")


def commentable(key: str) -> Commentable:
    if key not in commentables:
        raise LookupError(key)
    return commentables[key]
