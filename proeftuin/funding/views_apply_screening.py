"""Screening pages for the fund's screeners and managers: the submitted applications of
their funds, and one application's screening (start, eligible, not eligible, ask for more
information), with the rules check and the prior cases found."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from proeftuin.core.service import DomainError, forbidden
from proeftuin.funding import forms_apply, permissions, selectors_apply
from proeftuin.funding import services_screening as screening
from proeftuin.funding.views_apply import detail_context, show_error, visible_application


@login_required
@require_GET
def apply_screening_list(request):
    if not selectors_apply.screens_anything(request.user):
        return forbidden(request, _("Only screeners and managers of a fund screen applications."))
    rows = selectors_apply.applications_screening(request.user).select_related("round", "stage")
    return render(request, "funding/apply/screening_list.html", {"applications": rows})


def _act(user, application, data):
    action, text, version = data["action"], data["text"], data["version"]
    common = {"actor": user, "application": application, "expected_version": version}
    if action == "start":
        return screening.screening_start(**common)
    if action == "more_info":
        return screening.screening_request_info(**common, question=text)
    return screening.screening_decide(**common, eligible=action == "eligible", reasons=text)


@login_required
@require_http_methods(["GET", "POST"])
def apply_screen(request, uuid):
    application = visible_application(request, uuid)
    allowed, reason = permissions.can_screen(request.user, application)
    if not allowed:
        return forbidden(request, reason)
    form = forms_apply.ScreeningForm(request.POST or None, initial={"version": application.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _act(request.user, application, form.cleaned_data)
            except DomainError as exc:
                field_for = {"reasons": "text", "question": "text"}.get
                status = show_error(form, exc, lambda key: field_for(key))
            else:
                messages.success(request, _("The screening has been saved."))
                return redirect("funding:apply_screen", uuid=application.uuid)
    context = detail_context(request, application, screening_form=form)
    return render(request, "funding/apply/screen.html", context, status=status)
