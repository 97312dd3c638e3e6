"""Recording and changing an authority (who could remove a barrier): stewards, and
organisation administrators for their own organisations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role, organisation_ids_with_role
from proeftuin.barriers import permissions
from proeftuin.barriers.authorities import authority_save
from proeftuin.barriers.forms import AuthorityForm, owner_choices
from proeftuin.barriers.models import Authority
from proeftuin.barriers.views_common import put_on_form, refuse
from proeftuin.barriers.views_patterns import authority_or_404
from proeftuin.core.service import DomainError
from proeftuin.organisations.service import Organisation


def _organisations(user):
    if permissions.is_steward(user):
        return Organisation.objects.order_by("name")
    return owner_choices(organisation_ids_with_role(user, Role.ORGANISATION_ADMIN))


def _form_page(request, authority: Authority | None):
    initial = {}
    if authority is not None:
        initial = {"name": authority.name, "kind": authority.kind, "website": authority.website}
        initial["organisation"] = authority.organisation_id
    form = AuthorityForm(
        request.POST or None, initial=initial, organisations=_organisations(request.user)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                user, data = request.user, form.cleaned_data
                saved = authority_save(actor=user, data=data, authority=authority)
            except DomainError as exc:
                status = put_on_form(form, exc)
            else:
                messages.success(request, _("The authority has been saved."))
                return redirect("barriers:authority", saved.slug)
    context = {"form": form, "authority": authority}
    return render(request, "barriers/authority_form.html", context, status=status)


@login_required
def authority_create(request):
    allowed, reason = permissions.can_create_authority(request.user)
    if not allowed:
        return refuse(request, reason)
    return _form_page(request, None)


@login_required
def authority_edit(request, slug: str):
    authority = authority_or_404(slug)
    allowed, reason = permissions.can_edit_authority(request.user, authority)
    if not allowed:
        return refuse(request, reason)
    return _form_page(request, authority)
