"""Dashboard pages: the portfolio of one organisation, of everything the viewer may see,
or of a programme; every chart with its table and a one-sentence summary."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.organisations.service import Organisation, Programme, programme_visible
from proeftuin.portfolio.dashboard import dashboard, initiatives_in_scope

ALL = "alle"


def _default_organisation(user) -> str:
    mine = sorted(roles_by_organisation(user))
    if not mine:
        return ALL
    return Organisation.objects.filter(pk=mine[0]).values_list("slug", flat=True).first() or ALL


@require_GET
def dashboard_organisation(request):
    """``?organisatie=<slug>`` (default: the user's organisation) or ``alle``."""
    slug = request.GET.get("organisatie") or _default_organisation(request.user)
    visible = initiatives_in_scope(request.user)
    choices = Organisation.objects.filter(pk__in=visible.order_by().values("owner_id"))
    if slug == ALL:
        rows, title = visible, _("All initiatives you may see")
    else:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise Http404(_("This organisation does not exist."))
        rows, title = initiatives_in_scope(request.user, [organisation.pk]), organisation.name
    context = {"title": title, "selected": slug, "choices": choices, **dashboard(rows)}
    return render(request, "portfolio/dashboard.html", context)


@require_GET
def dashboard_programme(request, slug: str):
    try:
        programme = programme_visible(user=request.user, slug=slug)
    except Programme.DoesNotExist as exc:
        raise Http404(_("This programme does not exist or is not visible to you.")) from exc
    rows = initiatives_in_scope(request.user, programme.members.values("pk"))
    context = {"title": programme.name, "programme": programme, **dashboard(rows)}
    return render(request, "portfolio/dashboard.html", context)
