"""What an application carries that its readers may not all see: the prior cases found by
its applicants (checked again against the case library for each reader), its decision
letters (the programme's managers and its applicants only) and the public results (granted
applications only)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from proeftuin.accounts.models import Role
from proeftuin.funding import selectors_apply, services_reviews
from proeftuin.funding.analytics import public_results
from proeftuin.funding.models import Application, DecisionLetter, FundMember
from proeftuin.funding.searchable import experiments_visible_to
from proeftuin.funding.services_decisions import decision_make
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, make_case
from tests.funding.decide_support import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _prior(case) -> dict:
    return {"title": case.title, "url": f"/casussen/{case.slug}/", "uuid": str(case.uuid)}


@pytest.fixture
def prior(world):
    """An application in review whose applicant found a public case and a private draft
    of another organisation (their own, through a role the readers do not hold)."""
    public = make_case(title="Openbare wijkaanpak")
    elsewhere = OrganisationFactory()
    MembershipFactory(organisation=elsewhere, user=world.applicant, role=Role.EDITOR)
    hidden = make_case(
        title="Geheime wijkaanpak",
        organisations=[elsewhere],
        status="draft",
        visibility="private",
    )
    kept = [_prior(public), _prior(hidden), {"title": "Zonder id", "url": "/x/"}]
    application = world.application(
        stage="in_review", prior_cases=kept, prior_checked_at=timezone.now()
    )
    screener, reviewer = UserFactory(), UserFactory()
    FundMember.objects.create(fund=world.round.fund, user=screener, role="screener")
    FundMember.objects.create(fund=world.round.fund, user=reviewer, role="reviewer")
    assignment = services_reviews.assignment_create(
        actor=world.manager, application=application, reviewer=reviewer
    )
    return application, screener, reviewer, assignment


def test_prior_cases_are_those_the_reader_may_see(world, prior):
    application, screener, reviewer, _assignment = prior
    titles = {
        user: [row["title"] for row in selectors_apply.prior_cases_visible(application, user)]
        for user in (world.applicant, screener, reviewer, world.manager)
    }
    assert titles[world.applicant] == ["Openbare wijkaanpak", "Geheime wijkaanpak"]
    assert titles[screener] == titles[reviewer] == titles[world.manager]
    assert titles[screener] == ["Openbare wijkaanpak"]


def test_pages_and_api_show_no_prior_case_the_reader_may_not_see(world, prior):
    application, screener, reviewer, assignment = prior
    pages = {
        screener: [
            f"/subsidies/aanvragen/{application.uuid}/",
            f"/subsidies/aanvragen/{application.uuid}/screening/",
        ],
        reviewer: [f"/subsidies/beoordelingen/{assignment.uuid}/"],
    }
    for user, urls in pages.items():
        client = signed_in(user)
        for url in [*urls, f"/api/v1/funding/applications/{application.uuid}"]:
            response = client.get(url)
            body = response.content.decode()
            assert response.status_code == 200, url
            assert "Openbare wijkaanpak" in body, url
            assert "Geheime wijkaanpak" not in body, url
    data = signed_in(screener).get(f"/api/v1/funding/applications/{application.uuid}").json()
    assert [row["title"] for row in data["priorCases"]] == ["Openbare wijkaanpak"]


@pytest.fixture
def letter(world):
    application = world.application()
    decision_make(actor=world.manager, application=application, outcome="granted", amount="20000")
    row = DecisionLetter.objects.get(application=application)
    row.pdf.save("brief.pdf", ContentFile(b"%PDF-1.4 brief"), save=True)
    return application, row


def test_letters_are_for_managers_and_applicants_only(world, letter):
    application, row = letter
    url = f"/subsidies/aanvragen/{application.uuid}/besluit/brieven/{row.uuid}.pdf"
    screener = UserFactory()
    FundMember.objects.create(fund=world.round.fund, user=screener, role="screener")
    colleague = MembershipFactory(organisation=world.organisation, role=Role.EDITOR).user
    for user in (world.manager, world.applicant, world.co_applicant):
        assert signed_in(user).get(url).status_code == 200
    page = signed_in(screener).get(f"/subsidies/aanvragen/{application.uuid}/besluit/")
    assert page.status_code == 200 and row.subject not in page.content.decode()
    assert signed_in(screener).get(url).status_code == 403
    for user in (colleague, world.outsider):
        assert signed_in(user).get(url).status_code == 404


def test_public_results_show_only_applications_in_the_stage_granted(world):
    granted = world.application(title="Toegekend experiment")
    moved = world.application(title="Verplaatst experiment")
    for application in (granted, moved):
        decision_make(
            actor=world.manager, application=application, outcome="granted", amount="10000"
        )
    # a procedure that moves a granted application on keeps its outcome
    Application.objects.filter(pk=moved.pk).update(
        stage=world.round.workflow.stages.get(key="in_review")
    )
    assert [r["title"] for r in public_results(world.round)] == ["Toegekend experiment"]
    found = experiments_visible_to(AnonymousUser()).values_list("title", flat=True)
    assert list(found) == ["Toegekend experiment"]
    for url in (
        f"/subsidies/rondes/{world.round.slug}/resultaten/",
        f"/api/v1/funding/rounds/{world.round.slug}/results",
    ):
        body = Client().get(url).content.decode()
        assert "Toegekend experiment" in body and "Verplaatst experiment" not in body
