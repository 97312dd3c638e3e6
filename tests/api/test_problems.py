"""Every error under /api/v1 is application/problem+json with a Dutch title and detail."""

from __future__ import annotations

import json
import logging
import uuid

import pytest
from django.db import DataError
from django.test import Client

from proeftuin.accounts.models import Role
from proeftuin.organisations.models import Organisation
from tests.factories import make_case

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
TITLES = {
    400: "Het verzoek is niet geldig",
    401: "Niet aangemeld",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Weergave niet beschikbaar",
    412: "Versie niet meer actueel",
    413: "Verzoek te groot",
    414: "Adres te lang",
    415: "Inhoudstype niet ondersteund",
    428: "Versie vereist",
    500: "Serverfout",
}
# Words that only an English message would contain.
ENGLISH = ("the ", "not ", "request", "invalid", "error", "found", "allowed")
TOO_BIG = 2**64


def assert_dutch_problem(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["title"] == TITLES[status]
    assert body["detail"] and not any(word in body["detail"].lower() for word in ENGLISH), body
    assert body["type"] == f"urn:proeftuin:probleem:{body['code']}"
    assert body["instance"] == response.wsgi_request.path
    if code is not None:
        assert body["code"] == code
    return body


@pytest.fixture
def admin_client(api_client, organisation, make_member):
    api_client.force_authenticate(make_member(organisation, Role.ORGANISATION_ADMIN))
    return api_client


# --- identifiers and routes -------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/cases/not-a-uuid",
        "/api/v1/cases/99999999999999999999999",
        "/api/v1/cases/not-a-uuid/similar",
        "/api/v1/organisations/not-a-uuid",
        "/api/v1/organisations/1/similar",
        "/api/v1/documents/not-a-uuid",
        "/api/v1/documents/%00/suggestions",
        "/api/v1/suggestions/not-a-uuid",
        "/api/v1/nothing-here",
        "/api/v1/cases/",
        "/api/v2/cases",
    ],
)
def test_bad_identifiers_and_unknown_routes_are_404(api_client, path):
    assert_dutch_problem(api_client.get(path), 404, "not_found")


def test_unknown_uuid_is_404(api_client):
    assert_dutch_problem(api_client.get(f"/api/v1/cases/{uuid.uuid4()}"), 404)


def test_bad_identifier_in_a_write_is_404(admin_client):
    response = admin_client.patch("/api/v1/organisations/x", {"version": 1}, format="json")
    assert_dutch_problem(response, 404)


# --- numbers out of range ---------------------------------------------------------------


@pytest.mark.parametrize("page", [str(TOO_BIG), "-1", "0", "abc", "1.5"])
def test_page_numbers_out_of_range_are_400(api_client, page):
    body = assert_dutch_problem(api_client.get("/api/v1/cases", {"page": page}), 400, "invalid")
    assert [p["name"] for p in body["invalidParams"]] == ["page"]


def test_page_past_the_end_is_404(api_client):
    assert_dutch_problem(api_client.get("/api/v1/cases", {"page": 2**62}), 404)


@pytest.mark.parametrize("version", [TOO_BIG, -1, 0])
def test_version_out_of_range_is_400(admin_client, organisation, version):
    url = f"/api/v1/organisations/{organisation.uuid}"
    response = admin_client.patch(url, {"municipality": "Zeist", "version": version}, format="json")
    body = assert_dutch_problem(response, 400, "invalid")
    assert {p["name"] for p in body["invalidParams"]} == {"version"}


def test_if_match_out_of_range_is_412(admin_client, organisation):
    url = f"/api/v1/organisations/{organisation.uuid}"
    response = admin_client.patch(
        url, {"municipality": "Zeist"}, format="json", HTTP_IF_MATCH=f'"{TOO_BIG}"'
    )
    assert_dutch_problem(response, 412)


def test_staff_numbers_out_of_range_are_400(admin_client, organisation):
    url = f"/api/v1/organisations/{organisation.uuid}"
    response = admin_client.patch(url, {"staffExact": TOO_BIG, "version": 1}, format="json")
    assert_dutch_problem(response, 400, "invalid")
    organisation.refresh_from_db()
    assert organisation.staff_exact != TOO_BIG


def test_search_limit_out_of_range_is_400(api_client):
    response = api_client.get("/api/v1/search", {"q": "water", "limit": TOO_BIG})
    assert_dutch_problem(response, 400, "invalid")


@pytest.mark.parametrize("error", [OverflowError("int too large"), DataError("out of range")])
def test_database_overflow_is_400_not_500(api_client, monkeypatch, error):
    """Whatever still reaches the database with too big a number is the caller's error."""
    from proeftuin.organisations.api import views

    def overflow(*args, **kwargs):
        raise error

    monkeypatch.setattr(views.OrganisationViewSet, "list", overflow)
    assert_dutch_problem(api_client.get("/api/v1/organisations"), 400, "out_of_range")


# --- bodies ---------------------------------------------------------------------------------


def post_raw(client, path, body: bytes | str, content_type="application/json", **extra):
    return client.generic("POST", path, body, content_type=content_type, **extra)


@pytest.mark.parametrize("depth", [33, 1000, 100_000])
def test_deeply_nested_json_is_400(api_client, depth):
    body = "[" * depth + "]" * depth
    response = post_raw(api_client, "/api/v1/search/prior-cases", body)
    assert_dutch_problem(response, 400, "too_deep")


def test_json_nested_within_the_limit_is_read(api_client):
    body = {"text": "waterstofbus", "limit": 5, "extra": [[[[[[1]]]]]]}
    response = api_client.post("/api/v1/search/prior-cases", body, format="json")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("body", ["{", "NaN", '{"text": Infinity}', b"\xff\xfe"])
def test_invalid_json_is_400(api_client, body):
    response = post_raw(api_client, "/api/v1/search/prior-cases", body)
    assert_dutch_problem(response, 400, "parse_error")


def test_body_over_the_limit_is_413_before_reading(api_client, settings):
    settings.API_MAX_BODY_BYTES = 1000
    body = json.dumps({"text": "x" * 2000})
    response = post_raw(api_client, "/api/v1/search/prior-cases", body)
    assert_dutch_problem(response, 413, "too_large")


def test_body_over_the_limit_without_content_length_is_413(api_client, settings):
    """The parser reads at most the limit, whatever Content-Length says."""
    settings.API_MAX_BODY_BYTES = 1000
    body = json.dumps({"text": "x" * 2000})
    response = post_raw(api_client, "/api/v1/search/prior-cases", body, CONTENT_LENGTH="")
    assert response.status_code in (400, 413)
    assert response["Content-Type"] == PROBLEM


def test_twelve_megabyte_body_is_413(api_client):
    body = b'{"text": "' + b"x" * (12 * 1024 * 1024) + b'"}'
    response = post_raw(api_client, "/api/v1/search/prior-cases", body)
    assert_dutch_problem(response, 413, "too_large")


def test_upload_over_the_limit_is_413(admin_client, settings):
    settings.API_MAX_UPLOAD_BYTES = 10_000
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("groot.txt", b"x" * 20_000, content_type="text/plain")
    response = admin_client.post("/api/v1/documents", {"file": upload}, format="multipart")
    assert_dutch_problem(response, 413, "too_large")


def test_too_many_multipart_fields_is_400(admin_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = {f"field{i}": "x" for i in range(20)}
    response = admin_client.post("/api/v1/documents", data, format="multipart")
    assert_dutch_problem(response, 400, "bad_request")


def test_form_body_over_djangos_memory_limit_is_413(admin_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    data = {"note": "x" * 5000}
    response = admin_client.post("/api/v1/documents", data, format="multipart")
    assert_dutch_problem(response, 413, "too_large")


# --- query strings -----------------------------------------------------------------------


def test_too_many_query_fields_is_400(api_client):
    query = "&".join(f"a{i}=1" for i in range(1100))  # 1,000 is Django's limit
    assert len(query) < 8000
    assert_dutch_problem(api_client.get(f"/api/v1/cases?{query}"), 400, "bad_request")


@pytest.mark.parametrize("length", [8001, 4096 * 4])
def test_long_query_string_is_414(api_client, length):
    response = api_client.get("/api/v1/cases?q=" + "x" * length)
    assert_dutch_problem(response, 414, "uri_too_long")


def test_four_kilobyte_query_string_is_answered(api_client):
    response = api_client.get("/api/v1/search", {"q": "water " * 300})
    assert response.status_code == 200, response.content


# --- methods, media types, authentication -----------------------------------------------


def test_wrong_method_is_405_with_allow(api_client):
    response = api_client.delete("/api/v1/cases")
    assert_dutch_problem(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


def test_unsupported_media_type_is_415(admin_client):
    response = post_raw(admin_client, "/api/v1/organisations", "name=x", "text/plain")
    assert_dutch_problem(response, 415, "unsupported_media_type")


def test_unacceptable_representation_is_406(api_client):
    response = api_client.get("/api/v1/cases", HTTP_ACCEPT="text/html")
    assert_dutch_problem(response, 406, "not_acceptable")


def test_anonymous_write_is_401_with_challenge(api_client):
    response = api_client.post("/api/v1/organisations", {}, format="json")
    assert_dutch_problem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_invalid_token_is_401(api_client):
    response = api_client.get("/api/v1/cases", HTTP_AUTHORIZATION="Token nonsense")
    assert_dutch_problem(response, 401, "authentication_failed")


def test_write_without_permission_is_403(api_client, organisation, make_member):
    api_client.force_authenticate(make_member(organisation, Role.VIEWER))
    response = api_client.patch(
        f"/api/v1/organisations/{organisation.uuid}", {"version": 1}, format="json"
    )
    assert_dutch_problem(response, 403, "permission_denied")


def test_disallowed_host_is_a_problem_not_a_page():
    response = Client().get("/api/v1/cases", HTTP_HOST="aanvaller.example")
    assert_dutch_problem(response, 400, "bad_request")


# --- optimistic locking ------------------------------------------------------------------


@pytest.fixture
def editor_client(api_client, organisation, make_member):
    api_client.force_authenticate(make_member(organisation, Role.EDITOR))
    return api_client


@pytest.mark.parametrize("method", ["patch", "put"])
def test_case_change_without_version_is_428(editor_client, organisation, method):
    case = make_case(organisations=[organisation], title="Wijkteams")
    payload = {
        "title": "Wijkteams 2",
        "summary": "Nieuw.",
        "stage": case.stage,
        "organisations": [str(organisation.uuid)],
    }
    response = getattr(editor_client, method)(f"/api/v1/cases/{case.uuid}", payload, format="json")
    assert_dutch_problem(response, 428, "precondition_required")
    case.refresh_from_db()
    assert (case.title, case.version) == ("Wijkteams", 1)


def test_organisation_change_without_version_is_428(admin_client, organisation):
    url = f"/api/v1/organisations/{organisation.uuid}"
    response = admin_client.patch(url, {"municipality": "Zeist"}, format="json")
    assert_dutch_problem(response, 428, "precondition_required")
    assert Organisation.objects.get(pk=organisation.pk).municipality != "Zeist"


def test_organisation_if_match_carries_the_version(admin_client, organisation):
    url = f"/api/v1/organisations/{organisation.uuid}"
    etag = admin_client.get(url)["ETag"]
    assert etag == '"1"'
    changed = admin_client.patch(url, {"municipality": "Zeist"}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200, changed.content
    assert changed["ETag"] == '"2"'
    stale = admin_client.patch(url, {"municipality": "Ede"}, format="json", HTTP_IF_MATCH=etag)
    assert_dutch_problem(stale, 412)


@pytest.mark.parametrize("if_match", ['"abc"', "*", '"-1"'])
def test_unusable_if_match_is_412(admin_client, organisation, if_match):
    url = f"/api/v1/organisations/{organisation.uuid}"
    response = admin_client.patch(
        url, {"municipality": "Zeist"}, format="json", HTTP_IF_MATCH=if_match
    )
    assert_dutch_problem(response, 412)


# --- unexpected errors ------------------------------------------------------------------


def test_unexpected_error_is_a_logged_500_problem(api_client, monkeypatch, caplog):
    from proeftuin.organisations.api import views

    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(views.OrganisationViewSet, "list", broken)
    with caplog.at_level(logging.ERROR, logger="proeftuin.api"):
        response = api_client.get("/api/v1/organisations")
    assert_dutch_problem(response, 500, "server_error")
    assert b"kapot" not in response.content
    assert any(r.exc_info and "kapot" in str(r.exc_info[1]) for r in caplog.records)


def test_error_outside_a_view_is_a_500_problem(monkeypatch):
    from proeftuin.api import middleware

    def broken(request, response):
        raise RuntimeError("kapot")

    monkeypatch.setattr(middleware.ApiVersionMiddleware, "__call__", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/organisations")
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM
    assert json.loads(response.content)["title"] == TITLES[500]


def test_pages_outside_the_api_keep_html(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
