"""HTML with the standard library's ``html.parser``: tolerant of broken markup, no dependency.

What a reader sees as the page's content is kept; the site around it is dropped:

- Always dropped: scripts, styles, forms, buttons, embedded objects, ``<nav>``, and any
  element marked as site furniture by its role (navigation, banner, contentinfo, search,
  menu, dialog), by ``hidden``/``aria-hidden``, or by a class, id or label naming a menu,
  breadcrumb, cookie or consent banner, skip link, share buttons, related links ("Lees
  ook"), newsletter, advert, pagination or sidebar.
- When the page has a ``<main>`` or ``<article>``, only the text inside them counts (the
  site header, footer and menus around them are chrome); without them a ``<footer>`` is
  dropped (a ``<header>`` then may hold the page's title).
- Kept: everything else, boxes (``<aside>`` inside the article: lessons, facts, quotes),
  ``<figure>`` captions and ``<blockquote>`` included.

``h1``-``h6`` become headings, ``li`` list items, every other block element (``p``, ``div``,
table cells...) its own paragraph. The ``<title>`` becomes the document title (without the
site's name after a last " | " or " - "), and the
publication date (a ``<time datetime>`` in the content, else a ``<meta>`` such as
``article:published_time``) ``metadata["published"]``. The charset
comes from a BOM, else a ``<meta charset>`` in the first bytes, else the same detection as
plain text.
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
    "button",
    "select",
    "object",
    "canvas",
}
CONTENT = {"main", "article"}
CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog"}
CHROME = re.compile(
    r"\b(?:nav|navbar|navigation|main-?menu|menu|breadcrumbs?|kruimelpad|cookies?|consent|"
    r"skip-?links?|skiplinks?|share|sharing|social|deel-?dit|related|lees[- ]?ook|gerelateerd|"
    r"newsletter|nieuwsbrief|advert\w*|advertenties?|pagination|paginering|sidebar|"
    r"site-?header|site-?footer)\b",
    re.IGNORECASE,
)
SITE_PARTS = re.compile(r"\b(?:header|footer|masthead|topbar|top-bar|bottombar)\b", re.I)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}  # fmt: skip
ISO_DATE = re.compile(r"(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?")
PUBLISHED_KEYS = {"article:published_time", "date", "dc.date", "dcterms.date", "datepublished",
                  "dcterms.issued", "dcterms.created"}  # fmt: skip
SITE_SEPARATOR = re.compile(r"\s+(?:\||–|—|-|::|·)\s+")
FOCUS = re.compile(r"<(?:main|article)\b", re.IGNORECASE)
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
    text = _decode(data)
    extractor = _Extractor(focus=bool(FOCUS.search(text)))
    extractor.feed(text)
    extractor.close()
    pages = extractor.writer.result()
    check_chars(pages, limits)
    metadata = dict(MARKERS)
    if extractor.published:
        metadata["published"] = extractor.published
    return ParsedDocument("html", pages, title=_page_title(extractor.title), metadata=metadata)


def _page_title(title: str) -> str:
    """ "Schuldhulp op tijd | Vernieuwingsplein" -> "Schuldhulp op tijd": a site's name
    after the last separator is no part of the page's title."""
    parts = SITE_SEPARATOR.split(title)
    if len(parts) > 1 and len(parts[-1]) < len(" ".join(parts[:-1])):
        return " | ".join(parts[:-1]).strip()
    return title


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
    def __init__(self, focus: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.writer = MarkupWriter()
        self.title = ""
        self._buffer: list[str] = []
        self._kind: tuple[str, int] = ("paragraph", 0)
        self._focus = focus  # the page has <main>/<article>: only their text counts
        self._open: list[tuple[str, bool]] = []  # open elements: (tag, dropped)
        self._dropping = 0
        self._content = 0
        self._in_title = False
        self.published = ""  # "2023-03-12": <time datetime> in the content, else <meta>

    def _active(self) -> bool:
        return not self._dropping and (not self._focus or self._content > 0)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        self._note_date(tag, dict(attrs))
        if tag in VOID:
            if tag in ("br", "hr") and self._active():
                self._flush()
            return
        dropped = self._chrome(tag, dict(attrs))
        if dropped and self._active():
            self._flush()
        self._open.append((tag, dropped))
        self._dropping += dropped
        self._content += tag in CONTENT
        if not self._active():
            return
        if tag in HEADINGS or tag == "li":
            self._flush()
            self._kind = ("heading", HEADINGS[tag]) if tag in HEADINGS else ("bullet", 0)
        elif tag in BLOCK:
            self._flush()

    def _note_date(self, tag: str, attrs: dict) -> None:
        """The publication date: a <time datetime> in the content wins over a <meta>."""
        if tag == "time" and self._active():
            found = ISO_DATE.match(attrs.get("datetime") or "")
            in_meta = self.published.endswith(" ")
            if found and (not self.published or in_meta):
                self.published = found.group(0)
        elif tag == "meta" and not self.published:
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or ""
            found = ISO_DATE.match(attrs.get("content") or "")
            if found and key.lower() in PUBLISHED_KEYS:
                self.published = found.group(0) + " "  # a <time> in the content may replace it

    def _chrome(self, tag: str, attrs: dict) -> bool:
        """Site furniture rather than content (see the module docstring)."""
        if tag in DROP or "hidden" in attrs or attrs.get("aria-hidden") == "true":
            return True
        if not self._content and (tag == "footer" or (tag == "header" and self._focus)):
            return True  # the site's header and footer, around the content
        if (attrs.get("role") or "").lower() in CHROME_ROLES:
            return True
        names = " ".join(attrs.get(key) or "" for key in ("class", "id", "aria-label"))
        if names and not self._content and SITE_PARTS.search(names):
            return True  # <div id="header">: the site's header, outside any article
        return bool(names and CHROME.search(names))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in VOID or all(open_tag != tag for open_tag, _ in self._open):
            return
        was_active = self._active()
        while self._open:
            open_tag, dropped = self._open.pop()
            self._dropping -= dropped
            self._content -= open_tag in CONTENT
            if open_tag == tag:
                break
        if was_active and (tag in HEADINGS or tag == "li" or tag in BLOCK or tag in CONTENT):
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title + " " + data.strip()).strip()
        elif self._active():
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
        self.published = self.published.strip()
