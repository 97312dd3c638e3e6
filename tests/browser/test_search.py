"""Search results in a real browser, checked with axe (WCAG 2.1 A and AA)."""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.driver import expect
from tests.browser.support import BROWSER_DB

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_search_results_are_accessible(browsing, case):
    page = browsing.page(axe=True)
    page.goto("/zoeken/?q=wijkteams")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("link", name=case.title).first).to_be_visible()
    assert_accessible(page)
    assert not browsing.errors


def test_no_results_page_is_accessible_and_helps(browsing, case, settings):
    settings.SEARCH_MEANING_CUTOFF = "0.9"  # the test model has no calibrated cut-off
    page = browsing.page(axe=True)
    page.goto("/zoeken/?q=xyzzy+qwerty")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="Geen resultaten voor “xyzzy qwerty”")).to_be_visible()
    expect(page.get_by_role("link", name="Blader door de bibliotheek")).to_be_visible()
    expect(page.get_by_role("radio", name="Zoek ook op betekenis")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("radio", name="Zoek op de woorden die ik typ").check()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("link", name="Zoek ook op betekenis")).to_be_visible()
    assert not browsing.errors
