"""An initiative becomes a case in the library, in one step, and gives it its later
changes again ("push"), never overwriting what an editor changed by hand.

The case is written through the cases app's services (``case_create``, ``case_update``),
which check the actor's rights on the case as well. ``Initiative.case_pushed`` keeps, per
field, what the initiative last gave the case: a case field that still holds that value
was not edited by hand and takes the initiative's new value; a field that differs from it
was edited and is left alone unless the editor chooses to overwrite it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.accounts.service import Role, is_platform_admin, role_in
from proeftuin.cases.service import (
    Case,
    CaseOrigin,
    EditorialStatus,
    case_create,
    case_update,
    case_visible,
)
from proeftuin.core.service import (
    AuditEntry,
    CompiledQuery,
    NotAllowed,
    ValidationFailed,
    audit_record,
    content_changed,
)
from proeftuin.portfolio.case_mapping import (
    MAPPED_FIELDS,
    CaseMapping,
    case_stage_for,
    map_initiative,
)
from proeftuin.portfolio.models import Initiative

FIELD_LABELS = {
    "title": gettext_lazy("Title"),
    "summary": gettext_lazy("Summary"),
    "year_start": gettext_lazy("First year"),
    "year_end": gettext_lazy("Last year"),
    "stage": gettext_lazy("Stage"),
    "organisations": gettext_lazy("Organisations"),
    "sections": gettext_lazy("Themes"),
    "outcomes": gettext_lazy("Outcomes"),
    "lessons": gettext_lazy("Lessons"),
    "barriers": gettext_lazy("Barriers"),
}
SAME, UPDATE, EDITED = "same", "update", "edited"


def can_make_case(user, initiative: Initiative) -> tuple[bool, str]:
    """Turning an initiative into a case, and pushing to it: editors of the lead."""
    active = getattr(user, "is_authenticated", False) and user.is_active
    editor = active and (role_in(user, initiative.owner_id) or 0) >= Role.EDITOR
    if active and (is_platform_admin(user) or editor):
        return True, ""
    return False, _("Only editors of the lead organisation can turn an initiative into a case.")


def closing_stage_problem(initiative: Initiative) -> str:
    """Why ``initiative`` may not become a case now; empty when it may."""
    if case_stage_for(initiative) is not None:
        return ""
    return (
        _(
            "Only a stopped initiative, or one in scaling or standard practice, can become a "
            "case. This one is in the stage “%s”."
        )
        % initiative.stage.label()
    )


# Whether any initiative (visible or not) became the case: compiled once per process.
_GREW_OUT_OF_AN_INITIATIVE = CompiledQuery(
    lambda case_id: Initiative.objects.filter(case_id=case_id).order_by().values_list("id")[:1],
    case_id=-918_273_645,
)


def case_origin(case_id: int, user) -> CaseOrigin | None:
    """The initiative a case grew out of, when ``user`` may see it (the case page's link)."""
    if not _GREW_OUT_OF_AN_INITIATIVE.rows(case_id=case_id):
        return None  # most cases: one lookup on the unique index, no queryset to build
    # One initiative at most (a one-to-one field): two columns, no ordering to compile.
    found = Initiative.objects.visible_to(user).filter(case_id=case_id).order_by()
    row = next(iter(found.values_list("slug", "title")[:1]), None)
    if row is None:
        return None
    url = reverse("portfolio:detail", args=[row[0]])
    return CaseOrigin(label=_("Grew out of the initiative"), title=row[1], url=url)


def case_context(user, initiative: Initiative) -> dict[str, Any]:
    """For the initiative page: its case (when ``user`` may see it) and whether ``user``
    may make or update it now."""
    case = None
    if initiative.case_id is not None:
        case = case_visible(user).filter(pk=initiative.case_id).first()
    may = can_make_case(user, initiative)[0]
    offer = may and (initiative.case_id is not None or not closing_stage_problem(initiative))
    return {"initiative_case": case, "can_make_case": offer}


# --- comparing what the initiative gives with what the case has ---


def _plain(value) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return getattr(value, "pk", value)


def mapped_values(mapping: CaseMapping) -> dict[str, Any]:
    """The mapping as plain values, per field (organisations as ids)."""
    return {name: _plain(mapping.data[name]) for name in MAPPED_FIELDS}


OUTCOME_FIELDS = ("measure", "value", "unit", "direction", "kind", "period", "baseline")


def case_values(case: Case) -> dict[str, Any]:
    """The case's current values of the mapped fields, as ``mapped_values`` gives them."""
    rows = {
        "organisations": [link.organisation_id for link in case.case_organisations.all()],
        "sections": {s.theme.key: s.body for s in case.sections.select_related("theme")},
        "outcomes": [{f: getattr(o, f) for f in OUTCOME_FIELDS} for o in case.outcomes.all()],
        "lessons": [{"kind": x.kind, "text": x.text} for x in case.lessons.all()],
        "barriers": [{"category": x.category, "text": x.text} for x in case.barriers.all()],
    }
    scalars = {name: getattr(case, name) for name in MAPPED_FIELDS if name not in rows}
    return _plain({**scalars, **rows})


@dataclass
class FieldPlan:
    name: str
    label: str
    status: str  # SAME, UPDATE or EDITED (changed by hand on the case)
    current: Any
    offered: Any


@dataclass
class PushPlan:
    case: Case
    mapping: CaseMapping
    fields: list[FieldPlan] = field(default_factory=list)

    def named(self, status: str) -> list[str]:
        return [f.name for f in self.fields if f.status == status]


def push_plan(initiative: Initiative, case: Case) -> PushPlan:
    """Per mapped field: the same already, to update, or edited by hand on the case."""
    mapping = map_initiative(initiative, theme_set=case.theme_set)
    offered, current = mapped_values(mapping), case_values(case)
    last = initiative.case_pushed or {}
    plan = PushPlan(case=case, mapping=mapping)
    for name in MAPPED_FIELDS:
        if current[name] == offered[name]:
            status = SAME
        elif name in last and current[name] == last[name]:
            status = UPDATE
        else:
            status = EDITED
        label = str(FIELD_LABELS[name])
        plan.fields.append(FieldPlan(name, label, status, current[name], offered[name]))
    return plan


# --- the writes ---


def _locked(initiative: Initiative) -> Initiative:
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("stage", "owner")
        .get(pk=initiative.pk)
    )


def _check(actor, initiative: Initiative) -> None:
    """``actor=None`` is a system write (the demo loader), as for ``case_create``."""
    allowed, reason = can_make_case(actor, initiative) if actor is not None else (True, "")
    if not allowed:
        raise NotAllowed(reason)
    problem = closing_stage_problem(initiative)
    if problem:
        raise ValidationFailed(problem, field_errors={"stage": [problem]})


def _record(actor, initiative: Initiative, before: dict, after: dict) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(
        case_id=initiative.case_id, case_pushed=initiative.case_pushed
    )
    audit_record(
        actor=actor, action=AuditEntry.Action.UPDATE, obj=initiative, before=before, after=after
    )
    content_changed("initiatives")


@transaction.atomic
def initiative_to_case(*, actor, initiative: Initiative) -> Case:
    """Create the draft case ``initiative`` becomes, linked both ways. Idempotent: an
    initiative that already has a case gets no second one; that case is returned."""
    initiative = _locked(initiative)
    _check(actor, initiative)
    if initiative.case_id is not None:
        return Case.objects.get(pk=initiative.case_id)
    mapping = map_initiative(initiative)
    if mapping.theme_set is None:
        raise ValidationFailed(_("There is no theme set for cases yet."))
    data = dict(mapping.data)
    case = case_create(
        actor=actor,
        theme_set=mapping.theme_set,
        organisations=data.pop("organisations"),
        owner=initiative.owner,
        status=EditorialStatus.DRAFT,
        visibility=initiative.visibility,
        record_citations=mapping.citations,
        **data,
    )
    initiative.case, initiative.case_pushed = case, mapped_values(mapping)
    _record(actor, initiative, {"case": None}, {"case": case.slug})
    return case


@dataclass
class PushResult:
    case: Case
    updated: list[str]  # fields that took the initiative's values
    kept: list[str]  # fields edited by hand on the case, left alone


def _citations_for(plan: PushPlan, changed: set[str]) -> list[dict[str, Any]]:
    """The case's record citations of the fields left alone, and new ones of the rest."""
    fields = ("field", "source_kind", "source_id", "label", "quote")
    kept = [
        {f: getattr(c, f) for f in fields}
        for c in plan.case.record_citations.all()
        if c.field.split(".")[0] not in changed
    ]
    new = [c for c in plan.mapping.citations if c["field"].split(".")[0] in changed]
    return kept + new


@transaction.atomic
def initiative_push_to_case(*, actor, initiative: Initiative, overwrite=()) -> PushResult:
    """Give the initiative's case the fields that changed on the initiative. A field edited
    by hand on the case is kept, unless it is named in ``overwrite`` (the editor's choice
    after seeing both)."""
    initiative = _locked(initiative)
    _check(actor, initiative)
    if initiative.case_id is None:
        raise ValidationFailed(_("This initiative has no case yet."))
    case = Case.objects.select_related("theme_set").get(pk=initiative.case_id)
    plan = push_plan(initiative, case)
    edited = plan.named(EDITED)
    changed = set(plan.named(UPDATE)) | (set(edited) & set(overwrite))
    offered = mapped_values(plan.mapping)
    before = dict(initiative.case_pushed or {})
    pushed = {**before, **{n: offered[n] for n in changed | set(plan.named(SAME))}}
    if changed:
        changes = {name: plan.mapping.data[name] for name in changed}
        changes["record_citations"] = _citations_for(plan, changed)
        case = case_update(case=case, actor=actor, **changes)
    initiative.case_pushed = pushed
    _record(actor, initiative, {"case_pushed": before}, {"case_pushed": pushed})
    kept = [name for name in edited if name not in changed]
    return PushResult(case=case, updated=sorted(changed, key=MAPPED_FIELDS.index), kept=kept)
