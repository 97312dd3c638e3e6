"""The case library API: /api/v1/cases (visibility, filters, nested writes, concurrency)."""

from __future__ import annotations

import uuid

import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Case, CaseFacetValue, Citation
from proeftuin.core.models import AuditEntry
from tests.api.test_organisations_api import assert_problem, invalid_names
from tests.factories import DocumentFactory, OrganisationFactory, make_case

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/cases"
PUBLIC_ORG_PRIVATE = ("public", "organisation", "private")


def detail_url(case) -> str:
    return f"{LIST_URL}/{case.uuid}"


def patch(client, case, data: dict, **headers):
    return client.patch(detail_url(case), data, format="json", **headers)


def post(client, data: dict):
    return client.post(LIST_URL, data, format="json")


def titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["title"] for row in response.json()["results"]}


@pytest.fixture
def editor(organisation, make_member):
    return make_member(organisation, Role.EDITOR)


@pytest.fixture
def contributor(organisation, make_member):
    return make_member(organisation, Role.CONTRIBUTOR)


@pytest.fixture
def library(organisation):
    """One case of every status and visibility, all owned by ``organisation``."""
    combinations = [(s, v) for s in ("draft", "published") for v in PUBLIC_ORG_PRIVATE]
    return {
        (s, v): make_case(organisations=[organisation], title=f"{s} {v}", status=s, visibility=v)
        for s, v in combinations
    }


def test_anonymous_list_shows_only_published_public(api_client, library):
    response = api_client.get(LIST_URL)
    assert titles(response) == {"published public"}
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    assert response["API-Version"] == "1.0.0"
    row = body["results"][0]
    assert {"yearStart", "updatedAt", "organisations", "version"} <= set(row)
    assert row["organisations"][0]["isLead"] is True
    assert "people" not in row


def test_anonymous_detail_of_invisible_cases_is_404(api_client, library):
    for (status, visibility), case in library.items():
        response = api_client.get(detail_url(case))
        if (status, visibility) == ("published", "public"):
            assert response.status_code == 200
        else:
            assert_problem(response, 404, "not_found")
            assert "ETag" not in response
    assert_problem(api_client.get(f"{LIST_URL}/{uuid.uuid4()}"), 404, "not_found")


SHARED = {"published public", "published organisation"}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, {"published public"}),  # signed in, no membership
        (Role.VIEWER, SHARED),
        (Role.CONTRIBUTOR, SHARED | {"draft public", "draft organisation"}),
    ],
)
def test_list_per_role(api_client, organisation, make_member, outsider, library, role, expected):
    api_client.force_authenticate(outsider if role is None else make_member(organisation, role))
    assert titles(api_client.get(LIST_URL)) == expected


def test_detail_has_etag_of_version(api_client):
    case = make_case()
    response = api_client.get(detail_url(case))
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    body = response.json()
    assert body["version"] == 1
    assert body["themeSet"] == "casebook"
    assert body["opsiPhase"] == "implementing"
    assert body["sections"][0]["theme"] == "openness"
    assert body["outcomes"][0]["value"] == "-60.00"


def test_people_names_only_for_members(api_client, organisation, make_member, outsider):
    partner = OrganisationFactory()
    case = make_case(organisations=[organisation, partner])

    def people(user):
        api_client.force_authenticate(user)
        response = api_client.get(detail_url(case))
        assert response.status_code == 200
        return response.json()["people"]

    anonymous = people(None)
    assert anonymous == [{"name": None, "role": "wijkcoach", "organisationName": ""}]
    assert people(outsider)[0]["name"] is None
    assert people(make_member(partner, Role.EDITOR))[0]["name"] is None  # not the owner
    assert people(make_member(organisation, Role.VIEWER))[0]["name"] == "Jan Jansen"


@pytest.fixture
def filtered_library():
    local = OrganisationFactory(name="Gemeente Deventer", government_layer="local")
    national = OrganisationFactory(
        name="Belastingdienst", government_layer="national", organisation_type="executive_agency"
    )
    award = [{"kind": "award", "name": "Innovatieprijs", "year": 2019}]
    make_case(organisations=[local], title="Open wijk", stage="evaluation", recognitions=award)
    make_case(
        organisations=[local], title="Lerende balie", sections={"internal_learning": "Leren."}
    )
    make_case(organisations=[national], title="Open toeslagen", summary="Vooraf invullen.")
    make_case(organisations=[local], title="Geheim", visibility="private")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"layer": "local", "theme": "casebook.openness"}, {"Open wijk"}),
        ({"layer": "local"}, {"Open wijk", "Lerende balie"}),
        ({"layer": ["local", "national"]}, {"Open wijk", "Lerende balie", "Open toeslagen"}),
        ({"theme": "casebook.internal_learning"}, {"Lerende balie"}),
        ({"stage": "evaluation"}, {"Open wijk"}),
        ({"stage": ["evaluation", "pilot"], "layer": "national"}, {"Open toeslagen"}),
        ({"recognition": "award"}, {"Open wijk"}),
        ({"q": "toeslagen"}, {"Open toeslagen"}),
        ({"q": "vooraf"}, {"Open toeslagen"}),  # summary
        ({"q": "deventer"}, {"Open wijk", "Lerende balie"}),  # organisation name
        ({"q": "geheim"}, set()),  # invisible stays invisible
        ({"type": "executive_agency"}, {"Open toeslagen"}),
        ({"year": "2016"}, {"Open wijk", "Lerende balie", "Open toeslagen"}),
    ],
)
def test_list_filters(api_client, filtered_library, params, expected):
    response = api_client.get(LIST_URL, params)
    assert titles(response) == expected
    assert response.json()["count"] == len(expected)


def test_list_sort(api_client):
    make_case(title="Bravo", year_start=2020)
    make_case(title="Alfa", year_start=2010)
    make_case(title="Charlie", year_start=2015)

    def order(sort):
        return [row["title"] for row in api_client.get(LIST_URL, {"sort": sort}).json()["results"]]

    assert order("recent") == ["Bravo", "Charlie", "Alfa"]
    assert order("title") == ["Alfa", "Bravo", "Charlie"]
    assert order("oldest") == ["Alfa", "Charlie", "Bravo"]


def test_list_rejects_invalid_sort(api_client):
    make_case()
    body = assert_problem(api_client.get(LIST_URL, {"sort": "random"}), 400, "invalid")
    assert invalid_names(body) == {"sort"}


def case_payload(*organisations, **overrides) -> dict:
    outcome = {"measure": "wachttijd", "value": "-25.5", "unit": "percent"}
    outcome.update(direction="decrease", kind="time", period="2019-2021")
    payload = dict(
        title="Digitale balie", summary="Sneller geholpen.", yearStart=2019, yearEnd=2021,
        stage="pilot", status="draft", visibility="organisation", themeSet="casebook",
        organisations=[str(org.uuid) for org in organisations],
        sections={"openness": "Cijfers zijn openbaar.", "internalLearning": "Leren."},
        outcomes=[outcome],
        lessons=[{"kind": "pitfall", "text": "Te snel opgeschaald."}],
        barriers=[{"category": "technical", "text": "Oude systemen."}],
        people=[{"name": "Piet Pieters", "role": "projectleider"}],
    )  # fmt: skip
    payload.update(overrides)
    return payload


def test_contributor_creates_case_with_nested_parts(api_client, organisation, contributor):
    partner = OrganisationFactory(name="Gemeente Olst")
    document = DocumentFactory(title="Evaluatierapport")
    citations = [{"field": "outcomes.0", "document": document.key, "page": 12, "quote": "25%"}]
    api_client.force_authenticate(contributor)

    response = post(api_client, case_payload(organisation, partner, citations=citations))

    assert response.status_code == 201, response.content
    assert response["ETag"] == '"1"'
    body = response.json()
    assert body["status"] == "draft"
    assert body["owner"] == str(organisation.uuid)
    assert [(o["uuid"], o["isLead"]) for o in body["organisations"]] == [
        (str(organisation.uuid), True),
        (str(partner.uuid), False),
    ]
    assert {s["theme"] for s in body["sections"]} == {"openness", "internal_learning"}
    assert body["outcomes"][0]["value"] == "-25.50"
    assert body["outcomes"][0]["period"] == "2019-2021"
    assert body["lessons"] == [{"kind": "pitfall", "text": "Te snel opgeschaald."}]
    assert body["people"][0]["name"] == "Piet Pieters"
    assert body["citations"] == [{**citations[0], "documentTitle": "Evaluatierapport"}]
    case = Case.objects.get(uuid=body["uuid"])
    assert case.created_by == contributor
    assert Citation.objects.get(case=case).document == document
    facets = set(CaseFacetValue.objects.filter(case=case).values_list("facet", "value"))
    expected = {("theme", "casebook.internal_learning"), ("outcome", "time"), ("year", "2020")}
    assert expected <= facets
    assert AuditEntry.objects.filter(object_uuid=case.uuid, action="create").count() == 1


def test_anonymous_cannot_write(api_client, organisation):
    case = make_case(organisations=[organisation], title="Bestaand")
    created = post(api_client, case_payload(organisation))
    changed = patch(api_client, case, {"title": "X"})
    for response in (created, changed):
        assert response.status_code in (401, 403)
        assert_problem(response, response.status_code)
    assert list(Case.objects.values_list("title", flat=True)) == ["Bestaand"]


def test_create_for_organisation_without_role_is_refused(api_client, contributor):
    other = OrganisationFactory()
    api_client.force_authenticate(contributor)
    response = post(api_client, case_payload(other))
    assert_problem(response, 403, "permission_denied")
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"organisations": [str(uuid.uuid4())]}, {"organisations"}),
        ({"organisations": ["not-a-uuid"]}, {"organisations"}),
        ({"organisations": []}, {"organisations"}),
        (
            {"citations": [{"field": "summary", "document": "no-such-doc"}]},
            {"citations.0.document"},
        ),
        (
            {"outcomes": [{"measure": "x", "value": "1", "unit": "parsec"}]},
            {"outcomes.0.unit", "outcomes.0.direction", "outcomes.0.kind"},
        ),
        ({"title": "", "stage": "dreaming"}, {"title", "stage"}),
        ({"yearEnd": 2001}, {"yearEnd"}),
        ({"sections": {"bogus": "x"}}, {"sections.bogus"}),
        ({"themeSet": "no-such-set"}, {"themeSet"}),
    ],
)
def test_create_invalid(api_client, organisation, contributor, overrides, expected):
    api_client.force_authenticate(contributor)
    response = post(api_client, case_payload(organisation, **overrides))
    body = assert_problem(response, 400, "invalid")
    assert invalid_names(body) == expected
    assert not Case.objects.exists()


def test_create_malformed_json(api_client, contributor):
    api_client.force_authenticate(contributor)
    response = api_client.post(LIST_URL, data=b'{"title": "x",', content_type="application/json")
    assert_problem(response, 400, "parse_error")
    assert not Case.objects.exists()


def test_contributor_cannot_publish(api_client, organisation, contributor):
    api_client.force_authenticate(contributor)
    refused = post(api_client, case_payload(organisation, status="published"))
    assert_problem(refused, 403, "permission_denied")
    assert not Case.objects.exists()

    assert post(api_client, case_payload(organisation)).status_code == 201
    case = Case.objects.get()
    assert_problem(
        patch(api_client, case, {"status": "published", "version": case.version}),
        403,
        "permission_denied",
    )
    case.refresh_from_db()
    assert (case.status, case.version) == ("draft", 1)


def test_editor_can_publish(api_client, organisation, editor):
    case = make_case(organisations=[organisation], status="in_review")
    api_client.force_authenticate(editor)
    response = patch(api_client, case, {"status": "published", "version": case.version})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    case.refresh_from_db()
    assert case.status == "published"

    created = post(api_client, case_payload(organisation, status="published"))
    assert created.status_code == 201
    assert created.json()["status"] == "published"


def test_editor_of_another_organisation_cannot_edit(api_client, make_member):
    case = make_case()
    api_client.force_authenticate(make_member(OrganisationFactory(), Role.EDITOR))
    assert_problem(patch(api_client, case, {"title": "X"}), 403)
    case.refresh_from_db()
    assert case.title != "X"


def test_editor_cannot_hand_case_to_organisation_without_role(api_client, organisation, editor):
    case = make_case(organisations=[organisation])
    stranger = OrganisationFactory(name="Gemeente Elders")
    api_client.force_authenticate(editor)
    response = patch(api_client, case, {"owner": str(stranger.uuid), "version": case.version})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.owner == organisation


def test_concurrent_patches_with_same_version(api_client, organisation, editor):
    case = make_case(organisations=[organisation])
    api_client.force_authenticate(editor)

    first = patch(api_client, case, {"title": "Eerste", "version": 1})
    second = patch(api_client, case, {"title": "Tweede", "version": 1})

    assert first.status_code == 200, first.content
    assert first.json()["version"] == 2
    assert first["ETag"] == '"2"'
    assert_problem(second, 409, "conflict")
    assert "ETag" not in second
    current = api_client.get(detail_url(case)).json()
    assert (current["title"], current["version"]) == ("Eerste", 2)
    assert AuditEntry.objects.filter(object_uuid=case.uuid, action="update").count() == 1


def test_if_match_header_carries_the_version(api_client, organisation, editor):
    case = make_case(organisations=[organisation])
    api_client.force_authenticate(editor)
    etag = api_client.get(detail_url(case))["ETag"]

    first = patch(api_client, case, {"summary": "Nieuw."}, HTTP_IF_MATCH=etag)
    assert first.status_code == 200, first.content
    assert first["ETag"] == '"2"'

    stale = patch(api_client, case, {"summary": "Oud."}, HTTP_IF_MATCH=etag)
    # RFC 9110 prefers 412 for a failed If-Match; the API answers 409 like a stale body version.
    assert stale.status_code in (409, 412)
    assert_problem(stale, stale.status_code)
    case.refresh_from_db()
    assert (case.summary, case.version) == ("Nieuw.", 2)

    weak = patch(api_client, case, {"summary": "Zwak."}, HTTP_IF_MATCH='W/"2"')
    assert weak.status_code == 200
    assert weak.json()["version"] == 3


def test_patch_replaces_nested_lists(api_client, organisation, editor):
    case = make_case(organisations=[organisation])
    api_client.force_authenticate(editor)
    lessons = [{"kind": "worked", "text": "Samen optrekken."}]

    response = patch(
        api_client, case, {"lessons": lessons, "barriers": [], "version": case.version}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["lessons"], body["barriers"]) == (lessons, [])
    assert len(body["outcomes"]) == 1  # not sent, so kept


def test_changing_theme_set_keeps_sections_consistent(api_client, organisation, editor):
    case = make_case(organisations=[organisation])
    api_client.force_authenticate(editor)

    response = patch(api_client, case, {"themeSet": "six-step", "version": case.version})

    if response.status_code == 200:
        case = Case.objects.get(pk=case.pk)
        assert all(s.theme.theme_set_id == case.theme_set_id for s in case.sections.all())
        facets = CaseFacetValue.objects.filter(case=case, facet="theme")
        assert all(v.startswith("six-step.") for v in facets.values_list("value", flat=True))
    else:
        assert_problem(response, 400)
