"""Comparable forms of text. They live here because the structure modules must not import
the extraction package (its steps read ``doc.structure``); ``extraction.text`` re-exports
them."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lowercase, without accents, with straight quotes and single spaces."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def compact(text: str) -> str:
    """Only letters and digits of ``fold(text)``: for matching across line breaks."""
    return re.sub(r"[^a-z0-9]", "", fold(text))
