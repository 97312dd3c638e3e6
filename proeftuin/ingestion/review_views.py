"""Decisions in the review queue: accept, correct, reject, undo, and "accept all above".

Every route answers two ways. An htmx request (a decision made in place) gets the
suggestion's own block back, plus, out of band, the text for the live region and the
case's counts; errors come back inside the block (status 200, so htmx shows them), a
refusal for lack of rights as 403 (not swapped; review.js says it failed). A plain form
post is redirected to the same case, filter, page and suggestion; a correction with
errors shows the page again with the messages next to the fields (status 400).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from proeftuin.core.service import DomainError, NotAllowed, format_number
from proeftuin.ingestion import selectors, services, values
from proeftuin.ingestion.forms import ThresholdForm, value_form
from proeftuin.ingestion.models import SourceFile, Suggestion
from proeftuin.ingestion.permissions import can_review
from proeftuin.ingestion.presentation import error_text, field_label
from proeftuin.ingestion.queue import Place, item
from proeftuin.ingestion.views import DEFAULT_THRESHOLD, is_htmx, queue_context, visible_source

DONE = {
    "accepted": gettext_lazy("Accepted: %s."),
    "edited": gettext_lazy("Correction saved: %s."),
    "rejected": gettext_lazy("Rejected: %s."),
    "undo": gettext_lazy("Decision undone: %s."),
}


def _suggestion(request, uuid) -> Suggestion:
    visible = SourceFile.objects.visible_to(request.user)
    try:
        return Suggestion.objects.select_related("source", "case", "decided_by").get(
            source__in=visible, uuid=uuid
        )
    except (Suggestion.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404(_("This suggestion does not exist or is not visible to you.")) from exc


def _block(request, suggestion, place: Place, *, form=None, error="", said="", status=200):
    """The suggestion's block for htmx, with the live-region text and the case's counts."""
    known = values.lookups()
    context = {
        "source": suggestion.source,
        "place": place,
        "entry": item(suggestion, known, form=form, error=error),
        "said": said,
        "part": selectors.segment_summary(suggestion.source, suggestion.segment),
        "may_review": can_review(request.user, suggestion.source)[0],
    }
    return render(request, "ingestion/_decision.html", context, status=status)


def _page_with_errors(request, suggestion, place: Place, form):
    """No JavaScript: the page again, the correction form with its errors in place."""
    show = place.show
    number = selectors.page_of(suggestion.source, suggestion, show)
    if number is None:
        show, number = "alle", selectors.page_of(suggestion.source, suggestion, "alle")
    place = place.at(show=show, page=number or 1)
    context = queue_context(request, suggestion.source, place, bound={suggestion.id: form})
    return render(request, "ingestion/detail.html", context, status=400)


def _said(suggestion: Suggestion, what: str) -> str:
    text = DONE[what] % field_label(suggestion.field)
    if suggestion.case is not None and what == "undo":
        text += " " + _("The draft case keeps the old value until you make it again.")
    return text


def _answer(request, suggestion, place: Place, what: str):
    said = _said(suggestion, what)
    if is_htmx(request):
        return _block(request, suggestion, place, said=said)
    messages.success(request, said)
    return redirect(place.url(suggestion.source, f"s-{suggestion.uuid}"))


def _refused(request, suggestion, place: Place, exc: DomainError, form=None):
    text = error_text(exc)
    if form is not None and not isinstance(exc, NotAllowed):
        form.add_error(None, text)
        if is_htmx(request):
            return _block(request, suggestion, place, form=form, said=text)
        return _page_with_errors(request, suggestion, place, form)
    if is_htmx(request):  # a refusal is not swapped in; review.js says it went wrong
        status = 403 if isinstance(exc, NotAllowed) else 200
        return _block(request, suggestion, place, error=text, said=text, status=status)
    messages.error(request, text)
    return redirect(place.url(suggestion.source, f"s-{suggestion.uuid}"))


def _to_queue(request, suggestion):
    """A GET on a decision route (e.g. back from signing in, with this route as ``next``):
    the suggestion's place in the queue, nothing decided."""
    place = Place.read(request.GET).at(segment=suggestion.segment)
    return redirect(place.url(suggestion.source, f"s-{suggestion.uuid}"))


@login_required
@require_http_methods(["GET", "POST"])
def suggestion_decide(request, uuid):
    suggestion = _suggestion(request, uuid)
    if request.method == "GET":
        return _to_queue(request, suggestion)
    place = Place.read(request.POST).at(segment=suggestion.segment)
    decision = request.POST.get("decision", "")
    form, edited = None, None
    if decision == Suggestion.Status.EDITED:
        form = value_form(suggestion, data=request.POST)
        if form is None:
            exc = DomainError(_("This value cannot be corrected here; accept or reject it."))
            return _refused(request, suggestion, place, exc)
        if not form.is_valid():
            if is_htmx(request):
                return _block(request, suggestion, place, form=form, said=_form_said(form))
            return _page_with_errors(request, suggestion, place, form)
        edited = form.to_value()
    try:
        suggestion = services.suggestion_decide(
            actor=request.user, suggestion=suggestion, decision=decision, edited_value=edited
        )
    except DomainError as exc:
        return _refused(request, suggestion, place, exc, form)
    return _answer(request, suggestion, place, decision)


def _form_said(form) -> str:
    count = len(form.errors)
    return _("The correction was not saved: check the %d marked fields.") % count


@login_required
@require_http_methods(["GET", "POST"])
def suggestion_undo(request, uuid):
    suggestion = _suggestion(request, uuid)
    if request.method == "GET":
        return _to_queue(request, suggestion)
    place = Place.read(request.POST).at(segment=suggestion.segment)
    try:
        suggestion = services.suggestion_undo(actor=request.user, suggestion=suggestion)
    except DomainError as exc:
        return _refused(request, suggestion, place, exc)
    return _answer(request, suggestion, place, "undo")


@login_required
@require_http_methods(["GET", "POST"])
def accept_above(request, uuid, segment: int):
    """GET: how many suggestions "accept all above" would accept, and which; POST (from
    that page, with the count shown): accept them."""
    source = visible_source(request, uuid)
    data = request.POST if request.method == "POST" else request.GET
    place = Place.read(data).at(segment=segment, page=1)
    if "threshold" not in data:
        data = {"threshold": format_number(DEFAULT_THRESHOLD)}
    form = ThresholdForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.suggestions_accept_above(
                actor=request.user,
                source=source,
                segment=segment,
                threshold=form.cleaned_data["threshold"],
                expected=form.cleaned_data.get("expected"),
            )
        except DomainError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("%d suggestions accepted.") % count)
            return redirect(place.url(source))
    return _preview(request, source, segment, place, form)


def _preview(request, source, segment: int, place: Place, form: ThresholdForm):
    part = selectors.segment_summary(source, segment)
    if part is None:
        raise Http404(_("This document has no such case."))
    known = values.lookups()
    accept, skip = [], []
    form.is_valid()  # (a refusal added to a valid form keeps its threshold)
    threshold = form.cleaned_data.get("threshold")
    if threshold is not None:
        found, left_out = selectors.accept_candidates(source, segment, threshold, known)
        accept = [item(row, known, with_form=False) for row in found]
        skip = [item(row, known, with_form=False) for row in left_out]
    context = {
        "source": source,
        "part": part,
        "place": place,
        "form": form,
        "accept": accept,
        "skip": skip,
        "threshold": threshold,
        "threshold_text": format_number(threshold) if threshold is not None else "",
        "back": place.url(source),
        "may_review": can_review(request.user, source)[0],
        "heading": "h3" if is_htmx(request) else "h2",
    }
    template = "_accept_preview" if is_htmx(request) else "accept_above"
    status = 400 if form.errors and not is_htmx(request) else 200
    return render(request, f"ingestion/{template}.html", context, status=status)
