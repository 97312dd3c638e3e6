"""API v1 of adopter matching: camelCase rows with reasons, problem+json on bad input."""

import pytest

from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def similar():
    return OrganisationFactory(name="Gemeente Amersfoort", slug="gemeente-amersfoort")


def test_adopter_matches_of_an_initiative(client, innovation, similar, adopter):
    make_adoption(innovation, adopter, status="adopted")
    response = client.get(f"/api/v1/initiatives/{innovation.uuid}/adopter-matches?limit=5")
    assert response.status_code == 200
    rows = response.json()
    assert [r["name"] for r in rows][:1] == ["Gemeente Amersfoort"]
    assert "Gemeente Almere" not in [r["name"] for r in rows]
    assert rows[0]["organisationType"] == "municipality"
    assert rows[0]["url"].endswith(f"/api/v1/organisations/{similar.uuid}")
    assert any("lijkt op de vernieuwer SVB" in reason for reason in rows[0]["reasons"])


def test_adopter_matches_of_a_case(client, case, similar):
    rows = client.get(f"/api/v1/cases/{case.uuid}/adopter-matches").json()
    assert "Gemeente Amersfoort" in [r["name"] for r in rows]


def test_innovation_matches_of_an_organisation(client, innovation, adopter, similar, case):
    make_adoption(innovation, adopter, status="adopted")
    rows = client.get(f"/api/v1/organisations/{similar.uuid}/innovation-matches").json()
    by_title = {r["title"]: r for r in rows}
    assert by_title[innovation.title]["kind"] == "initiative"
    assert by_title[innovation.title]["uuid"] == str(innovation.uuid)
    assert by_title[innovation.title]["innovator"] == "SVB"
    assert by_title[case.title]["page"].endswith(f"/casussen/{case.slug}/")


def test_bad_input_gets_a_dutch_problem(client, innovation, similar):
    response = client.get(f"/api/v1/initiatives/{innovation.uuid}/adopter-matches?limit=0")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    missing = client.get("/api/v1/cases/00000000-0000-0000-0000-000000000000/adopter-matches")
    assert missing.status_code == 404
    assert "niet" in missing.json()["detail"]
    gone = "/api/v1/organisations/00000000-0000-0000-0000-000000000000/innovation-matches"
    assert client.get(gone).status_code == 404
