"""The decision pages and the API of the decision part: who may open them, the batch form
(all-or-nothing, the typed values kept), letters, tranches, the initiative button, the
figures and the public results."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from proeftuin.funding.models import Application, DecisionLetter, LetterTemplate, Tranche
from proeftuin.funding.services_decisions import decision_make
from tests.funding.decide_support import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def test_the_decision_page_is_for_managers_only(world, client):
    application = world.application(title="Buurtbudget")
    url = reverse("funding:decide_round", args=[world.round.slug])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(world.applicant)
    assert client.get(url).status_code == 403
    client.force_login(world.manager)
    response = client.get(url)
    assert response.status_code == 200
    assert "Buurtbudget" in response.content.decode()
    assert f'name="{application.uuid}-amount"' in response.content.decode()


def test_the_batch_form_saves_all_or_nothing(world, client):
    first = world.application(title="Eerste", amount_requested=Decimal("40000"))
    second = world.application(title="Tweede", amount_requested=Decimal("40000"))
    client.force_login(world.manager)
    url = reverse("funding:decide_round", args=[world.round.slug])
    data = {
        f"{first.uuid}-outcome": "granted",
        f"{first.uuid}-amount": "30.000",
        f"{first.uuid}-version": str(first.version),
        f"{second.uuid}-outcome": "granted",
        f"{second.uuid}-amount": "45.000",
        f"{second.uuid}-version": str(second.version),
    }
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Aanvraag “Tweede”: Het toegekende bedrag is hoger" in page
    assert 'value="30.000"' in page  # what was typed is shown again
    assert not Application.objects.exclude(outcome="").exists()
    data[f"{second.uuid}-amount"] = "40.000"
    response = client.post(url, data)
    assert response.status_code == 302
    amounts = dict(Application.objects.values_list("title", "granted_amount"))
    assert amounts == {"Eerste": Decimal("30000.00"), "Tweede": Decimal("40000.00")}


def test_letter_templates_page(world, client):
    client.force_login(world.manager)
    url = reverse("funding:decide_letters", args=[world.round.slug])
    response = client.get(url)
    assert response.status_code == 200 and "Besluit op uw aanvraag" in response.content.decode()
    bad = {"outcome": "granted", "granted-subject": "Besluit", "granted-body": "{% debug %}"}
    assert client.post(url, bad).status_code == 400
    good = {"outcome": "granted", "granted-subject": "Besluit {{ titel }}", "granted-body": "Tekst"}
    assert client.post(url, good).status_code == 302
    assert LetterTemplate.objects.get().subject == "Besluit {{ titel }}"
    client.force_login(world.applicant)
    assert client.post(url, good).status_code == 403


def test_the_application_page_shows_letters_and_manages_the_grant(
    world, client, django_capture_on_commit_callbacks
):
    application = world.application(amount_requested=Decimal("20000"))
    with django_capture_on_commit_callbacks(execute=True):
        decision_make(
            actor=world.manager, application=application, outcome="granted", amount="20000"
        )
    letter = DecisionLetter.objects.get(application=application)
    page = reverse("funding:decide_application", args=[application.uuid])
    client.force_login(world.applicant)
    response = client.get(page)
    assert response.status_code == 200 and "Voortgangsrapportage" in response.content.decode()
    pdf = client.get(
        reverse("funding:decide_letter_file", args=[application.uuid, letter.uuid, "pdf"])
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    add = reverse("funding:decide_tranche_add", args=[application.uuid])
    assert client.post(add, {"milestone": "Start", "amount": "100"}).status_code == 400
    client.force_login(world.manager)
    response = client.post(
        add, {"milestone": "Start", "amount": "25.000"}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert (
        response.status_code == 400 and "boven het toegekende bedrag" in response.content.decode()
    )
    assert client.post(add, {"milestone": "Start", "amount": "20.000"}).status_code == 302
    assert Tranche.objects.get().amount == Decimal("20000.00")
    made = client.post(
        reverse("funding:decide_initiative", args=[application.uuid]), {"kind": "process"}
    )
    assert made.status_code == 302
    assert Application.objects.get(pk=application.pk).initiative is not None
    client.force_login(world.outsider)
    assert client.get(page).status_code == 404


def test_figures_page_files_and_public_results(world, client):
    application = world.application(
        title="Zichtbaar", public_summary="Openbare tekst", problem="Interne zorg"
    )
    decision_make(actor=world.manager, application=application, outcome="granted", amount="1000")
    client.force_login(world.manager)
    figures = client.get(reverse("funding:decide_analytics", args=[world.round.slug]))
    assert figures.status_code == 200 and 'id="tabel-budget"' in figures.content.decode()
    xlsx = client.get(reverse("funding:decide_analytics_file", args=[world.round.slug, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    client.logout()
    assert (
        client.get(reverse("funding:decide_analytics", args=[world.round.slug])).status_code == 302
    )
    public = client.get(reverse("funding:decide_results", args=[world.round.slug]))
    text = public.content.decode()
    assert public.status_code == 200 and "Openbare tekst" in text and "Zichtbaar" in text
    assert "Interne zorg" not in text and world.organisation.name not in text


def test_api_decides_one_and_a_batch_all_or_nothing(world, api_client):
    first, second = world.application(), world.application(title="Te veel")
    api_client.force_authenticate(world.applicant)
    url = reverse("api:funding-application-decision", args=[first.uuid])
    assert (
        api_client.post(url, {"outcome": "granted", "amount": "10"}, format="json").status_code
        == 403
    )
    api_client.force_authenticate(world.manager)
    batch = {
        "decisions": [
            {"application": str(first.uuid), "outcome": "granted", "amount": "10000"},
            {"application": str(second.uuid), "outcome": "granted", "amount": "99999"},
        ]
    }
    response = api_client.post(
        reverse("api:funding-decision-batch"), batch, format="json", HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 400 and "Te veel" in response.json()["detail"]
    assert not Application.objects.exclude(outcome="").exists()
    response = api_client.post(
        url, {"outcome": "granted", "amount": "10000", "version": 1}, format="json"
    )
    assert response.status_code == 200 and response.json()["stage"] == "granted"
    again = api_client.post(
        url, {"outcome": "rejected", "reasons": "x", "version": 1}, format="json"
    )
    assert again.status_code == 409
    mail.outbox.clear()


def test_api_reads_figures_for_managers_and_results_for_everyone(world, api_client):
    application = world.application(public_summary="Openbaar")
    decision_make(actor=world.manager, application=application, outcome="granted", amount="5000")
    figures = reverse("api:funding-round-analytics", args=[world.round.slug])
    api_client.force_authenticate(world.applicant)
    assert api_client.get(figures).status_code == 403
    api_client.force_authenticate(world.manager)
    tables = api_client.get(figures).json()
    assert [t["key"] for t in tables][:2] == ["stages", "budget"]
    api_client.force_authenticate(None)
    results = api_client.get(reverse("api:funding-round-results", args=[world.round.slug])).json()
    assert results == [{"title": application.title, "publicSummary": "Openbaar"}]


def test_the_decision_page_costs_the_same_queries_for_more_applications(
    world, client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.manager)
    url = reverse("funding:decide_round", args=[world.round.slug])
    world.application(category=world.category("A"))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(5):
        world.application(category=world.category(f"C{n}"))
    with django_assert_max_num_queries(len(few) + 5):  # one remaining-budget sum per category
        assert client.get(url).status_code == 200
