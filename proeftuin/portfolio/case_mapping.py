"""What an initiative gives the case it becomes: the case fields, each value with a
citation back to the initiative, the reflection or the measurement it came from.

Pure reads; ``to_case.py`` writes. The mapping (docs/portfolio.md, "From initiative to
case"):

- title; summary from the problem, who suffers and the intended result;
- organisations: the lead first, then the chain partners;
- stage: stopped (closed_stopped), standard practice (closed_success), scaling (the stage
  with the key ``scaling``); years from the start (or the day it was recorded) to the day
  it entered a closed stage;
- a section per theme of the initiative in the case's theme set, with the intended result;
- outcomes from KPIs with measurements: the last measurement, its unit, the baseline, the
  period measured, and whether it rose or fell against the baseline;
- lessons from the initiative's lessons and the reflections (easy: what worked; course
  change: what did not work; passing on: success factor);
- barriers from the reflections' "help needed" and "unexpected" (category institutional,
  the most common kind, for the editor to correct).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from proeftuin.cases.service import (
    BarrierCategory,
    Direction,
    LessonKind,
    OutcomeKind,
    RecordSource,
    ThemeSet,
)
from proeftuin.cases.service import Stage as CaseStage
from proeftuin.core.service import StageCategory, format_number
from proeftuin.portfolio.choices import KpiDirection, KpiUnit
from proeftuin.portfolio.models import Initiative

SCALING_STAGE = "scaling"  # the open stage whose initiatives may become a case as well
QUOTE_LENGTH = 500

# the case fields an initiative fills, in the order pages list them
MAPPED_FIELDS = (
    "title",
    "summary",
    "year_start",
    "year_end",
    "stage",
    "organisations",
    "sections",
    "outcomes",
    "lessons",
    "barriers",
)

OUTCOME_KIND = {
    KpiUnit.EUR: OutcomeKind.FINANCIAL,
    KpiUnit.HOURS: OutcomeKind.TIME,
    KpiUnit.DAYS: OutcomeKind.TIME,
    KpiUnit.FTE: OutcomeKind.STAFF,
}
# reflection prompt -> kind of lesson
REFLECTION_LESSONS = (
    ("easy", LessonKind.WORKED),
    ("course_change", LessonKind.DID_NOT_WORK),
    ("transfer", LessonKind.SUCCESS_FACTOR),
)
REFLECTION_BARRIERS = ("help_needed", "unexpected")


@dataclass
class CaseMapping:
    """Case fields (``MAPPED_FIELDS``, as ``case_create`` takes them) and their citations."""

    theme_set: ThemeSet | None
    data: dict[str, Any] = field(default_factory=dict)
    citations: list[dict[str, Any]] = field(default_factory=list)

    def cite(self, path: str, kind: str, source_id, label: str, quote: str = "") -> None:
        self.citations.append(
            {
                "field": path,
                "source_kind": kind,
                "source_id": source_id,
                "label": label[:250],
                "quote": quote.strip()[:QUOTE_LENGTH],
            }
        )


def case_stage_for(initiative: Initiative) -> str | None:
    """The case stage of an initiative that may become a case; None while it may not."""
    category = initiative.stage.category
    if category == StageCategory.CLOSED_STOPPED:
        return CaseStage.STOPPED
    if category == StageCategory.CLOSED_SUCCESS:
        return CaseStage.STANDARD_PRACTICE
    if initiative.stage.key == SCALING_STAGE and category == StageCategory.OPEN:
        return CaseStage.SCALING
    return None


def map_initiative(initiative: Initiative, theme_set: ThemeSet | None = None) -> CaseMapping:
    """The case ``initiative`` becomes; sections in ``theme_set`` (default: the set of the
    initiative's first theme, else the default set)."""
    mapping = CaseMapping(theme_set=theme_set or _theme_set(initiative))
    _scalars(initiative, mapping)
    _sections(initiative, mapping)
    _outcomes(initiative, mapping)
    _lessons(initiative, mapping)
    _barriers(initiative, mapping)
    return mapping


def _theme_set(initiative: Initiative) -> ThemeSet | None:
    theme = initiative.themes.select_related("theme_set").order_by("order", "pk").first()
    if theme is not None:
        return theme.theme_set
    return ThemeSet.objects.filter(is_default=True).first() or ThemeSet.objects.first()


def _initiative_label(initiative: Initiative, what: str) -> str:
    return _("Initiative “%(title)s”: %(what)s") % {"title": initiative.title, "what": what}


def _scalars(initiative: Initiative, mapping: CaseMapping) -> None:
    parts = [initiative.problem.strip()]
    for label, text in (
        (_("Who suffers from it"), initiative.affected),
        (_("Intended result"), initiative.intended_result),
    ):
        if text.strip():
            parts.append(f"{label}: {text.strip()}")
    started = initiative.started_on or timezone.localdate(initiative.created_at)
    closed = initiative.stage.category != StageCategory.OPEN
    ended = initiative.stage_entered_at or timezone.now()
    mapping.data.update(
        title=initiative.title.strip(),
        summary="\n\n".join(parts),
        year_start=started.year,
        year_end=timezone.localdate(ended).year if closed else None,
        stage=case_stage_for(initiative),
        organisations=[initiative.owner, *initiative.partners.order_by("name")],
    )
    label = _initiative_label(initiative, _("problem, who suffers, intended result"))
    mapping.cite("summary", RecordSource.INITIATIVE, initiative.uuid, label, initiative.problem)


def _sections(initiative: Initiative, mapping: CaseMapping) -> None:
    body = (initiative.intended_result or initiative.problem).strip()
    themes = initiative.themes.filter(theme_set=mapping.theme_set).order_by("order", "pk")
    mapping.data["sections"] = {theme.key: body for theme in themes}
    label = _initiative_label(initiative, _("intended result"))
    for theme in themes:
        mapping.cite(f"sections.{theme.key}", RecordSource.INITIATIVE, initiative.uuid, label)


def _direction(kpi, last: Decimal) -> str:
    if kpi.baseline is None:
        return Direction.INCREASE if kpi.direction == KpiDirection.HIGHER else Direction.DECREASE
    if last > kpi.baseline:
        return Direction.INCREASE
    return Direction.DECREASE if last < kpi.baseline else Direction.NEUTRAL


def _outcome(kpi, measurements: list) -> dict[str, Any]:
    first, last = measurements[0], measurements[-1]
    unit = KpiUnit(kpi.unit).label
    baseline = ""
    if kpi.baseline is not None:
        baseline = _("baseline: %(value)s %(unit)s") % {
            "value": format_number(kpi.baseline),
            "unit": unit,
        }
    return {
        "measure": kpi.measure.strip(),
        "value": last.value,
        "unit": kpi.unit,  # the KPI units are a subset of the case's outcome units
        "direction": _direction(kpi, last.value),
        "kind": OUTCOME_KIND.get(kpi.unit, OutcomeKind.OTHER),
        "period": f"{date_format(first.date, 'j M Y')} – {date_format(last.date, 'j M Y')}",
        "baseline": baseline,
    }


def _outcomes(initiative: Initiative, mapping: CaseMapping) -> None:
    outcomes = []
    for kpi in initiative.kpis.prefetch_related("measurements").order_by("order", "pk"):
        measurements = sorted(kpi.measurements.all(), key=lambda m: (m.date, m.pk))
        if not measurements:
            continue
        last = measurements[-1]
        label = _("Measurement of %(date)s: %(measure)s") % {
            "date": date_format(last.date, "j F Y"),
            "measure": kpi.measure,
        }
        path = f"outcomes.{len(outcomes)}"
        mapping.cite(path, RecordSource.MEASUREMENT, last.uuid, label, format_number(last.value))
        outcomes.append(_outcome(kpi, measurements))
    mapping.data["outcomes"] = outcomes


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def _reflections(initiative: Initiative) -> list:
    return sorted(initiative.reflections.all(), key=lambda r: (r.date, r.pk))


def _reflection_label(reflection) -> str:
    return _("Reflection of %(date)s") % {"date": date_format(reflection.date, "j F Y")}


def _lessons(initiative: Initiative, mapping: CaseMapping) -> None:
    stopped = initiative.stage.category == StageCategory.CLOSED_STOPPED
    own_kind = LessonKind.DID_NOT_WORK if stopped else LessonKind.WORKED
    lessons: list[dict[str, str]] = []
    label = _initiative_label(initiative, _("lessons"))
    for text in _paragraphs(initiative.lessons):
        mapping.cite(f"lessons.{len(lessons)}", RecordSource.INITIATIVE, initiative.uuid, label)
        lessons.append({"kind": own_kind, "text": text})
    for reflection in _reflections(initiative):
        for prompt, kind in REFLECTION_LESSONS:
            text = getattr(reflection, prompt).strip()
            if text:
                path = f"lessons.{len(lessons)}"
                source = RecordSource.REFLECTION
                mapping.cite(path, source, reflection.uuid, _reflection_label(reflection), text)
                lessons.append({"kind": kind, "text": text})
    mapping.data["lessons"] = lessons


def _barriers(initiative: Initiative, mapping: CaseMapping) -> None:
    barriers: list[dict[str, str]] = []
    for reflection in _reflections(initiative):
        for prompt in REFLECTION_BARRIERS:
            text = getattr(reflection, prompt).strip()
            if text:
                path = f"barriers.{len(barriers)}"
                source = RecordSource.REFLECTION
                mapping.cite(path, source, reflection.uuid, _reflection_label(reflection), text)
                barriers.append({"category": BarrierCategory.INSTITUTIONAL, "text": text})
    mapping.data["barriers"] = barriers
