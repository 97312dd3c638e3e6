"""Deleting an uploaded document: a confirmation page listing what goes with it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from proeftuin.cases.service import case_visible
from proeftuin.core.service import DomainError
from proeftuin.ingestion import deletion
from proeftuin.ingestion.permissions import can_delete_source
from proeftuin.ingestion.views import visible_source


@login_required
def source_delete(request, uuid):
    """GET: what will be removed; POST: delete (reversible by an administrator)."""
    source = visible_source(request, uuid)
    allowed, reason = can_delete_source(request.user, source)
    if not allowed:
        return render(request, "core/forbidden.html", {"reason": reason}, status=403)
    error, status = "", 200
    if request.method == "POST":
        try:
            deletion.source_delete(actor=request.user, source=source)
        except DomainError as exc:
            error, status = str(exc.message), 400
        else:
            messages.success(
                request,
                _(
                    "The document has been deleted. An administrator can restore it within "
                    "%(days)d days."
                )
                % {"days": settings.DELETED_DOCUMENTS_RETENTION_DAYS},
            )
            return redirect("ingestion:list")
    plan = deletion.deletion_plan(source)
    visible = set(case_visible(request.user).values_list("pk", flat=True))
    context = {
        "plan": plan,
        "drafts": [case for case in plan.drafts if case.pk in visible],
        "blocking": [case for case in plan.blocking if case.pk in visible],
        "error": error,
        "days": settings.DELETED_DOCUMENTS_RETENTION_DAYS,
    }
    return render(request, "ingestion/delete.html", context, status=status)
