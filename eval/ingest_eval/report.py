"""Set summaries, the issue's targets, the reliability table, and the printed / JSON report."""

from __future__ import annotations

from collections import defaultdict

from .scoring import Count, DocResult

BUCKETS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
HIGH = 0.8
RELIABILITY_TARGET = 0.90

# field -> (precision target, recall target) of issue 9 ("Numbers")
FIELD_TARGETS = {
    "lessons": (0.80, 0.70),
    "outcomes": (0.80, 0.60),
    "people": (0.80, 0.70),
    "partners": (0.80, 0.70),
    "barriers": (None, None),
}
CASE_SHARE = 0.75  # title, organisation, year right on at least 3 of 4


def pct(value: float | None) -> str:
    return f"{value:6.1%}" if value is not None else "   n/a"


def field_line(name: str, count: Count, target: tuple | None = None) -> str:
    text = (
        f"  {name:<34} P {pct(count.precision)} ({count.correct}/{count.extracted})   "
        f"R {pct(count.recall)} ({count.found}/{count.gold})"
    )
    if target and any(t is not None for t in target):
        p, r = target
        text += f"   [target P>={p:.0%} R>={r:.0%}]"
    return text


def totals(docs: list[DocResult]) -> dict[str, Count]:
    result: dict[str, Count] = defaultdict(Count)
    for doc in docs:
        for name, count in doc.fields.items():
            result[name].add(count)
    return dict(result)


# -- reliability -----------------------------------------------------------------------


def reliability(records: list[dict]) -> dict:
    """Per field (and overall): per confidence bucket the count and share right; and the
    share right of suggestions at or above ``HIGH``."""
    table: dict[str, dict] = {}
    judged = [r for r in records if r["matched"] is not None]
    for name in [*sorted({r["field"] for r in judged}), "ALL"]:
        rows = [r for r in judged if name == "ALL" or r["field"] == name]
        buckets = []
        for low, high in BUCKETS:
            inside = [r for r in rows if low <= r["confidence"] < high]
            right = sum(bool(r["matched"]) for r in inside)
            buckets.append({"from": low, "to": min(high, 1.0), "n": len(inside), "right": right})
        top = [r for r in rows if r["confidence"] >= HIGH]
        table[name] = {
            "buckets": buckets,
            "high_n": len(top),
            "high_right": sum(bool(r["matched"]) for r in top),
        }
    return table


def print_reliability(table: dict) -> None:
    heads = "".join(f"  {lo:.1f}-{min(hi, 1.0):.1f}    " for lo, hi in BUCKETS)
    print(f"  {'field':<32}{heads} | >=0.8 right")
    for name, row in table.items():
        cells = ""
        for b in row["buckets"]:
            cells += f"  {b['n']:3d} {pct(b['right'] / b['n']) if b['n'] else '   -  '}"
        share = row["high_right"] / row["high_n"] if row["high_n"] else None
        print(f"  {name:<32}{cells} | {pct(share)} ({row['high_right']}/{row['high_n']})")


# -- sets ------------------------------------------------------------------------------


def case_rates(docs: list[DocResult]) -> dict[str, tuple[int, int]]:
    cases = [c for d in docs if d.is_innovation and not d.absent for c in d.cases if not c.optional]
    n = len(cases)
    return {
        "title": (sum(c.title_ok for c in cases), n),
        "organisation": (sum(c.organisation_ok for c in cases), n),
        "year": (sum(c.year_ok for c in cases), n),
        "summary": (sum(c.summary for c in cases), n),
    }


def targets(docs: list[DocResult], fields: dict[str, Count], table: dict) -> list[tuple]:
    """(PASS|FAIL|n/a, name, value) for the issue's targets on one set."""
    present = [d for d in docs if not d.absent]
    return (
        _case_targets(present)
        + _field_targets(fields)
        + _no_case_target(present)
        + _reliability_target(table)
    )


def _case_targets(present: list[DocResult]) -> list[tuple]:
    innovation = [d for d in present if d.is_innovation]
    ok = sum(d.count_ok for d in innovation)
    out = [
        _t(
            ok == len(innovation) if innovation else None,
            "case count right on every document",
            f"{ok}/{len(innovation)}",
        )
    ]
    rates = case_rates(present)
    for name in ("title", "organisation", "year"):
        right, n = rates[name]
        out.append(
            _t(
                right / n >= CASE_SHARE if n else None,
                f"{name} right on >= 3 of 4 cases",
                f"{right}/{n}",
            )
        )
    right, n = rates["summary"]
    out.append(_t(right == n if n else None, "a summary on every case", f"{right}/{n}"))
    return out


def _field_targets(fields: dict[str, Count]) -> list[tuple]:
    out = []
    for name, (p_target, r_target) in FIELD_TARGETS.items():
        if p_target is None or name not in fields:
            continue
        count = fields[name]
        for label, value, goal in (
            ("precision", count.precision, p_target),
            ("recall", count.recall, r_target),
        ):
            out.append(
                _t(
                    None if value is None else value >= goal,
                    f"{name} {label} >= {goal:.0%}",
                    pct(value).strip(),
                )
            )
    return out


def _no_case_target(present: list[DocResult]) -> list[tuple]:
    none = [d for d in present if not d.is_innovation]
    if not none:
        return []
    ok = sum(d.segments == 0 for d in none)
    return [_t(ok == len(none), "non-innovation document yields no case", f"{ok}/{len(none)}")]


def _reliability_target(table: dict) -> list[tuple]:
    row = table.get("ALL")
    if not row:
        return []
    share = row["high_right"] / row["high_n"] if row["high_n"] else None
    return [
        _t(
            None if share is None else share >= RELIABILITY_TARGET,
            f"of suggestions >= {HIGH}, >= {RELIABILITY_TARGET:.0%} right",
            f"{pct(share).strip()} ({row['high_right']}/{row['high_n']})",
        )
    ]


def _t(ok, name: str, value: str) -> tuple:
    return ("n/a" if ok is None else "PASS" if ok else "FAIL", name, value)


def print_documents(docs: list[DocResult]) -> None:
    for doc in docs:
        if doc.absent:
            print(f"\n{doc.name}: SKIPPED (file absent)")
            continue
        want = (
            doc.expected[0]
            if doc.expected[0] == doc.expected[1]
            else f"{doc.expected[0]}-{doc.expected[1]}"
        )
        flag = "ok" if doc.count_ok else "WRONG"
        print(f"\n{doc.name}: {doc.segments} case(s), expected {want} -> {flag}")
        for case in doc.cases:
            _print_case(case)
        for name, count in doc.fields.items():
            print("  " + field_line(name, count).strip())
        for name, (same, n) in doc.kinds.items():
            if n:
                print(f"    {name}: agrees with gold on {same}/{n} matched items")
        for name, value in doc.extra.items():
            print(f"    {name}: {value}")


def _print_case(case) -> None:
    tag = " (optional case)" if case.optional else ""
    if case.segment is None:
        print(f"  - gold case {case.anchor!r}{tag}: NO segment")
        return
    mark = lambda ok: "ok" if ok else "WRONG"  # noqa: E731
    cov = "" if case.summary_coverage is None else f", key phrases {case.summary_coverage:.0%}"
    print(
        f"  - gold case {case.anchor!r}{tag} -> segment {case.segment[:50]!r}\n"
        f"      title {mark(case.title_ok)} ({(case.title or '')[:60]!r}); "
        f"organisation {mark(case.organisation_ok)} ({case.organisation!r}); "
        f"years {mark(case.year_ok)} {case.years}; "
        f"summary {'yes' if case.summary else 'NO'}{cov}"
    )


def print_set(result: dict) -> None:
    tag = "DEVELOPED AGAINST" if result["developed_against"] else "HELD OUT"
    if not result["documents"]:
        print(f"\nSET {result['label']}: no document selected")
        return
    print(f"\n{'=' * 92}\nSET {result['label']}  [{tag}]\n{'=' * 92}")
    docs = result["documents"]
    print_documents(docs)
    print(f"\nPer field, set {result['set']} (all documents together):")
    for name, count in sorted(result["fields"].items()):
        print(
            field_line(name, count, FIELD_TARGETS.get(name) if result["set"] != "corpus" else None)
        )
    if result["set"] != "corpus":
        rates = case_rates(docs)
        print("  per case: " + ", ".join(f"{k} {r}/{n}" for k, (r, n) in rates.items()))
    print(f"\nReliability, set {result['set']}: suggestions per confidence bucket, n and % right")
    print_reliability(result["reliability"])
    print(f"\nTargets, set {result['set']}:")
    for status, name, value in result["targets"]:
        print(f"  {status:<4}  {name}: {value}")
