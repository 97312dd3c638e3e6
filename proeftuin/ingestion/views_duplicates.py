"""The choice for a document's case that may already be in the library: add its values to
the existing case, or make a new case anyway."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proeftuin.cases.service import Case, case_visible
from proeftuin.core.service import DomainError, ValidationFailed
from proeftuin.ingestion import merging
from proeftuin.ingestion.casebuilder import case_from_segment
from proeftuin.ingestion.models import SourceFile


def _source(request, uuid) -> SourceFile:
    try:
        return SourceFile.objects.visible_to(request.user).get(uuid=uuid)
    except (SourceFile.DoesNotExist, ValueError) as exc:
        raise Http404(_("This document does not exist or is not visible to you.")) from exc


def _case(request):
    try:
        return case_visible(request.user).get(uuid=request.POST.get("case", ""))
    except (Case.DoesNotExist, ValueError, ValidationError) as exc:  # all alike
        raise ValidationFailed(_("This case does not exist or is not visible to you.")) from exc


def _merge(request, source, segment: int):
    choice = merging.segment_add_to_case(
        actor=request.user, source=source, segment=segment, case=_case(request)
    )
    messages.success(request, _("The accepted values were added to “%s”.") % choice.case.title)
    if choice.conflicts:
        messages.warning(
            request,
            _("%d values differ from what the case has; they were left out (see the list).")
            % len(choice.conflicts),
        )


@login_required
@require_POST
def segment_duplicate(request, uuid, segment: int):
    source = _source(request, uuid)
    detail = reverse("ingestion:detail", kwargs={"uuid": source.uuid})
    action = request.POST.get("action")
    try:
        if action == "merge":
            _merge(request, source, segment)
        elif action == "new":
            merging.segment_keep_separate(actor=request.user, source=source, segment=segment)
            case = case_from_segment(actor=request.user, source=source, segment=segment)
            messages.success(request, _("Draft case saved; review it and publish it."))
            return redirect("cases:detail", slug=case.slug)
        else:
            messages.error(request, _("Choose to add to the existing case or to make a new one."))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect(f"{detail}#dup-{segment}")
