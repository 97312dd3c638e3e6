"""Issue 13 in a real browser. The journey of its "Done when": a programme manager opens a
round with rules; an applicant applies and sees the prior cases ("has this been done
before?"); the screener finds the application eligible; of three reviewers the conflicted
one cannot be assigned, the other two review it; the manager moves it on to "ready for
decision", grants it in a batch (a letter follows) and makes it an initiative; the applicant
finds the funded experiment in the portfolio and its obligations. At 320 and 1280 px, each
page checked with axe (WCAG 2.1 A/AA), for sideways scrolling and for broken words."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from proeftuin.accounts.models import Role
from proeftuin.funding.models import Application, FundMember, Round
from proeftuin.funding.models_grants import DecisionLetter
from proeftuin.funding.services_reviews_scores import score_field
from proeftuin.portfolio.models import Initiative
from tests.browser.driver import expect
from tests.browser.pages import check_page, journey_passed
from tests.browser.support import BROWSER_DB
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.funding.factories import make_fund, make_programme
from tests.search_support import indexed_case

pytestmark = [pytest.mark.browser, BROWSER_DB]

SIZES = {"narrow": 320, "desktop": 1280}
ROUND_TITLE = "Ronde wijkgerichte dienstverlening"
TITLE = "Wijkzorgteams voor gezinnen met schulden"


def nl(text: str) -> str:
    """The interface's Dutch for an English msgid."""
    with translation.override("nl"):
        return gettext(text)


@pytest.fixture
def story(make_member):
    """A programme with its manager and a fund with a screener and three reviewers, one of
    whom works at the applicant's municipality; a case in the library like the idea."""
    manager = UserFactory(username="fondsbeheerder", first_name="Fenna", last_name="Beheer")
    fund = make_fund(make_programme(managers=[manager]), name="Experimentenfonds")
    lead = OrganisationFactory(name="Gemeente Deventer", slug="gemeente-deventer")
    applicant = make_member(lead, Role.EDITOR)
    screener = UserFactory(username="screener")
    FundMember.objects.create(fund=fund, user=screener, role="screener")
    reviewers = {}
    for username in ("expert", "tweede", "collega"):
        reviewers[username] = UserFactory(username=username)
        FundMember.objects.create(fund=fund, user=reviewers[username], role="reviewer")
    MembershipFactory(organisation=lead, user=reviewers["collega"], role=Role.VIEWER)
    case = indexed_case(
        title="Wijkzorgteams doorbreken de hulpverlenerscarrousel",
        summary="Gezinnen met schulden en zorgen krijgen één wijkzorgteam met één plan.",
        status="published",
        visibility="public",
    )
    return {
        "manager": manager,
        "fund": fund,
        "applicant": applicant,
        "screener": screener,
        "reviewers": reviewers,
        "case": case,
    }


def _submit(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _moment(days: int) -> str:
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _open_a_round(page, story) -> Round:
    page.goto(f"/subsidies/fondsen/{story['fund'].slug}/rondes/nieuw/")
    page.get_by_label(nl("Title"), exact=True).fill(ROUND_TITLE)
    page.get_by_label(nl("Opens at")).fill(_moment(-1))
    page.get_by_label(nl("Deadline")).fill(_moment(30))
    page.get_by_label(nl("Budget (EUR)")).fill("200000")
    page.get_by_label(nl("Published: open for applications and on the public page")).check()
    check_page(page)
    _submit(page, nl("Create round"))
    round_ = Round.objects.get(title=ROUND_TITLE)
    page.goto(f"/subsidies/rondes/{round_.slug}/inrichten/")
    criteria = page.locator("#criteria")
    for name in ("Vernieuwing", "Leerwaarde"):
        criteria.get_by_label(nl("Criterion"), exact=True).fill(name)
        with page.expect_navigation():
            criteria.get_by_role("button", name=nl("Add criterion")).click()
    rules = page.locator("#rules")
    rules.get_by_label(nl("Rule"), exact=True).select_option("max_amount")
    rules.get_by_label(nl("Maximum amount (EUR)")).fill("50000")
    with page.expect_navigation():
        rules.get_by_role("button", name=nl("Add rule")).click()
    check_page(page)
    assert round_.criteria.count() == 2 and round_.rules.get().kind == "max_amount"
    return round_


def _apply(page, round_) -> Application:
    page.goto(f"/subsidies/rondes/{round_.slug}/")
    with page.expect_navigation():
        page.get_by_role("link", name=nl("Apply"), exact=True).click()
    check_page(page)
    page.get_by_label(nl("Title")).fill(TITLE)
    _submit(page, nl("Start the application"))
    page.get_by_label(nl("Problem")).fill(
        "Gezinnen met schulden krijgen bezoek van veel hulpverleners die elkaar niet kennen."
    )
    page.get_by_label(nl("Idea")).fill(
        "Per wijk één wijkzorgteam dat één plan per gezin maakt, met één regisseur."
    )
    page.get_by_label(nl("Public summary")).fill("Eén wijkzorgteam en één plan per gezin.")
    page.get_by_label(nl("Amount requested (EUR)")).fill("40000")
    page.get_by_label(nl("Total cost (EUR)")).fill("100000")
    page.get_by_label(nl("Duration (months)")).fill("12")
    _submit(page, nl("Check whether this has been done before"))
    expect(page.locator("#prior-cases")).to_contain_text("hulpverlenerscarrousel")
    check_page(page)
    _submit(page, nl("Save"))
    _submit(page, nl("Submit the application"))
    application = Application.objects.get(title=TITLE)
    assert application.stage.key == "submitted" and application.prior_cases
    return application


def _screen(page, application) -> None:
    url = f"/subsidies/aanvragen/{application.uuid}/screening/"
    page.goto(url)
    check_page(page)
    page.get_by_label(nl("Start screening")).check()
    _submit(page, nl("Save"))
    page.goto(url)
    page.get_by_label(nl("Eligible: on to review")).check()
    page.get_by_label(nl("Reasons, or the question for the applicants")).fill("Past in de ronde.")
    _submit(page, nl("Save"))
    assert Application.objects.get(pk=application.pk).stage.key == "in_review"


def _assign(page, round_, application) -> None:
    page.goto(f"/subsidies/rondes/{round_.slug}/toewijzingen/")
    row = page.locator('section[aria-labelledby="toewijzingen"] tbody tr').filter(has_text=TITLE)
    conflicted = row.locator('td[data-label="collega"]')
    expect(conflicted).to_contain_text(nl("Conflict of interest"))
    expect(conflicted.get_by_role("button")).to_have_count(0)  # blocked: no way to assign
    check_page(page)
    for username in ("expert", "tweede"):
        cell = page.locator('section[aria-labelledby="toewijzingen"] tbody tr').filter(
            has_text=TITLE
        )
        with page.expect_navigation():
            cell.locator(f'td[data-label="{username}"]').get_by_role("button").click()
    assert set(application.assignments.values_list("reviewer__username", flat=True)) == {
        "expert",
        "tweede",
    }


def _review(browsing, width, story, application) -> None:
    criteria = list(application.round.criteria.order_by("order", "pk"))
    for username, score in (("expert", "4"), ("tweede", "3")):
        page = browsing.page(user=story["reviewers"][username], axe=True, width=width)
        page.goto("/subsidies/beoordelingen/")
        with page.expect_navigation():
            page.get_by_role("link", name=TITLE).first.click()
        for criterion in criteria:
            page.locator(f'input[name="{score_field(criterion)}"][value="{score}"]').check()
        page.get_by_label(nl("Overall comment")).fill("Sterk idee; leer van Enschede.")
        page.locator('input[name="recommendation"][value="yes"]').check()
        check_page(page)
        _submit(page, nl("Submit review"))
    assert application.assignments.filter(status="submitted").count() == 2


def _decide(page, round_, application) -> None:
    page.goto(f"/subsidies/aanvragen/{application.uuid}/beoordelingen/")
    check_page(page)
    _submit(page, nl("Ready for decision"))
    assert page.url.endswith(f"/subsidies/rondes/{round_.slug}/besluiten/")
    row = page.locator("tbody tr").filter(has_text=TITLE)
    row.locator('input[type="radio"][value="granted"]').check()
    row.get_by_label(nl("Amount granted (EUR)")).fill("40000")
    check_page(page)
    _submit(page, nl("Save these decisions (all or none)"))
    application.refresh_from_db()
    assert application.outcome == "granted" and application.stage.key == "granted"
    assert DecisionLetter.objects.filter(application=application).exists()
    page.goto(f"/subsidies/aanvragen/{application.uuid}/besluit/")
    expect(page.locator("#brieven").locator("xpath=..")).to_contain_text(TITLE)
    _submit(page, nl("Make it an initiative in the portfolio"))
    check_page(page)


def _find_it_in_the_portfolio(page, application) -> None:
    initiative = Initiative.objects.get(pk=Application.objects.get(pk=application.pk).initiative_id)
    page.goto("/initiatieven/")
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).first.click()
    assert page.url.endswith(f"/initiatieven/{initiative.slug}/")
    expect(page.locator("main")).to_contain_text("Experimentenfonds")
    check_page(page)
    page.goto(f"/subsidies/aanvragen/{application.uuid}/besluit/")
    obligations = page.locator("#verplichtingen").locator("xpath=..")
    expect(obligations).to_contain_text(nl("final report"))
    check_page(page)


@pytest.mark.parametrize("size", list(SIZES))
def test_a_new_user_walks_the_done_when_of_issue_13(browsing, story, size):
    width = SIZES[size]
    manager = browsing.page(user=story["manager"], axe=True, width=width)
    round_ = _open_a_round(manager, story)
    applicant = browsing.page(user=story["applicant"], axe=True, width=width)
    application = _apply(applicant, round_)
    _screen(browsing.page(user=story["screener"], axe=True, width=width), application)
    _assign(manager, round_, application)
    _review(browsing, width, story, application)
    _decide(manager, round_, application)
    _find_it_in_the_portfolio(applicant, application)
    assert not browsing.errors
    journey_passed(f"issue 13: round, apply, screen, review, decide, portfolio ({size})")
