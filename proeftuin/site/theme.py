"""The Proeftuin theme's colours: the token file, the organisation theme from settings and
the WCAG 2.1 contrast rules both must meet.

``theme.css`` holds the default colours as ``--pt-colour-*`` tokens; an organisation
replaces the primary and secondary colours through settings (``proeftuin/conf/theme.py``),
served as ``/thema.css``. The contrast pairs below are checked by a test (on the token file)
and by a system check (on the configured colours).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

TOKEN_FILE = Path(__file__).resolve().parent.parent / "static" / "proeftuin" / "theme.css"
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
TOKEN = re.compile(r"--pt-colour-([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;")
TEXT, NON_TEXT = 4.5, 3.0  # WCAG 2.1 SC 1.4.3 (normal text) and SC 1.4.11 (non-text)


@dataclass(frozen=True)
class Pair:
    foreground: str
    background: str
    minimum: float
    where: str


PAIRS = [
    Pair("text", "background", TEXT, "body text"),
    Pair("text", "background-subtle", TEXT, "text on panels and table headers"),
    Pair("text-subtle", "background", TEXT, "secondary text"),
    Pair("text-subtle", "background-subtle", TEXT, "secondary text on panels"),
    Pair("link", "background", TEXT, "links"),
    Pair("link", "background-subtle", TEXT, "links on panels"),
    Pair("link", "info-background", TEXT, "links in notices"),
    Pair("link-hover", "background", TEXT, "links under the pointer"),
    Pair("link-visited", "background", TEXT, "visited links"),
    Pair("primary-text", "primary", TEXT, "primary buttons"),
    Pair("primary-text", "primary-hover", TEXT, "primary buttons under the pointer"),
    Pair("primary", "background", TEXT, "secondary buttons, word mark"),
    Pair("primary-hover", "background-subtle", TEXT, "secondary buttons under the pointer"),
    Pair("secondary-text", "secondary", TEXT, "footer"),
    Pair("focus", "focus-background", TEXT, "focused links and buttons"),
    Pair("focus", "background", NON_TEXT, "focus outline"),
    Pair("border", "background", NON_TEXT, "form field borders"),
    Pair("error", "background", TEXT, "error messages"),
    Pair("text", "error-background", TEXT, "error notices"),
    Pair("text", "warning-background", TEXT, "warning notices"),
    Pair("warning", "warning-background", TEXT, "warning labels"),
    Pair("text", "info-background", TEXT, "information notices"),
    Pair("text", "success-background", TEXT, "confirmations"),
]

# What an organisation may set, and the token each setting replaces.
ORGANISATION_TOKENS = {
    "THEME_PRIMARY_COLOUR": "primary",
    "THEME_PRIMARY_TEXT_COLOUR": "primary-text",
    "THEME_SECONDARY_COLOUR": "secondary",
    "THEME_SECONDARY_TEXT_COLOUR": "secondary-text",
}


def luminance(colour: str) -> float:
    """Relative luminance of a ``#rrggbb`` colour (WCAG 2.1 definition)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted([luminance(first), luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darken(colour: str, share: float = 0.2) -> str:
    """``colour`` mixed with ``share`` black, as ``color-mix(in srgb, colour, black share)``."""
    channels = [round(int(colour[i : i + 2], 16) * (1 - share)) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in channels)


def default_tokens(path: Path = TOKEN_FILE) -> dict[str, str]:
    """The ``--pt-colour-*`` tokens of the theme file, by name without the prefix."""
    return {name: value.lower() for name, value in TOKEN.findall(path.read_text())}


def organisation_colours() -> dict[str, str]:
    """The colours the organisation configured, by token name (only those set)."""
    found = {}
    for setting, token in ORGANISATION_TOKENS.items():
        value = (getattr(settings, setting, "") or "").strip().lower()
        if value:
            found[token] = value
    if "primary" in found:
        found["primary-hover"] = darken(found["primary"])
    return found


def invalid_colours() -> list[str]:
    """Settings whose value is not a ``#rrggbb`` colour."""
    return [
        setting
        for setting in ORGANISATION_TOKENS
        if (value := (getattr(settings, setting, "") or "").strip()) and not HEX.match(value)
    ]


def contrast_failures(tokens: dict[str, str]) -> list[str]:
    """Each pair below its minimum, said as ``where: fg on bg = ratio (needs n)``."""
    failures = []
    for pair in PAIRS:
        foreground, background = tokens[pair.foreground], tokens[pair.background]
        ratio = contrast(foreground, background)
        if ratio < pair.minimum:
            failures.append(
                f"{pair.where}: {pair.foreground} {foreground} on {pair.background} "
                f"{background} = {ratio:.2f}:1 (needs {pair.minimum}:1)"
            )
    return failures


def effective_tokens() -> dict[str, str]:
    """The default tokens with the organisation's colours laid over them."""
    return {**default_tokens(), **organisation_colours()}


def organisation_css() -> str:
    """The style sheet ``/thema.css`` serves: the organisation's colours as tokens (empty of
    declarations when none are set, or when one of them is not a valid colour)."""
    colours = {} if invalid_colours() else organisation_colours()
    lines = [f"  --pt-colour-{token}: {value};" for token, value in sorted(colours.items())]
    body = "\n".join(lines)
    return f"/* Organisation theme (settings THEME_*). */\n.proeftuin-theme {{\n{body}\n}}\n"
