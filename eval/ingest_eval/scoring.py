"""Score one document's pipeline result against its gold (the realdocs / held-out format).

Cases: each gold case is paired with the segment that contains its anchor (else a segment
whose title matches, else, for a one-case document, the longest segment); one segment serves
one gold case. Title, organisation, years and summary are judged on the paired segment.
List fields (lessons, outcomes, people, partners, barriers) are judged per document: all
suggestions of all segments against all gold items of all cases, paired one to one.
Every judged suggestion becomes a record (field, value, confidence, matched) for the
reliability table and ``--json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .match import (
    assign,
    content,
    fold,
    name_match,
    outcome_match,
    phrase_coverage,
    text_score,
    title_match,
)

LIST_FIELDS = ("lessons", "outcomes", "people", "partners", "barriers")
NOT_A_CASE = {"none", "no-innovation", "no_innovation", "not-innovation"}
SUMMARY_COVERAGE = 0.5


@dataclass
class Count:
    extracted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    def add(self, other: Count) -> None:
        self.extracted += other.extracted
        self.correct += other.correct
        self.gold += other.gold
        self.found += other.found

    @property
    def precision(self) -> float | None:
        return self.correct / self.extracted if self.extracted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None


@dataclass
class CaseResult:
    anchor: str
    optional: bool
    segment: str | None = None
    title: str | None = None
    title_ok: bool = False
    organisation: str | None = None
    organisation_ok: bool = False
    years: tuple = (None, None)
    year_ok: bool = False
    summary: bool = False
    summary_coverage: float | None = None


@dataclass
class DocResult:
    name: str
    set: str
    absent: bool = False
    is_innovation: bool = True
    segments: int = 0
    expected: tuple[int, int] = (0, 0)
    cases: list[CaseResult] = field(default_factory=list)
    fields: dict[str, Count] = field(default_factory=dict)
    records: list[dict] = field(default_factory=list)
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    @property
    def count_ok(self) -> bool:
        return self.expected[0] <= self.segments <= self.expected[1]


def real_segments(cases):
    return [(part, items) for part, items in cases if part.kind not in NOT_A_CASE]


def score_document(gold: dict, set_name: str, result) -> DocResult:
    cases = real_segments(result.cases)
    gold_cases = gold.get("cases") or []
    required = sum(not c.get("optional") for c in gold_cases)
    doc = DocResult(
        gold["document"],
        set_name,
        is_innovation=gold.get("is_innovation", True),
        segments=len(cases),
        expected=(required, len(gold_cases)),
    )
    pairs = pair_cases(gold_cases, cases, result.document.text)
    for gcase, segment in pairs:
        doc.cases.append(score_case(doc, gcase, cases[segment] if segment is not None else None))
    taken = {s for _, s in pairs if s is not None}
    for index, (part, items) in enumerate(cases):
        if index not in taken:
            _judge_unpaired(doc, part, items)
    for name in LIST_FIELDS:
        doc.fields[name] = score_list(doc, name, gold_cases, cases)
    return doc


# -- pairing ---------------------------------------------------------------------------


def find_anchor(text: str, anchor: str) -> int | None:
    """Offset of the anchor in the text, comparing folded text with collapsed white space."""
    folded, index = [], []
    for offset, char in enumerate(text):
        char = fold(char)
        if char.isspace():
            if folded and folded[-1] == " ":
                continue
            char = " "
        for c in char:
            folded.append(c)
            index.append(offset)
    wanted = re.sub(r"\s+", " ", fold(anchor)).strip()
    at = "".join(folded).find(wanted)
    return index[at] if at >= 0 and wanted else None


def pair_cases(gold_cases: list[dict], cases, text: str) -> list[tuple[dict, int | None]]:
    taken: set[int] = set()
    pairs = []
    for gcase in gold_cases:
        choice = None
        offset = find_anchor(text, gcase.get("anchor", ""))
        if offset is not None:
            choice = next(
                (
                    i
                    for i, (p, _) in enumerate(cases)
                    if p.start <= offset < p.end and i not in taken
                ),
                None,
            )
        if choice is None:
            titles = gcase.get("title") or []
            choice = next(
                (
                    i
                    for i, (p, _) in enumerate(cases)
                    if i not in taken and title_match(p.title, titles)
                ),
                None,
            )
        if choice is None and len(gold_cases) == 1 and cases:
            free = [i for i in range(len(cases)) if i not in taken]
            choice = max(free, key=lambda i: cases[i][0].end - cases[i][0].start) if free else None
        if choice is not None:
            taken.add(choice)
        pairs.append((gcase, choice))
    return pairs


# -- per case --------------------------------------------------------------------------


def record(doc: DocResult, field_name: str, item, matched: bool | None, gold=None, note=""):
    """Keep one judged suggestion for ``--json`` and the reliability table."""
    doc.records.append(
        {
            "set": doc.set,
            "document": doc.name,
            "field": field_name,
            "value": item.value,
            "confidence": item.confidence,
            "step": item.step,
            "start": item.start,
            "end": item.end,
            "matched": matched,
            "gold": gold,
            "note": note,
        }
    )


def _best(items, name: str):
    found = [e for e in items if e.field == name]
    return max(found, key=lambda e: e.confidence) if found else None


def score_case(doc: DocResult, gcase: dict, paired) -> CaseResult:
    case = CaseResult(gcase.get("anchor", ""), bool(gcase.get("optional")))
    if paired is None:
        return case
    part, items = paired
    case.segment = part.title
    titles = gcase.get("title") or []
    for item in items:
        if item.field == "title":
            record(doc, "title", item, title_match(str(item.value), titles))
    best = _best(items, "title")
    case.title = str(best.value) if best else part.title
    case.title_ok = title_match(case.title, titles)
    names = gcase.get("organisation") or []
    for item in items:
        if item.field == "organisation.name":
            record(doc, "organisation.name", item, name_match(str(item.value), names))
    best = _best(items, "organisation.name")
    case.organisation = str(best.value) if best else None
    case.organisation_ok = bool(best) and name_match(case.organisation, names)
    case.years, case.year_ok = _years(doc, gcase, items)
    _summary(doc, case, gcase, items)
    return case


def _years(doc: DocResult, gcase: dict, items) -> tuple[tuple, bool]:
    ok, values = True, []
    for name in ("year_start", "year_end"):
        accepted = gcase.get(name, [None])
        for item in items:
            if item.field == name:
                record(doc, name, item, _as_int(item.value) in accepted)
        best = _best(items, name)
        value = _as_int(best.value) if best else None
        values.append(value)
        ok = ok and value in accepted
    return tuple(values), ok


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _summary(doc: DocResult, case: CaseResult, gcase: dict, items) -> None:
    phrases = (gcase.get("summary") or {}).get("key_phrases") or []
    for item in items:
        if item.field != "summary":
            continue
        text = item.value if isinstance(item.value, str) else str(item.value)
        if not text.strip():
            continue
        case.summary = True
        coverage = phrase_coverage(text, phrases) if phrases else None
        if coverage is not None:
            case.summary_coverage = max(case.summary_coverage or 0.0, coverage)
        record(doc, "summary", item, coverage is not None and coverage >= SUMMARY_COVERAGE)


def _judge_unpaired(doc: DocResult, part, items) -> None:
    """A segment no gold case asked for: its single-valued suggestions are all wrong."""
    for item in items:
        if item.field in ("title", "organisation.name", "year_start", "year_end", "summary"):
            record(doc, item.field, item, False, note="segment without a gold case")


# -- list fields -----------------------------------------------------------------------


def _gold_items(gold_cases: list[dict], name: str) -> list[dict]:
    """The gold items of a list field over all cases; those of an optional case or of
    ``partners_optional`` are optional."""
    items = []
    for gcase in gold_cases:
        optional = {"optional": True} if gcase.get("optional") else {}
        items += [dict(g, **optional) for g in gcase.get(name) or []]
        if name == "partners":
            items += [dict(g, optional=True) for g in gcase.get("partners_optional") or []]
    return items


def _ignored(gold_cases: list[dict]) -> list[str]:
    return [n for g in gold_cases for n in g.get("people_ignored") or []]


def _names(g: dict) -> list[str]:
    return [g["name"], *g.get("variants", [])]


SCORERS = {
    "lessons": lambda s, g: text_score(_text(s), g["text"]),
    "barriers": lambda s, g: text_score(_text(s), g["text"]),
    "outcomes": lambda s, g: 1.0 if outcome_match(s, g) else 0.0,
    "people": lambda s, g: 1.0 if name_match(_name(s), _names(g)) else 0.0,
    "partners": lambda s, g: 1.0 if name_match(_name(s), _names(g)) else 0.0,
}


def _text(value) -> str:
    return str(value.get("text", "")) if isinstance(value, dict) else str(value)


def _name(value) -> str:
    return str(value.get("name", "")) if isinstance(value, dict) else str(value)


def _key(name: str, value) -> str:
    if name in ("lessons", "barriers"):
        return " ".join(fold(_text(value)).split())
    if name in ("people", "partners"):
        return " ".join(fold(_name(value)).split())
    return repr(sorted(value.items())) if isinstance(value, dict) else repr(value)


def _distinct(doc: DocResult, name: str, cases, ignored: list[str]) -> list:
    """The field's suggestions over all segments, one per normalised value (the most
    confident); ignored names are recorded as unjudged and left out."""
    distinct: dict[str, object] = {}
    for _, items in cases:
        for item in items:
            if item.field != name:
                continue
            if ignored and name_match(_name(item.value), ignored):
                record(doc, name, item, None, note="ignored name")
                continue
            key = _key(name, item.value)
            if key not in distinct or item.confidence > distinct[key].confidence:
                distinct[key] = item
    return list(distinct.values())


AGREEMENT = {
    "lessons": ("lessons", lambda s, g, p: _kind_agreement(s, g, p)),
    "barriers": ("barriers", lambda s, g, p: _kind_agreement(s, g, p, key="category")),
    "people": ("people (role)", lambda s, g, p: _role_agreement(s, g, p)),
}


def score_list(doc: DocResult, name: str, gold_cases: list[dict], cases) -> Count:
    golds = _gold_items(gold_cases, name)
    ignored = _ignored(gold_cases) if name == "people" else []
    suggestions = _distinct(doc, name, cases, ignored)
    scorer = SCORERS[name]
    pairs = assign([s.value for s in suggestions], golds, scorer)
    for i, item in enumerate(suggestions):
        j = pairs.get(i)
        if j is None:
            dup = any(scorer(item.value, g) > 0 for g in golds)
            record(doc, name, item, False, note="duplicate of a matched item" if dup else "")
        else:
            gold = golds[j]
            label = gold.get("text") or gold.get("name") or gold.get("quote")
            record(doc, name, item, True, gold=label)
    if name in AGREEMENT:
        label, agreement = AGREEMENT[name]
        doc.kinds[label] = agreement(suggestions, golds, pairs)
    units = required_units(golds)
    found = sum(1 for unit in units if any(j in pairs.values() for j in unit))
    return Count(len(suggestions), len(pairs), len(units), found)


def required_units(golds: list[dict]) -> list[list[int]]:
    """What recall counts: every required gold item is one unit, except that required items
    sharing a ``group`` (the same result stated twice: "320 vragen" and "36 procent") form one
    unit, found when any of them is paired. Optional items count neither way."""
    units: dict[object, list[int]] = {}
    for j, gold in enumerate(golds):
        if not gold.get("optional"):
            units.setdefault(gold.get("group") or ("item", j), []).append(j)
    return list(units.values())


def _kind_agreement(suggestions, golds, pairs, key: str = "kind") -> tuple[int, int]:
    same = sum(
        1
        for i, j in pairs.items()
        if isinstance(suggestions[i].value, dict)
        and suggestions[i].value.get(key) == golds[j].get(key)
    )
    return same, len(pairs)


def _role_agreement(suggestions, golds, pairs) -> tuple[int, int]:
    """A matched person's role agrees when it shares a content word with the gold role."""
    same = 0
    for i, j in pairs.items():
        value = suggestions[i].value
        role = value.get("role", "") if isinstance(value, dict) else ""
        same += bool(content(str(role)) & content(golds[j].get("role", "")))
    return same, len(pairs)
