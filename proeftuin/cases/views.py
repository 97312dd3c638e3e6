"""Pages of the case library: parse, call a selector or service, render."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from proeftuin.cases import permissions, selectors
from proeftuin.cases.editing import CaseEditor
from proeftuin.cases.filters import MAX_QUERY_LENGTH, SORTS
from proeftuin.cases.forms import CaseForm, build_formsets
from proeftuin.cases.models import Case
from proeftuin.cases.origins import case_origin_links
from proeftuin.core.fragments import shared_fragment, shared_fragments
from proeftuin.core.service import audit_history, querystring_without
from proeftuin.search.service import prior_cases, strength

PAGE_SIZE = 20
EXPORT_LIMIT = 10_000
# What the cached library, rows and case pages show: cases and their organisations' names.
SHOWN_CONTENT = ("cases", "organisations")


@require_GET
def case_library(request):
    canonical = sorted(request.GET.lists())
    results = shared_fragment(
        request,
        "library",
        (canonical,),
        lambda: _library_results(request),
        depends_on=SHOWN_CONTENT,
    )
    if request.headers.get("HX-Request"):
        response = HttpResponse(results)
    else:
        context = {"results": results, "query": request.GET.get("q", "")[:MAX_QUERY_LENGTH]}
        response = render(request, "cases/library.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _library_results(request) -> str:
    filterset = selectors.case_filter(
        user=request.user, data=request.GET, queryset=selectors.case_in_library(request.user)
    )
    valid = filterset.is_valid()
    cases = filterset.qs if valid else selectors.case_in_library(request.user).none()
    text = filterset.form.cleaned_data.get("q", "") if valid else ""
    counts = selectors.case_facet_counts(
        user=request.user, text=text, selection=filterset.facet_selection()
    )
    paginator = Paginator(cases.values_list("id", "version"), PAGE_SIZE)
    paginator.count = counts.total if valid else 0  # known from the facet index
    page = paginator.get_page(request.GET.get("pagina"))
    versions = dict(page.object_list)
    rows = shared_fragments(
        "case-row", versions, lambda ids: _render_rows(request, ids), depends_on=SHOWN_CONTENT
    )
    context = {
        "filterset": filterset,
        "page": page,
        "rows": [rows[pk] for pk in versions],
        "facets": counts.facets,
        "sorts": [(key, label) for key, (label, _order) in SORTS.items()],
        "current_sort": request.GET.get("sort") or "recent",
        "query": text,
        "querystring": querystring_without(request, "pagina"),
    }
    return render_to_string("cases/_results.html", context, request)


def _render_rows(request, ids: list[int]) -> dict[int, str]:
    """List rows of the given (visible) cases; a row shows only the case itself."""
    cases = selectors.case_list_queryset(request.user).filter(id__in=ids)
    return {case.id: render_to_string("cases/_row.html", {"case": case}) for case in cases}


@require_GET
def case_detail(request, slug: str):
    head = selectors.case_visible(request.user).filter(slug=slug).order_by()  # slug is unique
    head = next(iter(head.values("id", "version", "title", "slug")[:1]), None)
    if head is None:
        raise Http404(_("This case does not exist or is not visible to you."))
    parts = (head["id"], head["version"])
    body = shared_fragment(
        request, "case", parts, lambda: _case_body(request, slug), depends_on=SHOWN_CONTENT
    )
    origins = case_origin_links(head["id"], request.user)  # per viewer: outside the cache
    context = {
        "title": head["title"],
        "slug": head["slug"],
        "body": body,
        "origins": origins,
        "case_id": head["id"],
    }
    return render(request, "cases/detail.html", context)


def _case_body(request, slug: str) -> str:
    case = selectors.case_detail(user=request.user, slug=slug)
    user = request.user
    can_edit = user.is_authenticated and permissions.can_edit_case(user, case)[0]
    context = {
        "case": case,
        "can_edit": can_edit,
        "can_publish": user.is_authenticated and permissions.can_publish_case(user, case)[0],
        "can_archive": user.is_authenticated and permissions.can_archive_case(user, case)[0],
        "can_see_people": permissions.can_see_people(request.user, case),
        "history": audit_history(case)[:50] if can_edit else [],
        "citations_by_field": citations_by_field(case),
    }
    return render_to_string("cases/_detail_body.html", context, request)


def citations_by_field(case) -> dict[str, list]:
    """Citations of documents and of platform records (an initiative's reflections and
    measurements), grouped by the field they support."""
    grouped: dict[str, list] = {}
    for citation in [*case.citations.all(), *case.record_citations.all()]:
        grouped.setdefault(citation.field, []).append(citation)
    return grouped


@login_required
def case_create(request):
    allowed, reason = permissions.can_create_case(request.user)
    if not allowed:
        return render(request, "core/forbidden.html", {"reason": reason}, status=403)
    editor = CaseEditor(request, case=None)
    if request.method == "POST" and "check_prior" in request.POST:
        return render(request, "cases/form.html", _checked_for_prior_cases(request, editor))
    if request.method == "POST" and editor.save():
        return redirect("cases:detail", slug=editor.case.slug)
    context = {**editor.context(), "prior_cases": [], "prior_query": ""}
    return render(request, "cases/form.html", context, status=editor.status)


def _checked_for_prior_cases(request, editor: CaseEditor) -> dict:
    """ "Check for earlier cases" without JavaScript: the form as typed (not validated, not
    saved) with the "has this been done before?" panel filled."""
    form = editor.form
    text = "\n".join(str(form[name].value() or "").strip() for name in ("title", "summary"))
    text = text.strip()
    found = prior_cases(user=request.user, text=text) if text else []
    editor.form = CaseForm(
        initial={name: form[name].value() for name in form.fields},
        themes=editor.theme_set.themes.all() if editor.theme_set else (),
        lead_choices=editor.lead_choices,
    )
    editor.formsets = build_formsets(
        initial=_typed_rows(editor.formsets), documents=editor.documents
    )
    prior = [(hit, strength(hit.similarity)) for hit in found]
    return {**editor.context(), "prior_cases": prior, "prior_query": text}


def _typed_rows(formsets) -> dict[str, list[dict]]:
    """The rows typed in bound formsets, as initial data (empty and removed rows left out)."""
    return {
        name: [
            {field: row[field].value() for field in row.fields if field != "DELETE"}
            for row in formset.forms
            if row.has_changed() and not row["DELETE"].value()
        ]
        for name, formset in formsets.items()
    }


@login_required
def case_edit(request, slug: str):
    try:
        case = selectors.case_detail(user=request.user, slug=slug)
    except Case.DoesNotExist as exc:
        raise Http404(_("This case does not exist or is not visible to you.")) from exc
    allowed, reason = permissions.can_edit_case(request.user, case)
    if not allowed:
        return render(request, "core/forbidden.html", {"reason": reason}, status=403)
    editor = CaseEditor(request, case=case)
    if request.method == "POST" and editor.save():
        return redirect("cases:detail", slug=editor.case.slug)
    return render(request, "cases/form.html", editor.context(), status=editor.status)


class _Echo:
    def write(self, value):
        return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A CSV cell that spreadsheet programs will not run as a formula."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


@require_GET
def case_export(request) -> HttpResponse:
    """The filtered library as CSV: the same filters and visibility as the page."""
    filterset = selectors.case_filter(user=request.user, data=request.GET)
    if not filterset.is_valid():
        return HttpResponse(_("The filters are not valid."), status=400)
    writer = csv.writer(_Echo(), delimiter=";")
    header = [
        _("title"),
        _("organisations"),
        _("first year"),
        _("last year"),
        _("lifecycle stage"),
        _("summary"),
        _("web address"),
    ]

    def rows():
        yield writer.writerow(header)
        for case in filterset.qs[:EXPORT_LIMIT]:
            names = ", ".join(link.organisation.name for link in case.case_organisations.all())
            url = request.build_absolute_uri(reverse("cases:detail", args=[case.slug]))
            row = [
                case.title,
                names,
                case.year_start or "",
                case.year_end or "",
                case.get_stage_display(),
                case.summary,
                url,
            ]
            yield writer.writerow([_cell(value) for value in row])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="casussen.csv"'
    return response
