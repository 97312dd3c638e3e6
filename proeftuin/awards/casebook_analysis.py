"""The cross-case analysis of a casebook, per theme: what the cases share and where they
differ, as extractive statements (sentences taken from the cases' own texts, never written
anew), each with the cases and passages it comes from, so every statement is traceable.

Per theme, the sentences of each case's section are reduced to search terms (the search
app's Dutch analysis: stems without stop words). A term is shared when at least
``max(2, 30%)`` of the cases that wrote about the theme use it. A *shared* statement is the
sentence that carries the most shared terms, cited with, for every case that uses its
leading term, that case's own best sentence about it. A *distinct* statement is, per case,
the sentence with the most terms no other case uses. Plain data in, plain data out: the
casebook generator feeds it cases from the library."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from proeftuin.search.service import analyze

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")
MIN_SENTENCE_CHARS = 30
SHARED_SHARE = 0.3
MIN_DISTINCT_TERMS = 2


@dataclass(frozen=True)
class CaseText:
    case_id: int
    title: str
    sections: dict[str, str]  # theme key -> text


@dataclass(frozen=True)
class Source:
    case_id: int
    case_title: str
    field: str  # "sections.<theme key>"
    passage: str


@dataclass
class Statement:
    kind: str  # "shared" or "distinct"
    text: str
    terms: list[str]
    sources: list[Source] = field(default_factory=list)


@dataclass
class ThemeAnalysis:
    key: str
    name: str
    cases: int  # cases that wrote about the theme
    shared: list[Statement]
    distinct: list[Statement]


@dataclass(frozen=True)
class _Sentence:
    case: CaseText
    text: str
    terms: frozenset[str]


def sentences(text: str) -> list[str]:
    parts = (p.strip() for block in text.split("\n") for p in SENTENCE.split(block))
    return [p for p in parts if len(p) >= MIN_SENTENCE_CHARS]


def _theme_sentences(cases: list[CaseText], key: str) -> dict[int, list[_Sentence]]:
    found = {}
    for case in cases:
        rows = [
            _Sentence(case, text, frozenset(analyze(text)))
            for text in sentences(case.sections.get(key, "") or "")
        ]
        rows = [row for row in rows if row.terms]
        if rows:
            found[case.case_id] = rows
    return found


def _source(row: _Sentence, key: str) -> Source:
    return Source(row.case.case_id, row.case.title, f"sections.{key}", row.text)


def _shared(by_case, key: str, limit: int) -> list[Statement]:
    df = Counter(term for rows in by_case.values() for term in {t for r in rows for t in r.terms})
    need = max(2, math.ceil(SHARED_SHARE * len(by_case)))
    shared = {term for term, n in df.items() if n >= need}
    statements, used = [], set()
    for term in sorted(shared, key=lambda t: (-df[t], t)):
        if len(statements) >= limit:
            break
        if term in used:
            continue
        carriers = [r for rows in by_case.values() for r in rows if term in r.terms]
        lead = max(carriers, key=lambda r: (len(r.terms & shared), -len(r.text), r.text))
        best = {}
        for row in carriers:
            current = best.get(row.case.case_id)
            if current is None or len(row.terms & shared) > len(current.terms & shared):
                best[row.case.case_id] = row
        terms = sorted(lead.terms & shared, key=lambda t: (-df[t], t))
        used.update(terms)
        sources = [
            _source(best[cid], key) for cid in sorted(best, key=lambda c: best[c].case.title)
        ]
        statements.append(Statement("shared", lead.text, terms, sources))
    return statements


def _distinct(by_case, key: str) -> list[Statement]:
    df = Counter(term for rows in by_case.values() for term in {t for r in rows for t in r.terms})
    statements = []
    for rows in by_case.values():
        own = [(sorted(t for t in r.terms if df[t] == 1), r) for r in rows]
        terms, row = max(own, key=lambda pair: (len(pair[0]), -len(pair[1].text)))
        if len(terms) >= MIN_DISTINCT_TERMS and len(by_case) > 1:
            statements.append(Statement("distinct", row.text, terms, [_source(row, key)]))
    return sorted(statements, key=lambda s: s.sources[0].case_title)


def analyse(
    cases: list[CaseText], themes: list[tuple[str, str]], *, per_theme: int = 5
) -> list[ThemeAnalysis]:
    """Per theme (key, name) in order: the shared statements (at most ``per_theme``) and
    one distinct statement per case that has one."""
    result = []
    for key, name in themes:
        by_case = _theme_sentences(cases, key)
        shared = _shared(by_case, key, per_theme) if len(by_case) > 1 else []
        result.append(ThemeAnalysis(key, name, len(by_case), shared, _distinct(by_case, key)))
    return result
