"""Pages of innovation patents: the list, a patent (meetings, claims, actions), the award
form and the report per programme (page and CSV)."""

from __future__ import annotations

from urllib.parse import urlparse

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from proeftuin.cases.service import case_visible
from proeftuin.core.service import ConflictError, DomainError, DuplicateError, forbidden
from proeftuin.diffusion.service import Adoption, innovation_q
from proeftuin.organisations.service import Organisation, Programme, programme_visible
from proeftuin.patents import forms, permissions, selectors, services
from proeftuin.patents.models import InnovationPatent
from proeftuin.portfolio.service import initiative_visible

KINDS = {"initiatieven": initiative_visible, "casussen": case_visible}


def visible_patent(request, uuid) -> InnovationPatent:
    try:
        return selectors.patent_detail(user=request.user, uuid=uuid)
    except InnovationPatent.DoesNotExist as exc:
        raise Http404(_("This innovation patent does not exist or is not visible to you.")) from exc


def visible_programme(request, slug) -> Programme:
    try:
        return programme_visible(user=request.user, slug=slug)
    except Programme.DoesNotExist as exc:
        raise Http404(_("This programme does not exist or is not visible to you.")) from exc


def show_error(form, exc: DomainError) -> int:
    """Put a service's refusal on the form; the status code to answer with."""
    for field, problems in exc.field_errors.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, str(problem))
    if not exc.field_errors:
        form.add_error(None, str(exc.message))
    if isinstance(exc, ConflictError | DuplicateError):
        return 409
    return 400 if exc.field_errors else 403


def find_innovation(user, text: str):
    """The initiative or case ``user`` may see named by a web address or a slug."""
    parts = [p for p in urlparse((text or "").strip()).path.split("/") if p]
    if not parts:
        return None
    kinds = [parts[-2]] if len(parts) >= 2 and parts[-2] in KINDS else list(KINDS)
    for kind in kinds:
        found = KINDS[kind](user).filter(slug=parts[-1]).first()
        if found is not None:
            return found
    return None


@require_GET
def patent_list(request):
    rows = selectors.patent_list(request.user)
    return render(request, "patents/list.html", {"patents": rows, "count": len(rows)})


def adopters_of(patent):
    """The organisations with an adoption of the patent's innovation (for the claim form)."""
    adoptions = Adoption.objects.filter(innovation_q(patent.innovation)).values("adopter_id")
    return Organisation.objects.filter(pk__in=adoptions).exclude(pk=patent.innovator_id)


def detail_context(request, patent, **forms_given) -> dict:
    user = request.user
    may_decide = permissions.can_decide_claims(user, patent)[0]
    may_act = permissions.can_act_for_innovator(user, patent)[0] and patent.status == "active"
    innovation = patent.innovation
    readable = KINDS["initiatieven" if patent.initiative_id else "casussen"](user)
    return {
        "patent": patent,
        "innovation": innovation if readable.filter(pk=innovation.pk).exists() else None,
        "meetings": selectors.meetings_of(patent),
        "claims": selectors.claims_of(patent),
        "may_decide": may_decide,
        "may_act": may_act,
        "meeting_form": forms_given.get("meeting_form")
        or (forms.MeetingForm() if may_act else None),
        "claim_form": forms_given.get("claim_form")
        or (forms.ClaimForm(adopters=adopters_of(patent)) if may_act else None),
        "decision_error": forms_given.get("decision_form"),
    }


@require_GET
def patent_detail(request, uuid):
    patent = visible_patent(request, uuid)
    return render(request, "patents/detail.html", detail_context(request, patent))


@login_required
@require_http_methods(["GET", "POST"])
def patent_award(request, slug: str):
    programme = visible_programme(request, slug)
    allowed, reason = permissions.can_award_patent(request.user, programme)
    if not allowed:
        return forbidden(request, reason)
    form = forms.AwardForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            innovation = find_innovation(request.user, data.pop("innovation"))
            if innovation is None:
                form.add_error(
                    "innovation", _("No initiative or case you can see has this address.")
                )
            else:
                try:
                    patent = services.patent_award(
                        actor=request.user, programme=programme, innovation=innovation, **data
                    )
                except DomainError as exc:
                    status = show_error(form, exc)
                else:
                    messages.success(request, _("The innovation patent has been awarded."))
                    return redirect("patents:detail", uuid=patent.uuid)
    context = {"form": form, "programme": programme}
    return render(request, "patents/award.html", context, status=status)
