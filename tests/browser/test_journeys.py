"""The main journeys in a real browser, on a laptop (1280 px) and a phone (375 px): find a
case through facets and search; sign in, create, edit and publish a case; upload a document,
review it and make a draft. Every page visited is checked with axe (WCAG 2.1 A/AA) and for
sideways scrolling of its content (tests/browser/pages.py); the figures are written at the end
of the run."""

from __future__ import annotations

import re

import pytest

from proeftuin.cases.models import Case
from tests.browser.driver import expect
from tests.browser.pages import WIDTHS, check_page, journey_passed
from tests.browser.support import BROWSER_DB
from tests.factories import OrganisationFactory
from tests.ingestion.test_review import STORY
from tests.search_support import indexed_case

pytestmark = [pytest.mark.browser, BROWSER_DB]

SIZES = pytest.mark.parametrize("size", list(WIDTHS))


def open_filters(page) -> None:
    """On a phone the filters are behind "Filters"; on a laptop they are open already."""
    summary = page.locator(".pt-filters__summary")
    if summary.is_visible():
        summary.click()


@SIZES
def test_find_a_case_through_facets_and_search(browsing, size):
    indexed_case(title="Wijkteams voorkomen uithuisplaatsingen")
    other = OrganisationFactory(name="Waterschap Aa", province="PV27", government_layer="water")
    indexed_case(title="Slimme sensoren in de dijk", organisations=[other])
    page = browsing.page(axe=True, width=WIDTHS[size])

    page.goto("/casussen/")
    check_page(page)
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Slimme sensoren in de dijk")).to_be_visible()
    open_filters(page)
    page.get_by_role("group", name="Provincie").get_by_label("Utrecht").check()
    expect(results.get_by_role("heading", level=2)).to_have_text("1 casus")
    expect(results.get_by_role("link", name="Slimme sensoren in de dijk")).to_have_count(0)
    check_page(page)
    with page.expect_navigation():
        results.get_by_role("link", name="Wijkteams voorkomen uithuisplaatsingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wijkteams voorkomen uithuisplaatsingen"
    )
    check_page(page)

    page.goto("/zoeken/?q=sensoren+dijk")
    result = page.locator("main").get_by_role("link", name="Slimme sensoren in de dijk").first
    expect(result).to_be_visible()
    check_page(page)
    with page.expect_navigation():
        result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Slimme sensoren in de dijk")
    check_page(page)
    assert not browsing.errors
    journey_passed(f"find a case ({size})")


@SIZES
def test_sign_in_create_edit_and_publish_a_case(browsing, editor, size):
    editor.set_password("correct horse battery")
    editor.save()
    page = browsing.page(axe=True, width=WIDTHS[size])
    page.goto("/casussen/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    check_page(page)
    page.locator("#id_username").fill(editor.username)
    page.locator("#id_password").fill("correct horse battery")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe casus")
    check_page(page)

    # Saved without a title: the summary at the top says so, is focused, and links the field.
    page.get_by_label("Samenvatting").fill("Buurtbewoners melden losliggende tegels met een app.")
    page.get_by_label("Eerste jaar").fill("2021")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    check_page(page)
    summary.get_by_role("link", name="Titel").click()
    expect(page.locator("#id_title")).to_be_focused()

    page.locator("#id_title").fill("Meldingen openbare ruimte met een app")
    page.get_by_label("Trekkende organisatie").select_option(label="Gemeente Lezer")
    page.get_by_label("Redactionele status").select_option("draft")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Meldingen openbare ruimte met een app"
    )
    check_page(page)
    case = Case.objects.get(title="Meldingen openbare ruimte met een app")
    assert case.status == "draft"

    with page.expect_navigation():
        page.get_by_role("link", name="Casus bewerken").click()
    check_page(page)
    page.locator("#id_title").fill("Meldingen over de openbare ruimte met een app")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    # The publish step: a preview of the public page, then a confirmation.
    with page.expect_navigation():
        page.locator(".pt-case-actions").get_by_role("link", name="Publiceren").click()
    expect(page.locator(".pt-preview")).to_contain_text("Meldingen over de openbare ruimte")
    check_page(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Meldingen over de openbare ruimte met een app"
    )
    expect(page.locator(".pt-changed")).to_contain_text(editor.username)
    check_page(page)
    case.refresh_from_db()
    assert case.status == "published"
    # (the form with errors is answered with 400 Bad Request, which the console reports)
    assert not [e for e in browsing.errors if "status of 400" not in e]
    journey_passed(f"create, edit and publish a case ({size})")


@SIZES
def test_upload_a_document_review_it_and_make_a_draft(browsing, editor, size):
    page = browsing.page(user=editor, axe=True, width=WIDTHS[size])
    page.goto("/documenten/")
    check_page(page)
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "proefstad.txt",
                "mimeType": "text/plain",
                "buffer": STORY,
            }
        ]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Uploaden en verwerken").click()
    check_page(page)  # the document's page with its progress
    page.goto(page.url)  # (the job ran at once in tests; the queue shows on the next load)
    first = page.locator("[data-review-item]").first
    expect(first).to_be_visible()
    check_page(page)
    first.get_by_role("button", name="Overnemen").click()
    expect(page.locator("#review-status")).to_contain_text("Overgenomen")
    page.get_by_label("Alles overnemen met een betrouwbaarheid van minstens").fill("0,5")
    page.get_by_role("button", name="Toon wat dit overneemt").click()
    panel = page.locator("#accept-preview-panel")
    expect(panel).to_be_focused()
    check_page(page)
    with page.expect_navigation():
        panel.get_by_role("button", name=re.compile(r"suggesties overnemen")).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Conceptcasus maken van de overgenomen waarden").click()
    expect(page).to_have_url(re.compile(r"/casussen/[^/]+/$"))  # the new draft case
    check_page(page)
    assert Case.objects.filter(status="draft").exists()
    assert not browsing.errors
    journey_passed(f"upload, review and make a draft ({size})")
