"""Pages of the organisation registry: parse, call a selector or service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from proeftuin.cases.service import case_counts_by_province, cases_of_organisation
from proeftuin.core.service import ConflictError, DomainError, querystring_without
from proeftuin.organisations import permissions, selectors, services
from proeftuin.organisations.choices import Province
from proeftuin.organisations.filters import OrganisationFilterSet
from proeftuin.organisations.forms import OrganisationForm
from proeftuin.organisations.geo import ATTRIBUTION, province_map, shaded_provinces
from proeftuin.organisations.models import Organisation


@require_GET
def organisation_list(request):
    filterset = OrganisationFilterSet(
        request.GET or None, queryset=selectors.organisation_queryset()
    )
    organisations = filterset.qs if filterset.is_bound else filterset.queryset
    page = Paginator(organisations, 30).get_page(request.GET.get("pagina"))
    return render(
        request,
        "organisations/list.html",
        {
            "filterset": filterset,
            "page": page,
            "querystring": querystring_without(request, "pagina"),
        },
    )


def _get(slug: str) -> Organisation:
    try:
        return selectors.organisation_get(slug=slug)
    except Organisation.DoesNotExist as exc:
        raise Http404(_("This organisation does not exist.")) from exc


@require_GET
def organisation_detail(request, slug: str):
    org = _get(slug)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": org,
            "cases": cases_of_organisation(user=request.user, organisation=org)[:50],
            "similar": selectors.organisation_similar(org),
            "can_edit": permissions.can_edit_organisation(request.user, org)[0],
        },
    )


@require_GET
def organisation_map(request):
    """Organisations by province: a map with a table of the same figures beside it."""
    org_counts = selectors.organisation_counts_by_province()
    case_counts = case_counts_by_province(request.user)
    shapes = shaded_provinces(org_counts)
    for row in shapes:
        row["cases"] = case_counts.get(row["shape"].code, 0)
    return render(
        request,
        "organisations/map.html",
        {
            "map": province_map(),
            "shapes": shapes,
            "attribution": ATTRIBUTION,
            "rows": sorted(shapes, key=lambda s: Province(s["shape"].code).label),
            "total": sum(org_counts.values()),
        },
    )


def _save(request, form, org=None):
    data = form.service_data()
    if org is None:
        return services.organisation_create(actor=request.user, **data)
    return services.organisation_update(
        organisation=org,
        actor=request.user,
        expected_version=form.cleaned_data.get("version"),
        **data,
    )


def _edit(request, org=None):
    initial = {}
    if org is not None:
        initial = {f: getattr(org, f) for f in services.EDITABLE_FIELDS}
        initial.update(domains=list(org.domains.all()), version=org.version)
    form = OrganisationForm(request.POST or None, initial=initial)
    if org is None:  # sharing is for the organisation's own administrators to decide
        del form.fields["share_review_decisions"]
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = _save(request, form, org)
            except ConflictError as exc:
                form.add_error(None, str(exc.message))
                status = 409
            except DomainError as exc:
                for field, problems in (exc.field_errors or {None: [exc.message]}).items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                messages.success(request, _("The organisation has been saved."))
                return redirect("organisations:detail", slug=saved.slug)
    return render(
        request, "organisations/form.html", {"form": form, "organisation": org}, status=status
    )


@login_required
def organisation_create(request):
    allowed, reason = permissions.can_create_organisation(request.user)
    if not allowed:
        return render(request, "core/forbidden.html", {"reason": reason}, status=403)
    return _edit(request)


@login_required
def organisation_edit(request, slug: str):
    org = _get(slug)
    allowed, reason = permissions.can_edit_organisation(request.user, org)
    if not allowed:
        return render(request, "core/forbidden.html", {"reason": reason}, status=403)
    return _edit(request, org)
