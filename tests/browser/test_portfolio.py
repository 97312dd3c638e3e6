"""The portfolio journey in a real browser, on a laptop (1280 px) and a phone (375 px): an
owner starts an initiative and sees what was done before, records a reflection, a KPI and a
measurement, moves it on; the gatekeeper first stops it without lessons (refused, in the
error summary), then with lessons after the owner wrote them. Every page is checked with axe
(WCAG 2.1 A/AA), for sideways scrolling and for words broken over two lines."""

from __future__ import annotations

import datetime

import pytest

from proeftuin.accounts.models import Role
from proeftuin.portfolio.models import Initiative
from tests.browser.driver import expect
from tests.browser.pages import WIDTHS, check_page, journey_passed
from tests.browser.support import BROWSER_DB
from tests.factories import OrganisationFactory
from tests.search_support import indexed_case

pytestmark = [pytest.mark.browser, BROWSER_DB]

TITLE = "Wijkteams voorkomen uithuisplaatsingen in Proefstad"


def save(page) -> None:
    with page.expect_navigation():
        page.locator("main form.pt-form button[type=submit]:not([name])").first.click()


def start_initiative(page) -> Initiative:
    page.goto("/initiatieven/")
    check_page(page)
    with page.expect_navigation():
        page.locator("main a[href='/initiatieven/nieuw/']").click()
    page.fill("[name=title]", TITLE)
    page.fill("[name=problem]", "Wijkteams voorkomen uithuisplaatsingen van kinderen te laat.")
    page.locator("button[name=check_prior]").click()
    expect(page.locator("#prior-cases")).to_contain_text("Wijkteams voorkomen uithuisplaatsingen")
    check_page(page)
    page.select_option("[name=kind]", "process")
    page.fill("[name=lessons]", "")
    save(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check_page(page)
    return Initiative.objects.get(title=TITLE)


def add_part(page, initiative, kind: str, fields: dict) -> None:
    page.goto(f"/initiatieven/{initiative.slug}/{kind}/nieuw/")
    for name, value in fields.items():
        if page.locator(f"select[name={name}]").count():
            page.select_option(f"select[name={name}]", value)
        else:
            page.fill(f"[name={name}]", value)
    check_page(page)
    save(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def move(page, initiative, label: str, fields: dict | None = None) -> None:
    page.goto(f"/initiatieven/{initiative.slug}/fase/")
    section = page.locator("section", has=page.get_by_role("heading", name=label, exact=True))
    for name, value in (fields or {}).items():
        section.locator(f"[name$='-{name}']").fill(value)
    check_page(page)
    with page.expect_navigation():
        section.get_by_role("button").click()


def answers(page, label: str) -> dict:
    section = page.locator("section", has=page.get_by_role("heading", name=label, exact=True))
    names = section.locator("textarea[name*='answer_']").evaluate_all("els => els.map(e => e.name)")
    return {name.split("-", 2)[-1]: "Beantwoord na de pilotperiode." for name in names}


@pytest.mark.parametrize("size", list(WIDTHS))
def test_an_initiative_from_problem_to_stop_with_lessons(browsing, make_member, size):
    indexed_case(title="Wijkteams voorkomen uithuisplaatsingen")
    owner = make_member(OrganisationFactory(name="Gemeente Proefstad"), Role.EDITOR)
    organisation = owner.memberships.get().organisation
    gatekeeper = make_member(organisation, Role.CONTRIBUTOR)
    gatekeeper.first_name, gatekeeper.last_name = "Gea", "Poortwachter"
    gatekeeper.save()
    page = browsing.page(user=owner, axe=True, width=WIDTHS[size])

    initiative = start_initiative(page)
    add_part(page, initiative, "team", {"user": str(gatekeeper.pk), "role": "gatekeeper"})
    today = datetime.date.today().isoformat()
    add_part(
        page,
        initiative,
        "reflecties",
        {"date": today, "unexpected": "Gezinnen wilden eerder meedoen dan gedacht."},
    )
    add_part(
        page,
        initiative,
        "kpis",
        {"measure": "Uithuisplaatsingen per jaar", "unit": "count", "direction": "lower"},
    )
    kpi = initiative.kpis.get()
    page.goto(f"/initiatieven/{initiative.slug}/kpis/{kpi.uuid}/metingen/nieuw/")
    page.fill("[name=date]", today)
    page.fill("[name=value]", "12")
    page.fill("[name=source]", "Registratie wijkteam")
    save(page)
    expect(page.locator("main table").first).to_contain_text("12")
    check_page(page)

    move(page, initiative, "Volgende fase")  # idea -> exploration, by the owner
    expect(page.locator("main")).to_contain_text("Verkenning")
    check_page(page)

    judge = browsing.page(user=gatekeeper, axe=True, width=WIDTHS[size])
    judge.goto(f"/initiatieven/{initiative.slug}/fase/")
    stop = "Poortbesluit: stoppen"
    fields = {"reason": "Het effect bleef uit.", **answers(judge, stop)}
    move(judge, initiative, stop, fields)
    summary = judge.locator(".pt-error-summary").first
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("les")  # the lessons are missing: nothing moved
    check_page(judge)
    initiative.refresh_from_db()
    assert initiative.stage.key == "exploration"
    assert all("400 (Bad Request)" in error for error in browsing.errors)  # the refusal itself
    browsing.errors.clear()

    page.goto(f"/initiatieven/{initiative.slug}/bewerken/")
    page.fill("[name=lessons]", "Begin met de gezinnen zelf, niet met het systeem.")
    save(page)

    judge.goto(f"/initiatieven/{initiative.slug}/fase/")
    move(judge, initiative, stop, {"reason": "Het effect bleef uit.", **answers(judge, stop)})
    expect(judge.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(judge.locator("main")).to_contain_text("Gestopt")
    check_page(judge)
    initiative.refresh_from_db()
    assert initiative.stage.key == "stopped"
    assert not browsing.errors
    journey_passed(f"start, reflect, measure and stop an initiative ({size})")
