"""Dashboard pages: the portfolio of one organisation, of everything the viewer may see,
or of a programme; every chart with its table and a one-sentence summary."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.core.service import DomainError
from proeftuin.organisations.service import Organisation, Programme, programme_visible
from proeftuin.portfolio.dashboard import dashboard_for, owners_in_view
from proeftuin.portfolio.dashboard_exports import (
    dashboard_export_request,
    export_file,
    export_for,
)
from proeftuin.portfolio.exports import FORMATS
from proeftuin.portfolio.models import DashboardExport

ALL = "alle"


def _default_organisation(user) -> str:
    mine = sorted(roles_by_organisation(user))
    if not mine:
        return ALL
    return Organisation.objects.filter(pk=mine[0]).values_list("slug", flat=True).first() or ALL


def _options(choices: list[tuple[str, str]], selected: str) -> str:
    """The ``<option>`` of each organisation (a couple of hundred), each value escaped once:
    written in Python, not in a template loop."""
    return mark_safe(
        "".join(
            f'<option value="{escape(slug)}"{" selected" if slug == selected else ""}>'
            f"{escape(name)}</option>"
            for slug, name in choices
        )
    )


@require_GET
def dashboard_organisation(request):
    """``?organisatie=<slug>`` (default: the user's organisation) or ``alle``."""
    slug = request.GET.get("organisatie") or _default_organisation(request.user)
    if slug == ALL:
        figures, title = dashboard_for(request.user, "all"), _("All initiatives you may see")
    else:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise Http404(_("This organisation does not exist."))
        scope = f"organisation:{organisation.pk}"
        figures = dashboard_for(request.user, scope, [organisation.pk])
        title = organisation.name
    choices = _options(owners_in_view(request.user), slug)
    context = {"title": title, "selected": slug, "choices": choices, "formats": FORMATS}
    context.update(figures)
    return render(request, "portfolio/dashboard.html", context)


@require_GET
def dashboard_programme(request, slug: str):
    try:
        programme = programme_visible(user=request.user, slug=slug)
    except Programme.DoesNotExist as exc:
        raise Http404(_("This programme does not exist or is not visible to you.")) from exc
    members = programme.members.values("pk")
    figures = dashboard_for(request.user, f"programme:{programme.pk}", members)
    context = {"title": programme.name, "programme": programme, "formats": FORMATS}
    context.update(figures)
    return render(request, "portfolio/dashboard.html", context)


def _scope_of(request) -> str:
    if request.POST.get("programma"):
        return f"programme:{request.POST['programma']}"
    slug = request.POST.get("organisatie") or ALL
    return "all" if slug == ALL else f"organisation:{slug}"


@login_required
@require_POST
def export_create(request):
    """Queue an export of the dashboard shown (``organisatie`` or ``programma``) as
    ``format``; the status page follows its progress."""
    try:
        export = dashboard_export_request(
            actor=request.user, scope=_scope_of(request), fmt=request.POST.get("format", "")
        )
    except DomainError as exc:
        return render(request, "core/forbidden.html", {"reason": exc.message}, status=400)
    return redirect("portfolio:export", uuid=export.uuid)


@login_required
@require_GET
def export_status(request, uuid):
    try:
        export = export_for(user=request.user, uuid=uuid)
    except DashboardExport.DoesNotExist as exc:
        raise Http404(_("This export does not exist.")) from exc
    waiting = export.state in (DashboardExport.State.QUEUED, DashboardExport.State.RUNNING)
    expired = export.expires_at <= timezone.now()
    context = {"export": export, "waiting": waiting, "expired": expired}
    return render(request, "portfolio/export.html", context)


@login_required
@require_GET
def export_download(request, uuid):
    try:
        export = export_for(user=request.user, uuid=uuid)
        content, content_type, filename = export_file(export)
    except DashboardExport.DoesNotExist as exc:
        raise Http404(_("This export does not exist.")) from exc
    except DomainError as exc:
        context = {"export": export, "waiting": False, "expired": True, "problem": exc.message}
        return render(request, "portfolio/export.html", context, status=410)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
