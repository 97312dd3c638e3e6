"""Public interface of the comments app for other apps: make a model commentable from
``AppConfig.ready()`` with ``register_commentable(model, key=..., may_discuss=...,
may_moderate=..., url=..., participants=..., event=...)``; templates show the comments
with ``{% load commenting %}{% comments_section record %}``."""

from proeftuin.comments.models import Comment
from proeftuin.comments.registry import MENTION, Commentable, register_commentable
from proeftuin.comments.selectors import comments_on
from proeftuin.comments.services import comment_delete, comment_edit, comment_post

__all__ = [
    "MENTION",
    "Comment",
    "Commentable",
    "comment_delete",
    "comment_edit",
    "comment_post",
    "comments_on",
    "register_commentable",
]
