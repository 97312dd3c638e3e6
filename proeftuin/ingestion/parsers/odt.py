"""ODT (OpenDocument text): ``content.xml`` read from the zip with the standard library.

``text:h`` elements are headings (their ``text:outline-level``), paragraphs inside
``text:list`` are list items, tables are read cell by cell. ``text:soft-page-break`` (written
by LibreOffice where it last broke pages) splits the pages. Footnotes, annotations and tracked
deletions are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element

from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.parsers.base import PARSERS, check_chars, fail
from proeftuin.ingestion.parsers.markup import MARKERS, MarkupWriter
from proeftuin.ingestion.parsers.zipguard import SafeZip
from proeftuin.ingestion.types import ParsedDocument

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
SKIP = {TEXT + "note", OFFICE + "annotation", TEXT + "tracked-changes", TEXT + "sequence-decls"}
PAGE_BREAK = TEXT + "soft-page-break"
MIMETYPE = b"application/vnd.oasis.opendocument.text"


@PARSERS.register("odt")
def parse_odt(data: bytes, *, limits: Limits) -> ParsedDocument:
    archive = SafeZip(data, limits)
    if "content.xml" not in archive.names:
        raise fail("corrupt_document")
    body = archive.read_xml("content.xml").find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise fail("corrupt_document")
    writer = MarkupWriter()
    _walk(writer, body, in_list=False)
    pages = writer.result()
    check_chars(pages, limits)
    return ParsedDocument("odt", pages, title=_title(archive), metadata=dict(MARKERS))


def _walk(writer: MarkupWriter, element: Element, *, in_list: bool) -> None:
    for child in element:
        tag = child.tag
        if tag in SKIP:
            continue
        if tag == PAGE_BREAK:
            writer.page_break()
        elif tag == TEXT + "h":
            level = child.get(TEXT + "outline-level", "1")
            writer.heading(_text(child), int(level) if level.isdigit() else 1)
        elif tag == TEXT + "p":
            _paragraph(writer, child, in_list=in_list)
        else:
            _walk(writer, child, in_list=in_list or tag == TEXT + "list")


def _paragraph(writer: MarkupWriter, paragraph: Element, *, in_list: bool) -> None:
    parts: list[str] = []
    for piece in _pieces(paragraph):
        if piece is None:
            _emit(writer, "".join(parts), in_list)
            parts = []
            writer.page_break()
        else:
            parts.append(piece)
    _emit(writer, "".join(parts), in_list)


def _emit(writer: MarkupWriter, text: str, in_list: bool) -> None:
    if in_list:
        writer.bullet(text)
    else:
        writer.paragraph(text)


def _pieces(element: Element) -> Iterator[str | None]:
    """Text of an element with its inline children; None where a page break falls."""
    if element.text:
        yield element.text
    for child in element:
        tag = child.tag
        if tag == PAGE_BREAK:
            yield None
        elif tag == TEXT + "s":
            count = child.get(TEXT + "c", "1")
            yield " " * min(int(count) if count.isdigit() else 1, 100)
        elif tag in (TEXT + "tab", TEXT + "line-break"):
            yield " "
        elif tag not in SKIP:
            yield from _pieces(child)
        if child.tail:
            yield child.tail


def _text(element: Element) -> str:
    return "".join(piece for piece in _pieces(element) if piece is not None)


def _title(archive: SafeZip) -> str:
    meta = archive.read_optional_xml("meta.xml")
    if meta is None:
        return ""
    title = meta.find(f"{OFFICE}meta/{DC_TITLE}")
    return (title.text or "").strip() if title is not None else ""
