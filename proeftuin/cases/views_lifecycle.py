"""Pages of a case's life: the publish step with a preview, archiving and un-archiving."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proeftuin.cases import lifecycle, permissions, selectors
from proeftuin.cases.choices import EditorialStatus
from proeftuin.cases.forms import ArchiveForm, PublishForm
from proeftuin.cases.models import Case
from proeftuin.cases.views import citations_by_field
from proeftuin.core.service import ConflictError, DomainError
from proeftuin.core.service import forbidden as _forbidden

CONFLICT = 409


def _case(request, slug: str) -> Case:
    try:
        return selectors.case_detail(user=request.user, slug=slug)
    except Case.DoesNotExist as exc:
        raise Http404(_("This case does not exist or is not visible to you.")) from exc


def public_preview(request, case: Case) -> str:
    """The case page body exactly as an anonymous visitor will see it once published."""
    viewer = copy.copy(request)
    viewer.user = AnonymousUser()
    shown = copy.copy(case)
    shown.status = EditorialStatus.PUBLISHED
    context = {
        "case": shown,
        "can_edit": False,
        "can_see_people": False,
        "history": [],
        "citations_by_field": citations_by_field(case),
        "preview": True,
    }
    return render_to_string("cases/_detail_body.html", context, viewer)


def _error_status(exc: DomainError) -> int:
    if isinstance(exc, ConflictError):
        return CONFLICT
    return 400 if exc.field_errors else 403


@login_required
def case_publish(request, slug: str):
    """GET: the preview and what is missing or risky; POST: publish (version-checked)."""
    case = _case(request, slug)
    allowed, reason = permissions.can_publish_case(request.user, case)
    if not allowed:
        return _forbidden(request, reason)
    form = PublishForm(request.POST or None, initial={"version": case.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.case_publish(
                case=case, actor=request.user, expected_version=form.cleaned_data["version"]
            )
        except DomainError as exc:
            form.add_error(None, str(exc.message))
            status = _error_status(exc)
            case = _case(request, slug)
        else:
            messages.success(request, _("The case has been published."))
            return redirect("cases:detail", slug=case.slug)
    findings = lifecycle.publish_findings(case)
    context = {
        "case": case,
        "form": form,
        "findings": findings,
        "blocked": any(f.blocking for f in findings),
        "preview": public_preview(request, case),
    }
    return render(request, "cases/publish.html", context, status=status)


@login_required
def case_archive(request, slug: str):
    """GET: a confirmation page with an optional reason; POST: archive."""
    case = _case(request, slug)
    allowed, reason = permissions.can_archive_case(request.user, case)
    if not allowed:
        return _forbidden(request, reason)
    form = ArchiveForm(request.POST or None, initial={"version": case.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.case_archive(
                case=case,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc.message))
            status = _error_status(exc)
        else:
            messages.success(request, _("The case has been archived."))
            return redirect("cases:detail", slug=case.slug)
    elif request.method == "POST":
        status = 400
    return render(request, "cases/archive.html", {"case": case, "form": form}, status=status)


@login_required
@require_POST
def case_unarchive(request, slug: str):
    case = _case(request, slug)
    allowed, reason = permissions.can_archive_case(request.user, case)
    if not allowed:
        return _forbidden(request, reason)
    form = PublishForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        lifecycle.case_unarchive(case=case, actor=request.user, expected_version=version)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The case is no longer archived."))
    return redirect("cases:detail", slug=case.slug)
