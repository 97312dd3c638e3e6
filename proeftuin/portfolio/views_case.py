"""The "Casus" page of an initiative: a preview of what becomes of the case, then "Maak
casus"; once there is a case, a comparison per field and "Werk casus bij", where fields
edited by hand on the case are kept unless the editor ticks them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.cases.service import Case, Theme
from proeftuin.core.service import DomainError
from proeftuin.organisations.service import Organisation
from proeftuin.portfolio.case_mapping import map_initiative
from proeftuin.portfolio.models import Initiative
from proeftuin.portfolio.to_case import (
    EDITED,
    FIELD_LABELS,
    can_make_case,
    closing_stage_problem,
    initiative_push_to_case,
    initiative_to_case,
    mapped_values,
    push_plan,
)
from proeftuin.portfolio.views import forbidden, show_domain_error, visible_initiative

CREATE, PUSH = "create", "push"


class ToCaseForm(forms.Form):
    action = forms.ChoiceField(choices=[(CREATE, CREATE), (PUSH, PUSH)], widget=forms.HiddenInput)
    overwrite = forms.MultipleChoiceField(
        label=gettext_lazy("Overwrite these edits on the case"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, edited=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overwrite"].choices = [(name, FIELD_LABELS[name]) for name in edited]


def _lines(name: str, value, names: dict) -> list[str]:
    """A mapped value as lines of text for the comparison."""
    if value in (None, "", [], {}):
        return []
    if name == "organisations":
        return [names["organisations"].get(pk, str(pk)) for pk in value]
    if name == "sections":
        return [f"{names['themes'].get(key, key)}: {body}" for key, body in value.items()]
    if name == "outcomes":
        return [
            f"{row['measure']}: {row['value']} {row['unit']} ({row['period']})" for row in value
        ]
    if isinstance(value, list):
        return [row.get("text", "") for row in value]
    return [str(value)]


def _names(values: list[dict]) -> dict:
    org_ids = {pk for v in values for pk in v.get("organisations") or []}
    keys = {key for v in values for key in v.get("sections") or {}}
    return {
        "organisations": dict(
            Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name")
        ),
        "themes": dict(Theme.objects.filter(key__in=keys).values_list("key", "name")),
    }


def _rows(initiative: Initiative) -> tuple[list[dict], list[str], Case | None]:
    """(a row per field, the fields edited by hand on the case, the case)."""
    case = Case.objects.filter(pk=initiative.case_id).select_related("theme_set").first()
    if case is None:
        values = mapped_values(map_initiative(initiative))
        names = _names([values])
        rows = [
            {"label": FIELD_LABELS[n], "offered": _lines(n, v, names), "status": ""}
            for n, v in values.items()
        ]
        return rows, [], None
    plan = push_plan(initiative, case)
    names = _names(
        [{f.name: f.current for f in plan.fields}, {f.name: f.offered for f in plan.fields}]
    )
    rows = [
        {
            "label": f.label,
            "status": f.status,
            "current": _lines(f.name, f.current, names),
            "offered": _lines(f.name, f.offered, names),
        }
        for f in plan.fields
    ]
    return rows, plan.named(EDITED), case


def _save(request, initiative: Initiative, form: ToCaseForm):
    """The posted action; (a redirect when done or None, the status code)."""
    if not form.is_valid():
        return None, 400
    try:
        if form.cleaned_data["action"] == CREATE:
            if initiative.case_id is not None:
                form.add_error(None, _("This initiative already has a case: update it below."))
                return None, 400
            case = initiative_to_case(actor=request.user, initiative=initiative)
            messages.success(request, _("The case has been made as a draft."))
            return redirect(reverse("cases:detail", args=[case.slug])), 200
        overwrite = form.cleaned_data["overwrite"]
        result = initiative_push_to_case(
            actor=request.user, initiative=initiative, overwrite=overwrite
        )
    except DomainError as exc:
        return None, show_domain_error(form, exc)
    _pushed_message(request, result)
    return redirect(reverse("portfolio:to_case", args=[initiative.slug])), 200


def _pushed_message(request, result) -> None:
    if result.updated:
        updated = ", ".join(str(FIELD_LABELS[n]) for n in result.updated)
        messages.success(request, _("The case has been updated: %s.") % updated)
    else:
        messages.info(request, _("The case already had everything from the initiative."))
    if result.kept:
        kept = ", ".join(str(FIELD_LABELS[n]) for n in result.kept)
        messages.warning(request, _("Kept as edited on the case: %s.") % kept)


@login_required
def initiative_case(request, slug: str):
    initiative = visible_initiative(request, slug)
    allowed, reason = can_make_case(request.user, initiative)
    if not allowed:
        return forbidden(request, reason)
    rows, edited, case = _rows(initiative)
    form, status = ToCaseForm(edited=edited), 200
    if request.method == "POST":
        form = ToCaseForm(request.POST, edited=edited)
        done, status = _save(request, initiative, form)
        if done is not None:
            return done
    context = {
        "initiative": initiative,
        "case": case,
        "rows": rows,
        "form": form,
        "stage_problem": closing_stage_problem(initiative),
    }
    return render(request, "portfolio/to_case.html", context, status=status)
