"""The corpus set: the casebook and the InAxis cahier, scored with their own gold format.

Ported unchanged in its rules from the first eval/ingestion.py (so the corpus figures stay
comparable): segments are paired to gold cases by title prefix; lessons match when the
extracted text starts with the gold's opening words; people by exact name.

Outcomes follow issue 9's rule (measured results only), scored as on the realdocs set
(``scoring.score_list``: one suggestion per distinct value, paired one to one by value and
unit, optional results count neither way, a ``group`` is one result for recall), against the
figures marked ``result: true``; per case: a segment's suggestions against its own gold case,
those of a segment no gold case is paired with are all wrong. A suggestion matching only a
``result: false`` figure (context, a baseline) is wrong.
The old rule stays visible as a separate line: "figures (any quantity, old rule)", every
distinct (value, unit) of the InAxis figures (precision and recall) and of the casebook
figures (recall only); it records no judgements, so the reliability table counts every
outcome suggestion once, under the new rule.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .documents import FOLDERS, run
from .match import fold
from .scoring import Count, DocResult, record, score_list

LEGACY = "figures (any quantity, old rule)"
LEGACY_CASEBOOK = "figures (old rule, recall only)"


def compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def _pairs(gold_cases: list[dict], cases, key: str):
    pairs = []
    for gold in gold_cases:
        want = compact(gold[key])
        found = next((c for c in cases if compact(c[0].title).startswith(want[:30])), None)
        pairs.append((gold, found))
    return pairs


def _count(doc: DocResult, name: str) -> Count:
    return doc.fields.setdefault(name, Count())


def _set_field(doc, name, field, items, gold: set, key=lambda v: v, label=None) -> None:
    """Distinct extracted values against a set of accepted gold values."""
    seen = {}
    for item in items:
        if item.field == field:
            value = key(item.value)
            for v in value if isinstance(value, list) else [value]:
                if v not in seen or item.confidence > seen[v].confidence:
                    seen[v] = item
    for value, item in seen.items():
        record(doc, label or field, item, value in gold)
    hits = set(seen) & gold
    _count(doc, name).add(Count(len(seen), len(hits), len(gold), len(hits)))


def _org_name(doc: DocResult, items, names: set[str]) -> None:
    """One gold name per case (with variants): found when any suggestion matches it."""
    got = []
    for item in items:
        if item.field == "organisation.name":
            ok = compact(item.value) in names
            record(doc, "organisation.name", item, ok)
            got.append(ok)
    _count(doc, "organisation.name").add(Count(len(got), sum(got), 1, int(any(got))))


def staff_key(value) -> tuple:
    items = (value or {}).items()
    return tuple(sorted((k, v) for k, v in items if k not in ("year", "printed")))


def casebook(gold: dict, set_name: str) -> DocResult:
    result = run(FOLDERS["corpus"] / gold["document"])
    cases = result.cases
    doc = DocResult(gold["document"], set_name, segments=len(cases))
    doc.expected = (gold["segments"]["count"],) * 2
    exact = 0
    pairs = _pairs(gold["cases"], cases, "heading")
    for g, case in pairs:
        items = case[1] if case else []
        exact += _casebook_case(doc, g, items)
    _outcomes(doc, pairs, cases)
    doc.extra = {"profile exact-match": (exact, 5 * len(gold["cases"]))}
    return doc


def _casebook_case(doc: DocResult, g: dict, items) -> int:
    org, overview = g["organisation"], g["overview"]
    names = {compact(n) for n in [org["name"], *org["name_variants"]]}
    _org_name(doc, items, names)
    staff_gold = {staff_key(org["staff"]), staff_key(overview["staff"])}
    _set_field(doc, "organisation.staff", "organisation.staff", items, staff_gold, staff_key)
    for field in ("government_layer", "organisation_type"):
        accepted = {org[field]["value"], overview[field]["value"]}
        if field == "organisation_type" and g.get("name_implied_type"):
            accepted.add(g["name_implied_type"])
        _set_field(doc, f"organisation.{field}", f"organisation.{field}", items, accepted)
    _set_field(
        doc, "organisation.website", "organisation.website", items, {org["website"]["value"]}
    )
    _set_field(
        doc, "organisation.domains", "organisation.domains", items, set(org["domains"]["values"])
    )
    _set_field(doc, "year_start", "year_start", items, {g["year"]})
    _themes(doc, g["themes"], items)
    _figures(doc, LEGACY_CASEBOOK, g["figures"], items, recall_only=True)
    return _exact_profile(g, items, names)


def _best(items, field: str):
    found = [e for e in items if e.field == field]
    return max(found, key=lambda e: e.confidence).value if found else None


def _exact_profile(g: dict, items, names: set[str]) -> int:
    org = g["organisation"]
    checks = [
        compact(_best(items, "organisation.name") or "") in names,
        staff_key(_best(items, "organisation.staff")) == staff_key(org["staff"]),
        _best(items, "organisation.government_layer") == org["government_layer"]["value"],
        _best(items, "organisation.organisation_type") == org["organisation_type"]["value"],
        _best(items, "organisation.website") == org["website"]["value"],
    ]
    return sum(checks)


def _themes(doc: DocResult, gold: dict[str, str], items) -> None:
    wanted = [(key, compact(text)) for key, text in gold.items()]
    extracted = []
    for item in items:
        if item.field.startswith("sections."):
            key, text = item.field.removeprefix("sections."), compact(item.value)
            ok = any(key == k and text.startswith(w) for k, w in wanted)
            record(doc, "sections", item, ok)
            extracted.append((key, text, ok))
    found = sum(any(k == key and v.startswith(w) for k, v, _ in extracted) for key, w in wanted)
    correct = sum(ok for *_, ok in extracted)
    _count(doc, "sections (themes)").add(Count(len(extracted), correct, len(wanted), found))


def results(figures: list[dict]) -> list[dict]:
    """The outcome gold of a corpus case: its figures marked ``result: true``."""
    return [f for f in figures if f.get("result") is True]


def _outcomes(doc: DocResult, pairs, cases) -> None:
    """Outcomes under the new rule, per case; suggestions of unpaired segments are wrong."""
    total = _count(doc, "outcomes")
    scored: set[int] = set()
    for g, case in pairs:
        segment = [case] if case is not None and id(case) not in scored else []
        scored.update(id(c) for c in segment)
        total.add(score_list(doc, "outcomes", [{"outcomes": results(g["figures"])}], segment))
    unpaired = [case for case in cases if id(case) not in scored]
    if unpaired:
        total.add(score_list(doc, "outcomes", [], unpaired))


def _figures(doc: DocResult, name: str, gold: list[dict], items, recall_only=False) -> None:
    """The old rule: distinct (value, unit) pairs against every quantity of the figures."""
    wanted = {(float(f["value"]), f["unit"]) for f in gold}
    seen = {}
    for item in items:
        if item.field == "outcomes":
            key = (abs(float(item.value["value"])), item.value["unit"])
            if key not in seen or item.confidence > seen[key].confidence:
                seen[key] = item
    hits = set(seen) & wanted
    _count(doc, name).add(
        Count(
            0 if recall_only else len(seen), 0 if recall_only else len(hits), len(wanted), len(hits)
        )
    )


def inaxis(gold: dict, set_name: str) -> DocResult:
    result = run(FOLDERS["corpus"] / gold["document"])
    cases = result.cases
    doc = DocResult(gold["document"], set_name, segments=len(cases))
    doc.expected = (gold["segments"]["count"],) * 2
    kinds = defaultdict(int)
    for part, _ in cases:
        kinds[part.kind] += 1
    kind_ok = found_lessons = 0
    pairs = _pairs(gold["cases"], cases, "anchor")
    for g, case in pairs:
        items = case[1] if case else []
        ok, found = _lessons(doc, g["lessons"], items)
        kind_ok, found_lessons = kind_ok + ok, found_lessons + found
        _people(doc, g["people"], g["people_ignored"], items)
        _figures(doc, LEGACY, g["figures"], items)
        org = g["organisation"]
        names = {compact(n) for n in [org["name"], *org["name_variants"]]}
        _org_name(doc, items, names)
    _outcomes(doc, pairs, cases)
    doc.kinds["lessons"] = (kind_ok, found_lessons)
    doc.extra = {"segment kinds": dict(kinds)}
    return doc


def _lessons(doc: DocResult, gold: list[dict], items) -> tuple[int, int]:
    wanted = [(g["kind"], compact(g["text"])) for g in gold]
    extracted = []
    for item in items:
        if item.field == "lessons":
            text = compact(item.value["text"])
            ok = any(text.startswith(w) for _, w in wanted)
            record(doc, "lessons", item, ok)
            extracted.append((item.value["kind"], text, ok))
    matched = [next((k for k, t, _ in extracted if t.startswith(w)), None) for _, w in wanted]
    found = sum(m is not None for m in matched)
    correct = sum(ok for *_, ok in extracted)
    _count(doc, "lessons").add(Count(len(extracted), correct, len(wanted), found))
    return sum(m == kind for m, (kind, _) in zip(matched, wanted, strict=True)), found


def _people(doc: DocResult, gold: list[dict], ignored: list[str], items) -> None:
    wanted = {compact(p["name"]) for p in gold}
    skip = {compact(n) for n in ignored}
    names = set()
    extracted = 0
    correct = 0
    for item in items:
        if item.field != "people":
            continue
        name = compact(item.value["name"])
        if name in skip:
            record(doc, "people", item, None, note="ignored name")
            continue
        extracted += 1
        correct += name in wanted
        names.add(name)
        record(doc, "people", item, name in wanted)
    _count(doc, "people").add(Count(extracted, correct, len(wanted), len(names & wanted)))
