"""Pages: upload a document, follow its job, review its suggestions, make draft cases."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from proeftuin.core.service import DomainError
from proeftuin.ingestion import services
from proeftuin.ingestion.casebuilder import case_from_segment
from proeftuin.ingestion.models import SourceFile, Suggestion
from proeftuin.ingestion.parsers import check_size
from proeftuin.ingestion.progress import job_progress
from proeftuin.ingestion.types import IngestionError


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Report or casebook (PDF, DOCX, ODT, HTML, text)"))


def _source(request, uuid) -> SourceFile:
    try:
        return SourceFile.objects.visible_to(request.user).select_related("document").get(uuid=uuid)
    except (SourceFile.DoesNotExist, ValueError) as exc:
        raise Http404(_("This document does not exist or is not visible to you.")) from exc


@login_required
def source_list(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                check_size(upload.size)
                source, _job, created = services.source_upload(
                    actor=request.user, filename=upload.name, data=upload.read()
                )
            except IngestionError as exc:
                form.add_error("file", exc.message)
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                if not created:
                    messages.info(request, _("This file was uploaded before; here it is."))
                return redirect("ingestion:detail", uuid=source.uuid)
    sources = SourceFile.objects.visible_to(request.user).prefetch_related("jobs")[:50]
    return render(request, "ingestion/list.html", {"form": form, "sources": sources}, status=status)


def _segments(source) -> list[dict]:
    rows = list(source.suggestions.all())
    segments: dict[int, dict] = {}
    for row in rows:
        part = segments.setdefault(
            row.segment, {"index": row.segment, "title": row.segment_title, "items": []}
        )
        part["items"].append(row)
    return [segments[k] for k in sorted(segments)]


@login_required
def source_detail(request, uuid):
    source = _source(request, uuid)
    job = source.jobs.first()
    template = (
        "ingestion/_progress.html" if request.headers.get("HX-Request") else "ingestion/detail.html"
    )
    return render(
        request,
        template,
        {
            "source": source,
            "job": job,
            "progress": job_progress(job),
            "segments": _segments(source) if job else [],
        },
    )


@login_required
@require_POST
def suggestion_decide(request, uuid):
    suggestion = get_object_or_404(
        Suggestion.objects.filter(source__in=SourceFile.objects.visible_to(request.user)),
        uuid=uuid,
    )
    decision = request.POST.get("decision", "")
    edited = request.POST.get("edited_value") or None
    if edited is not None and not isinstance(suggestion.value, str):
        try:  # records, lists and numbers are edited as JSON, like they are shown
            edited = json.loads(edited)
        except ValueError:
            messages.error(request, _("The corrected value is not valid JSON."))
            return redirect("ingestion:detail", uuid=suggestion.source.uuid)
    try:
        services.suggestion_decide(
            actor=request.user, suggestion=suggestion, decision=decision, edited_value=edited
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    detail = reverse("ingestion:detail", kwargs={"uuid": suggestion.source.uuid})
    return redirect(f"{detail}#s-{suggestion.uuid}")


@login_required
@require_POST
def segment_action(request, uuid, segment: int):
    source = _source(request, uuid)
    try:
        if request.POST.get("action") == "accept_above":
            threshold = float(request.POST.get("threshold", "0.8"))
            count = services.suggestions_accept_above(
                actor=request.user, source=source, segment=segment, threshold=threshold
            )
            messages.success(request, _("%d suggestions accepted.") % count)
        else:
            case = case_from_segment(actor=request.user, source=source, segment=segment)
            messages.success(request, _("Draft case saved; review it and publish it."))
            return redirect("cases:detail", slug=case.slug)
    except (ValueError, DomainError) as exc:
        messages.error(request, str(getattr(exc, "message", _("Enter a number."))))
    return redirect("ingestion:detail", uuid=source.uuid)


@login_required
@require_POST
def job_retry(request, uuid):
    source = _source(request, uuid)
    try:
        services.job_retry(actor=request.user, job=source.jobs.first())
    except DomainError as exc:  # (a job that is still running)
        messages.error(request, str(exc.message))
    return redirect("ingestion:detail", uuid=source.uuid)
