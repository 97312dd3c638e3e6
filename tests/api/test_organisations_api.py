"""The organisation registry API: /api/v1/organisations (NL API Design Rules, problem+json)."""

from __future__ import annotations

import uuid

import pytest

from proeftuin.accounts.models import Role
from proeftuin.core.models import AuditEntry
from proeftuin.organisations.models import Domain, Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/organisations"
PROBLEM = "application/problem+json"


def detail_url(org) -> str:
    return f"{LIST_URL}/{org.uuid}"


def assert_problem(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["type"].endswith(body["code"])
    if code is not None:
        assert body["code"] == code
    return body


def invalid_names(body: dict) -> set[str]:
    params = body["invalidParams"]
    assert all(p["reason"] for p in params)
    return {p["name"] for p in params}


def names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


def valid_payload(**overrides) -> dict:
    payload = {
        "name": "Waterschap De Dommel",
        "abbreviation": "WDD",
        "governmentLayer": "regional",
        "organisationType": "water_board",
        "staffExact": 420,
        "staffYear": 2020,
        "domains": ["water", "environment"],
        "province": "PV30",
        "municipality": "Boxtel",
        "website": "https://www.dommel.nl",
    }
    payload.update(overrides)
    return payload


@pytest.fixture
def contributor(organisation, make_member):
    return make_member(organisation, Role.CONTRIBUTOR)


# --- list and detail -------------------------------------------------------------------------


def test_list_is_paginated_camelcase_and_versioned(api_client):
    OrganisationFactory(name="Gemeente Utrecht", staff_exact=4000)
    OrganisationFactory(name="Gemeente Amersfoort")

    response = api_client.get(LIST_URL)

    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    assert body["next"] is None and body["previous"] is None
    row = body["results"][0]
    assert row["name"] == "Gemeente Amersfoort"  # ordered by name
    for key in ("governmentLayer", "organisationType", "sizeBand", "staffExact", "createdAt"):
        assert key in row
    assert not [key for key in row if "_" in key]
    assert row["sizeBand"] == "m"
    assert body["results"][1]["sizeBand"] == "l"
    assert row["url"].endswith(f"/api/v1/organisations/{row['uuid']}")


def test_list_pages_with_links(api_client):
    for n in range(3):
        OrganisationFactory(name=f"Gemeente Pagina {n}")

    first = api_client.get(LIST_URL, {"pageSize": 2}).json()
    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert "page=2" in first["next"]

    second = api_client.get(first["next"]).json()
    assert [row["name"] for row in second["results"]] == ["Gemeente Pagina 2"]
    assert second["next"] is None
    assert second["previous"] is not None


def test_urls_have_no_trailing_slash(api_client, organisation):
    assert api_client.get(detail_url(organisation)).status_code == 200
    response = api_client.get(f"{LIST_URL}/")
    assert_problem(response, 404, "not_found")
    assert response["API-Version"] == "1.0.0"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"layer": "national"}, ["Ministerie van Financiën"]),
        ({"layer": ["national", "regional"]}, ["Ministerie van Financiën", "Waterschap Aa"]),
        ({"type": "water_board"}, ["Waterschap Aa"]),
        ({"province": "PV20"}, ["Gemeente Groningen"]),
        ({"domain": "water"}, ["Waterschap Aa"]),
        ({"domain": ["water", "taxes"]}, ["Ministerie van Financiën", "Waterschap Aa"]),
        ({"q": "groning"}, ["Gemeente Groningen"]),
        ({"q": "minfin"}, ["Ministerie van Financiën"]),  # abbreviation, any case
        ({"q": "Veendam"}, ["Gemeente Groningen"]),  # municipality
        ({"layer": "local", "province": "PV26"}, []),
    ],
)
def test_list_filters(api_client, params, expected):
    finance = OrganisationFactory(
        name="Ministerie van Financiën",
        abbreviation="MinFin",
        government_layer="national",
        organisation_type="ministry",
        province="",
    )
    finance.domains.add(Domain.objects.get(key="taxes"))
    water = OrganisationFactory(
        name="Waterschap Aa", government_layer="regional", organisation_type="water_board"
    )
    water.domains.add(Domain.objects.get(key="water"), Domain.objects.get(key="environment"))
    OrganisationFactory(name="Gemeente Groningen", province="PV20", municipality="Veendam")

    response = api_client.get(LIST_URL, params)

    assert response.status_code == 200
    assert names(response) == expected
    assert response.json()["count"] == len(expected)


def test_list_rejects_unknown_filter_value(api_client, organisation):
    body = assert_problem(api_client.get(LIST_URL, {"layer": "galactic"}), 400, "invalid")
    assert invalid_names(body) == {"layer"}


def test_detail_by_uuid(api_client):
    org = OrganisationFactory(name="Provincie Zeeland", province="PV29", staff_exact=None)
    org.domains.add(Domain.objects.get(key="water"))

    response = api_client.get(detail_url(org))

    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["uuid"] == str(org.uuid)
    assert body["name"] == "Provincie Zeeland"
    assert body["province"] == "PV29"
    assert body["domains"] == ["water"]
    assert body["staffExact"] is None
    assert body["sizeBand"] == ""
    assert body["version"] == 1


@pytest.mark.parametrize("suffix", [str(uuid.uuid4()), "not-a-uuid"])
def test_detail_unknown_is_problem_404(api_client, organisation, suffix):
    response = api_client.get(f"{LIST_URL}/{suffix}")
    body = assert_problem(response, 404, "not_found")
    assert body["instance"] == f"{LIST_URL}/{suffix}"
    assert response["API-Version"] == "1.0.0"


# --- create ----------------------------------------------------------------------------------


def test_create_anonymous_is_refused(api_client):
    response = api_client.post(LIST_URL, valid_payload(), format="json")
    assert response.status_code in (401, 403)
    assert_problem(response, response.status_code)
    assert not Organisation.objects.filter(name="Waterschap De Dommel").exists()


def test_create_needs_contributor_role(api_client, organisation, make_member):
    api_client.force_authenticate(make_member(organisation, Role.VIEWER))
    response = api_client.post(LIST_URL, valid_payload(), format="json")
    assert_problem(response, 403, "permission_denied")
    assert Organisation.objects.count() == 1


def test_contributor_creates_organisation(api_client, contributor):
    api_client.force_authenticate(contributor)

    response = api_client.post(LIST_URL, valid_payload(), format="json")

    assert response.status_code == 201, response.content
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["name"] == "Waterschap De Dommel"
    assert body["slug"] == "waterschap-de-dommel"
    assert body["governmentLayer"] == "regional"
    assert body["sizeBand"] == "s"
    assert sorted(body["domains"]) == ["environment", "water"]
    assert body["version"] == 1
    org = Organisation.objects.get(uuid=body["uuid"])
    assert org.municipality == "Boxtel"
    entry = AuditEntry.objects.get(object_uuid=org.uuid)
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == contributor


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"name": ""}, {"name"}),
        ({"governmentLayer": "galactic"}, {"governmentLayer"}),
        ({"organisationType": None}, {"organisationType"}),
        ({"staffExact": "many"}, {"staffExact"}),
        ({"staffYear": 1700}, {"staffYear"}),
        ({"province": "PV99"}, {"province"}),
        ({"website": "not a url"}, {"website"}),
        ({"domains": ["water", "no-such-domain"]}, {"domains"}),
        ({"staffMin": 100}, {"staffExact"}),  # exact number and a range together
    ],
)
def test_create_invalid_fields(api_client, contributor, overrides, expected):
    api_client.force_authenticate(contributor)

    response = api_client.post(LIST_URL, valid_payload(**overrides), format="json")

    body = assert_problem(response, 400, "invalid")
    assert invalid_names(body) == expected
    assert Organisation.objects.count() == 1


def test_create_missing_fields(api_client, contributor):
    api_client.force_authenticate(contributor)
    body = assert_problem(api_client.post(LIST_URL, {}, format="json"), 400, "invalid")
    assert invalid_names(body) == {"name", "governmentLayer", "organisationType"}


def test_create_malformed_json(api_client, contributor):
    api_client.force_authenticate(contributor)
    response = api_client.post(LIST_URL, data=b'{"name": ', content_type="application/json")
    assert_problem(response, 400, "parse_error")
    assert Organisation.objects.count() == 1


def test_create_duplicate_name_conflicts(api_client, contributor):
    OrganisationFactory(name="Gemeente Tilburg")
    api_client.force_authenticate(contributor)

    response = api_client.post(LIST_URL, valid_payload(name="gemeente tilburg"), format="json")

    body = assert_problem(response, 409, "duplicate")
    assert invalid_names(body) == {"name"}
    assert Organisation.objects.filter(name__iexact="gemeente tilburg").count() == 1


# --- partial update --------------------------------------------------------------------------


def test_patch_with_current_version(api_client, organisation, make_member):
    admin = make_member(organisation, Role.ORGANISATION_ADMIN)
    api_client.force_authenticate(admin)

    response = api_client.patch(
        detail_url(organisation),
        {"staffExact": 12000, "abbreviation": "GV", "version": 1},
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["staffExact"] == 12000
    assert body["sizeBand"] == "xxl"
    assert body["abbreviation"] == "GV"
    assert body["name"] == organisation.name  # untouched
    assert body["version"] == 2
    organisation.refresh_from_db()
    assert (organisation.version, organisation.size_band) == (2, "xxl")
    entry = AuditEntry.objects.get(object_uuid=organisation.uuid, action="update")
    assert set(entry.changes) == {"abbreviation", "staff_exact"}


def test_patch_with_stale_version_conflicts(api_client, organisation, make_member):
    api_client.force_authenticate(make_member(organisation, Role.ORGANISATION_ADMIN))
    first = api_client.patch(
        detail_url(organisation), {"municipality": "Zeist", "version": 1}, format="json"
    )
    assert first.status_code == 200

    second = api_client.patch(
        detail_url(organisation), {"municipality": "Houten", "version": 1}, format="json"
    )

    assert_problem(second, 409, "conflict")
    organisation.refresh_from_db()
    assert organisation.municipality == "Zeist"
    assert organisation.version == 2
    assert AuditEntry.objects.filter(object_uuid=organisation.uuid, action="update").count() == 1


def test_patch_rename_to_existing_name_conflicts(api_client, organisation, make_member):
    OrganisationFactory(name="Gemeente Breda")
    api_client.force_authenticate(make_member(organisation, Role.ORGANISATION_ADMIN))

    response = api_client.patch(
        detail_url(organisation), {"name": "Gemeente Breda", "version": 1}, format="json"
    )

    assert_problem(response, 409, "duplicate")
    organisation.refresh_from_db()
    assert organisation.name != "Gemeente Breda"
    assert organisation.version == 1


def test_patch_invalid_field(api_client, organisation, make_member):
    api_client.force_authenticate(make_member(organisation, Role.ORGANISATION_ADMIN))
    response = api_client.patch(detail_url(organisation), {"staffYear": 3000}, format="json")
    body = assert_problem(response, 400, "invalid")
    assert invalid_names(body) == {"staffYear"}


@pytest.mark.parametrize("role", [None, Role.VIEWER, Role.CONTRIBUTOR, Role.EDITOR])
def test_patch_needs_organisation_admin(api_client, organisation, make_member, outsider, role):
    user = outsider if role is None else make_member(organisation, role)
    api_client.force_authenticate(user)

    response = api_client.patch(detail_url(organisation), {"municipality": "Zeist"}, format="json")

    assert_problem(response, 403, "permission_denied")
    organisation.refresh_from_db()
    assert organisation.municipality == ""


def test_patch_anonymous_is_refused(api_client, organisation):
    response = api_client.patch(detail_url(organisation), {"municipality": "X"}, format="json")
    assert response.status_code in (401, 403)
    assert_problem(response, response.status_code)


def test_platform_admin_may_patch_any_organisation(api_client, organisation, platform_admin):
    api_client.force_authenticate(platform_admin)
    response = api_client.patch(
        detail_url(organisation), {"website": "https://x.nl"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200
    assert response.json()["website"] == "https://x.nl"


# --- similar ---------------------------------------------------------------------------------


def test_similar_ranked_with_reasons(api_client):
    social = Domain.objects.get(key="social")
    org = OrganisationFactory(name="Gemeente Ede")
    org.domains.add(social)
    twin = OrganisationFactory(name="Gemeente Zeist")
    twin.domains.add(social)
    cousin = OrganisationFactory(
        name="Waterschap Vallei",
        government_layer="regional",
        organisation_type="water_board",
        staff_exact=1500,
    )
    OrganisationFactory(
        name="Ministerie van Defensie",
        government_layer="national",
        organisation_type="ministry",
        staff_exact=40000,
        province="",
    )

    response = api_client.get(f"{detail_url(org)}/similar")

    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert isinstance(body, list)  # not paginated
    assert [row["organisation"]["uuid"] for row in body] == [str(twin.uuid), str(cousin.uuid)]
    assert [row["score"] for row in body] == [9.5, 2.0]
    assert body[0]["organisation"]["governmentLayer"] == "local"
    # type, layer, size, domain, province / comparable size, province
    assert [len(row["reasons"]) for row in body] == [5, 2]
    assert all(isinstance(reason, str) and reason for row in body for reason in row["reasons"])
    assert any("Sociaal domein" in reason for reason in body[0]["reasons"])


def test_similar_of_unknown_organisation(api_client, organisation):
    assert_problem(api_client.get(f"{LIST_URL}/{uuid.uuid4()}/similar"), 404, "not_found")
