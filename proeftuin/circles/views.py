"""Pages of groups: the list, "my groups", a group, its meetings and questions, and the
forms to start and change a group and to plan and keep a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from proeftuin.cases.service import case_visible
from proeftuin.circles import forms, permissions, selectors, services, services_meetings
from proeftuin.circles.models import Circle, Meeting, MeetingDocument, Question
from proeftuin.core.service import ConflictError, DomainError, forbidden
from proeftuin.portfolio.service import initiative_visible

CONFLICT = 409


def visible_circle(request, uuid) -> Circle:
    try:
        return selectors.circle_detail(user=request.user, uuid=uuid)
    except Circle.DoesNotExist as exc:
        raise Http404(_("This group does not exist or is not visible to you.")) from exc


def show_error(form, exc: DomainError) -> int:
    """Put a service's refusal on the form; the status code to answer with."""
    for field, problems in exc.field_errors.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, str(problem))
    if not exc.field_errors:
        form.add_error(None, str(exc.message))
    if isinstance(exc, ConflictError):
        return CONFLICT
    return 400 if exc.field_errors else 403


def _innovation_readable(user, circle: Circle) -> bool:
    if circle.initiative_id:
        return initiative_visible(user).filter(pk=circle.initiative_id).exists()
    return case_visible(user).filter(pk=circle.case_id).exists()


@require_GET
def circle_list(request):
    rows = selectors.circle_list(request.user)
    return render(request, "circles/list.html", {"circles": rows, "count": rows.count()})


@login_required
@require_GET
def my_circles(request):
    return render(
        request,
        "circles/mine.html",
        {
            "circles": selectors.circles_of_member(request.user),
            "invitations": selectors.invitations_for(request.user),
        },
    )


@require_GET
def circle_detail(request, uuid):
    circle = visible_circle(request, uuid)
    user = request.user
    membership = permissions.current_membership(user, circle)
    may_manage = permissions.can_manage_circle(user, circle)[0]
    context = {
        "circle": circle,
        "membership": membership,
        "may_manage": may_manage,
        "may_take_part": permissions.can_take_part(user, circle)[0],
        "show_people": getattr(user, "is_authenticated", False),
        "innovation_readable": _innovation_readable(user, circle),
        "members": selectors.members_of(circle),
        "meetings": selectors.meetings_of(circle),
        "questions": circle.questions.select_related("author"),
        "requests": selectors.pending_requests(circle) if may_manage else [],
        "status_form": forms.StatusForm(
            initial={"status": membership.status, "status_note": membership.status_note}
        )
        if membership
        else None,
        "join_form": forms.JoinForm() if not membership and user.is_authenticated else None,
        "request_pending": not membership and bool(selectors.pending_circle_ids(user, [circle])),
        "invite_form": forms.InviteForm() if may_manage else None,
        "meeting_form": forms.MeetingForm() if may_manage else None,
        "question_form": forms.QuestionForm(),
    }
    return render(request, "circles/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def circle_create(request, kind: str, slug: str):
    innovation = _innovation(request.user, kind, slug)
    allowed, reason = permissions.can_create_circle(request.user, innovation)
    if not allowed:
        return forbidden(request, reason)
    form = forms.CircleForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                circle = services.circle_create(
                    actor=request.user, innovation=innovation, **form.cleaned_data
                )
            except DomainError as exc:
                status = show_error(form, exc)
            else:
                messages.success(request, _("The group has been started; you host it."))
                return redirect("circles:detail", uuid=circle.uuid)
    context = {"form": form, "innovation": innovation, "circle": None}
    return render(request, "circles/form.html", context, status=status)


def _innovation(user, kind: str, slug: str):
    rows = {"initiatief": initiative_visible(user), "casus": case_visible(user)}.get(kind)
    innovation = rows.filter(slug=slug).first() if rows is not None else None
    if innovation is None:
        raise Http404(_("This initiative or case does not exist or is not visible to you."))
    return innovation


@login_required
@require_http_methods(["GET", "POST"])
def circle_edit(request, uuid):
    circle = visible_circle(request, uuid)
    allowed, reason = permissions.can_manage_circle(request.user, circle)
    if not allowed:
        return forbidden(request, reason)
    initial = {name: getattr(circle, name) for name in services.CIRCLE_FIELDS}
    form = forms.CircleForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.circle_update(actor=request.user, circle=circle, **form.cleaned_data)
            except DomainError as exc:
                status = show_error(form, exc)
            else:
                messages.success(request, _("The group has been saved."))
                return redirect("circles:detail", uuid=circle.uuid)
    context = {"form": form, "innovation": circle.innovation, "circle": circle}
    return render(request, "circles/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def meeting_detail(request, uuid, meeting):
    circle = visible_circle(request, uuid)
    try:
        meeting = selectors.meeting_detail(circle=circle, uuid=meeting)
    except Meeting.DoesNotExist as exc:
        raise Http404(_("This meeting does not exist.")) from exc
    may_take_part = permissions.can_take_part(request.user, circle)[0]
    if request.method == "POST" and not may_take_part:
        return forbidden(request, _("Only members of this group can do this."))
    initial = {name: getattr(meeting, name) for name in services_meetings.MEETING_FIELDS}
    form = forms.MeetingForm(request.POST or None, initial=initial | {"version": meeting.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services_meetings.meeting_update(
                    actor=request.user, meeting=meeting, version=version, **data
                )
            except DomainError as exc:
                status = show_error(form, exc)
            else:
                messages.success(request, _("The meeting has been saved."))
                return redirect("circles:meeting", uuid=circle.uuid, meeting=meeting.uuid)
    context = {
        "circle": circle,
        "meeting": meeting,
        "documents": meeting.documents.all(),
        "form": form if may_take_part else None,
        "document_form": forms.DocumentForm() if may_take_part else None,
    }
    return render(request, "circles/meeting.html", context, status=status)


@require_GET
def document_download(request, uuid, document):
    circle = visible_circle(request, uuid)
    row = MeetingDocument.objects.filter(meeting__circle=circle, uuid=document).first()
    if row is None:
        raise Http404(_("This document does not exist."))
    response = FileResponse(
        row.file.open("rb"),
        as_attachment=True,
        filename=row.filename,
        content_type=row.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def question_detail(request, uuid, question):
    circle = visible_circle(request, uuid)
    row = Question.objects.filter(circle=circle, uuid=question).select_related("author").first()
    if row is None:
        raise Http404(_("This question does not exist."))
    return render(request, "circles/question.html", {"circle": circle, "question": row})
