"""HTML with the standard library's ``html.parser``: tolerant of broken markup, no dependency.

Scripts, styles, navigation, forms, asides and footers are dropped; ``h1``-``h6`` become
headings, ``li`` list items, every other block element (``p``, ``div``, table cells...) its own
paragraph. The ``<title>`` becomes the document title. The charset comes from a BOM, else a
``<meta charset>`` in the first bytes, else the same detection as plain text.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.parsers.base import PARSERS, check_chars, fail
from proeftuin.ingestion.parsers.markup import MARKERS, MarkupWriter
from proeftuin.ingestion.parsers.textcodec import decode_text
from proeftuin.ingestion.types import ParsedDocument

DROP = {
    "script",
    "style",
    "nav",
    "noscript",
    "template",
    "svg",
    "iframe",
    "form",
    "aside",
    "footer",
    "button",
    "select",
    "object",
    "canvas",
}
BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "address",
    "caption",
    "br",
    "hr",
    "body",
    "html",
    "details",
    "summary",
    "fieldset",
}
HEADINGS = {f"h{n}": n for n in range(1, 7)}
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@PARSERS.register("html")
def parse_html(data: bytes, *, limits: Limits) -> ParsedDocument:
    extractor = _Extractor()
    extractor.feed(_decode(data))
    extractor.close()
    pages = extractor.writer.result()
    check_chars(pages, limits)
    return ParsedDocument("html", pages, title=extractor.title, metadata=dict(MARKERS))


def _decode(data: bytes) -> str:
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        match = META_CHARSET.search(data[:4096])
        if match:
            try:
                return data.decode(match.group(1).decode("ascii"), errors="replace")
            except LookupError:
                pass
    text = decode_text(data)
    if text is None:
        raise fail("binary_text")
    return text


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.writer = MarkupWriter()
        self.title = ""
        self._buffer: list[str] = []
        self._kind: tuple[str, int] = ("paragraph", 0)
        self._dropping: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        if self._dropping:
            if tag in DROP:
                self._dropping.append(tag)
            return
        if tag in DROP:
            self._dropping.append(tag)
        elif tag in HEADINGS or tag == "li":
            self._flush()
            self._kind = ("heading", HEADINGS[tag]) if tag in HEADINGS else ("bullet", 0)
        elif tag in BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._dropping:
            if tag == self._dropping[-1]:
                self._dropping.pop()
            return
        if tag in HEADINGS or tag == "li" or tag in BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title + " " + data.strip()).strip()
        elif not self._dropping:
            self._buffer.append(data)

    def _flush(self) -> None:
        text = "".join(self._buffer)
        self._buffer = []
        kind, level = self._kind
        self._kind = ("paragraph", 0)
        if kind == "heading":
            self.writer.heading(text, level)
        elif kind == "bullet":
            self.writer.bullet(text)
        else:
            self.writer.paragraph(text)

    def close(self) -> None:
        super().close()
        self._flush()
