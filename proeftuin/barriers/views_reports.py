"""The public form "Overbodige regel melden", the reporter's status page and moderation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from proeftuin.barriers import permissions, reports, selectors
from proeftuin.barriers.choices import ReportStatus
from proeftuin.barriers.forms import ModerateForm, ReportForm
from proeftuin.barriers.models import Barrier, BarrierReport
from proeftuin.barriers.views_common import put_on_form, refuse
from proeftuin.core.service import DomainError, ValidationFailed

TOO_MANY = 429


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def report_form(request):
    form, status = ReportForm(request.POST or None), 200
    if request.method == "POST" and form.is_valid():
        sender = reports.sender_key(_address(request))
        try:
            report = reports.report_submit(data=form.cleaned_data, sender=sender)
        except ValidationFailed as exc:
            status = TOO_MANY if not exc.field_errors else 400
            put_on_form(form, exc)
        else:
            if form.cleaned_data.get("website"):  # a robot filled the hidden field
                BarrierReport.objects.filter(pk=report.pk).update(status=ReportStatus.SPAM)
            return redirect("barriers:report_status", report.uuid)
    elif request.method == "POST":
        status = 400
    return render(request, "barriers/report_form.html", {"form": form}, status=status)


@require_GET
def report_status(request, uuid):
    report = BarrierReport.objects.select_related("barrier").filter(uuid=uuid).first()
    if report is None:
        raise Http404(_("This report does not exist."))
    barrier = report.barrier
    shown = barrier and Barrier.objects.visible_to(request.user).filter(pk=barrier.pk).exists()
    context = {"report": report, "barrier": barrier if shown else None}
    return render(request, "barriers/report_status.html", context)


@login_required
@require_GET
def report_list(request):
    allowed, reason = permissions.can_moderate_reports(request.user)
    if not allowed:
        return refuse(request, reason)
    page = Paginator(selectors.reports_pending(), 50).get_page(request.GET.get("pagina"))
    return render(request, "barriers/reports.html", {"page": page})


def _decide(request, report, form) -> int:
    if "spam_sender" in request.POST:
        count = reports.reports_mark_spam(actor=request.user, sender=report.sender)
        messages.success(request, _("%(n)d reports marked as spam.") % {"n": count})
        return 0
    if not form.is_valid():
        return 400
    data = form.cleaned_data
    barrier = None
    if data["barrier"]:
        barrier = Barrier.objects.visible_to(request.user).current()
        barrier = barrier.filter(slug=data["barrier"]).first()
        if barrier is None:
            raise ValidationFailed(field_errors={"barrier": [_("No such barrier.")]})
    reports.report_moderate(
        actor=request.user,
        report=report,
        decision=data["decision"],
        answer=data["answer"],
        barrier=barrier,
        category=data["category"],
    )
    messages.success(request, _("The report has been decided."))
    return 0


@login_required
def report_moderate(request, uuid):
    allowed, reason = permissions.can_moderate_reports(request.user)
    if not allowed:
        return refuse(request, reason)
    report = BarrierReport.objects.filter(uuid=uuid).first()
    if report is None:
        raise Http404(_("This report does not exist."))
    form, status = ModerateForm(request.POST or None), 200
    if request.method == "POST":
        try:
            status = _decide(request, report, form)
        except DomainError as exc:
            status = put_on_form(form, exc)
        if not status:
            return redirect("barriers:reports")
    same_sender = BarrierReport.objects.filter(
        sender=report.sender, status=ReportStatus.PENDING
    ).count()
    context = {"report": report, "form": form, "same_sender": same_sender}
    return render(request, "barriers/moderate.html", context, status=status)
