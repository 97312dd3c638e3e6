"""Small screens and bad input in a real browser: every main page at 320 px, a very long
title and organisation name, a case with 40 outcomes, a facet with 100 values and an empty
library; how many Tab presses it takes to reach the first result; the print view of a case."""

from __future__ import annotations

import re

import pytest

from proeftuin.accounts.models import Role
from proeftuin.organisations.models import Domain
from tests.browser.driver import expect
from tests.browser.pages import TALLY, check_page
from tests.browser.support import BROWSER_DB
from tests.factories import DocumentFactory, OrganisationFactory
from tests.search_support import indexed_case

pytestmark = [pytest.mark.browser, BROWSER_DB]

LONG_WORD = "Bestuursinnovatieversnellingsprogrammacoördinatieoverleggroep" * 2  # 122 letters
LONG_TITLE = ("Een heel lange titel over samenwerking tussen gemeenten " + LONG_WORD + " ")[:200]
LONG_NAME = ("Gemeenschappelijke regeling " + LONG_WORD)[:200]


def outcome(n: int) -> dict:
    return {
        "measure": f"wachttijd voor aanvraag nummer {n} in werkdagen",
        "value": 100_000 + n,
        "unit": "eur",
        "direction": "decrease",
        "kind": "financial",
        "period": "2019–2021",
    }


@pytest.fixture
def awkward(db, make_member):
    """The bad input of issue 10: long words, 40 outcomes, 100 values of one facet."""
    organisation = OrganisationFactory(name=LONG_NAME, slug="lange-naam")
    domains = [Domain.objects.create(key=f"domein-{n}", name=f"Domein {n:03d}") for n in range(100)]
    organisation.domains.set(domains)
    document = DocumentFactory(title="Jaarverslag", url="https://example.org/jaarverslag.pdf")
    long_case = indexed_case(title=LONG_TITLE, organisations=[organisation])
    many = indexed_case(
        title="Veertig uitkomsten",
        organisations=[organisation],
        outcomes=[outcome(n) for n in range(40)],
    )
    editor = make_member(organisation, Role.ORGANISATION_ADMIN)  # may edit the organisation too
    return {
        "case": long_case,
        "many": many,
        "organisation": organisation,
        "editor": editor,
        "document": document,
    }


def main_pages(awkward) -> list[tuple[str, bool]]:
    """(path, signed in) of the main pages."""
    case, many = awkward["case"], awkward["many"]
    return [
        ("/", False),
        ("/casussen/", False),
        (f"/casussen/{case.slug}/", False),
        (f"/casussen/{many.slug}/", True),
        ("/casussen/nieuw/", True),
        (f"/casussen/{case.slug}/bewerken/", True),
        ("/organisaties/", False),
        ("/organisaties/kaart/", False),
        ("/organisaties/lange-naam/", False),
        ("/organisaties/nieuw/", True),
        ("/organisaties/lange-naam/bewerken/", True),
        ("/documenten/", True),
        ("/zoeken/?q=samenwerking", False),
        ("/zoeken/eerder-gedaan/", False),
        ("/account/inloggen/", False),
        ("/account/wachtwoord-vergeten/", False),
        ("/account/beveiliging/", True),
        ("/zoeken/?q=xyzzy+qwerty", False),
        ("/mijn-werk/", True),
        (f"/casussen/{many.slug}/publiceren/", True),
        (f"/casussen/{many.slug}/archiveren/", True),
        ("/contact/", False),
        ("/privacy/", False),
        ("/toegankelijkheid/", False),
        ("/over/", False),
    ]


def test_main_pages_fit_at_320_px(browsing, awkward):
    anonymous = browsing.page(axe=True, width=320)
    signed_in = browsing.page(user=awkward["editor"], axe=True, width=320)
    for path, signed in main_pages(awkward):
        page = signed_in if signed else anonymous
        page.goto(path)
        check_page(page)
    assert not browsing.errors


def test_an_empty_library_on_a_phone(browsing):
    page = browsing.page(axe=True, width=375)
    page.goto("/casussen/")
    expect(page.locator("#results")).to_contain_text(
        "Er zijn geen casussen die aan deze filters voldoen"
    )
    check_page(page)
    assert not browsing.errors


def test_a_facet_with_100_values_shows_ten_and_the_rest_on_request(browsing, awkward):
    page = browsing.page(axe=True, width=1280)
    page.goto("/casussen/")
    domain = page.get_by_role("group", name="Domein")
    boxes = domain.locator("input[type=checkbox]")  # (also those in the closed part)
    expect(boxes).to_have_count(100)
    visible = [box for box in boxes.all() if box.is_visible()]
    assert len(visible) == 10
    domain.get_by_text("Toon alle 100 waarden").click()
    domain.get_by_label("Domein 099").check()  # one of the rest, now shown
    expect(page.locator("#results h2")).to_have_text("2 casussen")
    # after htmx replaced the filters, the chosen value is among the ten and the rest stay open
    expect(domain.get_by_label("Domein 099")).to_be_checked()
    expect(domain.locator("details.pt-facet-more")).to_have_attribute("open", "")
    check_page(page)
    assert not browsing.errors


def tabs_to_first_result(page, *, skip: bool) -> int:
    """Tab presses from the top of the page until a result's link has the focus; with
    ``skip``, Tab to the "Go to results" skip link and follow it (the Enter not counted)."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    presses = 0
    while presses < 300:
        page.keyboard.press("Tab")
        presses += 1
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                return {result: !!el.closest(".pt-case"), text: el.textContent.trim()};
            }"""
        )
        if focused["result"]:
            return presses
        if skip and focused["text"] == "Ga naar resultaten":
            page.keyboard.press("Enter")
            skip = False
    raise AssertionError("no result link reached with Tab")


@pytest.mark.parametrize("width", [1280, 375])
def test_few_tab_presses_reach_the_first_result(browsing, awkward, width):
    page = browsing.page(width=width)
    page.goto("/casussen/")
    page.wait_for_load_state("networkidle")
    plain = tabs_to_first_result(page, skip=False)
    page.goto("/casussen/")
    page.wait_for_load_state("networkidle")
    skipping = tabs_to_first_result(page, skip=True)
    TALLY.setdefault("tab_presses_to_first_result", {})[width] = {
        "tab_only": plain,
        "with_skip_link": skipping,
    }
    assert skipping <= 5
    if width < 800:  # the filters are closed on a phone: the results come first anyway
        assert plain <= 20


def test_a_case_prints_without_the_site_around_it(browsing, awkward):
    case = awkward["case"]
    case.citations.create(document=awkward["document"], field="summary", page=3)
    page = browsing.page(user=awkward["editor"], width=1280)
    page.goto(f"/casussen/{case.slug}/")
    page.emulate_media(media="print")
    for hidden in ("header", "footer", "#similar-cases", ".pt-breadcrumbs"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.get_by_role("link", name="Casus bewerken")).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
    printed = page.locator(".pt-source-link").evaluate(
        "el => getComputedStyle(el, '::after').content"
    )
    assert "https://example.org/jaarverslag.pdf" in printed


def test_filters_on_a_phone_without_javascript(browsing):
    indexed_case(title="Wijkteams voorkomen uithuisplaatsingen")
    other = OrganisationFactory(name="Waterschap Aa", province="PV27", government_layer="water")
    indexed_case(title="Slimme sensoren in de dijk", organisations=[other])
    page = browsing.page(javascript=False, width=375)
    page.goto("/casussen/")
    results = page.locator("#results")
    province = page.get_by_role("group", name="Provincie")
    expect(province).to_be_hidden()  # results first: the filters are closed on a phone
    assert results.bounding_box()["y"] < 900  # the first screen shows where results start
    page.get_by_text("Filters", exact=True).click()
    province.get_by_label("Utrecht").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filters toepassen").click()
    expect(results.get_by_role("heading", level=2)).to_have_text("1 casus")
    page.get_by_text("Filters", exact=True).click()
    page.get_by_role("link", name="Ga naar resultaten").last.click()
    expect(page).to_have_url(re.compile(r"#results$"))
    assert not browsing.errors
