"""The case library and a case page in a real browser, checked with axe (WCAG 2.1 A/AA)."""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.driver import expect
from tests.browser.support import BROWSER_DB

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_library_is_accessible(browsing, case):
    page = browsing.page(axe=True)
    page.goto("/casussen/")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("link", name=case.title).first).to_be_visible()
    assert_accessible(page)
    assert not browsing.errors


def test_case_page_is_accessible(browsing, editor, case):
    page = browsing.page(user=editor, axe=True)
    page.goto(f"/casussen/{case.slug}/")
    page.wait_for_load_state("networkidle")  # panels that htmx loads after the page
    expect(page.get_by_role("heading", level=1)).to_have_text(case.title)
    assert_accessible(page)
    assert not browsing.errors
