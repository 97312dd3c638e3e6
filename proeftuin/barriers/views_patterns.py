"""Seeing the pattern: the heatmap with trends, the authorities, the report per authority
and its export (made on the worker)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from proeftuin.barriers import cache, exports, patterns, permissions, selectors
from proeftuin.barriers.choices import HeatmapAxis
from proeftuin.barriers.forms import AxisForm, ExportForm
from proeftuin.barriers.models import Authority, AuthorityReportExport
from proeftuin.barriers.views_common import refuse
from proeftuin.core.service import DomainError, querystring_without

REPORT_PAGE_SIZE = 50  # barriers per page of an authority's report; the export holds all


@require_GET
def heatmap(request):
    form = AxisForm(request.GET or None)
    axis = form.cleaned_data.get("axis") if form.is_valid() else ""
    data = cache.heatmap(user=request.user, axis=axis or HeatmapAxis.LAYER)
    context = {"form": form, "heatmap": data, "trends": cache.trends(user=request.user)}
    return render(request, "barriers/heatmap.html", context)


@require_GET
def authority_list(request):
    context = {
        "authorities": selectors.authorities(),
        "can_create": permissions.can_create_authority(request.user)[0],
    }
    return render(request, "barriers/authorities.html", context)


def authority_or_404(slug: str) -> Authority:
    authority = Authority.objects.filter(slug=slug).first()
    if authority is None:
        raise Http404(_("This authority does not exist."))
    return authority


@require_GET
def authority_report(request, slug: str):
    authority = authority_or_404(slug)
    rows = selectors.authority_barriers(user=request.user, authority=authority)
    page = Paginator(rows, REPORT_PAGE_SIZE).get_page(request.GET.get("pagina"))
    report = patterns.authority_report(user=request.user, authority=authority, barriers=page)
    context = {
        "authority": authority,
        "report": report,
        "page": page,
        "querystring": querystring_without(request, "pagina"),
        "form": ExportForm(),
        "can_edit": permissions.can_edit_authority(request.user, authority)[0],
    }
    return render(request, "barriers/authority.html", context)


@login_required
@require_POST
def export_create(request, slug: str):
    authority = authority_or_404(slug)
    form = ExportForm(request.POST)
    fmt = form.cleaned_data["format"] if form.is_valid() else ""
    try:
        export = exports.authority_export_request(actor=request.user, authority=authority, fmt=fmt)
    except DomainError as exc:
        return refuse(request, str(exc.message), status=400)
    return redirect("barriers:export", export.uuid)


def _export(request, uuid) -> AuthorityReportExport:
    try:
        return exports.export_for(user=request.user, uuid=uuid)
    except AuthorityReportExport.DoesNotExist as exc:
        raise Http404(_("This export does not exist.")) from exc


@login_required
@require_GET
def export_page(request, uuid):
    export = _export(request, uuid)
    expired = export.expires_at <= timezone.now()
    waiting = export.state in ("queued", "running") and not expired
    context = {"export": export, "expired": expired, "waiting": waiting}
    return render(request, "barriers/export.html", context)


@login_required
@require_GET
def export_download(request, uuid):
    export = _export(request, uuid)
    try:
        data, content_type, name = exports.export_file(export)
    except DomainError as exc:
        return refuse(request, str(exc.message), status=404)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
