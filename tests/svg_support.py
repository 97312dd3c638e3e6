"""Every number in an SVG on a page is written the way SVG reads it: a decimal point, never
the Dutch decimal comma ("3,0") that Django's localisation would print under the nl locale."""

import re
from html.parser import HTMLParser

NUMBER = r"-?\d+(?:\.\d+)?"
# Attributes holding one number or a list of numbers separated by spaces.
NUMERIC = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy"}
NUMERIC |= {"width", "height", "viewbox", "stroke-width", "font-size"}
# Attributes holding coordinate pairs "x,y": exactly one comma per pair.
PAIRED = {"d", "points"}


class _SvgAttributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.depth += 1
        if self.depth:
            self.found += [(tag, name, value or "") for name, value in attrs]

    def handle_startendtag(self, tag, attrs):
        if self.depth:
            self.found += [(tag, name, value or "") for name, value in attrs]

    def handle_endtag(self, tag):
        if tag == "svg" and self.depth:
            self.depth -= 1


def _bad(name: str, value: str) -> bool:
    tokens = value.split()
    if name in NUMERIC:
        return value != "100%" and not all(re.fullmatch(NUMBER, t) for t in tokens)
    if name in PAIRED:
        pairs = [p for p in re.split(r"[A-Za-z\s]+", value) if p]
        return not all(re.fullmatch(rf"{NUMBER}(?:,{NUMBER})?", p) for p in pairs)
    return False


def svg_number_errors(html: str) -> list[str]:
    """The SVG attributes on the page whose numbers SVG cannot read (e.g. ``y="12,0"``)."""
    parser = _SvgAttributes()
    parser.feed(html)
    return [f"<{tag} {name}={value!r}>" for tag, name, value in parser.found if _bad(name, value)]


def assert_svg_numbers_plain(html: str) -> None:
    assert "<svg" in html, "the page has no SVG"
    errors = svg_number_errors(html)
    assert not errors, f"SVG numbers with a decimal comma or unreadable: {errors[:5]}"
