"""The synthetic set: documents written for the evaluation, built from text sources at eval time.

Sources lie in ``eval/synthetic/`` (for the blind set: ``eval/blind/documents/``). An HTML,
Markdown or text document is its own source and is read as it is. A PDF, DOCX or ODT document
``NAME`` is built from ``NAME.src``, a small line markup (so no binary is committed), into
``eval/.cache/synthetic/`` (``eval/.cache/blind/``; ignored by git); the build is deterministic
and redone when the source changed.

Markup of a ``.src`` file (one line each; a blank line ends a paragraph):

    %format pdf | slides | docx | odt    required, first lines
    %title TEXT                          file metadata title (PDF info, DOCX core, ODT meta)
    %header TEXT                         PDF: running header on every page but the first
    %footer TEXT                         PDF / slides: running footer; {page} = page number
    ===                                  page break (a new slide in ``slides``)
    T: TEXT                              title (large)
    S: TEXT                              subtitle (medium)
    # TEXT / ## TEXT / ### TEXT          headings of level 1, 2, 3
    - TEXT                               bullet item
    | A | B | C |                        table row (consecutive rows make one table)
    toc: ENTRY<TAB>PAGE                  table of contents line
    ~ TEXT                               small print (a caption, a note)
    anything else                        paragraph text (consecutive lines are joined)

PDFs are drawn with the project's ``make_pdf`` (Helvetica, no wrapping of its own): a
portrait PDF is wrapped here at a fixed width and paginated like a word processor would, with
header and footer; ``slides`` makes landscape pages, one slide each. DOCX and ODT are written
with the standard library (headings as "heading N" styles, lists as numbered paragraphs,
tables as real tables, contents lines with a tab before the page number).
"""

from __future__ import annotations

import hashlib
import io
import re
import textwrap
import zipfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .documents import ROOT

SOURCES = ROOT / "eval" / "synthetic"
CACHE = ROOT / "eval" / ".cache" / "synthetic"
# The blind set (eval/blind/) uses the same markup, with its own sources and cache.
BLIND_SOURCES = ROOT / "eval" / "blind" / "documents"
BLIND_CACHE = ROOT / "eval" / ".cache" / "blind"

WRAP = 86  # characters per line of 11 pt Helvetica on A4 with 2 cm margins
SLIDE_WRAP = 78
PAGE_HEIGHT = 740  # usable points on a portrait page (make_pdf starts at 790)
SLIDE_HEIGHT = 500


@dataclass
class Block:
    kind: str  # title subtitle h1 h2 h3 p li row toc small page
    text: str


@dataclass
class Source:
    format: str
    title: str
    header: str
    footer: str
    blocks: list[Block]


def document_path(name: str, sources: Path | None = None, cache: Path | None = None) -> Path:
    """The file of a written document: the source itself (HTML, Markdown, text), or the file
    built from ``NAME.src``. ``sources`` and ``cache`` default to the synthetic set's folders
    (the blind set passes its own)."""
    sources = sources or SOURCES
    cache = cache or CACHE
    plain = sources / name
    if plain.exists():
        return plain
    source = sources / f"{name}.src"
    if not source.exists():
        return plain  # absent: reported as skipped
    text = source.read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    target = cache / name
    stamp = cache / f"{name}.sha"
    if not target.exists() or not stamp.exists() or stamp.read_text() != digest:
        cache.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build(parse(text)))
        stamp.write_text(digest)
    return target


def parse(text: str) -> Source:
    meta = {"format": "", "title": "", "header": "", "footer": ""}
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush():
        if paragraph:
            blocks.append(Block("p", " ".join(paragraph)))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("%") and not blocks and not paragraph:
            key, _, value = line[1:].partition(" ")
            meta[key] = value.strip()
            continue
        block = _line_block(line)
        if block is None:
            paragraph.append(line.strip())
            continue
        flush()
        if block.kind != "blank":
            blocks.append(block)
    flush()
    if meta["format"] not in BUILDERS:
        raise ValueError(f"unknown %format {meta['format']!r}")
    return Source(meta["format"], meta["title"], meta["header"], meta["footer"], blocks)


PREFIXES = [
    ("T: ", "title"),
    ("S: ", "subtitle"),
    ("### ", "h3"),
    ("## ", "h2"),
    ("# ", "h1"),
    ("- ", "li"),
    ("toc: ", "toc"),
    ("~ ", "small"),
]


def _line_block(line: str) -> Block | None:
    if not line.strip():
        return Block("blank", "")
    if line.strip() == "===":
        return Block("page", "")
    if line.startswith("|") and line.endswith("|"):
        return Block("row", line)
    for prefix, kind in PREFIXES:
        if line.startswith(prefix):
            return Block(kind, line[len(prefix) :].strip())
    return None


def cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


# -- PDF (portrait) ----------------------------------------------------------------------------

STYLE = {
    "title": (22, "bold"),
    "subtitle": (14, ""),
    "h1": (16, "bold"),
    "h2": (13, "bold"),
    "h3": (11, "bold"),
    "small": (9, ""),
}


def _pdf_lines(block: Block, width: int) -> list[tuple]:
    """The lines one block takes: (text, size[, "bold"]); blank lines are ("", 11)."""
    if block.kind in ("title", "subtitle", "h1", "h2", "h3", "small"):
        size, weight = STYLE[block.kind]
        wrap = width if size <= 12 else int(width * 11 / size)
        before = [("", 11)] if block.kind in ("h1", "h2") else []
        return before + [_styled(t, size, weight) for t in textwrap.wrap(block.text, wrap)]
    if block.kind == "li":
        lines = textwrap.wrap(block.text, width - 3)
        return [("• " + lines[0], 11)] + [("   " + t, 11) for t in lines[1:]]
    if block.kind == "row":
        return [("    ".join(cells(block.text)), 10)]
    if block.kind == "toc":
        entry, _, page = block.text.rpartition("\t")
        entry = entry.replace("\t", " ")
        dots = "." * max(3, width - len(entry) - len(page) - 10)
        return [(f"{entry} {dots} {page}", 11)]
    lines = textwrap.wrap(block.text, width)
    return [(t, 11) for t in lines] + [("", 11)]


def _styled(text: str, size: int, weight: str) -> tuple:
    return (text, size, weight) if weight else (text, size)


def _height(line) -> float:
    return round(line[1] * 1.2, 1)


def build_pdf(source: Source) -> bytes:
    from proeftuin.ingestion.parsers.samples import make_pdf

    pages: list[list] = []
    body: list = []
    used = 0.0

    def close_page():
        nonlocal body, used
        number = len(pages) + 1
        lines = []
        if source.header and number > 1:
            lines += [(source.header, 9), ("", 11)]
        lines += body
        taken = sum(_height(x) for x in lines)
        if source.footer:
            lines += [("", 11)] * max(0, int((PAGE_HEIGHT - taken - 20) // 13.2))
            lines.append((source.footer.format(page=number), 9))
        pages.append(lines)
        body, used = [], 0.0

    for block in source.blocks:
        if block.kind == "page":
            close_page()
            continue
        lines = _pdf_lines(block, WRAP)
        for line in lines:
            if used + _height(line) > PAGE_HEIGHT - 70:
                close_page()
            if not body and not line[0]:
                continue  # no blank line at the top of a page
            body.append(line)
            used += _height(line)
    if body:
        close_page()
    return make_pdf(pages, title=source.title)


def _slide_lines(block: Block) -> list[tuple]:
    """The lines one block takes on a slide."""
    if block.kind == "title":
        return [(t, 28, "bold") for t in textwrap.wrap(block.text, 40)] + [("", 12)]
    if block.kind == "subtitle":
        return [(t, 18) for t in textwrap.wrap(block.text, 60)]
    if block.kind == "h1":
        return [(block.text, 24, "bold"), ("", 12)]
    if block.kind == "li":
        wrapped = textwrap.wrap(block.text, SLIDE_WRAP)
        return [("• " + wrapped[0], 16)] + [("   " + t, 16) for t in wrapped[1:]]
    if block.kind == "small":
        return [(block.text, 10)]
    if block.kind == "row":
        return [("     ".join(cells(block.text)), 14)]
    return [(t, 16) for t in textwrap.wrap(block.text, SLIDE_WRAP)] + [("", 8)]


def build_slides(source: Source) -> bytes:
    from proeftuin.ingestion.parsers.samples import make_pdf

    slides: list[list[Block]] = [[]]
    for block in source.blocks:
        if block.kind == "page":
            slides.append([])
        else:
            slides[-1].append(block)
    pages = []
    for number, blocks in enumerate([s for s in slides if s], 1):
        lines = [line for block in blocks for line in _slide_lines(block)]
        if source.footer:
            taken = sum(_height(x) for x in lines)
            lines += [("", 12)] * max(0, int((SLIDE_HEIGHT - taken) // 14.4))
            lines.append((source.footer.format(page=number), 9))
        pages.append(lines)
    return make_pdf(pages, title=source.title, landscape=True)


# -- DOCX ------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.'
    'org/officeDocument/2006/relationships/officeDocument"/>'
    '<Relationship Id="rId2" Target="docProps/core.xml" Type="http://schemas.openxmlformats.'
    'org/package/2006/relationships/metadata/core-properties"/>'
    "</Relationships>"
)
DOCX_STYLE_NAMES = {
    "Titel": "Title",
    "Ondertitel": "Subtitle",
    "Kop1": "heading 1",
    "Kop2": "heading 2",
    "Kop3": "heading 3",
    "Lijstalinea": "List Paragraph",
    "Inhopg1": "toc 1",
    "Bijschrift": "caption",
}
DOCX_STYLE = {
    "title": "Titel",
    "subtitle": "Ondertitel",
    "h1": "Kop1",
    "h2": "Kop2",
    "h3": "Kop3",
    "li": "Lijstalinea",
    "toc": "Inhopg1",
    "small": "Bijschrift",
}


def _docx_paragraph(kind: str, text: str) -> str:
    props = ""
    style = DOCX_STYLE.get(kind)
    if style:
        props = f'<w:pStyle w:val="{style}"/>'
    if kind == "li":
        props += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    runs = "<w:r><w:tab/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>' for part in text.split("\t")
    )
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


def build_docx(source: Source) -> bytes:
    body: list[str] = []
    rows: list[str] = []

    def flush_table():
        if rows:
            body.append("<w:tbl>" + "".join(rows) + "</w:tbl>")
            rows.clear()

    for block in source.blocks:
        if block.kind == "row":
            row = "".join(f"<w:tc>{_docx_paragraph('p', c)}</w:tc>" for c in cells(block.text))
            rows.append(f"<w:tr>{row}</w:tr>")
            continue
        flush_table()
        if block.kind == "page":
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        else:
            body.append(_docx_paragraph(block.kind, block.text))
    flush_table()
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/></w:style>'
        for sid, name in DOCX_STYLE_NAMES.items()
    )
    parts = {
        "[Content_Types].xml": DOCX_TYPES,
        "_rels/.rels": DOCX_RELS,
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}">'
            f"<w:body>{''.join(body)}<w:sectPr/></w:body></w:document>"
        ),
        "word/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">{styles}</w:styles>'
        ),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.'
            'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org'
            f'/dc/elements/1.1/"><dc:title>{escape(source.title)}</dc:title></cp:coreProperties>'
        ),
    }
    return _zip({k: v.encode() for k, v in parts.items()})


# -- ODT -------------------------------------------------------------------------------------

ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
ODT_LEVEL = {"title": 1, "h1": 1, "h2": 2, "h3": 3}


def _odt_text(text: str) -> str:
    return re.sub(r"  +", lambda m: " " + "<text:s/>" * (len(m.group()) - 1), escape(text))


def build_odt(source: Source) -> bytes:
    body: list[str] = []
    items: list[str] = []
    rows: list[str] = []

    def flush():
        if items:
            body.append("<text:list>" + "".join(items) + "</text:list>")
            items.clear()
        if rows:
            body.append("<table:table>" + "".join(rows) + "</table:table>")
            rows.clear()

    for block in source.blocks:
        if block.kind == "li":
            items.append(
                f"<text:list-item><text:p>{_odt_text(block.text)}</text:p></text:list-item>"
            )
            continue
        if block.kind == "row":
            row = "".join(
                f"<table:table-cell><text:p>{_odt_text(c)}</text:p></table:table-cell>"
                for c in cells(block.text)
            )
            rows.append(f"<table:table-row>{row}</table:table-row>")
            continue
        flush()
        if block.kind == "page":
            body.append("<text:soft-page-break/>")
        elif block.kind in ODT_LEVEL:
            level = ODT_LEVEL[block.kind]
            body.append(f'<text:h text:outline-level="{level}">{_odt_text(block.text)}</text:h>')
        else:
            body.append(f"<text:p>{_odt_text(block.text.replace(chr(9), ' '))}</text:p>")
    flush()
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}>'
        f"<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ODT_NS}>'
        f"<office:meta><dc:title>{escape(source.title)}</dc:title></office:meta>"
        "</office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:'
        'oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'text"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    return _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": content.encode(),
            "meta.xml": meta.encode(),
            "META-INF/manifest.xml": manifest.encode(),
        }
    )


def _zip(parts: dict[str, bytes]) -> bytes:
    """A zip with fixed timestamps, so the same source gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


BUILDERS = {"pdf": build_pdf, "slides": build_slides, "docx": build_docx, "odt": build_odt}


def build(source: Source) -> bytes:
    return BUILDERS[source.format](source)
