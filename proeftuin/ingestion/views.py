"""Pages: upload a document, follow its job, review its suggestions, make draft cases.

The review queue shows one case of the document at a time, a page of its suggestions
grouped by field. Decisions are plain forms: without JavaScript they post and come back
to the same place; with htmx the suggestion swaps itself and a live region says what
happened (see ``review_views.py``).
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proeftuin.core.service import DomainError
from proeftuin.ingestion import selectors, services, values
from proeftuin.ingestion.casebuilder import case_from_segment, invalid_decided
from proeftuin.ingestion.forms import ThresholdForm, UploadForm
from proeftuin.ingestion.models import SourceFile
from proeftuin.ingestion.parsers import check_size
from proeftuin.ingestion.permissions import can_review
from proeftuin.ingestion.presentation import error_text, job_step_label
from proeftuin.ingestion.progress import job_progress
from proeftuin.ingestion.queue import Place, groups, item
from proeftuin.ingestion.types import IngestionError

DEFAULT_THRESHOLD = Decimal("0.8")


def visible_source(request, uuid) -> SourceFile:
    try:
        return SourceFile.objects.visible_to(request.user).select_related("document").get(uuid=uuid)
    except (SourceFile.DoesNotExist, ValueError) as exc:
        raise Http404(_("This document does not exist or is not visible to you.")) from exc


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def source_list(request):
    owners = selectors.upload_owner_choices(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, owners=owners)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                check_size(upload.size)
                source, _job, created = services.source_upload(
                    actor=request.user,
                    filename=upload.name,
                    data=upload.read(),
                    owner=form.cleaned_data.get("owner"),
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


def progress_context(source) -> dict:
    job = source.jobs.first()
    return {
        "source": source,
        "job": job,
        "progress": job_progress(job),
        "step_label": job_step_label(job.step) if job else "",
    }


def queue_context(request, source, place: Place, *, bound=None) -> dict:
    """Everything the document page shows: the job, the cases in the document, and one
    page of the chosen case's suggestions. ``bound``: correction forms with errors."""
    context = progress_context(source)
    context.update(
        segments=[],
        may_review=can_review(request.user, source)[0],
        # absolute: the page is also shown at a form's address (a correction with errors)
        queue_url=reverse("ingestion:detail", kwargs={"uuid": source.uuid}),
    )
    overview = selectors.segment_overview(source) if context["job"] else []
    if not overview:
        return context
    current = next((s for s in overview if s.index == place.segment), None)
    current = current or next((s for s in overview if s.pending), overview[0])
    place = place.at(segment=current.index)
    page = selectors.queue_page(source, current.index, place.show, place.page)
    place = place.at(page=page.number)
    known = values.lookups()
    context.update(
        segments=overview,
        part=current,
        place=place,
        page=page,
        groups=groups(page.object_list, known, bound),
        threshold_form=ThresholdForm(initial={"threshold": DEFAULT_THRESHOLD}),
        invalid=[
            (item(row, known, with_form=False), selectors.page_of(source, row))
            for row in invalid_decided(source, current.index)
        ],
        filters=[("alle", _("all")), ("open", _("to review")), ("besloten", _("decided"))],
    )
    return context


@login_required
def source_detail(request, uuid):
    source = visible_source(request, uuid)
    if is_htmx(request):  # the progress block polls itself
        return render(request, "ingestion/_progress.html", progress_context(source))
    context = queue_context(request, source, Place.read(request.GET))
    return render(request, "ingestion/detail.html", context)


@login_required
@require_POST
def segment_action(request, uuid, segment: int):
    """Make (or update) the draft case of one case in the document."""
    source = visible_source(request, uuid)
    place = Place.read(request.POST).at(segment=segment)
    try:
        case = case_from_segment(actor=request.user, source=source, segment=segment)
    except DomainError as exc:
        messages.error(request, error_text(exc))
        return redirect(place.url(source))
    skipped = invalid_decided(source, segment)
    if skipped:
        messages.warning(
            request,
            _("%d decided values were left out because they are not valid; correct them.")
            % len(skipped),
        )
    messages.success(request, _("Draft case saved; review it and publish it."))
    return redirect("cases:detail", slug=case.slug)


@login_required
@require_POST
def job_retry(request, uuid):
    source = visible_source(request, uuid)
    try:
        services.job_retry(actor=request.user, job=source.jobs.first())
    except DomainError as exc:  # (a job that is still running)
        messages.error(request, str(exc.message))
    return redirect("ingestion:detail", uuid=source.uuid)
