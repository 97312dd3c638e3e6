"""Issue 14 in a real browser. The journey of its "Done when": a programme manager sets up a
competition and an edition with criteria; three organisations nominate themselves and send
in their submissions; a selection committee scores them and the long list and top are
decided; in the jury, a member who works at one nominee is blocked from scoring it; the jury
chooses two finalists, visits them and picks the winner; the finalists become cases; the
edition's casebook is made, and its cross-case analysis points every statement back to the
cases. At 320 and 1280 px, each page checked with axe (WCAG 2.1 A/AA), for sideways
scrolling and for broken words."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from proeftuin.accounts.models import Role
from proeftuin.awards.models import Casebook, Edition, Nomination, Scorecard
from tests.browser.driver import expect
from tests.browser.pages import check_page, journey_passed
from tests.browser.support import BROWSER_DB
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.funding.factories import make_programme

pytestmark = [pytest.mark.browser, BROWSER_DB]

SIZES = {"narrow": 320, "desktop": 1280}
COMPETITION = "Verkiezing Beste Uitvoeringsorganisatie"
CRITERIA = {"Openheid": "openness", "Leervermogen": "internal_learning"}
NOMINEES = {
    "Gemeente Aadorp": (
        "De gemeente bespreekt haar plannen in open bijeenkomsten met bewoners van de wijk. "
        "Bewoners lezen alle stukken vooraf en praten mee over de keuzes.",
        "Na elk project houdt het team een evaluatie met bewoners en past de aanpak aan. "
        "De lessen staan in een open logboek dat iedereen kan lezen.",
    ),
    "Waterschap Beekdal": (
        "Het waterschap bespreekt zijn plannen voor de dijken in open bijeenkomsten met bewoners. "
        "Boeren en bewoners praten mee over het peilbeheer in hun gebied.",
        "Na elke storm houdt het waterschap een evaluatie en past de aanpak van het onderhoud aan. "
        "Medewerkers delen hun lessen in leerkringen met andere waterschappen.",
    ),
    "Provincie Cederland": (
        "De provincie publiceert haar subsidiebesluiten met een uitleg in gewone taal. "
        "Ondernemers vinden de regels op een plek.",
        "Teams leren van klachten: elke maand bespreekt de directie wat beter kan.",
    ),
}
FINALISTS = ("Gemeente Aadorp", "Waterschap Beekdal")
WINNER = "Waterschap Beekdal"


def nl(text: str) -> str:
    """The interface's Dutch for an English msgid."""
    with translation.override("nl"):
        return gettext(text)


@pytest.fixture
def story(make_member):
    """A programme with its manager; three organisations with an editor each; four judges,
    one of whom works at the first nominee."""
    organiser = UserFactory(username="organisator", first_name="Olga", last_name="Organisator")
    make_programme(managers=[organiser], name="Programma Goed Bestuur")
    editors = {}
    for name in NOMINEES:
        organisation = OrganisationFactory(name=name)
        editors[name] = make_member(organisation, Role.EDITOR)
    judges = {
        name: UserFactory(username=name, first_name=name.capitalize())
        for name in ("selectievoorzitter", "selectielid", "juryvoorzitter", "jurylid")
    }
    first = editors["Gemeente Aadorp"].memberships.get().organisation
    MembershipFactory(organisation=first, user=judges["jurylid"], role=Role.VIEWER)
    return {"organiser": organiser, "editors": editors, "judges": judges}


def _submit(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _moment(days: int) -> str:
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _set_up(page) -> Edition:
    page.goto("/prijzen/")
    with page.expect_navigation():
        page.get_by_role("link", name=nl("New competition")).first.click()
    check_page(page)
    page.get_by_role("textbox", name=nl("Name"), exact=True).fill(COMPETITION)
    _submit(page, nl("Create competition"))
    check_page(page)
    year = timezone.localdate().year
    page.get_by_label(nl("Year"), exact=True).fill(str(year))
    page.get_by_label(nl("Title"), exact=True).fill(f"{COMPETITION} {year}")
    page.get_by_label(nl("Nominations open")).fill(_moment(-1))
    page.get_by_label(nl("Nominations close")).fill(_moment(10))
    page.get_by_label(nl("Deadline for submissions")).fill(_moment(20))
    page.get_by_label(nl("Size of the top")).fill("3")
    page.get_by_label(nl("Number of finalists")).fill("2")
    page.get_by_label(
        nl("Published: the edition's page is public and nominations can be made")
    ).check()
    _submit(page, nl("Create edition"))
    edition = Edition.objects.get(competition__name=COMPETITION)
    page.goto(f"/prijzen/{edition.slug}/beheer/inrichten/")
    for name, theme in CRITERIA.items():
        page.get_by_label(nl("Criterion"), exact=True).fill(name)
        page.get_by_label(nl("Casebook theme")).select_option(theme)
        _submit(page, nl("Add criterion"))
    check_page(page)
    assert list(edition.criteria.values_list("theme", flat=True)) == list(CRITERIA.values())
    return edition


def _panels(page, edition, judges) -> None:
    page.goto(f"/prijzen/{edition.slug}/beheer/")
    members = (("selection", "selectievoorzitter", True), ("selection", "selectielid", False))
    members += (("jury", "juryvoorzitter", True), ("jury", "jurylid", False))
    for kind, username, chair in members:
        form = page.locator(f'form[action$="/beheer/panels/{kind}/leden/"]')
        form.get_by_label(nl("Member"), exact=True).fill(username)
        if chair:
            form.get_by_label(nl("Chair of the panel")).check()
        with page.expect_navigation():
            form.get_by_role("button").click()
    check_page(page)
    assert edition.panels.get(kind="jury").chair == judges["juryvoorzitter"]


def _nominate(browsing, width, edition, editors) -> None:
    for index, (name, texts) in enumerate(NOMINEES.items()):
        page = browsing.page(user=editors[name], axe=True, width=width)
        page.goto(f"/prijzen/{edition.slug}/")
        with page.expect_navigation():
            page.get_by_role("link", name=nl("Nominate an organisation")).first.click()
        page.get_by_label(nl("Organisation"), exact=True).select_option(label=name)
        page.get_by_label(nl("self-nomination")).check()
        if index == 0:
            check_page(page)
        _submit(page, nl("Nominate"))
        with page.expect_navigation():
            page.get_by_role("link", name=nl("Write the submission")).click()
        for criterion, text in zip(CRITERIA, texts, strict=True):
            page.get_by_label(re.compile(f"^{criterion}")).fill(text)
        if index == 0:
            check_page(page)
        _submit(page, nl("Send in"))
        if index == 0:
            check_page(page)
    assert edition.nominations.filter(stage__key="submitted").count() == 3


def _score(page, edition, kind: str, step: str, blocked: str | None = None) -> int:
    """Score every nomination this judge may score at ``step``; the number scored."""
    page.goto(f"/prijzen/{edition.slug}/jurering/")
    section = page.locator(f'section[aria-labelledby="panel-{kind}"]')
    if blocked:
        item = section.locator("li").filter(has_text=blocked)
        expect(item.first).to_contain_text("belangenconflict")
        expect(item.first.get_by_role("link")).to_have_count(0)
    check_page(page)
    scored = 0
    links = section.get_by_role("link", name=nl("score"), exact=True)
    while links.count():
        with page.expect_navigation():
            links.first.click()
        for number, criterion in enumerate(CRITERIA):
            page.get_by_label(re.compile(f"^{criterion}")).fill(str(6 + number + scored % 3))
        if scored == 0:
            check_page(page)
        _submit(page, nl("Submit the scores"))
        scored += 1
        page.goto(f"/prijzen/{edition.slug}/jurering/")
        section = page.locator(f'section[aria-labelledby="panel-{kind}"]')
        links = section.get_by_role("link", name=nl("score"), exact=True)
    return scored


def _decide(page, edition, decision: str, chosen: tuple[str, ...]) -> None:
    page.goto(f"/prijzen/{edition.slug}/beheer/")
    form = page.locator(f'form[action$="/beheer/besluit/{decision}/"]')
    for name in chosen:  # the label: the nominee's name and its scores
        form.get_by_label(f"{name}: ").check()
    form.get_by_label(nl("Discussion notes")).fill("Besproken in de vergadering van het panel.")
    with page.expect_navigation():
        form.get_by_role("button").click()
    moved = Nomination.objects.filter(edition=edition, stage__key=decision)
    assert set(moved.values_list("owner__name", flat=True)) == set(chosen)


def _visit(page, edition) -> None:
    for name in FINALISTS:
        nomination = Nomination.objects.get(edition=edition, owner__name=name)
        page.goto(f"/prijzen/nominaties/{nomination.uuid}/werkbezoek/")
        page.get_by_label(nl("Visited on")).fill(timezone.localdate().isoformat())
        page.get_by_label(nl("Findings of the jury")).fill(
            f"De jury zag bij {name} hoe bewoners echt meepraten over de plannen."
        )
        if name == FINALISTS[0]:
            check_page(page)
        _submit(page, nl("Save"))


def _consensus(page, edition) -> None:
    winner = Nomination.objects.get(edition=edition, owner__name=WINNER)
    page.goto(f"/prijzen/nominaties/{winner.uuid}/overleg/jury/pitch/")
    expect(page.locator("main")).to_contain_text(nl("Scores side by side"))
    check_page(page)


def _cases(page, edition) -> None:
    for _name in FINALISTS:
        page.goto(f"/prijzen/{edition.slug}/beheer/")
        with page.expect_navigation():
            page.get_by_role("button", name=nl("Make it a case")).first.click()
    finals = Nomination.objects.filter(edition=edition, owner__name__in=FINALISTS)
    assert all(n.case_id for n in finals)
    winner = finals.get(owner__name=WINNER)
    page.goto(f"/casussen/{winner.case.slug}/")
    expect(page.locator("h1")).to_contain_text(WINNER)
    check_page(page)


def _casebook(page, edition) -> None:
    page.goto(f"/prijzen/{edition.slug}/")
    with page.expect_navigation():
        page.get_by_role("link", name=nl("Make a casebook of the finalists")).click()
    check_page(page)
    _submit(page, nl("Make the casebook"))  # the inline worker makes it on commit
    casebook = Casebook.objects.get(edition=edition)
    assert page.url.endswith(f"/prijzen/casebooks/{casebook.uuid}/")
    page.reload()
    analysis = page.locator('section[aria-labelledby="analysis-h"]')
    expect(analysis).to_be_visible()
    statements = analysis.locator("blockquote")
    assert statements.count() >= 2
    cases = {n.case.slug for n in edition.nominations.filter(case__isnull=False)}
    for index in range(statements.count()):
        item = statements.nth(index).locator("xpath=..")
        hrefs = item.locator("a").evaluate_all("links => links.map(a => a.pathname)")
        assert hrefs and all(href.rstrip("/").split("/")[-1] in cases for href in hrefs)
    check_page(page)


@pytest.mark.parametrize("size", list(SIZES))
def test_a_new_user_walks_the_done_when_of_issue_14(browsing, story, size):
    width = SIZES[size]
    judges = story["judges"]
    organiser = browsing.page(user=story["organiser"], axe=True, width=width)
    edition = _set_up(organiser)
    _panels(organiser, edition, judges)
    _nominate(browsing, width, edition, story["editors"])
    for username in ("selectievoorzitter", "selectielid"):
        page = browsing.page(user=judges[username], axe=True, width=width)
        assert _score(page, edition, "selection", "submission") == 3
    _decide(organiser, edition, "long_list", tuple(NOMINEES))
    _decide(organiser, edition, "top_ten", tuple(NOMINEES))
    chair = browsing.page(user=judges["juryvoorzitter"], axe=True, width=width)
    assert _score(chair, edition, "jury", "pitch") == 3
    member = browsing.page(user=judges["jurylid"], axe=True, width=width)
    assert _score(member, edition, "jury", "pitch", blocked="Gemeente Aadorp") == 2
    blocked = Nomination.objects.get(edition=edition, owner__name="Gemeente Aadorp")
    assert not Scorecard.objects.filter(judge=judges["jurylid"], nomination=blocked).exists()
    _consensus(chair, edition)
    _decide(organiser, edition, "finalist", FINALISTS)
    _visit(chair, edition)
    _decide(organiser, edition, "winner", (WINNER,))
    _cases(organiser, edition)
    _casebook(organiser, edition)
    assert not browsing.errors
    journey_passed(f"issue 14: set up, nominate, judge, decide, cases, casebook ({size})")
