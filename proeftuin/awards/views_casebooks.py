"""Casebook pages: making one (an edition's finalists, or a filter of the library), its
page with the generation's progress (htmx polls it while it runs; without JavaScript a
link reloads it) and its versions with their downloads, and making a failed one again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proeftuin.awards import forms_casebook, selectors
from proeftuin.awards.models import Casebook, CasebookStatus
from proeftuin.awards.services_casebooks import (
    can_regenerate_casebook,
    casebook_create,
    casebook_regenerate,
    casebooks_readable,
)
from proeftuin.cases.service import CaseFilterSet, case_in_library
from proeftuin.core.service import DomainError, forbidden, form_refusal

KINDS = {"pdf": "application/pdf", "odt": "application/vnd.oasis.opendocument.text"}


def _casebook(request, uuid) -> Casebook:
    found = casebooks_readable(request.user).filter(uuid=uuid).first()
    if found is None:
        raise Http404(_("This casebook does not exist or is not visible to you."))
    return found


def casebook_list(request):
    readable = casebooks_readable(request.user).select_related("edition")
    mine = readable.filter(created_by=request.user) if request.user.is_authenticated else []
    editions = readable.filter(edition__isnull=False, edition__published=True)
    return render(request, "awards/casebooks.html", {"mine": mine, "editions": editions[:50]})


def _library_cases(request, text: str):
    data = QueryDict((text or "").lstrip("?").split("?")[-1])
    filterset = CaseFilterSet(data=data, queryset=case_in_library(request.user), request=request)
    if not filterset.is_valid():
        raise DomainError(
            _("The library filter is not valid."),
            field_errors={"library_filter": [_("The library filter is not valid.")]},
        )
    return filterset.qs


@login_required
def casebook_new(request):
    chosen = request.GET.get("editie", "")
    initial = {"edition": chosen, "source": "edition" if chosen else "library"}
    edition = selectors.editions_visible(user=request.user).filter(slug=chosen).first()
    if edition is not None:
        initial["title"] = _("Casebook of the finalists, %(edition)s") % {"edition": edition.title}
    form = forms_casebook.CasebookForm(request.POST or None, user=request.user, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            edition = data["edition"] if data["source"] == "edition" else None
            cases = [] if edition else _library_cases(request, data["library_filter"])
            casebook = casebook_create(
                actor=request.user,
                title=data["title"],
                theme_set=data["theme_set"],
                cases=cases,
                edition=edition,
                library_filter="" if edition else data["library_filter"],
            )
        except DomainError as exc:
            status = form_refusal(form, exc)
        else:
            messages.success(request, _("The casebook is being made."))
            return redirect("awards:casebook", uuid=casebook.uuid)
    elif request.method == "POST":
        status = 400
    return render(request, "awards/casebook_new.html", {"form": form}, status=status)


def casebook_detail(request, uuid):
    casebook = _casebook(request, uuid)
    waiting = casebook.status in (CasebookStatus.QUEUED, CasebookStatus.RUNNING)
    cases = list(casebook.cases.order_by("title")[:500])
    latest = casebook.latest
    context = {
        "casebook": casebook,
        "waiting": waiting,
        "versions": casebook.versions.all(),
        "cases": cases,
        "latest": latest,
        "analysis": _analysis(latest, cases),
        "may_regenerate": can_regenerate_casebook(request.user, casebook)[0],
    }
    return render(request, "awards/casebook.html", context)


def _analysis(version, cases) -> list[dict]:
    """The latest version's cross-case analysis with each source's case page (the reader
    may see every case of the casebook; a source whose case left it links nowhere)."""
    if version is None:
        return []
    slugs = {case.pk: case.slug for case in cases}
    themes = []
    for theme in version.analysis:
        statements = [*theme["shared"], *theme["distinct"]]
        for statement in statements:
            for source in statement["sources"]:
                source["slug"] = slugs.get(source["case_id"])
        themes.append(theme)
    return themes


def casebook_file(request, uuid, number: int, kind: str):
    casebook = _casebook(request, uuid)
    version = casebook.versions.filter(number=number).first()
    if kind not in KINDS or version is None or not getattr(version, kind):
        raise Http404(_("This file does not exist."))
    name = f"casebook-v{version.number}.{kind}"
    return FileResponse(
        getattr(version, kind).open("rb"),
        as_attachment=True,
        filename=name,
        content_type=KINDS[kind],
    )


@login_required
@require_POST
def casebook_again(request, uuid):
    casebook = _casebook(request, uuid)
    allowed, reason = can_regenerate_casebook(request.user, casebook)
    if not allowed:
        return forbidden(request, reason)
    casebook_regenerate(actor=request.user, casebook=casebook)
    messages.success(request, _("The casebook is being made again."))
    return redirect("awards:casebook", uuid=casebook.uuid)
