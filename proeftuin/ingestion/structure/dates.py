"""How dates are written in Dutch (and English) reports: month names, "12 maart 2023",
"12-03-2023", "2023-03-12", and a year on its own."""

from __future__ import annotations

import re

DUTCH_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
)
ENGLISH_MONTHS = (
    "january february march april may june july august september october november december"
)
MONTH_NUMBER = {
    m: i for months in (DUTCH_MONTHS, ENGLISH_MONTHS) for i, m in enumerate(months.split(), 1)
}
MONTHS = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))  # a report in English too
DATE = re.compile(
    rf"(?:(?<![\d.,])(?P<d>[1-9]|[12]\d|3[01])\s+)?\b(?P<m>{MONTHS})\s+(?P<y>(?:19|20)\d\d)\b"
    r"|\b(?P<d2>\d{1,2})[-/.](?P<m2>\d{1,2})[-/.](?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)\b",
    re.IGNORECASE,
)
YEAR_ONLY = re.compile(r"^(?:(?:19|20)\d\d)$")


def iso(match: re.Match) -> str:
    """The ISO form (YYYY-MM or YYYY-MM-DD) of a ``DATE`` match."""
    if match.group("y"):
        month = MONTH_NUMBER[match.group("m").lower()]
        day = match.group("d")
        return f"{match.group('y')}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    if match.group("y2"):
        return f"{match.group('y2')}-{int(match.group('m2')):02d}-{int(match.group('d2')):02d}"
    return f"{match.group('y3')}-{match.group('m3')}-{match.group('d3')}"
