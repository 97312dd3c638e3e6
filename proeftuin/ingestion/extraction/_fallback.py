"""A minimal stand-in for ``proeftuin.ingestion.normalise``, for tests and evaluation only.

Used only when ``proeftuin.ingestion.normalise`` is not importable (it is developed in
parallel). It turns plain text into a ``NormalisedDocument``: paragraphs split on blank
lines, line-end hyphens joined, one page. Lines inside a paragraph keep their line breaks,
so headings that run straight into a paragraph stay recognisable. A paragraph is a
"bullet" block when its first line starts with a bullet glyph, a "heading" block when it
is a single short line without closing punctuation. Nothing in the product imports this.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.types import Block, NormalisedDocument, PageSpan

HYPHEN_LOWER = re.compile(r"(?<=[a-zà-ÿ])-[ \t]*\n[ \t]*(?=[a-zà-ÿ])")
HYPHEN_OTHER = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=[A-Z0-9À-Þ])")
BULLET = re.compile(r"^\s*(?:[●•¶▪◦‣∙·■►➢✓]|[-–*]\s)")


def normalise_text(raw: str, title: str = "") -> NormalisedDocument:
    """Plain text -> NormalisedDocument (see the module docstring)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = HYPHEN_LOWER.sub("", text)
    text = HYPHEN_OTHER.sub("-", text)
    parts = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text)]
    out, blocks, offset = [], [], 0
    for part in parts:
        if not part.strip():
            continue
        out.append(part)
        blocks.append(Block(_kind(part), part, offset, offset + len(part), 1, 0))
        offset += len(part) + 2
    joined = "\n\n".join(out)
    first = next((b.text.strip() for b in blocks), "")
    return NormalisedDocument(
        format="text",
        text=joined,
        blocks=blocks,
        pages=[PageSpan(1, 0, len(joined))],
        title=title or first[:120],
    )


def _kind(part: str) -> str:
    if BULLET.match(part):
        return "bullet"
    lines = [line for line in part.split("\n") if line.strip()]
    single = lines[0].strip() if len(lines) == 1 else ""
    if single and len(single.split()) <= 10 and single[-1] not in ".,;:":
        return "heading"
    return "paragraph"
