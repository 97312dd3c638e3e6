"""The page frame (header, menu, footer) on a 320 px phone and a 1280 px laptop: nothing
scrolls sideways, axe finds no WCAG 2.1 A/AA violation, header, main and footer share one
left edge, the menu works with and without JavaScript, and a failed htmx request says so in
Dutch while keeping what was typed."""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.driver import expect
from tests.browser.support import BROWSER_DB
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, BROWSER_DB]

WIDTHS = (320, 1280)
FOOTER_PAGES = ["/contact/", "/privacy/", "/toegankelijkheid/", "/over/"]

OVERFLOW = """() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    wide: [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                     && !e.closest('.utrecht-table-container'))
        .slice(0, 5).map(e => e.tagName + '.' + e.className),
})"""
# Single words (no space, hyphen or soft hyphen) in cells, buttons and labels that the browser
# split over two lines: "Waar|de", "100.0|00", "Overneme|n".
SPLIT_WORDS = """() => {
    const split = [];
    const words = /^[^\\s\\-\u00ad]{2,}$/;
    for (const el of document.querySelectorAll('th, td, button, .utrecht-button-link, dt, label')) {
        for (const node of el.childNodes) {
            const text = node.nodeType === 3 ? node.textContent.trim() : '';
            if (!words.test(text)) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            if (lines.size > 1) split.push(text);
        }
    }
    return split;
}"""
EDGES = """() => [
    document.querySelector('.pt-wordmark').getBoundingClientRect().left,
    document.querySelector('main h1').getBoundingClientRect().left,
    document.querySelector('.pt-footer__about').getBoundingClientRect().left,
]"""


def pages_of(case, organisation):
    return [
        "/",
        "/casussen/",
        f"/casussen/{case.slug}/",
        "/organisaties/",
        f"/organisaties/{organisation.slug}/",
        "/organisaties/kaart/",
        "/account/inloggen/",
        *FOOTER_PAGES,
    ]


def fits(page):
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["inner"], f"{page.url} scrolls sideways: {found}"
    assert not found["wide"], f"{page.url}: wider than the screen: {found['wide']}"
    split = page.evaluate(SPLIT_WORDS)
    assert not split, f"{page.url}: words broken in the middle: {split}"


def test_every_page_fits_aligns_and_passes_axe_on_phone_and_laptop(browsing, case):
    organisation = OrganisationFactory(name="Gemeente Heel Lange Naam Aan De Noordzeekust")
    page = browsing.page(axe=True)
    checked = 0
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for url in pages_of(case, organisation):
            page.goto(url)
            page.wait_for_load_state("networkidle")
            fits(page)
            edges = page.evaluate(EDGES)
            assert max(edges) - min(edges) < 1, f"{url} at {width}px: left edges {edges}"
            assert_accessible(page)
            checked += 1
    assert checked == 2 * len(pages_of(case, organisation))
    assert not browsing.errors


def test_headings_use_the_shipped_font_not_a_serif(browsing):
    page = browsing.page()
    page.goto("/over/")
    family = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert family.startswith('"Source Sans 3"')
    page.wait_for_function("document.fonts.check('700 20px \"Source Sans 3\"')")
    assert page.evaluate("document.fonts.check('700 20px \"Source Sans 3\"')")


def test_menu_is_a_disclosure_on_a_phone_without_javascript(browsing):
    page = browsing.page(javascript=False)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/")
    nav = page.get_by_role("link", name="Organisaties", exact=True)
    expect(nav).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(nav).to_be_visible()
    for button in page.locator("header button, header .utrecht-textbox").all():
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, button.inner_text()
    fits(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/casussen/")
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
    expect(page.get_by_role("link", name="Organisaties", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Casussen", exact=True)).to_have_attribute(
        "aria-current", "page"
    )


def test_menu_with_javascript_is_open_on_a_laptop_and_toggles_on_a_phone(browsing, make_member):
    member = make_member(OrganisationFactory())
    member.first_name, member.last_name = "Maximiliaan", "van Oldenbarnevelt-Hohenzollern"
    member.save()
    page = browsing.page(user=member)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    expect(page.locator("details.pt-menu")).to_have_attribute("open", "")
    page.set_viewport_size({"width": 320, "height": 800})
    expect(page.locator("details.pt-menu")).not_to_have_attribute("open", "")
    search = page.get_by_role("searchbox", name="Casussen zoeken")
    expect(search).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(search).to_be_visible()
    for control in page.locator("header button, header a").all():
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, control.inner_text()
    fits(page)
    assert not browsing.errors


def test_favicon_is_served(browsing):
    page = browsing.page()
    response = page.goto("/favicon.ico")
    assert response.ok and response.headers["content-type"] == "image/svg+xml"


def _library_query(page):
    box = page.locator("#library-q")
    box.fill("wijkteams zonder verbinding")
    return box


def test_a_request_without_connection_says_so_and_keeps_what_was_typed(browsing, case):
    page = browsing.page()
    page.goto("/casussen/")
    page.route("**/casussen/?*", lambda route: route.abort())
    box = _library_query(page)
    box.press("Enter")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Er is geen verbinding met de server")
    expect(box).to_have_value("wijkteams zonder verbinding")
    page.unroute("**/casussen/?*")
    page.locator("#library-q").press("Enter")
    expect(page.get_by_role("alert")).to_have_count(0)


def test_a_request_that_hangs_times_out_with_a_dutch_message(browsing, case):
    page = browsing.page()
    page.goto("/casussen/")
    assert page.evaluate("htmx.config.timeout") == 20000
    page.evaluate("htmx.config.timeout = 500")
    page.route("**/casussen/?*", lambda route: None)  # never answered
    box = _library_query(page)
    box.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("De server antwoordt niet op tijd")
    expect(box).to_have_value("wijkteams zonder verbinding")


def test_a_server_error_says_so(browsing, case):
    page = browsing.page()
    page.goto("/casussen/")
    page.route("**/casussen/?*", lambda route: route.fulfill(status=500, body="kapot"))
    _library_query(page).press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Er ging iets mis op de server (fout 500)")
