"""Issue 12 in a real browser. The journey of its "Done when", walked by a new user of a
municipality: record an adoption and see the lineage grow, get adopter suggestions with
reasons, join a learning circle, link one barrier to initiatives of two organisations and
see it on the heatmap and in the report for its authority, and report a rule through the
public form. Then a sweep of every page of adoptions, matching, groups, the barrier
register and the public form at 320 and 1280 px: axe (WCAG 2.1 A/AA), no sideways
scrolling, no word broken over two lines."""

from __future__ import annotations

import datetime

import pytest

from proeftuin.accounts.models import Role
from proeftuin.barriers.models import Authority, Barrier, BarrierLink, BarrierReport
from proeftuin.barriers.reports import report_submit
from proeftuin.barriers.services import barrier_create
from proeftuin.circles.models import CircleMember
from proeftuin.circles.services import circle_create, request_join
from proeftuin.circles.services_meetings import meeting_create, question_ask
from proeftuin.diffusion.models import Adoption, AdoptionMeasure
from tests.browser.driver import expect
from tests.browser.pages import check_page, journey_passed
from tests.browser.support import BROWSER_DB
from tests.diffusion.factories import make_adoption
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, make_initiative

pytestmark = [pytest.mark.browser, BROWSER_DB]

PUBLIC = {"status": "published", "visibility": "public"}
SIZES = {"narrow": 320, "desktop": 1280}


@pytest.fixture
def story(make_member):
    """The SVB-style innovation with one adopter already, a learning circle around it, a
    municipality whose new editor walks the journey, an executive agency beside it, and the
    authority that could remove their shared barrier."""
    svb = OrganisationFactory(name="Sociale Verzekeringsbank", slug="svb", province="PV27")
    zwolle = OrganisationFactory(name="Gemeente Zwolle", slug="gemeente-zwolle", province="PV23")
    almere = OrganisationFactory(name="Gemeente Almere", slug="gemeente-almere", province="PV24")
    uwv = OrganisationFactory(
        name="Uitvoeringsinstituut Werknemersverzekeringen",
        slug="uwv",
        government_layer="national",
        organisation_type="executive_agency",
    )
    host = make_member(svb, Role.EDITOR)
    innovation = make_initiative(
        svb, title="Budgetbeheer voor mensen met een persoonsgebonden budget", **PUBLIC
    )
    make_adoption(innovation, zwolle, status="adopted")
    circle = circle_create(
        actor=host,
        innovation=innovation,
        title="Leerkring budgetbeheer",
        kind="learning_circle",
        openness="signed_in",
        description="Gemeenten die budgetbeheer invoeren, leren van elkaars aanpak.",
    )
    return {
        "svb": svb,
        "almere": almere,
        "uwv": uwv,
        "host": host,
        "newcomer": make_member(almere, Role.EDITOR),
        "uwv_editor": make_member(uwv, Role.EDITOR),
        "innovation": innovation,
        "circle": circle,
        "own": make_initiative(almere, title="Schuldhulp zonder wachtlijst", **PUBLIC),
        "theirs": make_initiative(uwv, title="Vroegsignalering van achterstanden", **PUBLIC),
        "authority": Authority.objects.create(
            name="Autoriteit Persoonsgegevens", slug="autoriteit-persoonsgegevens", kind="regulator"
        ),
    }


def _submit(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _record_an_adoption(page, story) -> None:
    innovation = story["innovation"]
    page.goto(f"/initiatieven/{innovation.slug}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Wij willen dit ook").first.click()
    check_page(page)
    _submit(page, "Adoptie starten")
    adoption = Adoption.objects.get(adopter=story["almere"])
    assert page.url.endswith(f"/adopties/{adoption.uuid}/")
    check_page(page)
    page.goto(f"/adopties/initiatief/{innovation.slug}/")
    graph = page.locator("figure.pt-lineage svg")
    expect(graph).to_contain_text("Gemeente Almere")  # the lineage grew: a second adopter
    expect(graph.locator("g.pt-lineage-node")).to_have_count(3)
    expect(page.locator("#lineage-desc")).to_contain_text("2 organisaties")
    check_page(page)


def _adopter_suggestions(page, story) -> None:
    page.goto(f"/overname/initiatief/{story['innovation'].slug}/wie-heeft-hier-ook-iets-aan/")
    best = page.locator("ol.pt-matches > li").first
    expect(best).to_be_visible()  # Almere adopts already: another organisation, with reasons
    expect(best).not_to_contain_text("Gemeente Almere")
    expect(best.get_by_role("list", name="Redenen").locator("li").first).not_to_be_empty()
    check_page(page)


def _join_the_circle(browsing, page, story) -> None:
    circle, newcomer = story["circle"], story["newcomer"]
    page.goto(f"/groepen/{circle.uuid}/")
    page.get_by_role("textbox", name="Waarom").fill("Wij voeren het in en willen meeleren.")
    _submit(page, "Vraag om lid te worden")
    page.goto(f"/groepen/{circle.uuid}/")
    expect(page.locator("#join-pending")).to_contain_text("Uw verzoek is verstuurd")
    expect(page.get_by_role("button", name="Vraag om lid te worden")).to_have_count(0)
    check_page(page)
    hosting = browsing.page(user=story["host"], axe=True, width=page.viewport_size["width"])
    hosting.goto(f"/groepen/{circle.uuid}/")
    check_page(hosting)
    _submit(hosting, "Goedkeuren")
    assert CircleMember.objects.filter(circle=circle, user=newcomer).exists()
    page.goto(f"/groepen/{circle.uuid}/")
    expect(page.get_by_role("button", name="Stand opslaan")).to_be_visible()  # a member now
    check_page(page)


def _link(page, initiative, title: str) -> None:
    page.goto(f"/knelpunten/van/initiatief/{initiative.slug}/")
    page.get_by_label("Knelpunt", exact=True).select_option(label=title)
    _submit(page, "Koppelen")
    check_page(page)


def _one_barrier_two_organisations(browsing, page, story) -> None:
    title = "Gegevens over betalingsachterstanden mogen niet gedeeld worden"
    page.goto("/knelpunten/nieuw/")
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Categorie").select_option(label="privacy en gegevensdeling")
    page.get_by_label("Beschrijving").fill("De AVG zou het delen van signalen verbieden.")
    authority = page.get_by_label("Instantie die het kan wegnemen")
    authority.select_option(label="Autoriteit Persoonsgegevens")
    expect(page.get_by_label("Vastgelegd door organisatie")).to_have_value(str(story["almere"].pk))
    check_page(page)
    _submit(page, "Opslaan")
    barrier = Barrier.objects.get(title=title)
    assert page.url.endswith(f"/knelpunten/{barrier.slug}/")
    _link(page, story["own"], title)
    agency = browsing.page(user=story["uwv_editor"], axe=True, width=page.viewport_size["width"])
    _link(agency, story["theirs"], title)
    assert BarrierLink.objects.filter(barrier=barrier, status="confirmed").count() == 2

    page.goto("/knelpunten/patroon/")
    heatmap = page.locator("#heatmap")
    for layer in ("Lokaal", "Nationaal"):  # a municipality and an executive agency
        row = heatmap.locator("tbody tr").filter(has_text=layer)
        expect(row.locator('td[data-label="Privacy en gegevensdeling"]')).to_have_text("1")
    check_page(page)
    page.goto(f"/knelpunten/instanties/{story['authority'].slug}/")
    row = page.locator("#authority-report tbody tr").filter(has_text=title)
    expect(row).to_contain_text("Gemeente Almere")
    expect(row).to_contain_text(story["uwv"].name)
    check_page(page)


def _report_a_rule(browsing, width: int) -> None:
    page = browsing.page(axe=True, width=width)  # the public, not signed in
    page.goto("/regel-melden/")
    page.get_by_label("Welke regel?").fill("Verordening maatschappelijke ondersteuning, artikel 4")
    page.get_by_label("Wat gaat er mis?").fill(
        "Elke aanvraag voor een traplift vraagt een nieuw keukentafelgesprek."
    )
    page.get_by_label("Anoniem melden").check()
    check_page(page)
    _submit(page, "Melding versturen")
    report = BarrierReport.objects.get()
    assert page.url.endswith(f"/regel-melden/{report.uuid}/") and report.status == "pending"
    check_page(page)


@pytest.mark.parametrize("size", list(SIZES))
def test_a_new_user_walks_the_done_when_of_issue_12(browsing, story, size):
    width = SIZES[size]
    page = browsing.page(user=story["newcomer"], axe=True, width=width)
    _record_an_adoption(page, story)
    _adopter_suggestions(page, story)
    _join_the_circle(browsing, page, story)
    _one_barrier_two_organisations(browsing, page, story)
    _report_a_rule(browsing, width)
    assert not browsing.errors
    journey_passed(f"issue 12: adoption, suggestions, circle, barrier, rule report ({size})")


@pytest.fixture
def filled(story, make_member):
    """Something on every page: an adoption with measures, a meeting and a question in the
    circle, a request waiting, a barrier linked to both organisations, a public report."""
    adoption = make_adoption(story["innovation"], story["almere"], status="adapted")
    AdoptionMeasure.objects.create(
        adoption=adoption, measure="Wachttijd voor budgetbeheer", unit="days", baseline=90, value=30
    )
    circle, host = story["circle"], story["host"]
    meeting = meeting_create(
        actor=host, circle=circle, title="Eerste bijeenkomst", date=datetime.date(2026, 3, 1)
    )
    question = question_ask(actor=host, circle=circle, title="Hoe regelen jullie de intake?")
    request_join(actor=story["uwv_editor"], circle=circle, message="Wij willen meedoen.")
    barrier = barrier_create(
        actor=story["newcomer"],
        owner=story["almere"],
        data={
            "title": "Gegevensdeling tussen gemeente en uitvoeringsinstantie",
            "category": "privacy",
            "description": "De AVG zou het delen van signalen verbieden.",
            "authority": story["authority"],
            **PUBLIC,
        },
    )
    from proeftuin.barriers.links import barrier_link

    barrier_link(actor=story["newcomer"], barrier=barrier, subject=story["own"])
    barrier_link(actor=story["uwv_editor"], barrier=barrier, subject=story["theirs"])
    report = report_submit(
        data={
            "rule": "Participatiewet, artikel 8",
            "description": "Te streng voor mensen die willen werken.",
            "anonymous": True,
        },
        sender="sweep",
    )
    steward = UserFactory(is_platform_admin=True, first_name="Sanne", last_name="Steward")
    MembershipFactory(organisation=story["almere"], user=steward, role=Role.ORGANISATION_ADMIN)
    return {
        "adoption": adoption,
        "meeting": meeting,
        "question": question,
        "barrier": barrier,
        "report": report,
        "steward": steward,
    }


def _issue_12_pages(story, filled) -> list[str]:
    innovation, circle, barrier = story["innovation"], story["circle"], filled["barrier"]
    adoption, almere = filled["adoption"], story["almere"]
    pages = ["/adopties/", f"/adopties/organisatie/{almere.slug}/"]
    pages += [f"/adopties/{adoption.uuid}/{part}" for part in ("", "bewerken/", "status/")]
    pages += [f"/adopties/{adoption.uuid}/{p}" for p in ("eigen-initiatief/", "intrekken/")]
    pages += [f"/adopties/initiatief/{innovation.slug}/"]
    pages += [f"/adopties/initiatief/{story['theirs'].slug}/overnemen/"]
    pages += [f"/overname/initiatief/{innovation.slug}/wie-heeft-hier-ook-iets-aan/"]
    pages += [f"/overname/organisatie/{almere.slug}/wat-past-bij-ons/"]
    pages += ["/groepen/", "/groepen/mijn/", f"/groepen/{circle.uuid}/"]
    pages += [f"/groepen/{circle.uuid}/bewerken/"]
    pages += [f"/groepen/nieuw/initiatief/{story['own'].slug}/"]
    pages += [f"/groepen/{circle.uuid}/bijeenkomsten/{filled['meeting'].uuid}/"]
    pages += [f"/groepen/{circle.uuid}/vragen/{filled['question'].uuid}/"]
    pages += ["/knelpunten/", "/knelpunten/nieuw/", "/knelpunten/patroon/"]
    pages += ["/knelpunten/patroon/?axis=type", "/knelpunten/instanties/"]
    pages += ["/knelpunten/instanties/nieuw/", f"/knelpunten/instanties/{story['authority'].slug}/"]
    pages += [f"/knelpunten/instanties/{story['authority'].slug}/bewerken/"]
    pages += [f"/knelpunten/{barrier.slug}/{part}" for part in ("", "bewerken/", "dossier/")]
    pages += [f"/knelpunten/{barrier.slug}/samenvoegen/"]
    pages += [f"/knelpunten/van/initiatief/{story['own'].slug}/"]
    pages += ["/knelpunten/meldingen/", f"/knelpunten/meldingen/{filled['report'].uuid}/"]
    pages += ["/regel-melden/", f"/regel-melden/{filled['report'].uuid}/"]
    return pages


@pytest.mark.parametrize("size", list(SIZES))
def test_every_issue_12_page_fits_and_passes_axe(browsing, story, filled, size):
    steward = filled["steward"]
    page = browsing.page(user=steward, axe=True, width=SIZES[size])
    host = story["host"]
    hosting = browsing.page(user=host, axe=True, width=SIZES[size])
    for url in _issue_12_pages(story, filled):
        # the host manages the circle (edit, meetings); the steward sees all the rest
        visitor = hosting if url.startswith(f"/groepen/{story['circle'].uuid}/") else page
        response = visitor.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        check_page(visitor)
    assert not browsing.errors
    journey_passed(f"issue 12: every page of adoptions, groups and barriers ({size})")
