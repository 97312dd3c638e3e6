"""``{% comments_section record %}``: the "Reacties" section of a commentable record's
page, for who may discuss it (nothing at all for anyone else)."""

from django import template

from proeftuin.comments.forms import CommentForm
from proeftuin.comments.registry import commentable_for
from proeftuin.comments.selectors import comments_on, may_discuss, may_moderate

register = template.Library()


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comments_section(context, record):
    user = context["request"].user
    if not may_discuss(user, record):
        return {"shown": False}
    moderator = may_moderate(user, record)
    rows = list(comments_on(user=user, target=record))
    for row in rows:
        own = row.author_id == user.pk
        row.may_change = not row.is_deleted and (own or moderator)
    return {
        "shown": True,
        "comments": rows,
        "form": CommentForm(),
        "key": commentable_for(record).key,
        "record": record,
        "csrf_token": context.get("csrf_token"),
    }
