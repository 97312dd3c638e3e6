"""The home page in a real browser, checked with axe (WCAG 2.1 A and AA)."""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.driver import expect
from tests.browser.support import BROWSER_DB

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_home_is_accessible_signed_out_and_in(browsing, editor, case):
    page = browsing.page(axe=True)
    page.goto("/")
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)
    page = browsing.page(user=editor, axe=True)
    page.goto("/")
    expect(page.get_by_role("link", name=case.title)).to_be_visible()
    expect(
        page.get_by_role("heading", name="Organisaties zoals de mijne (Gemeente Lezer)")
    ).to_be_visible()
    assert_accessible(page)
    assert not browsing.errors
