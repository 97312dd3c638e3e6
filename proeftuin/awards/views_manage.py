"""The organisers' page of an edition: its panels, the nominations with their stage, the
panels' decisions step by step, the judges' progress, and turning finalists into cases."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from proeftuin.accounts.service import User
from proeftuin.awards import forms, permissions, reminders, selectors_manage
from proeftuin.awards.choices import Decision, PanelKind, Step
from proeftuin.awards.models import Edition, PanelDecision
from proeftuin.awards.services_decisions import RULES, panel_decide
from proeftuin.awards.services_judging import panel_get_or_create, panel_member_add
from proeftuin.awards.to_case import (
    RECOGNISED,
    linkable_cases,
    nomination_link_case,
    nomination_to_case,
)
from proeftuin.awards.views import _edition, _nomination
from proeftuin.cases.service import Case
from proeftuin.core.service import DomainError, NotAllowed, forbidden, querystring_without

NOMINATIONS_PAGE = 50  # nominations per page of the management page
CANDIDATES_SHOWN = 50  # a decision's best-scored candidates shown unless all are asked for
ANY_UUID = "00000000-0000-4000-8000-000000000000"
# what the list of nominations shows (and ``linkable_cases`` needs) of each
LISTED_FIELDS = (
    "uuid",
    "edition",
    "consent",
    "owner__name",
    "stage__key",
    "stage__name",
    "stage__name_en",
    "case__slug",
)


def _organised(request, slug):
    """(the edition, ``None``) for its organisers, who always see it (the visibility rule is
    not built for them); (the edition, a refusal) for anyone else who may see it; 404 for
    the rest."""
    edition = Edition.objects.select_related("competition__programme").filter(slug=slug).first()
    if edition is not None and permissions.can_organise(request.user, edition.competition)[0]:
        return edition, None
    edition = _edition(request, slug)
    _allowed, reason = permissions.can_organise(request.user, edition.competition)
    return edition, forbidden(request, reason)


def _steps(decided: dict, ranked: dict, everything: str = "") -> list[dict]:
    """Per decision: done, or the form choosing from its candidates ranked by the panels'
    scores; ``CANDIDATES_SHOWN`` of them unless ``everything`` names the decision."""
    rows = []
    for decision in Decision:
        kinds = RULES[decision][0]
        row = {"decision": decision, "kinds": kinds, "done": decided.get(decision), "form": None}
        if ranked.get(decision.value):
            row.update(_ranked_form(decision, ranked[decision.value], everything))
        rows.append(row)
    return rows


def _ranked_form(decision, ranked: list, everything: str) -> dict:
    shown = ranked if everything == decision.value else ranked[:CANDIDATES_SHOWN]
    choices = [(c.uuid, _candidate_label(c)) for c in shown]
    form = forms.DecisionForm(choices=choices, prefix=decision.value)
    return {"form": form, "candidates": len(ranked), "shown": len(shown)}


def _candidate_label(candidate) -> str:
    if candidate.mean is None:
        return _("%(name)s: not scored yet") % {"name": candidate.name}
    return ngettext(
        "%(name)s: %(mean)s on %(n)d scorecard",
        "%(name)s: %(mean)s on average over %(n)d scorecards",
        candidate.cards,
    ) % {"name": candidate.name, "mean": number_format(candidate.mean, 1), "n": candidate.cards}


def _panels(panels: dict, progress: dict) -> list[dict]:
    rows, reminded = [], reminders.last_reminders(panels.values())
    for kind in PanelKind:
        panel = panels.get(kind.value)
        shown = []
        if panel is not None:
            for step, judges in progress[panel.pk]:
                judges = _reminded(judges, reminded[panel.pk], step)
                shown.append((Step(step), judges, any(j["open"] for j in judges)))
        form = forms.PanelMemberForm(auto_id=f"id_{kind.value}_%s")  # ids unique per panel
        rows.append({"kind": kind, "panel": panel, "progress": shown, "member_form": form})
    return rows


def _reminded(rows: list[dict], last: dict, step: str) -> list[dict]:
    for row in rows:
        row["reminded_at"] = last.get((step, row["judge_id"]))
        row["open"] = row["to_score"] - row["submitted"]
    return rows


@login_required
def manage(request, slug):
    edition, refusal = _organised(request, slug)
    if refusal:
        return refusal
    nominations = edition.nominations.select_related("owner", "stage", "case")
    nominations = nominations.only(*LISTED_FIELDS).order_by("owner__name", "pk")
    page = Paginator(nominations, NOMINATIONS_PAGE).get_page(request.GET.get("pagina"))
    decided = {d.decision: d for d in PanelDecision.objects.filter(panel__edition=edition)}
    members = Prefetch("members", queryset=User.objects.order_by("username"))
    panels = {p.kind: p for p in edition.panels.prefetch_related(members)}
    figures = selectors_manage.figures(
        edition=edition,
        panels=list(panels.values()),
        open_decisions=[(d, RULES[d][1]) for d in Decision if d not in decided],
    )
    context = {
        "edition": edition,
        "panels": _panels(panels, figures["progress"]),
        "criteria": figures["criteria"],
        "categories": figures["categories"],
        "steps": _steps(decided, figures["ranked"], request.GET.get("alle", "")),
        "nominations": _with_linkable(request.user, page.object_list),
        "page": page,
        "querystring": querystring_without(request, "pagina"),
        "recognised": RECOGNISED,
    }
    return render(request, "awards/manage.html", context)


@login_required
@require_POST
def panel_member(request, slug, kind):
    edition, refusal = _organised(request, slug)
    if refusal:
        return refusal
    form = forms.PanelMemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the user name or e-mail address of the member."))
        return redirect("awards:manage", slug=edition.slug)
    person = form.cleaned_data["person"].strip()
    user = (
        User.objects.filter(username__iexact=person).first()
        or User.objects.filter(email__iexact=person).first()
    )
    try:
        panel = panel_get_or_create(actor=request.user, edition=edition, kind=kind)
        panel_member_add(
            actor=request.user, panel=panel, user=user, chair=form.cleaned_data["chair"]
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The member has been added to the panel."))
    return redirect("awards:manage", slug=edition.slug)


@login_required
@require_POST
def decide(request, slug, decision):
    edition, refusal = _organised(request, slug)
    if refusal:
        return refusal
    if decision not in Decision.values:
        return forbidden(
            request, _("Choose the decision: long list, top ten, finalists or winner.")
        )
    kinds, from_stage, _limit = RULES[decision]
    candidates = list(edition.nominations.filter(stage__key=from_stage).select_related("owner"))
    form = forms.DecisionForm(request.POST, candidates=candidates, prefix=decision)
    panel = edition.panels.filter(kind__in=kinds).order_by("-kind").first()
    if panel is None:
        messages.error(request, _("Set up the panel that takes this decision first."))
    elif not form.is_valid():
        messages.error(request, _("Choose at least one nomination."))
    else:
        try:
            panel_decide(
                actor=request.user,
                panel=panel,
                decision=decision,
                chosen=form.chosen(),
                notes=form.cleaned_data["notes"],
            )
        except DomainError as exc:
            messages.error(request, " ".join([str(exc.message), *_flat(exc.field_errors)]))
        else:
            messages.success(request, _("The decision has been recorded."))
    return redirect("awards:manage", slug=edition.slug)


def _flat(errors: dict) -> list[str]:
    return [str(m) for ms in errors.values() for m in ms]


@login_required
@require_POST
def to_case(request, uuid):
    nomination = _nomination(request, uuid)
    try:
        case = nomination_to_case(actor=request.user, nomination=nomination)
    except DomainError as exc:
        if not permissions.can_organise(request.user, nomination.edition.competition)[0]:
            return forbidden(request, str(exc.message))
        messages.error(request, " ".join([str(exc.message), *_flat(exc.field_errors)]))
        return redirect("awards:manage", slug=nomination.edition.slug)
    messages.success(request, _("The case has been made."))
    return redirect("cases:detail", slug=case.slug)


def _with_linkable(user, nominations) -> list:
    """The nominations of the page, each with the start of its line (``item_head``: written
    here, 50 lines of template markup cost a sixth of the page); a finalist or winner without
    a case gets the nominee's cases it may be linked to (``linkable``)."""
    rows = list(nominations)
    address = reverse("awards:nomination", args=[ANY_UUID])  # reversed once, not per row
    for row in rows:
        recognised = row.case_id is None and row.stage.key in RECOGNISED
        row.linkable = list(linkable_cases(user, row)[:50]) if recognised else []
        row.item_head = format_html(
            '<li><a class="utrecht-link" href="{}">{}</a> ({}, {})',
            address.replace(ANY_UUID, str(row.uuid)),
            row.owner.name,
            row.stage.label(),
            row.get_consent_display(),
        )
    return rows


@login_required
@require_POST
def link_case(request, uuid):
    nomination = _nomination(request, uuid)
    chosen = request.POST.get("case", "")
    case = Case.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    try:
        case = nomination_link_case(actor=request.user, nomination=nomination, case=case)
    except NotAllowed as exc:
        return forbidden(request, str(exc.message))
    except DomainError as exc:
        if not permissions.can_organise(request.user, nomination.edition.competition)[0]:
            return forbidden(request, str(exc.message))
        messages.error(request, " ".join([str(exc.message), *_flat(exc.field_errors)]))
        return redirect("awards:manage", slug=nomination.edition.slug)
    messages.success(request, _("The nomination has been linked to this case."))
    return redirect("cases:detail", slug=case.slug)
