"""What a casebook says, as plain data: per case the organisation profile at the time of
the case, its texts per theme of the chosen theme set, outcomes and lessons with their
sources; then the cross-case analysis per theme (``casebook_analysis``), a comparison table
of profiles and outcomes, and the innovations grouped by kind.

The innovations are each case's text of the theme ``innovation`` (its summary when the
theme set has no such theme or the case left it empty), grouped by the kinds of outcome
the case reports (money, time, quality ...): what kind of gain the innovation brings. A
case without outcomes is grouped under "other"."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from proeftuin.awards.casebook_analysis import CaseText, ThemeAnalysis, analyse, sentences
from proeftuin.cases.service import Case, OutcomeKind
from proeftuin.organisations.service import GovernmentLayer, OrganisationType, SizeBand

INNOVATION = "innovation"
PROFILE_FIELDS = ("government_layer", "organisation_type", "size_band", "province")


@dataclass
class CaseEntry:
    id: int
    title: str
    version: int
    year: str
    summary: str
    organisations: list[dict]  # name, profile lines
    sections: list[tuple[str, str, str]]  # key, name, text
    missing_themes: list[str]
    outcomes: list[dict]
    lessons: list[dict]
    sources: list[str]


@dataclass
class BookContent:
    title: str
    theme_set: str
    themes: list[tuple[str, str]]
    cases: list[CaseEntry]
    analysis: list[ThemeAnalysis]
    comparison: list[dict] = field(default_factory=list)
    innovations: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def _profile(snapshot: dict) -> list[tuple[str, str]]:
    staff = snapshot.get("staff_exact") or (
        f"{snapshot.get('staff_min')}–{snapshot.get('staff_max')}"
        if snapshot.get("staff_min") or snapshot.get("staff_max")
        else ""
    )
    rows = [
        (_("Government layer"), _label(GovernmentLayer, snapshot.get("government_layer"))),
        (_("Type"), _label(OrganisationType, snapshot.get("organisation_type"))),
        (_("Size"), _label(SizeBand, snapshot.get("size_band"))),
        (_("Staff"), str(staff or "")),
        (_("Province"), str(snapshot.get("province") or "")),
    ]
    return [(name, value) for name, value in rows if value]


def cases_for_book(ids) -> list[Case]:
    return list(
        Case.objects.filter(pk__in=list(ids))
        .select_related("owner")
        .prefetch_related(
            "case_organisations__organisation",
            "sections__theme",
            "outcomes",
            "lessons",
            "citations__document",
            "record_citations",
        )
        .order_by("title", "pk")
    )


def _sources(case) -> list[str]:
    found = [f"{c.label} ({c.get_source_kind_display()})" for c in case.record_citations.all()]
    for citation in case.citations.all():
        name = getattr(citation.document, "title", "") or str(citation.document or "")
        page = _(", page %(page)s") % {"page": citation.page} if citation.page else ""
        found.append(f"{name}{page}")
    return list(dict.fromkeys(s for s in found if s.strip()))


def case_entry(case, themes: list[tuple[str, str]]) -> CaseEntry:
    texts = {s.theme.key: s.body for s in case.sections.all() if s.body.strip()}
    organisations = [
        {
            "name": link.profile_snapshot.get("name") or link.organisation.name,
            "profile": _profile(link.profile_snapshot),
        }
        for link in case.case_organisations.all()
    ]
    years = "–".join(str(y) for y in dict.fromkeys((case.year_start, case.year_end)) if y)
    return CaseEntry(
        id=case.pk,
        title=case.title,
        version=case.version,
        year=years,
        summary=case.summary,
        organisations=organisations,
        sections=[(key, name, texts[key]) for key, name in themes if key in texts],
        missing_themes=[name for key, name in themes if key not in texts],
        outcomes=[
            {
                "measure": o.measure,
                "value": f"{o.value.normalize():f}",
                "unit": o.get_unit_display(),
                "direction": o.get_direction_display(),
                "kind": o.kind,
                "kind_label": o.get_kind_display(),
                "period": o.period,
                "baseline": o.baseline,
            }
            for o in case.outcomes.all()
        ],
        lessons=[{"kind": x.get_kind_display(), "text": x.text} for x in case.lessons.all()],
        sources=_sources(case),
    )


def _innovation_text(entry: CaseEntry) -> str:
    text = next((t for k, _n, t in entry.sections if k == INNOVATION), "") or entry.summary
    found = sentences(text)
    return found[0] if found else text.strip()[:400]


def _innovations(entries: list[CaseEntry]) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for entry in entries:
        kinds = list(dict.fromkeys(o["kind"] for o in entry.outcomes)) or [OutcomeKind.OTHER]
        for kind in kinds:
            groups.setdefault(kind, []).append((entry.title, _innovation_text(entry)))
    order = list(OutcomeKind.values)
    return [
        (_label(OutcomeKind, kind), groups[kind])
        for kind in sorted(groups, key=lambda k: order.index(k) if k in order else 99)
    ]


def _comparison(entries: list[CaseEntry]) -> list[dict]:
    rows = []
    for entry in entries:
        first = entry.organisations[0] if entry.organisations else {"name": "", "profile": []}
        rows.append(
            {
                "title": entry.title,
                "organisation": first["name"],
                "profile": "; ".join(value for _name, value in first["profile"][:3]),
                "outcomes": "; ".join(
                    f"{o['measure']}: {o['value']} {o['unit']}" for o in entry.outcomes[:3]
                ),
            }
        )
    return rows


def book_content(*, title: str, theme_set, cases: list[Case], progress=None) -> BookContent:
    themes = [(t.key, t.name) for t in theme_set.themes.order_by("order", "pk")]
    entries = [case_entry(case, themes) for case in cases]
    if progress:
        progress(20)
    texts = [CaseText(e.id, e.title, {k: t for k, _n, t in e.sections}) for e in entries]
    analysis = analyse(texts, themes)
    if progress:
        progress(40)
    return BookContent(
        title=title,
        theme_set=theme_set.name,
        themes=themes,
        cases=entries,
        analysis=analysis,
        comparison=_comparison(entries),
        innovations=_innovations(entries),
    )
