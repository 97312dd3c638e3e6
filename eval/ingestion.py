"""Evaluate segmentation and extraction against the hand-made gold set in eval/gold/.

Run: ``.venv/bin/python eval/ingestion.py`` (no database needed). Reads the corpus from
``../shared/corpus`` (or ``$PROEFTUIN_CORPUS``), runs parse -> normalise -> segment ->
extract, and prints precision and recall per field plus the targets of the ingestion issue.
Uses the real ``proeftuin.ingestion.normalise`` when it is importable, otherwise the
minimal fallback in ``proeftuin.ingestion.extraction._fallback``.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from proeftuin.ingestion.extraction import run_steps  # noqa: E402
from proeftuin.ingestion.extraction.text import compact  # noqa: E402
from proeftuin.ingestion.segment import segment  # noqa: E402

CORPUS = Path(os.environ.get("PROEFTUIN_CORPUS", ROOT.parent / "shared" / "corpus"))
GOLD = ROOT / "eval" / "gold"
OTHERS = [
    "rapport-samen-werken-aan-vernieuwing.txt",
    "verslag-werkconferentie-samenwerkende-overheid.txt",
]


FALLBACK = "--fallback" in sys.argv


def load(name: str):
    """(document, which normaliser) for a corpus file: the real parse + normalise when
    importable (and not ``--fallback``), else the minimal fallback."""
    from proeftuin.ingestion.extraction._fallback import normalise_text

    data = (CORPUS / name).read_bytes()
    try:
        from proeftuin.ingestion.normalise import normalise
        from proeftuin.ingestion.parsers import parse_bytes
    except ImportError:
        return normalise_text(data.decode("utf-8")), "fallback (normalise not importable)"
    if FALLBACK:
        return normalise_text(data.decode("utf-8")), "fallback (--fallback)"
    try:
        return normalise(parse_bytes(data, name)), "real"
    except Exception as exc:  # the real normaliser is developed in parallel
        print(
            f"WARNING: real normalise failed on {name}: {exc!r}; using the fallback",
            file=sys.stderr,
        )
        return normalise_text(data.decode("utf-8")), "fallback (normalise failed)"


class Score:
    """Counts for one field: extracted, correct extracted, gold, gold found."""

    def __init__(self):
        self.extracted = self.correct = self.gold = self.found = 0

    def add(self, extracted: int, correct: int, gold: int, found: int) -> None:
        self.extracted += extracted
        self.correct += correct
        self.gold += gold
        self.found += found

    def line(self, name: str) -> str:
        p = f"{self.correct / self.extracted:6.1%}" if self.extracted else "   n/a"
        r = f"{self.found / self.gold:6.1%}" if self.gold else "   n/a"
        return (
            f"  {name:<34} P {p} ({self.correct}/{self.extracted})   "
            f"R {r} ({self.found}/{self.gold})"
        )


def run(name: str):
    doc, which = load(name)
    cases = [(part, run_steps(doc, part)) for part in segment(doc)]
    return doc, which, cases


def match_cases(gold_cases: list[dict], cases, key: str) -> list[tuple[dict, object]]:
    """Pair each gold case with the segment whose title starts like its heading/anchor."""
    pairs = []
    for gold in gold_cases:
        want = compact(gold[key])
        found = next((c for c in cases if compact(c[0].title).startswith(want[:30])), None)
        pairs.append((gold, found))
    return pairs


def values(items, field: str) -> list:
    return [e.value for e in items if e.field == field]


def best(items, field: str):
    candidates = [e for e in items if e.field == field]
    return max(candidates, key=lambda e: e.confidence).value if candidates else None


def staff_key(value) -> tuple:
    return tuple(sorted((k, v) for k, v in (value or {}).items() if k not in ("year", "printed")))


def set_score(score: Score, extracted: list, gold: set) -> None:
    distinct = set(extracted)
    score.add(len(distinct), len(distinct & gold), len(gold), len(distinct & gold))


# -- casebook ------------------------------------------------------------------------


def casebook(scores: dict[str, Score], targets: dict) -> None:
    gold = yaml.safe_load((GOLD / "casebook.yaml").read_text())
    _, which, cases = run(gold["document"])
    print(
        f"\nCasebook ({which} normaliser): {len(cases)} segments "
        f"(target exactly {gold['segments']['count']})"
    )
    targets["casebook segments"] = (len(cases), len(cases) == gold["segments"]["count"])
    exact, total = 0, 0
    for g, case in match_cases(gold["cases"], cases, "heading"):
        items = case[1] if case else []
        hits = _casebook_case(scores, g, items)
        exact += hits
        total += 5
    rate = exact / total
    targets["profile fields exact-match rate"] = (f"{rate:.1%} ({exact}/{total})", rate >= 0.95)
    themes = scores["sections (themes)"]
    recall = themes.found / themes.gold
    targets["theme passage recall"] = (f"{recall:.1%}", recall >= 0.90)


def _casebook_case(scores: dict[str, Score], g: dict, items) -> int:
    org, overview = g["organisation"], g["overview"]
    names = {compact(n) for n in [org["name"], *org["name_variants"]]}
    found_names = [compact(v) for v in values(items, "organisation.name")]
    scores["organisation.name"].add(
        len(found_names),
        sum(n in names for n in found_names),
        1,
        int(any(n in names for n in found_names)),
    )
    staff_gold = {staff_key(org["staff"]), staff_key(overview["staff"])}
    set_score(
        scores["organisation.staff"],
        [staff_key(v) for v in values(items, "organisation.staff")],
        staff_gold,
    )
    for field in ("government_layer", "organisation_type"):
        gold = {org[field]["value"], overview[field]["value"]}
        if field == "organisation_type" and g.get("name_implied_type"):
            gold.add(g["name_implied_type"])
        set_score(scores[f"organisation.{field}"], values(items, f"organisation.{field}"), gold)
    set_score(
        scores["organisation.website"],
        values(items, "organisation.website"),
        {org["website"]["value"]},
    )
    domains = [d for v in values(items, "organisation.domains") for d in v]
    set_score(scores["organisation.domains"], domains, set(org["domains"]["values"]))
    set_score(scores["year_start"], values(items, "year_start"), {g["year"]})
    _themes(scores["sections (themes)"], g["themes"], items)
    _people(scores["people"], [], [], items)
    _figures(scores["outcomes (recall only, casebook)"], g["figures"], items, recall_only=True)
    return _exact_profile(g, items, names)


def _exact_profile(g: dict, items, names: set[str]) -> int:
    org = g["organisation"]
    checks = [
        compact(best(items, "organisation.name") or "") in names,
        staff_key(best(items, "organisation.staff")) == staff_key(org["staff"]),
        best(items, "organisation.government_layer") == org["government_layer"]["value"],
        best(items, "organisation.organisation_type") == org["organisation_type"]["value"],
        best(items, "organisation.website") == org["website"]["value"],
    ]
    for field, ok in zip(("name", "staff", "layer", "type", "website"), checks, strict=True):
        if not ok:
            print(f"    profile mismatch: {g['heading']}: {field}")
    return sum(checks)


def _themes(score: Score, gold: dict[str, str], items) -> None:
    extracted = [
        (e.field.removeprefix("sections."), compact(e.value))
        for e in items
        if e.field.startswith("sections.")
    ]
    wanted = [(key, compact(text)) for key, text in gold.items()]
    correct = sum(any(k == key and v.startswith(w) for key, w in wanted) for k, v in extracted)
    found = sum(any(k == key and v.startswith(w) for k, v in extracted) for key, w in wanted)
    score.add(len(extracted), correct, len(wanted), found)


def _people(score: Score, gold: list[dict], ignored: list[str], items) -> tuple[int, int]:
    wanted = {compact(p["name"]): compact(p["role"]) for p in gold}
    skip = {compact(n) for n in ignored}
    extracted = [(compact(v["name"]), compact(v["role"])) for v in values(items, "people")]
    extracted = [(n, r) for n, r in extracted if n not in skip]
    correct = sum(n in wanted for n, _ in extracted)
    score.add(len(extracted), correct, len(wanted), len({n for n, _ in extracted} & set(wanted)))
    roles = sum(n in wanted and wanted[n] in r for n, r in extracted)
    return roles, correct


def _figures(score: Score, gold: list[dict], items, recall_only: bool = False) -> None:
    wanted = {(float(f["value"]), f["unit"]) for f in gold}
    extracted = {(abs(float(v["value"])), v["unit"]) for v in values(items, "outcomes")}
    hits = wanted & extracted
    score.add(
        0 if recall_only else len(extracted),
        0 if recall_only else len(hits),
        len(wanted),
        len(hits),
    )


# -- InAxis --------------------------------------------------------------------------


def inaxis(scores: dict[str, Score], targets: dict) -> None:
    gold = yaml.safe_load((GOLD / "inaxis.yaml").read_text())
    _, which, cases = run(gold["document"])
    kinds = defaultdict(int)
    for part, _ in cases:
        kinds[part.kind] += 1
    pairs = match_cases(gold["cases"], cases, "anchor")
    found = sum(1 for _, case in pairs if case and case[0].kind == gold["segments"]["kind"])
    print(
        f"\nInAxis cahier ({which} normaliser): {len(cases)} segments {dict(kinds)}; "
        f"experiments matched to gold: {found}/{len(pairs)}"
    )
    targets["InAxis experiments found"] = (found, found == gold["segments"]["count"])
    kind_ok = roles = people = 0
    for g, case in pairs:
        items = case[1] if case else []
        kind_ok += _lessons(scores["lessons"], g["lessons"], items)
        r, p = _people(scores["people"], g["people"], g["people_ignored"], items)
        roles, people = roles + r, people + p
        _figures(scores["outcomes (InAxis, distinct)"], g["figures"], items)
        org = g["organisation"]
        names = {compact(n) for n in [org["name"], *org["name_variants"]]}
        got = [compact(v) for v in values(items, "organisation.name")]
        scores["organisation.name"].add(
            len(got), sum(n in names for n in got), 1, int(any(n in names for n in got))
        )
    lessons = scores["lessons"]
    recall = lessons.found / lessons.gold
    targets["InAxis lesson recall"] = (
        f"{recall:.1%} ({lessons.found}/{lessons.gold})",
        recall >= 0.90,
    )
    print(
        f"  lesson kind correct: {kind_ok}/{lessons.found} found items; "
        f"people roles correct: {roles}/{people} found people"
    )


def _lessons(score: Score, gold: list[dict], items) -> int:
    extracted = [(v["kind"], compact(v["text"])) for v in values(items, "lessons")]
    wanted = [(g["kind"], compact(g["text"])) for g in gold]
    correct = sum(any(text.startswith(w) for _, w in wanted) for _, text in extracted)
    matched = [next((k for k, t in extracted if t.startswith(w)), None) for _, w in wanted]
    score.add(len(extracted), correct, len(wanted), sum(m is not None for m in matched))
    return sum(m == kind for m, (kind, _) in zip(matched, wanted, strict=True))


# -- other documents and report ------------------------------------------------------


def others() -> None:
    for name in OTHERS:
        _, which, cases = run(name)
        print(f"\n{name} ({which} normaliser): {len(cases)} segment(s)")
        for part, items in cases:
            fields = defaultdict(int)
            for item in items:
                fields[item.field.split(".")[0]] += 1
            print(
                f"  [{part.kind}] {part.title[:70]!r} chars {part.start}-{part.end}; "
                f"suggestions: {dict(fields)}"
            )


def main() -> int:
    scores: dict[str, Score] = defaultdict(Score)
    targets: dict[str, tuple] = {}
    casebook(scores, targets)
    inaxis(scores, targets)
    print("\nPrecision and recall per field (both gold files):")
    for name in sorted(scores):
        print(scores[name].line(name))
    others()
    print("\nTargets:")
    for name, (value, ok) in targets.items():
        print(f"  {'PASS' if ok else 'FAIL'}  {name}: {value}")
    return 0 if all(ok for _, ok in targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
