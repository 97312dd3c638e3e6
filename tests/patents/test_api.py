"""The patents API: list and detail with totals, award, meetings, claims (a second claim
for one adopter is a 409 problem+json) and decisions."""

import pytest

from proeftuin.patents.models import InnovationPatent, PatentClaim

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_a_manager_awards_and_anyone_reads_a_public_patent(client, manager, programme, innovation):
    client.force_login(manager)
    data = {
        "programme": programme.slug,
        "initiative": str(innovation.uuid),
        "rewardPerAdopter": "750",
    }
    created = client.post("/api/v1/patents", data, content_type=JSON)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["rewardPerAdopter"] == "750.00" and body["innovation"]["kind"] == "initiative"
    again = client.post("/api/v1/patents", data, content_type=JSON)
    assert again.status_code == 409
    assert again["Content-Type"].startswith("application/problem+json")
    client.logout()
    listed = client.get("/api/v1/patents").json()
    assert listed["count"] == 1 and listed["results"][0]["paidTotal"] == "0.00"
    assert client.get(f"/api/v1/patents/{body['uuid']}").status_code == 200


def test_others_cannot_award(client, editor, programme, innovation):
    client.force_login(editor)
    data = {"programme": programme.slug, "initiative": str(innovation.uuid)}
    refused = client.post("/api/v1/patents", data, content_type=JSON)
    assert refused.status_code == 403
    assert not InnovationPatent.objects.exists()


def test_the_innovator_records_claims_and_the_manager_pays(
    client, editor, manager, patent, adopter
):
    client.force_login(editor)
    url = f"/api/v1/patents/{patent.uuid}"
    early = client.post(f"{url}/claims", {"adopter": str(adopter.uuid)}, content_type=JSON)
    assert early.status_code == 400 and "adopter" in str(early.json())
    meeting = client.post(
        f"{url}/meetings",
        {"date": "2025-04-01", "adopters": [str(adopter.uuid)], "notes": "Kennismaking"},
        content_type=JSON,
    )
    assert meeting.status_code == 201
    claimed = client.post(f"{url}/claims", {"adopter": str(adopter.uuid)}, content_type=JSON)
    assert claimed.status_code == 201 and claimed.json()["status"] == "owed"
    twice = client.post(f"{url}/claims", {"adopter": str(adopter.uuid)}, content_type=JSON)
    assert twice.status_code == 409
    problem = twice.json()
    assert twice["Content-Type"].startswith("application/problem+json") and problem["detail"]
    assert PatentClaim.objects.count() == 1
    claim = claimed.json()["uuid"]
    refused = client.post(f"{url}/claims/{claim}/decision", {"decision": "pay"}, content_type=JSON)
    assert refused.status_code == 403
    client.force_login(manager)
    paid = client.post(f"{url}/claims/{claim}/decision", {"decision": "pay"}, content_type=JSON)
    assert paid.status_code == 200 and paid.json()["status"] == "paid"
    assert client.get(url).json()["paidTotal"] == "1000.00"
    assert client.get(f"{url}/meetings").json()["results"][0]["notes"] == "Kennismaking"


def test_a_closed_patent_is_404_in_the_api(client, closed_programme, manager, innovation, outsider):
    from proeftuin.patents import services

    patent = services.patent_award(actor=manager, programme=closed_programme, innovation=innovation)
    client.force_login(outsider)
    assert client.get("/api/v1/patents").json()["count"] == 0
    for part in ("", "/meetings", "/claims"):
        response = client.get(f"/api/v1/patents/{patent.uuid}{part}")
        assert response.status_code == 404
