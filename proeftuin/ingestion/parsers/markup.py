"""Page text with structure markers, written by the DOCX, ODT and HTML parsers.

Those formats know their paragraphs, headings and list items, so their parsers write one
block per line and mark the structure the way Markdown does: ``## Title`` for a level-2
heading, ``- item`` for a list item, a plain line for a paragraph. ``ParsedDocument.metadata``
then carries ``{"structure": "markers"}``, which tells ``normalise`` to take every line as one
block instead of guessing where hard-wrapped lines belong together.
"""

from __future__ import annotations

import re

SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
MARKERS = {"structure": "markers"}


def clean_inline(text: str) -> str:
    return SPACES.sub(" ", text.replace("\n", " ")).strip()


class MarkupWriter:
    """Collects blocks into pages of marker text."""

    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]

    def heading(self, text: str, level: int) -> None:
        self._add(f"{'#' * max(1, min(level, 6))} ", text)

    def bullet(self, text: str) -> None:
        self._add("- ", text)

    def paragraph(self, text: str) -> None:
        self._add("", text)

    def _add(self, prefix: str, text: str) -> None:
        text = clean_inline(text)
        if text:
            self.pages[-1].append(prefix + text)

    def page_break(self) -> None:
        """Start a new page, unless the current one is still empty."""
        if self.pages[-1]:
            self.pages.append([])

    def result(self) -> list[str]:
        pages = [p for p in self.pages if p] or [[]]
        return ["\n".join(lines) for lines in pages]
