"""Plain text and Markdown.

Plain text is decoded (see ``textcodec``) and split into pages at form feeds, the page
separator ``pdftotext`` and many exports write. Markdown keeps its ``#`` headings and list
markers, which ``normalise`` reads (``metadata["structure"] == "markdown"``: blank lines
separate blocks); links and images keep only their text, emphasis marks (bold and italic)
are removed, and thematic breaks ("---") are dropped. A YAML front matter block at the
start gives the title and the date (``metadata["published"]``) and is no part of the text.
Setext headings (a line underlined with ``===`` or ``---``) become ``#`` headings.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.parsers.base import PARSERS, check_chars, fail, require_text
from proeftuin.ingestion.parsers.textcodec import decode_text
from proeftuin.ingestion.types import ParsedDocument

IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
ITALIC = re.compile(
    r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"
)
RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
SETEXT = re.compile(r"^([^\n#>\-*+].*)\n(=+|-{2,})[ \t]*$", re.MULTILINE)
FENCE = re.compile(r"^\s*(```|~~~)")
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
ISO_DATE = re.compile(r"(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?")


def decode_or_fail(data: bytes) -> str:
    text = decode_text(data)
    if text is None:
        raise fail("binary_text")
    return text


@PARSERS.register("text")
def parse_text(data: bytes, *, limits: Limits) -> ParsedDocument:
    pages = decode_or_fail(data).split("\f")
    check_chars(pages, limits)
    require_text(pages)
    return ParsedDocument("text", pages)


@PARSERS.register("markdown")
def parse_markdown(data: bytes, *, limits: Limits) -> ParsedDocument:
    text = decode_or_fail(data)
    check_chars([text], limits)
    text, fields = _front_matter(text)
    text = SETEXT.sub(_setext, text)
    lines = [line if FENCE.match(line) else _inline(line) for line in text.split("\n")]
    lines = ["" if RULE.match(line) else line for line in lines]
    pages = ["\n".join(line for line in lines if not FENCE.match(line))]
    require_text(pages)
    metadata = {"structure": "markdown"}
    published = ISO_DATE.match(fields.get("date", ""))
    if published:
        metadata["published"] = published.group(0)
    return ParsedDocument("markdown", pages, title=fields.get("title", ""), metadata=metadata)


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    """A YAML front matter block ("---" lines around "title: ...", "date: ..."): removed
    from the text; its simple "key: value" fields returned (keys in lower case)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text, {}
    fields = {}
    for line in match.group(1).split("\n"):
        key, colon, value = line.partition(":")
        if colon and key.strip() and not key.startswith((" ", "-")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return text[match.end() :], fields


def _setext(match: re.Match[str]) -> str:
    level = 1 if match.group(2).startswith("=") else 2
    return f"{'#' * level} {match.group(1).strip()}"


def _inline(line: str) -> str:
    line = IMAGE.sub(r"\1", line)
    line = LINK.sub(r"\1", line)
    line = EMPHASIS.sub(r"\2", line)
    return ITALIC.sub(lambda m: m.group(1) or m.group(2), line)
