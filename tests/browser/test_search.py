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
