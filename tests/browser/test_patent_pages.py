"""The innovation patent pages in a real browser at 1280 and 320 px: the list, a patent
with its meetings, claims and the managers' decision forms, the report per programme, and
the award form with its error summary. Every page is checked with axe (WCAG 2.1 A/AA), for
sideways scrolling and for words broken over two lines."""

from __future__ import annotations

import datetime

import pytest

from proeftuin.accounts.models import Role
from proeftuin.organisations.services import programme_save
from proeftuin.patents import services, services_claims
from tests.browser.driver import expect
from tests.browser.pages import check_page, journey_passed
from tests.browser.support import BROWSER_DB
from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory, UserFactory, make_initiative

pytestmark = [pytest.mark.browser, BROWSER_DB]

SIZES = {"desktop": 1280, "narrow": 320}


@pytest.fixture
def patent(db, make_member):
    svb = OrganisationFactory(name="Sociale Verzekeringsbank", slug="svb")
    manager = UserFactory(username="programmamanager")
    programme = programme_save(
        actor=None, name="InAxis innovatiepatent", members=[svb], managers=[manager]
    )
    innovation = make_initiative(
        svb,
        title="De SVB voert de aanvullende bijstand voor 65-plussers uit",
        status="published",
        visibility="public",
    )
    editor = make_member(svb, Role.EDITOR)
    adopters = [
        OrganisationFactory(name=name, slug=name.lower().replace(" ", "-"))
        for name in ("Gemeente Utrecht", "Gemeente Zwolle", "Gemeente Middelburg")
    ]
    for adopter in adopters:
        make_adoption(innovation, adopter, status="adopted")
    patent = services.patent_award(
        actor=manager,
        programme=programme,
        innovation=innovation,
        conditions="Minstens één introductiegesprek per gemeente.",
        awarded_on=datetime.date(2007, 1, 15),
    )
    services.meeting_record(
        actor=editor,
        patent=patent,
        date=datetime.date(2007, 3, 1),
        adopters=adopters,
        notes="Informatiedag in Utrecht.",
    )
    paid, approved, _owed = (
        services_claims.claim_request(actor=editor, patent=patent, adopter=a) for a in adopters
    )
    services_claims.claim_decide(actor=manager, claim=paid, decision="pay")
    services_claims.claim_decide(actor=manager, claim=approved, decision="approve")
    return {"patent": patent, "manager": manager, "editor": editor}


@pytest.mark.parametrize("size", list(SIZES))
def test_the_patent_pages(browsing, patent, size):
    record, manager = patent["patent"], patent["manager"]
    page = browsing.page(user=manager, axe=True, width=SIZES[size])

    page.goto("/patenten/")
    expect(page.locator("#patent-results")).to_contain_text("1 patent")
    check_page(page)

    page.goto(f"/patenten/{record.uuid}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("aanvullende bijstand")
    expect(page.locator("#vergoedingen").locator("..")).to_contain_text("Gemeente Middelburg")
    expect(page.get_by_role("button", name="Als betaald vastleggen").first).to_be_visible()
    check_page(page)

    page.goto(f"/programmas/{record.programme.slug}/patenten/")
    expect(page.locator("#patents-total")).to_have_text("1")
    check_page(page)

    page.goto(f"/programmas/{record.programme.slug}/patenten/nieuw/")
    check_page(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Toekennen").click()
    expect(page.locator(".pt-error-summary")).to_be_visible()
    check_page(page)
    assert all("400 (Bad Request)" in error for error in browsing.errors)
    journey_passed(f"the innovation patent pages ({size})")


def test_the_innovator_claims_a_reward_twice(browsing, patent):
    record, editor = patent["patent"], patent["editor"]
    page = browsing.page(user=editor, axe=True, width=SIZES["narrow"])
    page.goto(f"/patenten/{record.uuid}/")
    page.get_by_text("De vergoeding claimen voor een overnemende organisatie").click()
    page.get_by_label("Overnemende organisatie").select_option(label="Gemeente Utrecht")
    with page.expect_navigation():
        page.get_by_role("button", name="Claimen").click()
    expect(page.locator(".pt-error-summary")).to_contain_text("al een vergoeding geclaimd")
    check_page(page)
    assert record.claims.count() == 3
    assert all("409 (Conflict)" in error for error in browsing.errors)
    journey_passed("a reward claimed twice for one adopter is refused")
