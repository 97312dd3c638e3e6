"""Mijn werk and the publish step in a real browser: an editor opens their work, follows a
draft to the preview, publishes it; every page checked with axe (WCAG 2.1 A/AA)."""

import pytest

from proeftuin.cases.models import Case
from tests.browser.axe import assert_accessible
from tests.browser.driver import expect
from tests.browser.support import BROWSER_DB
from tests.factories import make_case

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_editor_publishes_a_draft_from_my_work(browsing, editor):
    organisation = editor.memberships.get().organisation
    draft = make_case(organisations=[organisation], status="draft", title="Buurtbus als concept")
    page = browsing.page(user=editor, axe=True)
    page.goto("/")
    page.get_by_role("link", name="Mijn werk").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk")
    ready = page.locator("#werk-publish")
    expect(ready).to_contain_text("Klaar om te publiceren")
    expect(ready).to_contain_text("1")
    assert_accessible(page)

    page.locator("section", has=ready).get_by_role("link", name=draft.title).click()
    expect(page.get_by_role("heading", level=1).first).to_contain_text("publiceren")
    preview = page.locator(".pt-preview")
    expect(preview).to_contain_text("Voorbeeld")
    expect(preview.get_by_role("heading", name=draft.title)).to_be_visible()
    expect(preview).not_to_contain_text("Jan Jansen")  # as the public sees it: no names
    assert_accessible(page)

    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(draft.title)
    expect(page.get_by_text("De casus is gepubliceerd.")).to_be_visible()
    assert_accessible(page)
    assert Case.objects.get(pk=draft.pk).status == "published"
    assert not browsing.errors


def test_archive_confirmation_is_accessible(browsing, editor):
    organisation = editor.memberships.get().organisation
    case = make_case(organisations=[organisation], title="Te archiveren casus")
    page = browsing.page(user=editor, axe=True)
    page.goto(f"/casussen/{case.slug}/")
    page.get_by_role("link", name="Archiveren").click()
    assert_accessible(page)
    page.get_by_role("button", name="Archiveren").click()
    expect(page.get_by_text("Gearchiveerd", exact=True)).to_be_visible()
    assert_accessible(page)
    assert not browsing.errors


def test_document_delete_confirmation_is_accessible(browsing, editor, document):
    page = browsing.page(user=editor, axe=True)
    page.goto(f"/documenten/{document.uuid}/")
    page.get_by_role("link", name="Document verwijderen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("verwijderen")
    expect(page.locator("main")).to_contain_text("30 dagen")
    assert_accessible(page)
    page.get_by_role("button", name="Document verwijderen").click()
    expect(page.get_by_text("Het document is verwijderd.", exact=False)).to_be_visible()
    expect(page.get_by_role("link", name=document.filename)).to_have_count(0)
    assert_accessible(page)
    assert not browsing.errors
