"""Restricted text for the site pages: paragraphs, headings, lists and links, nothing else.

Every character of the text is escaped; only the structures below become HTML, and links
only to http(s), mailto: or a path on this site. No raw HTML ever reaches the page."""

from __future__ import annotations

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
SAFE_TARGET = re.compile(r"^(https?://|mailto:|/(?!/))", re.IGNORECASE)


def _inline(text: str) -> str:
    """Escaped text with ``[label](target)`` links; an unsafe target stays plain text."""
    parts, last = [], 0
    for match in LINK.finditer(text):
        label, target = match.groups()
        parts.append(escape(text[last : match.start()]))
        if SAFE_TARGET.match(target):
            parts.append(format_html('<a class="utrecht-link" href="{}">{}</a>', target, label))
        else:
            parts.append(escape(match.group(0)))
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


def _block(lines: list[str]) -> str:
    first = lines[0]
    if first.startswith("### "):
        return f'<h3 class="utrecht-heading-3">{_inline(first[4:].strip())}</h3>'
    if first.startswith("## "):
        return f'<h2 class="utrecht-heading-2">{_inline(first[3:].strip())}</h2>'
    if all(line.startswith("- ") for line in lines):
        items = "".join(
            f'<li class="utrecht-unordered-list__item">{_inline(line[2:].strip())}</li>'
            for line in lines
        )
        return f'<ul class="utrecht-unordered-list">{items}</ul>'
    return f'<p class="utrecht-paragraph">{"<br>".join(_inline(line) for line in lines)}</p>'


def render(text: str) -> SafeString:
    """HTML for ``text``: blocks split on blank lines; a heading line ends its block."""
    html, block = [], []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            if block:
                html.append(_block(block))
            block = []
        elif line.startswith("#"):
            if block:
                html.append(_block(block))
            html.append(_block([line]))
            block = []
        else:
            block.append(line)
    if block:
        html.append(_block(block))
    return mark_safe("\n".join(html))  # every piece was escaped above
