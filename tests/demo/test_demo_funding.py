"""The demo funding: the InAxis programme as a fund with a 2004 and a 2006 round that went
the whole way through the funding services, and one open round; idempotent."""

import datetime

import pytest
from django.utils import timezone

from proeftuin.cases.models import Case
from proeftuin.core.models import AuditEntry
from proeftuin.demo.accounts import create_demo_accounts
from proeftuin.demo.funding import load_funding, read_funding
from proeftuin.demo.loader import load_demo
from proeftuin.demo.portfolio import load_portfolio
from proeftuin.funding.models import Application, Fund, Round
from proeftuin.funding.models_grants import DecisionLetter, Tranche

pytestmark = pytest.mark.django_db


@pytest.fixture
def funding(settings, tmp_path):
    """As ``make run`` loads it: no background job has run (the library is not indexed)."""
    settings.DATA_DIR = tmp_path
    load_demo()
    create_demo_accounts()
    load_portfolio()
    return load_funding()


def closed_rounds():
    return Round.objects.filter(title__startswith="Experimentenronde").order_by("opens_at")


def test_a_fund_with_two_closed_rounds_and_an_open_one(funding):
    fund = Fund.objects.get()
    assert fund.programme.name == "InAxis"
    assert fund.programme.managers.get().username == "fondsbeheerder-inaxis"
    assert funding.created == 3 and funding.existing == 0
    first, second = closed_rounds()
    assert (first.opens_at.year, second.opens_at.year) == (2004, 2006)
    now = timezone.now()
    for round_ in (first, second):
        assert round_.closes_at < now and round_.published
        assert round_.criteria.count() == 3 and round_.questions.count() == 3
        assert round_.rules.count() == 3
    open_round = Round.objects.get(title__startswith="Open ronde")
    assert open_round.opens_at < now < open_round.closes_at and open_round.published
    assert not open_round.applications.exists()


def test_every_application_went_through_screening_and_two_reviews(funding):
    for application in Application.objects.filter(round__in=closed_rounds()):
        assert application.submitted_at.year == application.round.opens_at.year
        assert application.screening_note
        reviews = application.assignments.filter(status="submitted")
        assert reviews.count() == 2, application.title
        assert all(a.review.submitted_at for a in reviews)
    assert funding.applications == 6


def test_a_conflicted_reviewer_was_refused(funding):
    limburg = Application.objects.filter(owner__name="Provincie Limburg")
    assert limburg.count() == 2
    for application in limburg:
        assert not application.assignments.filter(reviewer__username="beoordelaar-limburg")
    refusals = AuditEntry.objects.filter(
        object_pk__in=[str(a.pk) for a in limburg], changes__icontains="beoordelaar-limburg"
    )
    assert refusals.count() == 2


def test_decided_in_a_batch_with_letters(funding):
    for round_ in closed_rounds():
        decided = round_.applications.exclude(outcome="")
        assert decided.count() == round_.applications.count() == 3
        assert {a.decided_at.date() for a in decided} == {round_.decision_due}
        assert DecisionLetter.objects.filter(application__round=round_).count() == 3
    outcomes = Application.objects.values_list("outcome", flat=True)
    assert sorted(outcomes).count("granted") == 5 and list(outcomes).count("rejected") == 1


def test_rejected_because_it_had_been_tried_elsewhere(funding):
    nijmegen = Application.objects.get(owner__name="Gemeente Nijmegen")
    assert nijmegen.outcome == "rejected" and nijmegen.stage.key == "rejected"
    assert "elders al geprobeerd" in nijmegen.decision_reason
    titles = [hit["title"] for hit in nijmegen.prior_cases]
    assert any("Horeca1" in title for title in titles), titles


def test_the_rakeling(funding):
    rakeling = Application.objects.get(title__startswith="Waterketenhuis")
    assert rakeling.outcome == "granted"
    tranche = Tranche.objects.get(application=rakeling)
    assert tranche.status == "paid" and tranche.paid_on == datetime.date(2004, 7, 15)
    initiative = rakeling.initiative
    assert initiative.stage.key == "stopped" and "drie gemeenten" in initiative.lessons
    assert initiative.started_on.year == 2004
    case = Case.objects.get(pk=initiative.case_id)
    assert case.status == "published" and case.visibility == "public"
    assert rakeling.obligations.exists()
    assert not rakeling.obligations.filter(fulfilled_at__isnull=True).exists()


def test_every_grant_is_an_initiative_with_obligations(funding):
    for application in Application.objects.filter(outcome="granted"):
        assert application.initiative is not None
        assert application.obligations.filter(kind="transfer").exists()
        first = application.obligations.order_by("due_on").first()
        assert first.due_on.year in (2004, 2005, 2006, 2007)


def test_loading_twice_changes_nothing(funding):
    counts = (Round.objects.count(), Application.objects.count(), Tranche.objects.count())
    again = load_funding()
    assert (again.created, again.existing) == (0, 3)
    assert (Round.objects.count(), Application.objects.count(), Tranche.objects.count()) == counts


def test_the_fixture_names_organisations_and_accounts_that_exist(funding):
    data = read_funding()
    names = {a.title for a in Application.objects.all()}
    for spec in data["rounds"]:
        assert {item["title"] for item in spec["applications"]} <= names
