"""The adoptions API: /api/v1/adoptions and the lineage of an initiative or case
(visibility, writes through the services, Dutch problem+json for bad input)."""

from __future__ import annotations

import pytest

from proeftuin.accounts.models import Role
from proeftuin.diffusion.models import Adoption
from tests.api.test_organisations_api import assert_problem
from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory, make_initiative

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/adoptions"


def test_list_shows_only_visible_adoptions_in_camel_case(innovation, adopter, third, api_client):
    make_adoption(innovation, adopter, status="adopted", adaptations="Openbaar")
    make_adoption(innovation, third, visibility="private")
    body = api_client.get(LIST_URL).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["adopter"]["name"] == "Gemeente Almere" and row["adoptedOn"]
    assert row["innovation"] == {
        "kind": "initiative",
        "uuid": str(innovation.uuid),
        "title": innovation.title,
    }
    assert row["sourceHidden"] is False


def test_filters(innovation, case, adopter, third, api_client):
    make_adoption(innovation, adopter, status="adopted")
    make_adoption(case, third)
    assert api_client.get(LIST_URL, {"status": "adopted"}).json()["count"] == 1
    assert api_client.get(LIST_URL, {"case": str(case.uuid)}).json()["count"] == 1
    assert api_client.get(LIST_URL, {"adopter": str(third.uuid)}).json()["count"] == 1
    assert_problem(api_client.get(LIST_URL, {"adopter": "geen-uuid"}), 400)


def test_invisible_innovation_is_null_in_the_list(innovator, adopter, make_member, api_client):
    secret = make_initiative(innovator, title="Geheim", status="draft", visibility="private")
    make_adoption(secret, adopter, visibility="organisation")
    api_client.force_authenticate(make_member(adopter, Role.VIEWER))
    row = api_client.get(LIST_URL).json()["results"][0]
    assert row["innovation"] is None and "Geheim" not in str(row)


def test_create_update_and_withdraw(innovation, adopter, adopter_editor, api_client):
    api_client.force_authenticate(adopter_editor)
    response = api_client.post(
        LIST_URL, {"initiative": str(innovation.uuid), "adopter": str(adopter.uuid)}, format="json"
    )
    assert response.status_code == 201, response.content
    url = f"{LIST_URL}/{response.json()['uuid']}"
    change = {
        "status": "adapted",
        "adaptations": "Eigen intake.",
        "measures": [{"measure": "wachttijd", "unit": "days", "baseline": "90", "value": "30"}],
    }
    body = api_client.patch(url, change, format="json").json()
    assert body["status"] == "adapted" and body["adaptations"] == "Eigen intake."
    assert body["measures"][0]["value"] == "30.00"
    assert [s["status"] for s in body["steps"]] == ["interested", "adapted"]
    assert api_client.delete(url).status_code == 204
    assert not Adoption.objects.exists()


def test_bad_input_in_dutch_and_nothing_half(
    innovation, innovator, adopter, adopter_editor, make_member, api_client
):
    api_client.force_authenticate(make_member(innovator, Role.EDITOR))
    own = api_client.post(
        LIST_URL,
        {"initiative": str(innovation.uuid), "adopter": str(innovator.uuid)},
        format="json",
    )
    assert "eigen innovatie" in str(assert_problem(own, 400))
    api_client.force_authenticate(adopter_editor)
    neither = api_client.post(LIST_URL, {"adopter": str(adopter.uuid)}, format="json")
    assert_problem(neither, 400)
    first = api_client.post(
        LIST_URL, {"initiative": str(innovation.uuid), "adopter": str(adopter.uuid)}, format="json"
    )
    twice = api_client.post(
        LIST_URL, {"initiative": str(innovation.uuid), "adopter": str(adopter.uuid)}, format="json"
    )
    assert "al in een adoptie" in str(assert_problem(twice, 409))
    url = f"{LIST_URL}/{first.json()['uuid']}"
    half = api_client.patch(url, {"adaptations": "Half", "status": "abandoned"}, format="json")
    assert "afgebroken" in str(assert_problem(half, 400))
    assert Adoption.objects.get().adaptations == ""


def test_others_may_not_write(innovation, adopter, make_member, api_client):
    adoption = make_adoption(innovation, adopter)
    url = f"{LIST_URL}/{adoption.uuid}"
    assert_problem(api_client.patch(url, {"outcomes": "x"}, format="json"), 401)
    api_client.force_authenticate(make_member(OrganisationFactory(), Role.EDITOR))
    assert_problem(api_client.patch(url, {"outcomes": "x"}, format="json"), 403)
    assert_problem(api_client.delete(url), 403)
    hidden = make_adoption(innovation, OrganisationFactory(), visibility="private")
    assert_problem(api_client.get(f"{LIST_URL}/{hidden.uuid}"), 404)


def test_lineage(innovation, case, adopter, third, api_client):
    first = make_adoption(innovation, adopter, status="adopted")
    make_adoption(innovation, third, source=first, status="piloting")
    body = api_client.get(f"/api/v1/initiatives/{innovation.uuid}/lineage").json()
    assert body["innovator"] == "SVB"
    assert [(n["adopter"], n["depth"]) for n in body["nodes"]] == [
        ("Gemeente Almere", 1),
        ("Gemeente Zwolle", 2),
    ]
    assert body["nodes"][1]["parent"] == str(first.uuid)
    assert body["perYear"][0]["period"] == "2024" and body["perProvince"] == {"PV24": 1, "PV23": 1}
    assert body["description"][0].startswith("2 organisaties")
    assert api_client.get(f"/api/v1/cases/{case.uuid}/lineage").json()["nodes"] == []
    assert_problem(api_client.get(f"/api/v1/cases/{innovation.uuid}/lineage"), 404)


def test_the_cached_lineage_is_not_shared_with_who_may_see_less(
    innovation, adopter, api_client, make_member
):
    from proeftuin.diffusion.services import adoption_start

    adoption_start(actor=None, innovation=innovation, adopter=adopter, visibility="organisation")
    url = f"/api/v1/initiatives/{innovation.uuid}/lineage"
    api_client.force_authenticate(make_member(adopter, Role.VIEWER))
    assert [n["adopter"] for n in api_client.get(url).json()["nodes"]] == ["Gemeente Almere"]
    api_client.force_authenticate(None)
    assert api_client.get(url).json()["nodes"] == []
