"""Pages: post a comment on a record, change or remove one. They work without
JavaScript; a refusal says nothing about records the user may not discuss (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from proeftuin.comments import selectors, services
from proeftuin.comments.forms import CommentForm
from proeftuin.comments.models import Comment
from proeftuin.comments.registry import commentable, commentable_for
from proeftuin.core.service import DomainError, NotAllowed

NOT_FOUND = "This comment does not exist or is not visible to you."


def _target(user, key: str, uuid):
    try:
        kind = commentable(key)
        target = kind.model.objects.get(uuid=uuid)
    except (LookupError, Exception) as exc:
        raise Http404(_(NOT_FOUND)) from exc
    if not selectors.may_discuss(user, target):
        raise Http404(_(NOT_FOUND))
    return target


def _back(target, anchor: str = "reacties") -> str:
    return f"{commentable_for(target).url(target)}#{anchor}"


def _save(request, form, action) -> int | None:
    """Run ``action`` (a service call); None when done, else the status to answer with."""
    try:
        action()
    except NotAllowed as exc:
        form.add_error(None, str(exc.message))
        return 403
    except DomainError as exc:
        for problem in exc.field_errors.get("body", [str(exc.message)]):
            form.add_error("body", str(problem))
        return 400
    return None


@login_required
def comment_post(request, key: str, uuid):
    target = _target(request.user, key, uuid)
    form, status = CommentForm(request.POST or None), 200
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        status = _save(
            request,
            form,
            lambda: services.comment_post(actor=request.user, target=target, body=body),
        )
        if status is None:
            messages.success(request, _("Your comment has been posted."))
            return redirect(_back(target))
    context = {"form": form, "target": target, "back": _back(target), "comment": None}
    return render(request, "comments/form.html", context, status=status)


@login_required
def comment_change(request, uuid):
    try:
        comment = selectors.comment_get(user=request.user, uuid=uuid)
    except Comment.DoesNotExist as exc:
        raise Http404(_(NOT_FOUND)) from exc
    target, user = comment.target, request.user
    is_author = comment.author_id == user.pk and not comment.is_deleted
    can_remove = services.can_remove(user, comment, target)
    if not (is_author or can_remove):
        raise Http404(_(NOT_FOUND))
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    status = 200
    if request.method == "POST" and "delete" in request.POST:
        status = _save(request, form, lambda: services.comment_delete(actor=user, comment=comment))
        if status is None:
            messages.success(request, _("The comment has been removed."))
            return redirect(_back(target))
    elif request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        status = _save(
            request, form, lambda: services.comment_edit(actor=user, comment=comment, body=body)
        )
        if status is None:
            messages.success(request, _("Your comment has been saved."))
            return redirect(_back(target, f"reactie-{comment.uuid}"))
    context = {
        "form": form,
        "target": target,
        "back": _back(target),
        "comment": comment,
        "can_edit": is_author,
        "can_remove": can_remove,
    }
    return render(request, "comments/form.html", context, status=status)
