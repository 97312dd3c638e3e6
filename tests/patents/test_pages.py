"""The patent pages: the list, a patent with its actions, the award form and the report
per programme (page and CSV); refusals as pages, nothing half-written."""

import datetime

import pytest

from proeftuin.accounts.models import Role
from proeftuin.patents import services_claims
from proeftuin.patents.models import InnovationPatent, IntroductionMeeting, PatentClaim

pytestmark = pytest.mark.django_db


def test_the_list_and_a_patent_are_public_for_a_public_programme(client, patent, met):
    body = client.get("/patenten/").content.decode()
    assert patent.title in body and "1 patent" in body
    page = client.get(f"/patenten/{patent.uuid}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Minstens één introductiegesprek" in text and "Gemeente Volger" in text
    assert 'name="adopter"' not in text  # no actions for visitors


def test_a_closed_programmes_patent_is_hidden(
    client, closed_programme, manager, innovation, make_member, bystander
):
    patent = InnovationPatent.objects.create(
        programme=closed_programme,
        title="Besloten patent",
        innovator=innovation.owner,
        initiative=innovation,
        awarded_on=datetime.date(2025, 1, 1),
    )
    assert client.get(f"/patenten/{patent.uuid}/").status_code == 404
    assert "Besloten patent" not in client.get("/patenten/").content.decode()
    assert client.get(f"/programmas/{closed_programme.slug}/patenten/").status_code == 404
    client.force_login(make_member(bystander, Role.EDITOR))
    assert client.get(f"/patenten/{patent.uuid}/").status_code == 404
    for reader in (manager, make_member(innovation.owner, Role.VIEWER)):
        client.force_login(reader)
        assert client.get(f"/patenten/{patent.uuid}/").status_code == 200


def test_a_manager_awards_through_the_form(client, manager, programme, innovation):
    client.force_login(manager)
    url = f"/programmas/{programme.slug}/patenten/nieuw/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"innovation": f"/initiatieven/{innovation.slug}/", "reward_per_adopter": "1.000"},
    )
    patent = InnovationPatent.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/patenten/{patent.uuid}/"
    again = client.post(url, {"innovation": innovation.slug, "reward_per_adopter": "1000"})
    assert again.status_code == 409
    unknown = client.post(url, {"innovation": "/initiatieven/bestaat-niet/"})
    assert unknown.status_code == 400
    assert InnovationPatent.objects.count() == 1


def test_the_award_form_is_refused_to_others(client, editor, programme):
    client.force_login(editor)
    assert client.get(f"/programmas/{programme.slug}/patenten/nieuw/").status_code == 403


def test_the_innovator_records_a_meeting_and_claims(client, editor, patent, adopter):
    client.force_login(editor)
    page = client.get(f"/patenten/{patent.uuid}/").content.decode()
    assert 'name="adopter"' in page and "Gemeente Volger" in page
    url = f"/patenten/{patent.uuid}/"
    early = client.post(f"{url}vergoedingen/", {"adopter": str(adopter.uuid)})
    assert early.status_code == 400 and not PatentClaim.objects.exists()
    done = client.post(
        f"{url}bijeenkomsten/", {"date": "2025-04-01", "adopters": [str(adopter.uuid)]}
    )
    assert done.status_code == 302 and IntroductionMeeting.objects.count() == 1
    assert client.post(f"{url}vergoedingen/", {"adopter": str(adopter.uuid)}).status_code == 302
    twice = client.post(f"{url}vergoedingen/", {"adopter": str(adopter.uuid)})
    assert twice.status_code == 409 and PatentClaim.objects.count() == 1


def test_a_manager_decides_on_the_page(client, manager, patent, met, editor, adopter):
    claim = services_claims.claim_request(actor=editor, patent=patent, adopter=adopter)
    client.force_login(manager)
    url = f"/patenten/{patent.uuid}/vergoedingen/{claim.uuid}/"
    refused = client.post(url, {"decision": "reject", "version": 1})
    assert refused.status_code == 400
    claim.refresh_from_db()
    assert claim.status == "owed"
    paid = client.post(url, {"decision": "pay", "paid_on": "2025-06-01", "version": 1})
    assert paid.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "paid"


def test_the_report_and_its_csv(client, patent, met, editor, adopter, manager):
    claim = services_claims.claim_request(actor=editor, patent=patent, adopter=adopter)
    services_claims.claim_decide(actor=manager, claim=claim, decision="pay")
    slug = patent.programme.slug
    page = client.get(f"/programmas/{slug}/patenten/").content.decode()
    assert patent.title in page and 'id="patents-total">1<' in page
    response = client.get(f"/programmas/{slug}/patenten/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = response.content.decode().splitlines()
    assert len(rows) == 3
    assert rows[1].split(";")[-5:] == ["1", "1", "0.00", "0.00", "1000.00"]


def test_an_ended_patent_is_ended_by_its_manager(client, manager, editor, patent):
    client.force_login(editor)
    assert client.post(f"/patenten/{patent.uuid}/beeindigen/").status_code == 403
    client.force_login(manager)
    assert client.post(f"/patenten/{patent.uuid}/beeindigen/").status_code == 302
    patent.refresh_from_db()
    assert patent.status == "ended"


def test_the_innovations_lineage_and_the_programme_dashboard_link_to_patents(
    client, patent, innovation
):
    lineage = client.get(f"/adopties/initiatief/{innovation.slug}/").content.decode()
    assert f"/patenten/{patent.uuid}/" in lineage
    slug = patent.programme.slug
    dashboard = client.get(f"/initiatieven/overzicht/programma/{slug}/").content.decode()
    assert f"/programmas/{slug}/patenten/" in dashboard
