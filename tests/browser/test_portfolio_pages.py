"""The portfolio pages beside the initiative journey, in a real browser: the dashboards of an
organisation and of a programme (1280, 375 and 320 px; every chart with its table), the
export of a dashboard to its download, a comment with a mention, an initiative made into a
case and an organisation's own pipeline. Every page is checked with axe (WCAG 2.1 A/AA), for
sideways scrolling and for words broken over two lines."""

from __future__ import annotations

import datetime

import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Case
from proeftuin.comments.models import Comment
from proeftuin.core.service import Workflow
from proeftuin.organisations.models import Domain, Programme
from proeftuin.portfolio.models import BudgetLine, DashboardExport, Initiative
from tests.browser.driver import expect
from tests.browser.pages import check_page, journey_passed
from tests.browser.support import BROWSER_DB
from tests.factories import OrganisationFactory, make_initiative
from tests.portfolio.test_dashboard import put_in

pytestmark = [pytest.mark.browser, BROWSER_DB]

SIZES = {"desktop": 1280, "phone": 375, "narrow": 320}
PUBLIC = {"status": "published", "visibility": "public"}


@pytest.fixture
def lead(db):
    return OrganisationFactory(name="Gemeente Proefstad", slug="gemeente-proefstad")


@pytest.fixture
def portfolio(lead):
    """Initiatives of the lead and of a partner with a long name in different stages, one in
    a domain with a long name, with a budget, and overdue evaluations and reflections."""
    partner = OrganisationFactory(
        name="Gemeenschappelijke Regeling Belastingsamenwerking Rivierenland",
        slug="belastingsamenwerking-rivierenland",
    )
    domain = Domain.objects.create(
        key="schulden-test", name="Schuldhulpverlening en bestaanszekerheid (test)"
    )
    stages = [("idea", 3), ("exploration", 40), ("pilot", 10), ("pilot", 90), ("standard", 5)]
    made = []
    for number, (key, days) in enumerate(stages):
        owner = lead if number % 2 == 0 else partner
        title = f"Wijkgerichte schuldhulpverlening {number}"
        made.append(make_initiative(owner, title=title, **PUBLIC))
        put_in(made[-1], key, days)
    put_in(make_initiative(lead, title="Stoppen met papieren post", **PUBLIC), "stopped", 20)
    made[2].domains.set([domain])
    past = datetime.date.today() - datetime.timedelta(days=7)
    Initiative.objects.filter(pk__in=[made[2].pk, made[3].pk]).update(
        evaluation_date=past, reflection_due=past
    )
    BudgetLine.objects.create(
        initiative=made[2], year=2026, funding_source="Eigen", planned=125000, committed=80000
    )
    return {"lead": lead, "partner": partner}


def links_resolve(page) -> None:
    """Every link of the error summary points at one element of the page."""
    links = page.locator(".pt-error-summary a")
    for href in links.evaluate_all("links => links.map(a => a.hash)"):
        assert page.locator(href).count() == 1, f"the error summary points at {href}"


def charts_have_tables(page) -> None:
    sections = page.locator("main section.pt-dashboard-chart")
    assert sections.count() > 0
    for index in range(sections.count()):
        section = sections.nth(index)
        if section.locator("figure.pt-chart").count():
            expect(section.locator("table caption")).to_be_visible()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_dashboards_of_an_organisation_and_a_programme(browsing, make_member, portfolio, size):
    lead, partner = portfolio["lead"], portfolio["partner"]
    programme = Programme.objects.create(
        name="Rijksprogramma Schuldhulp",
        slug="rijksprogramma-schuldhulp",
        description="Gemeenten en waterschappen werken samen aan vroegsignalering van schulden.",
    )
    programme.members.set([lead, partner])
    viewer = make_member(lead, Role.VIEWER)
    page = browsing.page(user=viewer, axe=True, width=SIZES[size])

    page.goto(f"/initiatieven/overzicht/?organisatie={lead.slug}")
    expect(page.locator("#dashboard-total")).to_contain_text("4 initiatieven")
    charts_have_tables(page)
    expect(page.locator("main")).to_contain_text("Schuldhulpverlening en bestaanszekerheid")
    check_page(page)

    page.goto(f"/initiatieven/overzicht/programma/{programme.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(programme.name)
    expect(page.locator("#dashboard-total")).to_contain_text("6 initiatieven")
    expect(page.locator("main")).to_contain_text(partner.name)  # a member, an overdue owner
    charts_have_tables(page)
    check_page(page)
    assert not browsing.errors
    journey_passed(f"the dashboards of an organisation and a programme ({size})")


def test_a_dashboard_export_is_downloaded(browsing, make_member, portfolio):
    lead = portfolio["lead"]
    viewer = make_member(lead, Role.VIEWER)
    page = browsing.page(user=viewer, axe=True)
    page.goto(f"/initiatieven/overzicht/?organisatie={lead.slug}")
    page.select_option("#export-format", "xlsx")
    with page.expect_navigation():
        page.get_by_role("button", name="Exporteren").click()
    export = DashboardExport.objects.get()
    assert page.url.endswith(f"/initiatieven/overzicht/export/{export.uuid}/")
    download_link = page.get_by_role("link", name="Het bestand downloaden")
    expect(download_link).to_be_visible()  # the job ran inline, after the commit
    check_page(page)
    with page.expect_download() as started:
        download_link.click()
    download = started.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as file:
        content = file.read()
    assert content.startswith(b"PK") and len(content) > 1000  # an xlsx is a zip
    assert not browsing.errors
    journey_passed("export a dashboard and download the file")


def test_a_member_comments_with_a_mention(browsing, make_member, lead):
    editor = make_member(lead, Role.EDITOR)
    colleague = make_member(lead, Role.CONTRIBUTOR)
    initiative = make_initiative(lead, actor=editor, status="draft", visibility="organisation")
    page = browsing.page(user=editor, axe=True)
    page.goto(f"/initiatieven/{initiative.slug}/")
    check_page(page)
    with page.expect_navigation():  # nothing written: refused, the form again with the error
        page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.locator(".pt-error-summary")).to_contain_text("Schrijf eerst een reactie.")
    links_resolve(page)
    check_page(page)
    assert all("400 (Bad Request)" in error for error in browsing.errors)  # the refusal itself
    browsing.errors.clear()

    page.goto(f"/initiatieven/{initiative.slug}/")
    body = f"@{colleague.username} kun jij de wachtlijst van maart meten?"
    page.locator("#reacties textarea[name=body]").fill(body)
    with page.expect_navigation():
        page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.locator("#reacties .pt-comments")).to_contain_text(body)
    check_page(page)
    comment = Comment.objects.get()
    assert comment.body == body
    assert colleague.notifications.filter(event="comment.mention").exists()
    assert not browsing.errors
    journey_passed("comment on an initiative with a mention")


@pytest.mark.parametrize("size", ["desktop", "narrow"])
def test_a_stopped_initiative_becomes_a_case(browsing, make_member, lead, size):
    editor = make_member(lead, Role.EDITOR)
    initiative = make_initiative(
        lead,
        actor=editor,
        title="Schuldhulp aan huis in Proefstad",
        lessons="Begin klein.\n\nBetrek de schuldeisers vanaf het begin.",
        status="published",
        visibility="organisation",
    )
    put_in(initiative, "stopped", 2)
    page = browsing.page(user=editor, axe=True, width=SIZES[size])
    page.goto(f"/initiatieven/{initiative.slug}/casus/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Maak casus")
    expect(page.locator("main table")).to_contain_text("Betrek de schuldeisers")
    check_page(page)
    assert not Case.objects.exists()  # the preview writes nothing
    with page.expect_navigation():
        page.get_by_role("button", name="Maak casus").click()
    case = Case.objects.get()
    assert page.url.endswith(f"/casussen/{case.slug}/")
    expect(page.locator("main")).to_contain_text("Ontstaan uit initiatief")
    check_page(page)
    assert not browsing.errors
    journey_passed(f"make a case of a stopped initiative ({size})")


def test_an_organisation_administrator_makes_an_own_pipeline(browsing, make_member, lead):
    admin = make_member(lead, Role.ORGANISATION_ADMIN)  # signs in with a second factor
    put_in(make_initiative(lead, title="Sneller schuldhulp", **PUBLIC), "scaling", 30)
    page = browsing.page(user=admin, axe=True)
    page.goto(f"/initiatieven/werkwijze/{lead.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(lead.name)
    check_page(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Maak een eigen werkwijze").click()
    assert Workflow.objects.filter(owner=lead).exists()
    expect(page.get_by_role("button", name="Maak een eigen werkwijze")).to_have_count(0)
    expect(page.locator("main select[name$=move_to]").first).to_be_attached()
    check_page(page)

    with page.expect_navigation():  # an initiative is in it and none is chosen to move to
        page.get_by_role("button", name="“Opschaling” verwijderen").click()
    summary = page.locator(".pt-error-summary")
    expect(summary).to_contain_text("Er zit nog 1 dossier in de fase “Opschaling”")
    links_resolve(page)
    check_page(page)
    assert all("400 (Bad Request)" in error for error in browsing.errors)  # the refusal itself
    browsing.errors.clear()

    section = page.locator("main section[aria-labelledby=stage-scaling]")
    section.locator("select[name$=move_to]").select_option("evaluation")
    with page.expect_navigation():
        section.get_by_role("button", name="“Opschaling” verwijderen").click()
    expect(page.locator("main")).to_contain_text("De fase is verwijderd (1 initiatieven")
    check_page(page)
    assert not Workflow.objects.get(owner=lead).stages.filter(key="scaling").exists()
    assert not browsing.errors
    journey_passed("make an own pipeline for an organisation and remove a stage")
