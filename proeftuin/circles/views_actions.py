"""The posted actions on a group's page: ask to join, decide a request, invite, answer an
invitation, set an implementation status, leave, plan a meeting, add a document, ask a
question. Each goes back to the page it came from with a message; refusals in Dutch."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proeftuin.circles import forms, services, services_meetings
from proeftuin.circles.models import Invitation
from proeftuin.circles.views import visible_circle
from proeftuin.core.service import DomainError


def _back(request, url: str, call, done: str):
    """Run ``call()`` (a service); a message either way, then back to ``url``."""
    try:
        call()
    except DomainError as exc:
        messages.error(request, str(exc.message))
        for problems in exc.field_errors.values():
            for problem in problems:
                if str(problem) != str(exc.message):
                    messages.error(request, str(problem))
    else:
        messages.success(request, done)
    return redirect(url)


def _form_errors(request, form, url: str):
    for problems in form.errors.values():
        for problem in problems:
            messages.error(request, problem)
    return redirect(url)


def _submit(request, form, back: str, call, done: str):
    """A posted ``form``: its errors, or ``call(cleaned_data)`` through ``_back``."""
    if not form.is_valid():
        return _form_errors(request, form, back)
    return _back(request, back, lambda: call(form.cleaned_data), done)


def _page(circle, anchor: str = "") -> str:
    return reverse("circles:detail", args=[circle.uuid]) + anchor


@login_required
@require_POST
def join(request, uuid):
    circle = _askable(request, uuid)
    form = forms.JoinForm(request.POST)
    back = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts=None) or not back.startswith("/"):
        back = _page(circle)
    if not form.is_valid():
        return _form_errors(request, form, back)
    return _back(
        request,
        back,
        lambda: services.request_join(
            actor=request.user, circle=circle, message=form.cleaned_data["message"]
        ),
        _("Your request has been sent to the hosts of the group."),
    )


def _askable(request, uuid):
    """A group the user reads, or a closed one that accepts requests: asked for from its
    innovation's page (the service checks that the innovation is visible to them)."""
    from proeftuin.circles.models import Circle
    from proeftuin.circles.selectors import circle_visible

    rows = circle_visible(request.user).filter(uuid=uuid)
    circle = rows.first() or Circle.objects.filter(uuid=uuid, accepts_requests=True).first()
    if circle is None:
        raise Http404(_("This group does not exist or is not visible to you."))
    return circle


@login_required
@require_POST
def decide(request, uuid, request_uuid):
    circle = visible_circle(request, uuid)
    join_request = circle.requests.filter(uuid=request_uuid).first()
    if join_request is None:
        raise Http404(_("This request does not exist."))
    approve = request.POST.get("decision") == "approve"
    done = _("The request has been approved.") if approve else _("The request has been refused.")
    return _back(
        request,
        _page(circle, "#aanvragen"),
        lambda: services.request_decide(
            actor=request.user, join_request=join_request, approve=approve
        ),
        done,
    )


@login_required
@require_POST
def invite(request, uuid):
    circle = visible_circle(request, uuid)
    form = forms.InviteForm(request.POST)
    back = _page(circle, "#leden")
    if not form.is_valid():
        return _form_errors(request, form, back)
    user = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
    if user is None:
        messages.error(request, _("There is no user with this user name."))
        return redirect(back)
    return _back(
        request,
        back,
        lambda: services.invite(
            actor=request.user, circle=circle, user=user, message=form.cleaned_data["message"]
        ),
        _("The invitation has been sent."),
    )


@login_required
@require_POST
def answer(request, invitation):
    row = Invitation.objects.filter(uuid=invitation, user=request.user).first()
    if row is None:
        raise Http404(_("This invitation does not exist."))
    accept = request.POST.get("answer") == "accept"
    back = _page(row.circle) if accept else reverse("circles:mine")
    done = _("Welcome to the group.") if accept else _("You declined the invitation.")
    return _back(
        request,
        back,
        lambda: services.invitation_answer(actor=request.user, invitation=row, accept=accept),
        done,
    )


@login_required
@require_POST
def member(request, uuid, member):
    circle = visible_circle(request, uuid)
    row = circle.members.filter(uuid=member).first()
    if row is None:
        raise Http404(_("This member does not exist."))
    back = _page(circle, "#leden")
    if request.POST.get("remove"):
        done = _("The member has been removed from the group.")
        return _back(
            request, back, lambda: services.member_remove(actor=request.user, member=row), done
        )
    return _submit(
        request,
        forms.StatusForm(request.POST),
        back,
        lambda data: services.member_update(actor=request.user, member=row, **data),
        _("The implementation status has been saved."),
    )


@login_required
@require_POST
def meeting_add(request, uuid):
    circle = visible_circle(request, uuid)
    form = forms.MeetingForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, form, _page(circle, "#bijeenkomsten"))
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        meeting = services_meetings.meeting_create(actor=request.user, circle=circle, **data)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(_page(circle, "#bijeenkomsten"))
    messages.success(request, _("The meeting has been planned; the members have been told."))
    return redirect("circles:meeting", uuid=circle.uuid, meeting=meeting.uuid)


@login_required
@require_POST
def document_add(request, uuid, meeting):
    circle = visible_circle(request, uuid)
    row = circle.meetings.filter(uuid=meeting).first()
    if row is None:
        raise Http404(_("This meeting does not exist."))
    back = reverse("circles:meeting", args=[circle.uuid, row.uuid]) + "#documenten"
    return _submit(
        request,
        forms.DocumentForm(request.POST, request.FILES),
        back,
        lambda data: services_meetings.document_upload(
            actor=request.user, meeting=row, upload=data["file"]
        ),
        _("The document has been added."),
    )


@login_required
@require_POST
def question_add(request, uuid):
    circle = visible_circle(request, uuid)
    return _submit(
        request,
        forms.QuestionForm(request.POST),
        _page(circle, "#vragen"),
        lambda data: services_meetings.question_ask(actor=request.user, circle=circle, **data),
        _("Your question has been posted; the members have been told."),
    )
