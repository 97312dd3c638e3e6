"""The round-management pages: managers create a fund and a round and set it up (budget
categories, criteria, questions, rules); nobody else can; refusals say why in Dutch."""

import pytest
from django.utils import translation

from proeftuin.accounts.models import Role
from proeftuin.core.service import AuditEntry
from proeftuin.funding.models import Fund, FundMember, Round
from tests.factories import OrganisationFactory, UserFactory
from tests.funding.factories import make_fund, make_programme, make_round


@pytest.fixture
def manager(db):
    return UserFactory(username="fondsbeheerder")


@pytest.fixture
def fund(manager):
    return make_fund(make_programme(managers=[manager]))


def signed_in(client, user):
    client.force_login(user)
    return client


def test_a_manager_creates_a_fund_and_a_round(client, manager):
    programme = make_programme(managers=[manager])
    signed_in(client, manager)
    response = client.post(
        "/subsidies/fondsen/nieuw/", {"programme": programme.pk, "name": "Experimentenfonds"}
    )
    fund = Fund.objects.get(name="Experimentenfonds")
    assert response.status_code == 302 and response.url == f"/subsidies/fondsen/{fund.slug}/"
    response = client.post(
        f"/subsidies/fondsen/{fund.slug}/rondes/nieuw/",
        {
            "title": "Ronde 2027",
            "opens_at": "2027-01-01T09:00",
            "closes_at": "2027-03-01T17:00",
            "budget": "1.000.000",
            "two_stage": "on",
        },
    )
    round_ = Round.objects.get(title="Ronde 2027")
    assert response.url == f"/subsidies/rondes/{round_.slug}/inrichten/"
    assert round_.budget == 1_000_000
    assert round_.workflow.kind == "application_two_stage"
    assert AuditEntry.objects.filter(object_uuid=round_.uuid).exists()


def test_a_deadline_before_the_opening_is_refused(client, fund, manager):
    signed_in(client, manager)
    with translation.override("nl"):
        response = client.post(
            f"/subsidies/fondsen/{fund.slug}/rondes/nieuw/",
            {
                "title": "Ronde",
                "opens_at": "2027-03-01T09:00",
                "closes_at": "2027-01-01T09:00",
                "budget": "10",
            },
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    assert response.status_code == 400
    assert "De sluitingsdatum moet na de opening liggen." in response.content.decode()
    assert not Round.objects.exists()


def test_setting_up_a_round(client, fund, manager):
    round_ = make_round(fund, criteria=())
    signed_in(client, manager)
    base = f"/subsidies/rondes/{round_.slug}/inrichten/"
    assert client.get(base).status_code == 200
    client.post(f"{base}categorie/", {"name": "Dienstverlening", "amount": "250000"})
    client.post(f"{base}criterium/", {"name": "Nieuwheid", "weight": "2"})
    client.post(
        f"{base}vraag/",
        {
            "label": "Welke doelgroep?",
            "kind": "choice",
            "choices": "Burgers\nBedrijven",
            "phase": "both",
        },
    )
    client.post(f"{base}regel/", {"kind": "co_financing", "bands": "200000: 25; : 40"})
    client.post(f"{base}regel/", {"kind": "max_amount", "amount": "800000"})
    assert list(round_.categories.values_list("name", flat=True)) == ["Dienstverlening"]
    assert round_.criteria.get().weight == 2
    assert round_.questions.get().choices == ["Burgers", "Bedrijven"]
    assert [r.params for r in round_.rules.all()] == [
        {"bands": [{"up_to": "200000", "percent": "25"}, {"up_to": None, "percent": "40"}]},
        {"amount": 800000},
    ]
    page = client.get(base).content.decode()
    assert "Nieuwheid" in page and "Welke doelgroep?" in page
    rule = round_.rules.first()
    client.post(f"{base}regel/{rule.pk}/verwijderen/")
    assert round_.rules.count() == 1


def test_bad_rule_parameters_are_shown_and_nothing_is_stored(client, fund, manager):
    round_ = make_round(fund)
    signed_in(client, manager)
    with translation.override("nl"):
        response = client.post(
            f"/subsidies/rondes/{round_.slug}/inrichten/regel/",
            {"kind": "co_financing", "bands": ": 40; 1000: 20"},
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    assert response.status_code == 400
    assert "Alleen de laatste bedragklasse" in response.content.decode()
    assert not round_.rules.exists()


def test_a_concurrent_edit_of_the_round_is_refused(client, fund, manager):
    round_ = make_round(fund)
    signed_in(client, manager)
    data = {
        "title": "Nieuw",
        "opens_at": "2027-01-01T09:00",
        "closes_at": "2027-03-01T17:00",
        "budget": "5",
        "version": round_.version,
    }
    assert client.post(f"/subsidies/rondes/{round_.slug}/inrichten/", data).status_code == 302
    data["title"] = "Tweede"
    assert client.post(f"/subsidies/rondes/{round_.slug}/inrichten/", data).status_code == 409
    assert Round.objects.get(pk=round_.pk).title == "Nieuw"


def test_managing_a_fund_is_for_its_managers_only(client, fund, make_member):
    round_ = make_round(fund)
    other = make_member(OrganisationFactory(), Role.ORGANISATION_ADMIN)
    signed_in(client, other)
    assert client.get(f"/subsidies/rondes/{round_.slug}/inrichten/").status_code == 403
    assert (
        client.post(
            f"/subsidies/rondes/{round_.slug}/inrichten/criterium/", {"name": "X", "weight": "1"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/subsidies/fondsen/{fund.slug}/leden/",
            {"username": other.username, "role": "reviewer", "max_assignments": "3"},
        ).status_code
        == 403
    )
    assert client.get("/subsidies/fondsen/nieuw/").status_code == 403
    assert not FundMember.objects.exists()


def test_screeners_and_reviewers(client, fund, manager):
    reviewer = UserFactory(username="beoordelaar")
    signed_in(client, manager)
    client.post(
        f"/subsidies/fondsen/{fund.slug}/leden/",
        {
            "username": "beoordelaar",
            "role": "reviewer",
            "expertise": "zorg, ict",
            "max_assignments": "4",
        },
    )
    member = FundMember.objects.get(user=reviewer)
    assert (member.role, member.expertise, member.max_assignments) == ("reviewer", "zorg, ict", 4)
    assert "beoordelaar" in client.get(f"/subsidies/fondsen/{fund.slug}/").content.decode()
    client.post(f"/subsidies/fondsen/{fund.slug}/leden/{member.pk}/verwijderen/")
    assert not FundMember.objects.exists()


def test_unpublished_rounds_are_for_managers(client, fund, manager):
    round_ = make_round(fund, published=False, title="Geheime ronde")
    assert client.get(f"/subsidies/rondes/{round_.slug}/").status_code == 404
    assert "Geheime ronde" not in client.get("/subsidies/").content.decode()
    signed_in(client, manager)
    assert client.get(f"/subsidies/rondes/{round_.slug}/").status_code == 200
    assert "Geheime ronde" in client.get("/subsidies/").content.decode()


def test_rounds_of_a_members_only_programme_are_hidden_from_outsiders(client, manager):
    fund = make_fund(make_programme(managers=[manager], visibility="organisation"))
    round_ = make_round(fund, title="Besloten ronde")
    assert client.get(f"/subsidies/rondes/{round_.slug}/").status_code == 404
    assert client.get(f"/subsidies/fondsen/{fund.slug}/").status_code == 404
