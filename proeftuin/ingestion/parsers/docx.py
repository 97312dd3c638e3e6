"""DOCX (Word 2007+): ``word/document.xml`` read from the zip with the standard library.

No third-party DOCX library: the XML we need is small (paragraphs, runs, styles, numbering,
breaks) and reading it ourselves lets every member pass the zip-bomb guard and defusedxml.
Headings come from paragraph styles (``heading N``, ``Title``, or an outline level), list items
from numbering properties or a list style. Page breaks (explicit ones and the
``lastRenderedPageBreak`` marks Word leaves where it last broke pages) split the pages.
Deleted revisions, field codes and text boxes (which Word stores twice) are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.parsers.base import PARSERS, check_chars, fail
from proeftuin.ingestion.parsers.markup import MARKERS, MarkupWriter
from proeftuin.ingestion.parsers.zipguard import SafeZip
from proeftuin.ingestion.types import ParsedDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
HEADING_NAME = re.compile(r"^(?:heading|kop)\s*(\d)$", re.IGNORECASE)
LIST_NAME = re.compile(r"list|lijst|opsomming", re.IGNORECASE)
SKIP = {W + "delText", W + "instrText", W + "footnoteReference", W + "endnoteReference"}


@PARSERS.register("docx")
def parse_docx(data: bytes, *, limits: Limits) -> ParsedDocument:
    archive = SafeZip(data, limits)
    if "word/document.xml" not in archive.names:
        raise fail("corrupt_document")
    styles = _read_styles(archive.read_optional_xml("word/styles.xml"))
    body = archive.read_xml("word/document.xml").find(W + "body")
    if body is None:
        raise fail("corrupt_document")
    writer = MarkupWriter()
    for paragraph in _paragraphs(body):
        _write_paragraph(writer, paragraph, styles)
    pages = writer.result()
    check_chars(pages, limits)
    return ParsedDocument("docx", pages, title=_title(archive), metadata=dict(MARKERS))


def _read_styles(root: Element | None) -> dict[str, tuple[str, int]]:
    """styleId -> ("heading", level) | ("bullet", 0) | ("paragraph", 0)."""
    styles: dict[str, tuple[str, int]] = {}
    if root is None:
        return styles
    for style in root.iter(W + "style"):
        style_id = style.get(W + "styleId", "")
        name_el = style.find(W + "name")
        name = name_el.get(W + "val", "") if name_el is not None else ""
        styles[style_id] = _style_kind(name, style_id, style.find(f"{W}pPr/{W}outlineLvl"))
    return styles


def _style_kind(name: str, style_id: str, outline: Element | None) -> tuple[str, int]:
    for candidate in (name, style_id):
        match = HEADING_NAME.match(candidate)
        if match:
            return "heading", int(match.group(1))
    if name.lower() in {"title", "titel"}:
        return "heading", 1
    if outline is not None and outline.get(W + "val", "9").isdigit():
        level = int(outline.get(W + "val", "9")) + 1
        if level <= 6:
            return "heading", level
    if LIST_NAME.search(name):
        return "bullet", 0
    return "paragraph", 0


def _paragraphs(element: Element) -> Iterator[Element]:
    """Body paragraphs in document order, including those in tables; not nested ones."""
    for child in element:
        if child.tag == W + "p":
            yield child
        elif child.tag != W + "sectPr":
            yield from _paragraphs(child)


def _write_paragraph(writer: MarkupWriter, paragraph: Element, styles: dict) -> None:
    parts: list[str] = []
    for piece in _runs(paragraph):
        if piece is None:
            _flush(writer, paragraph, styles, parts)
            parts = []
            writer.page_break()
        else:
            parts.append(piece)
    _flush(writer, paragraph, styles, parts)


def _flush(writer: MarkupWriter, paragraph: Element, styles: dict, parts: list[str]) -> None:
    text = "".join(parts)
    if not text.strip():
        return
    kind, level = _paragraph_kind(paragraph, styles)
    if kind == "heading":
        writer.heading(text, level)
    elif kind == "bullet":
        writer.bullet(text)
    else:
        writer.paragraph(text)


def _paragraph_kind(paragraph: Element, styles: dict) -> tuple[str, int]:
    props = paragraph.find(W + "pPr")
    if props is None:
        return "paragraph", 0
    outline = props.find(W + "outlineLvl")
    style = props.find(W + "pStyle")
    kind = styles.get(style.get(W + "val", ""), ("paragraph", 0)) if style is not None else None
    if kind is None or kind[0] == "paragraph":
        kind = _style_kind("", "", outline)
    if kind[0] == "paragraph" and props.find(W + "numPr") is not None:
        return "bullet", 0
    return kind


def _runs(element: Element) -> Iterator[str | None]:
    """Text pieces of a paragraph; None where a page break falls."""
    for child in element:
        tag = child.tag
        if tag in SKIP or tag == W + "txbxContent":
            continue
        if tag == W + "t":
            yield child.text or ""
        elif tag == W + "tab":
            yield "\t"
        elif tag in (W + "br", W + "cr"):
            yield None if child.get(W + "type") == "page" else " "
        elif tag == W + "lastRenderedPageBreak":
            yield None
        else:
            yield from _runs(child)


def _title(archive: SafeZip) -> str:
    core = archive.read_optional_xml("docProps/core.xml")
    title = core.find(DC_TITLE) if core is not None else None
    return (title.text or "").strip() if title is not None else ""
