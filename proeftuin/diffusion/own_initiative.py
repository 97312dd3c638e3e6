"""The adopter's own initiative, made from an adoption in one step.

The new initiative belongs to the adopter, is a draft shared with its organisation, names
the adopted innovation as its inspiration and inherits as a starting point: the problem
(and who suffers, the chain, the intended result and the kind of an initiative; a case's
summary as problem), the KPIs (an initiative's KPIs without their baselines, which are the
adopter's own to measure; a case's measured outcomes where their unit is a KPI unit) and
the learning questions of an initiative."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from proeftuin.cases.service import Case
from proeftuin.core.service import ConflictError, content_changed
from proeftuin.diffusion import permissions
from proeftuin.diffusion.models import Adoption
from proeftuin.diffusion.services import check, save_recorded
from proeftuin.diffusion.snapshot import adoption_snapshot
from proeftuin.portfolio.service import (
    Initiative,
    KpiUnit,
    initiative_create,
    kpi_save,
    learning_question_save,
)

INHERITED = ("problem", "affected", "chain", "intended_result", "kind")
CASE_DIRECTION = {"increase": "higher", "decrease": "lower"}


def _from_initiative(source: Initiative) -> tuple[dict, list[dict], list[str]]:
    data = {name: getattr(source, name) for name in INHERITED}
    data["inspired_by"] = [source]
    data["themes"] = list(source.themes.all())
    kpis = [
        {"measure": k.measure, "unit": k.unit, "target": k.target, "direction": k.direction}
        for k in source.kpis.all()
    ]
    questions = [q.text for q in source.learning_questions.all()]
    return data, kpis, questions


def _from_case(source: Case) -> tuple[dict, list[dict], list[str]]:
    data = {"problem": source.summary, "kind": "process", "inspired_by_cases": [source]}
    kpis = [
        {
            "measure": o.measure,
            "unit": o.unit,
            "target": None,
            "direction": CASE_DIRECTION[o.direction],
        }
        for o in source.outcomes.all()
        if o.unit in KpiUnit.values and o.direction in CASE_DIRECTION
    ]
    return data, kpis, []


@transaction.atomic
def adoption_make_initiative(*, actor, adoption: Adoption) -> Initiative:
    """Create the adopter's own initiative from ``adoption`` and link it."""
    adoption = Adoption.objects.select_for_update().select_related("adopter").get(pk=adoption.pk)
    check(permissions.can_edit_adoption(actor, adoption))
    if adoption.adopter_initiative_id:
        raise ConflictError(_("This adoption already has its own initiative."))
    source = adoption.innovation
    make = _from_initiative if isinstance(source, Initiative) else _from_case
    data, kpis, questions = make(source)
    title = _("%(title)s at %(organisation)s") % {
        "title": source.title,
        "organisation": adoption.adopter.name,
    }
    initiative = initiative_create(
        actor=actor,
        owner=adoption.adopter,
        title=title[:250],
        status="draft",
        visibility="organisation",
        **data,
    )
    for values in kpis:
        kpi_save(actor=actor, initiative=initiative, **values)
    for text in questions:
        learning_question_save(actor=actor, initiative=initiative, text=text)
    before = adoption_snapshot(adoption)
    adoption.adopter_initiative = initiative
    save_recorded(adoption, actor=actor, before=before)
    content_changed("diffusion")
    return initiative
