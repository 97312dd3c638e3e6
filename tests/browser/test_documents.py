"""The document pages in a real browser: the upload page, an upload of a document without
innovation, and a document's review queue in each of its states, checked with axe
(WCAG 2.1 A and AA)."""

import pytest

from proeftuin.ingestion.parsers.samples import make_odt
from tests.browser.axe import assert_accessible
from tests.browser.driver import expect
from tests.browser.support import BROWSER_DB
from tests.ingestion.test_no_innovation_job import QUESTIONS

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_upload_page_is_accessible(browsing, editor, document):
    page = browsing.page(user=editor, axe=True)
    page.goto("/documenten/")
    expect(page.get_by_role("link", name=document.filename)).to_be_visible()
    assert_accessible(page)
    assert not browsing.errors


def test_a_document_without_innovation_says_so_and_offers_nothing_to_review(browsing, editor):
    page = browsing.page(user=editor, axe=True)
    page.goto("/documenten/")
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "vragen.odt",
                "mimeType": "application/octet-stream",
                "buffer": make_odt(QUESTIONS),
            }
        ]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Uploaden en verwerken").click()
    progress = page.locator("#job-progress")
    expect(progress.get_by_role("alert")).to_contain_text("Geen innovatie gevonden")
    expect(progress).to_contain_text("Klaar. Er is niets te beoordelen")
    expect(page.get_by_role("link", name="Suggesties bekijken")).to_have_count(0)
    expect(page.locator("[data-review-item]")).to_have_count(0)
    assert_accessible(page)
    assert not browsing.errors


def test_review_queue_is_accessible_in_each_state(browsing, editor, document):
    page = browsing.page(user=editor, axe=True)
    page.goto(f"/documenten/{document.uuid}/")
    expect(page.locator("#review-keys")).to_be_visible()
    assert_accessible(page)  # as it opens

    page.locator("details.pt-review-edit").evaluate_all("all => all.forEach(d => d.open = true)")
    assert_accessible(page)  # every correction form open

    first = page.locator("[data-review-item]").first
    first.get_by_role("button", name="Overnemen").click()
    expect(page.locator("#review-status")).to_contain_text("Overgenomen")
    assert_accessible(page)  # a decided suggestion, the live region filled

    outcome = document.suggestions.filter(field="outcomes").first()
    block = page.locator(f"#s-{outcome.uuid}")
    block.get_by_label("Waarde").fill("veel")  # its form is open already
    block.get_by_role("button", name="Correctie opslaan").click()
    expect(block.locator("[aria-invalid=true]")).to_have_count(1)
    assert_accessible(page)  # a correction with an error next to its field

    page.get_by_role("button", name="Toon wat dit overneemt").click()
    expect(page.locator("#accept-preview-panel")).to_be_focused()
    assert_accessible(page)  # the preview of "accept all above"

    page.goto(f"/documenten/{document.uuid}/casus/0/accepteren/?threshold=0,8")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)  # the same preview as a page of its own (without JavaScript)
    assert not browsing.errors
