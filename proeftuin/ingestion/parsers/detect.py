"""Deciding a file's format from its content; the file name only words the error message.

Magic bytes first (``%PDF-``; a zip with ``word/document.xml`` is DOCX, one whose
``mimetype`` member says ``application/vnd.oasis.opendocument.text`` is ODT), then known
formats we refuse with a helpful message (old Word, RTF, images...), then text: HTML when it
starts with a doctype or ``<html``, or is dense with HTML tags; Markdown when it has ATX
headings (``# Title``) or, failing those, several other Markdown constructs; else plain text.
"""

from __future__ import annotations

import io
import re
import zipfile

from proeftuin.ingestion.parsers.textcodec import SAMPLE, decode_text

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
REFUSED = (
    (b"\xd0\xcf\x11\xe0", "oud Word- of Office-bestand"),
    (b"{\\rtf", "RTF"),
    (b"\x89PNG", "afbeelding"),
    (b"\xff\xd8\xff", "afbeelding"),
    (b"GIF8", "afbeelding"),
    (b"II*\x00", "afbeelding"),
    (b"MM\x00*", "afbeelding"),
)
HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b",
    re.IGNORECASE | re.DOTALL,
)
HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|h[1-6]|li|ul|ol|table|tr|td|body|head|title|"
    r"strong|em|b|i|img|section|article|nav|meta|link|script|style)\b[^>]*>",
    re.IGNORECASE,
)
MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
MD_OTHER = re.compile(
    r"^(?:```|~~~)|\[[^\]\n]+\]\([^)\s]+\)|(?<!\w)\*\*\S[^*\n]*\*\*|"
    r"^\S.*\n={3,}[ \t]*$|^>\s|^\|.*\|[ \t]*$",
    re.MULTILINE,
)


def detect_format(data: bytes, filename: str = "") -> str:
    """One of the parser keys ("pdf", "docx", "odt", "html", "markdown", "text"), or "zip"
    for a zip that is neither DOCX nor ODT, "corrupt-zip" for one that cannot be read,
    "refused:<kind>" for a known format we do not take, "empty" or "binary". ``filename`` is
    accepted for the caller's convenience but never decides."""
    head = data[:8]
    if not data.strip():
        return "empty"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK"):
        return _zip_format(data)
    for magic, kind in REFUSED:
        if head.startswith(magic):
            return f"refused:{kind}"
    return _text_format(data)


def _zip_format(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            small = "mimetype" in names and archive.getinfo("mimetype").file_size < 200
            if small and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return "corrupt-zip"
    return "zip"


def _text_format(data: bytes) -> str:
    text = decode_text(data[:SAMPLE])
    if text is None:
        return "binary"
    if HTML_START.match(text) or _tag_dense(text):
        return "html"
    if _looks_like_markdown(text):
        return "markdown"
    return "text"


def _tag_dense(text: str) -> bool:
    tags = HTML_TAG.findall(text)
    return len(tags) >= 10 and sum(len(t) for t in tags) > 0.02 * len(text)


def _looks_like_markdown(text: str) -> bool:
    if re.match(r"\ufeff?---[ \t]*\r?\n(?:[\w-]+:.*\r?\n)+---", text):
        return True  # YAML front matter, as Markdown files of static sites start
    headings = len(MD_HEADING.findall(text))
    others = len(MD_OTHER.findall(text))
    return (
        headings >= 2
        or (headings == 1 and others >= 1)
        or others >= 3
        or (headings == 1 and text.lstrip().startswith("#"))
    )
