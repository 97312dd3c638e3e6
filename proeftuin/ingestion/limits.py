"""Limits that keep one uploaded document from exhausting memory or CPU.

The defaults suit real reports (the largest in the corpus is 65 pages, about 130,000
characters) with a wide margin; tests pass much smaller limits to exercise each guard
without creating large files.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 100 * MB
    """Size of the uploaded file. 100 MB fits a long PDF with many images."""

    max_pages: int = 2_000
    """Pages of a PDF, checked before any page is read."""

    max_unzipped_bytes: int = 200 * MB
    """Total uncompressed size of the members read from a DOCX or ODT (declared and actual)."""

    max_zip_ratio: int = 100
    """Uncompressed / compressed size of one zip member; ordinary XML stays well below 30,
    a zip bomb reaches 1,000 or more. Only checked for members above ``ratio_floor``."""

    ratio_floor: int = 1 * MB
    """Members smaller than this cannot do harm, whatever their ratio."""

    max_zip_members: int = 10_000
    """Entries in a zip container; a DOCX usually has fewer than 50."""

    max_chars: int = 20_000_000
    """Characters of extracted text, about 10,000 dense pages."""


DEFAULT_LIMITS = Limits()
