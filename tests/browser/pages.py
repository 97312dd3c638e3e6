"""Checks every journey runs on each page it visits: no horizontal scrolling and no axe
violations (WCAG 2.1 A/AA); and the tally of what was checked, written at the end of the
run (``SUMMARY``) so the figures can be reported."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.browser.axe import report, violations

WIDTHS = {"desktop": 1280, "phone": 375}
SUMMARY = Path(os.environ.get("PROEFTUIN_BROWSER_SUMMARY", "/tmp/proeftuin-browser-summary.json"))

# What this run checked (the test process is one, so a module-level tally is enough).
TALLY: dict = {"journeys_passed": [], "pages": [], "axe_violations": 0}

OVERFLOW = """() => {
    const width = window.innerWidth;
    const main = document.querySelector("main");
    const out = el => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length;
    const wide = [...document.querySelectorAll("main *")]
        .filter(el => out(el) && ![...el.children].some(out))
        .slice(0, 3)
        .map(el => `${el.tagName.toLowerCase()}.${String(el.className).split(" ").join(".")}`
            + `#${el.id} ${Math.round(el.getBoundingClientRect().width)}px`);
    return {
        page: document.documentElement.scrollWidth - width,
        main: main ? Math.max(
            main.scrollWidth - main.clientWidth,
            Math.ceil(main.getBoundingClientRect().right) - width,
        ) : 0,
        wide,
    };
}"""


# A soft hyphen (U+00AD) belongs to its word: a word is meant to break there. Text in an SVG
# (a graph's labels) is placed by coordinates and never wraps, so it is not measured.
BROKEN_WORDS = """(longest) => {
    const broken = [];
    const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest("svg")) continue;  // drawn text: placed, never wrapped
        for (const match of node.data.matchAll(/[\\p{L}\\p{N}.,%\\u00ad]+/gu)) {
            if (match[0].length < 2 || match[0].length > longest) continue;
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()]
                .filter(r => r.width > 0).map(r => Math.round(r.top)));
            const tag = node.parentElement.tagName.toLowerCase();
            if (tops.size > 1) broken.push(`${match[0]} in ${tag}`);
        }
    }
    return broken.slice(0, 10);
}"""


def broken_words(page, *, longest: int = 24) -> list[str]:
    """Words (and numbers) of up to ``longest`` characters that the page splits over two
    lines ("Waar|de", "100.0|00"); longer words may wrap, as they must on a small screen."""
    return page.evaluate(BROKEN_WORDS, longest)


def overflow(page) -> dict:
    """How many pixels the whole page and its <main> are wider than the window (<= 0: none),
    and the first elements of <main> that stick out."""
    return page.evaluate(OVERFLOW)


def check_page(page, *, axe: bool = True) -> dict:
    """Assert that neither the whole page (header included) nor its main content scrolls
    sideways, that no word is broken over two lines and that axe finds nothing; record it."""
    page.wait_for_load_state("networkidle")
    width = page.viewport_size["width"]
    found = violations(page) if axe else []
    measured = overflow(page)
    broken = broken_words(page)
    TALLY["axe_violations"] += sum(len(v["nodes"]) for v in found)
    TALLY["pages"].append(
        {
            "url": page.url,
            "width": width,
            "axe": [v["id"] for v in found],
            "axe_checked": axe,
            "page_overflow_px": measured["page"],
            "main_overflow_px": measured["main"],
            "broken_words": broken,
        }
    )
    assert not found, f"axe: WCAG 2.1 A/AA violations on {page.url} at {width}px\n{report(found)}"
    assert measured["main"] <= 0, f"{page.url} at {width}px: main content overflows {measured}"
    assert not broken, f"{page.url} at {width}px: words broken over two lines: {broken}"
    assert measured["page"] <= 0, f"{page.url} at {width}px: page overflows {measured}"
    return measured


def journey_passed(name: str) -> None:
    TALLY["journeys_passed"].append(name)


def summary() -> dict:
    pages = TALLY["pages"]
    return {
        "journeys_passed": len(TALLY["journeys_passed"]),
        "journeys": TALLY["journeys_passed"],
        "pages_checked": len(pages),
        "pages_checked_with_axe": sum(p["axe_checked"] for p in pages),
        "axe_violations": TALLY["axe_violations"],
        "pages_with_main_overflow": sum(p["main_overflow_px"] > 0 for p in pages),
        "pages_with_page_overflow": sum(p["page_overflow_px"] > 0 for p in pages),
        "pages_with_page_overflow_at_320": sum(
            p["page_overflow_px"] > 0 for p in pages if p["width"] == 320
        ),
        "pages_with_main_overflow_at_320": sum(
            p["main_overflow_px"] > 0 for p in pages if p["width"] == 320
        ),
        "pages_with_broken_words": sum(bool(p["broken_words"]) for p in pages),
        "tab_presses_to_first_result": TALLY.get("tab_presses_to_first_result", {}),
        "overflowing": sorted(
            {f"{p['width']} {p['url']}" for p in pages if p["page_overflow_px"] > 0}
        ),
    }


def write_summary() -> dict | None:
    if not TALLY["pages"] and not TALLY.get("tab_presses_to_first_result"):
        return None
    figures = summary()
    SUMMARY.write_text(json.dumps(figures, indent=2) + "\n")
    return figures
