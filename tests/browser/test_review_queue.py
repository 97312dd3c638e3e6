"""The review queue of a document in a real browser: keys, decisions in place (htmx), the
live region, focus after each swap, corrections with Dutch decimals, "accept all above"
and the plain-form fallback without JavaScript. The site's Content-Security-Policy is
enforced here, and no page may report a script error."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.conf import settings

from proeftuin.ingestion.models import Suggestion
from proeftuin.ingestion.selectors import accept_candidates
from tests.browser.driver import expect
from tests.browser.support import BROWSER_DB

pytestmark = [pytest.mark.browser, BROWSER_DB]

STILL_HERE = "window.__sameDocument = 'no page load since'"


def row_of(element_id: str) -> Suggestion:
    return Suggestion.objects.get(uuid=element_id.removeprefix("s-"))


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def expect_focus_on(page, element_id: str):
    """review.js moves focus to the new block as soon as htmx has swapped it in."""
    expect(page.locator(f"#{element_id}")).to_be_focused()


def open_queue(browsing, editor, document, query=""):
    page = browsing.page(user=editor)
    page.goto(f"/documenten/{document.uuid}/{query}")
    expect(page.locator("#review-keys")).to_be_visible()  # review.js ran
    page.evaluate(STILL_HERE)
    return page


def same_document(page) -> bool:
    return page.evaluate("window.__sameDocument === 'no page load since'")


def test_keys_move_decide_and_undo_in_place(browsing, editor, document):
    page = open_queue(browsing, editor, document)
    ids = page.locator("[data-review-item]").evaluate_all("rows => rows.map(r => r.id)")
    assert len(ids) >= 3
    page.keyboard.press("j")
    assert focused_id(page) == ids[0]
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert focused_id(page) == ids[2]
    page.keyboard.press("k")
    assert focused_id(page) == ids[1]
    page.keyboard.press("ArrowUp")
    assert focused_id(page) == ids[0]
    pending = document.suggestions.filter(status="pending").count()

    page.keyboard.press("a")
    status = page.locator("#review-status")
    label = page.locator(f"#{ids[0]}-label").inner_text()
    expect(status).to_have_text(f"Overgenomen: {label}.")
    assert row_of(ids[0]).status == Suggestion.Status.ACCEPTED
    assert same_document(page)  # swapped in place, no page load
    expect_focus_on(page, ids[0])  # focus back on the new block
    block = page.locator(f"#{ids[0]}")
    expect(block.get_by_role("button", name="Beslissing ongedaan maken")).to_be_visible()
    expect(page.locator("#part-counts")).to_contain_text(f"{pending - 1} van ")

    page.keyboard.press("u")
    expect(status).to_have_text(f"Beslissing ongedaan gemaakt: {label}.")
    assert row_of(ids[0]).status == Suggestion.Status.PENDING
    expect_focus_on(page, ids[0])
    expect(block.get_by_role("button", name="Overnemen")).to_be_visible()

    page.keyboard.press("j")
    page.keyboard.press("r")
    expect(status).to_contain_text("Afgewezen: ")
    assert row_of(ids[1]).status == Suggestion.Status.REJECTED
    expect_focus_on(page, ids[1])
    expect(page.locator("#part-counts")).to_contain_text(f"{pending - 1} van ")

    # a button reached with Tab: it is swapped away, so the script puts focus on its block
    page.locator(f"#{ids[2]}").get_by_role("button", name="Overnemen").press("Enter")
    expect(status).to_have_text(f"Overgenomen: {page.locator(f'#{ids[2]}-label').inner_text()}.")
    expect_focus_on(page, ids[2])
    assert same_document(page)

    assert not browsing.errors


def test_a_key_pressed_before_the_swap_settles_keeps_its_row(browsing, editor, document):
    """Focus goes to the new block when it is swapped in, not when htmx settles it (20 ms
    later by default): a reviewer who moves on at once keeps the row they moved to, and the
    next decision lands on that row. Here settling takes a second, so the gap is certain."""
    page = open_queue(browsing, editor, document)
    ids = page.locator("[data-review-item]").evaluate_all("rows => rows.map(r => r.id)")
    page.evaluate("htmx.config.defaultSettleDelay = 1000")
    page.keyboard.press("j")
    page.keyboard.press("a")
    status = page.locator("#review-status")
    expect(status).to_contain_text("Overgenomen: ")  # swapped in; not settled yet
    assert focused_id(page) == ids[0]
    page.keyboard.press("j")
    assert focused_id(page) == ids[1]
    page.wait_for_timeout(1300)  # settled
    assert focused_id(page) == ids[1]
    page.keyboard.press("r")
    expect(status).to_contain_text("Afgewezen: ")
    assert row_of(ids[1]).status == Suggestion.Status.REJECTED
    assert row_of(ids[0]).status == Suggestion.Status.ACCEPTED
    assert not browsing.errors


def test_e_opens_the_correction_and_a_dutch_decimal_is_saved(browsing, editor, document):
    outcome = document.suggestions.filter(field="outcomes").first()
    anchor = f"s-{outcome.uuid}"
    page = open_queue(browsing, editor, document)
    page.locator(f"#{anchor}").focus()
    page.keyboard.press("e")
    prefix = f"#id_s{outcome.uuid.hex}"
    expect(page.locator(f"{prefix}-measure")).to_be_focused()  # the first field of the form
    value = page.locator(f"{prefix}-value")
    value.fill("veel")
    value.press("Enter")
    status = page.locator("#review-status")
    expect(status).to_contain_text("De correctie is niet opgeslagen")
    expect(value).to_have_attribute("aria-invalid", "true")
    expect(value).to_be_focused()  # focus on the first field with an error
    assert Suggestion.objects.get(pk=outcome.pk).status == Suggestion.Status.PENDING

    value.fill("0,5")
    value.press("Enter")
    expect(status).to_have_text("Correctie opgeslagen: Resultaat.")
    saved = Suggestion.objects.get(pk=outcome.pk)
    assert saved.status == Suggestion.Status.EDITED and saved.final_value["value"] == 0.5
    block = page.locator(f"#{anchor}")
    expect(block.locator(".pt-review-item__value")).to_contain_text("0,5")
    expect_focus_on(page, anchor)
    assert same_document(page)
    assert not browsing.errors


def test_accept_above_shows_the_count_then_accepts_that_many(browsing, editor, document):
    page = open_queue(browsing, editor, document)
    page.get_by_label("Alles overnemen met een betrouwbaarheid van minstens").fill("0,85")
    page.get_by_role("button", name="Toon wat dit overneemt").click()
    panel = page.locator("#accept-preview-panel")
    heading = panel.get_by_role("heading")
    expect(heading).to_contain_text("met een betrouwbaarheid van 0,85 of meer")
    expect(panel).to_be_focused()
    count = int(re.search(r"Dit neemt (\d+) suggesties? over", heading.inner_text())[1])
    expected, incomplete = accept_candidates(document, 0, Decimal("0.85"))
    assert count == len(expected) and count > 1
    assert panel.locator(".pt-accept-list li").count() == count
    assert not document.suggestions.exclude(status="pending").exists()  # a look changes nothing
    assert same_document(page)

    with page.expect_navigation():
        panel.get_by_role("button", name=f"{count} suggesties overnemen").click()
    expect(page.get_by_role("status").first).to_contain_text(f"{count} suggesties overgenomen")
    accepted = set(document.suggestions.filter(status="accepted").values_list("pk", flat=True))
    assert accepted == {row.pk for row in expected}
    assert not accepted & {row.pk for row in incomplete}
    assert not browsing.errors


def test_a_value_that_is_not_complete_says_why_it_is_not_accepted(browsing, editor, document):
    template = document.suggestions.first()
    person = Suggestion.objects.create(
        source=document,
        job=template.job,
        segment=0,
        segment_title=template.segment_title,
        field="people",
        value={"name": "Rika Pot"},  # no role: to be corrected, not accepted
        start=0,
        end=10,
        quote=document.text[:10],
        step="people",
        step_version="1",
        confidence=0.7,
    )
    page = open_queue(browsing, editor, document)
    block = page.locator(f"#s-{person.uuid}")
    expect(block.get_by_role("button", name="Overnemen")).to_have_count(0)
    block.focus()
    page.keyboard.press("a")
    expect(page.locator("#review-status")).to_have_text(
        "Deze waarde is niet volledig en kan dus niet worden overgenomen: corrigeer haar "
        "(toets e) of wijs haar af."
    )
    assert Suggestion.objects.get(pk=person.pk).status == Suggestion.Status.PENDING
    page.keyboard.press("e")
    expect(page.locator(f"#id_s{person.uuid.hex}-name")).to_be_focused()
    assert not browsing.errors


COUNT_REQUESTS = """window.__requests = 0;
document.body.addEventListener("htmx:beforeRequest", () => window.__requests++);"""


def test_keys_can_be_switched_off_and_stay_off(browsing, editor, document):
    page = open_queue(browsing, editor, document)
    page.get_by_label("Sneltoetsen gebruiken").uncheck()
    first = page.locator("[data-review-item]").first
    first.focus()
    page.keyboard.press("a")
    page.keyboard.press("j")
    assert focused_id(page) == first.get_attribute("id")
    page.reload()
    expect(page.get_by_label("Sneltoetsen gebruiken")).not_to_be_checked()
    page.evaluate(COUNT_REQUESTS)  # htmx starts a request inside the key's own handler
    page.locator("[data-review-item]").first.focus()
    page.keyboard.press("a")
    assert page.evaluate("window.__requests") == 0
    page.get_by_label("Sneltoetsen gebruiken").check()
    page.locator("[data-review-item]").first.focus()
    page.keyboard.press("a")
    assert page.evaluate("window.__requests") == 1  # the counter does count
    expect(page.locator("#review-status")).to_contain_text("Overgenomen")
    assert not browsing.errors


def test_a_failed_request_is_announced_and_nothing_changes(browsing, editor, document):
    page = open_queue(browsing, editor, document)
    page.route("**/documenten/suggesties/**", lambda route: route.abort())
    page.locator("[data-review-item]").first.focus()
    page.keyboard.press("a")
    expect(page.locator("#review-status")).to_contain_text("Dat is niet gelukt")
    assert not document.suggestions.exclude(status="pending").exists()


def test_without_javascript_a_decision_returns_to_the_same_place(browsing, editor, document):
    page = browsing.page(user=editor, javascript=False)
    page.goto(f"/documenten/{document.uuid}/?casus=0&toon=alle")
    expect(page.locator("#review-keys")).to_be_hidden()  # the keys need the script
    row = page.locator("[data-review-item]").nth(1)
    anchor = row.get_attribute("id")
    with page.expect_navigation():
        row.get_by_role("button", name="Afwijzen").click()
    assert page.url.endswith(f"/documenten/{document.uuid}/?casus=0&toon=alle&pagina=1#{anchor}")
    assert row_of(anchor).status == Suggestion.Status.REJECTED
    expect(page.get_by_role("status").first).to_contain_text("Afgewezen: ")
    expect(page.locator(f"#{anchor}")).to_contain_text("Beslissing ongedaan maken")
    with page.expect_navigation():
        page.locator(f"#{anchor}").get_by_role("button", name="Beslissing ongedaan maken").click()
    assert page.url.endswith(f"#{anchor}")
    assert row_of(anchor).status == Suggestion.Status.PENDING


def test_signed_out_meanwhile_the_whole_page_goes_to_sign_in_and_back(browsing, editor, document):
    """Not the sign-in page swapped into the queue: the page itself goes there, and after
    signing in the reader is back on the same case and filter."""
    page = open_queue(browsing, editor, document, "?casus=0&toon=open")
    # the session ended (signed out in another tab, expired); the CSRF cookie stays
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    page.locator("[data-review-item]").first.focus()
    with page.expect_navigation():
        page.keyboard.press("a")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    assert page.locator("header").count() == 1
    page.get_by_label("Gebruikersnaam").fill(editor.username)
    page.get_by_label("Wachtwoord").fill("correct horse battery")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").last.click()
    assert page.url.endswith(f"/documenten/{document.uuid}/?casus=0&toon=open")
    assert not document.suggestions.exclude(status="pending").exists()
