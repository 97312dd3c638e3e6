"""Parsers: bytes of an uploaded file -> ``ParsedDocument`` (raw text per page).

``parse_bytes`` checks the size, decides the format from the content (``detect_format``) and
calls the parser registered for it in ``PARSERS``; every parser has the signature
``parse(data: bytes, *, limits: Limits) -> ParsedDocument``. All bad input ends in an
``IngestionError`` with a stable ``code`` and a Dutch ``message``; codes:

``empty_file``, ``too_large``, ``unknown_format``, ``unsupported_format``,
``binary_text``, ``corrupt_pdf``, ``encrypted_pdf``, ``scanned_pdf``, ``too_many_pages``,
``corrupt_zip``, ``zip_bomb``, ``corrupt_document``, ``too_many_characters``, ``no_text``.

DOCX, ODT and HTML know their structure and write it as markers (see ``markup``); PDF and
plain text give lines as they come and leave the repairs to ``proeftuin.ingestion.normalise``.
"""

from __future__ import annotations

from pathlib import PurePath

from proeftuin.ingestion.limits import DEFAULT_LIMITS, Limits
from proeftuin.ingestion.parsers import docx, html, odt, pdf, text  # noqa: F401  (registers)
from proeftuin.ingestion.parsers.base import PARSERS, Parser, fail, human_size
from proeftuin.ingestion.parsers.detect import detect_format
from proeftuin.ingestion.types import ParsedDocument

__all__ = ["PARSERS", "Parser", "check_size", "detect_format", "parse_bytes"]

EXPECTED = {".pdf": "PDF", ".docx": "Word-document (.docx)", ".odt": "OpenDocument-tekst (.odt)"}


def check_size(size: int, limits: Limits | None = None) -> None:
    """Refuse an empty file or one over the byte limit, before anything reads it whole."""
    limits = limits or DEFAULT_LIMITS
    if size == 0:
        raise fail("empty_file")
    if size > limits.max_bytes:
        raise fail("too_large", size=human_size(size), limit=human_size(limits.max_bytes))


def parse_bytes(data: bytes, filename: str = "", limits: Limits | None = None) -> ParsedDocument:
    """Parse an uploaded file; ``filename`` only helps to word error messages."""
    limits = limits or DEFAULT_LIMITS
    check_size(len(data), limits)
    kind = detect_format(data, filename)
    if kind in PARSERS:
        return PARSERS[kind](data, limits=limits)
    raise _refusal(kind, filename)


def _refusal(kind: str, filename: str) -> Exception:
    if kind == "empty":
        return fail("empty_file")
    if kind == "corrupt-zip":
        return fail("corrupt_zip")
    if kind.startswith("refused:"):
        return fail("unsupported_format", kind=kind.removeprefix("refused:"))
    expected = EXPECTED.get(PurePath(filename).suffix.lower())
    if expected:
        return fail(
            "unknown_format",
            "not_expected_format",
            filename=PurePath(filename).name,
            expected=expected,
        )
    if kind == "zip":
        return fail("unsupported_format", kind="zip-archief")
    return fail("unknown_format")
