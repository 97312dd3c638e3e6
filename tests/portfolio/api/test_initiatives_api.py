"""The initiatives API: /api/v1/initiatives (visibility, filters, writes through the
services with their permissions and audit trail, optimistic concurrency)."""

from __future__ import annotations

import uuid

import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Theme
from proeftuin.core.models import AuditEntry
from proeftuin.core.service import workflow_move
from proeftuin.portfolio.models import Initiative
from proeftuin.portfolio.services import initiative_update, team_member_add
from tests.api.test_organisations_api import assert_problem, invalid_names
from tests.factories import OrganisationFactory, make_case, make_initiative

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/initiatives"


def detail_url(initiative) -> str:
    return f"{LIST_URL}/{initiative.uuid}"


def titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["title"] for row in response.json()["results"]}


def payload(owner, **overrides) -> dict:
    data = {
        "title": "Minder wachten bij de balie",
        "problem": "Inwoners wachten lang.",
        "kind": "service",
        "owner": str(owner.uuid),
    }
    return {**data, **overrides}


@pytest.fixture
def portfolio(lead):
    """One initiative of every status and visibility, led by ``lead``."""
    combinations = [
        (s, v) for s in ("draft", "published") for v in ("public", "organisation", "private")
    ]
    return {
        (s, v): make_initiative(lead, title=f"{s} {v}", status=s, visibility=v)
        for s, v in combinations
    }


def test_anonymous_sees_only_published_public(api_client, portfolio):
    response = api_client.get(LIST_URL)
    assert titles(response) == {"published public"}
    body = response.json()
    assert body["count"] == 1 and response["API-Version"] == "1.0.0"
    row = body["results"][0]
    assert {"uuid", "url", "owner", "stage", "reflectionDue", "version"} <= set(row)
    assert row["stage"]["key"] == "idea"
    for (status, visibility), initiative in portfolio.items():
        response = api_client.get(detail_url(initiative))
        if (status, visibility) == ("published", "public"):
            assert response.status_code == 200 and response["ETag"] == '"1"'
        else:
            assert_problem(response, 404, "not_found")
    assert_problem(api_client.get(f"{LIST_URL}/{uuid.uuid4()}"), 404, "not_found")


def test_members_see_what_the_html_list_shows(api_client, portfolio, lead, make_member):
    seen = {}
    for role in (Role.VIEWER, Role.EDITOR):
        user = make_member(lead, role)
        api_client.force_authenticate(user)
        seen[role] = titles(api_client.get(LIST_URL))
        html = {i.title for i in Initiative.objects.visible_to(user)}
        assert seen[role] == html
    assert {"published public", "published organisation"} <= seen[Role.VIEWER]
    assert "draft private" not in seen[Role.VIEWER] and len(seen[Role.EDITOR]) == 6
    api_client.force_authenticate(make_member(OrganisationFactory(), Role.ORGANISATION_ADMIN))
    assert titles(api_client.get(LIST_URL)) == {"published public"}


def test_archived_initiatives_leave_the_list_but_keep_their_detail(api_client, lead, editor):
    archived = make_initiative(lead, title="Oud", status="archived", visibility="public")
    api_client.force_authenticate(editor)
    assert "Oud" not in titles(api_client.get(LIST_URL))
    assert api_client.get(detail_url(archived)).status_code == 200


def test_filters_as_the_html_list(api_client, lead, partner, editor, make_member):
    theme = Theme.objects.filter(theme_set__key="casebook").first()
    shown = {"status": "published", "visibility": "public"}
    make_initiative(lead, title="Geleid", kind="process", themes=[theme], **shown)
    make_initiative(partner, title="Ander", kind="service", **shown)
    shared = make_initiative(partner, title="Gedeeld", kind="service", partners=[lead], **shown)
    workflow_move(actor=make_member(partner, Role.EDITOR), subject=shared, to_stage="exploration")
    api_client.force_authenticate(editor)
    by_lead = api_client.get(LIST_URL, {"organisation": str(lead.uuid)})
    assert titles(by_lead) == {"Geleid", "Gedeeld"}
    assert titles(api_client.get(LIST_URL, {"kind": "service"})) == {"Ander", "Gedeeld"}
    assert titles(api_client.get(LIST_URL, {"theme": str(theme.uuid)})) == {"Geleid"}
    assert titles(api_client.get(LIST_URL, {"stage": "exploration"})) == {"Gedeeld"}
    body = assert_problem(api_client.get(LIST_URL, {"kind": "magic"}), 400, "invalid")
    assert invalid_names(body) == {"kind"}
    assert_problem(api_client.get(LIST_URL, {"organisation": "x"}), 400, "invalid")


def test_team_names_only_for_members_of_the_organisations(api_client, lead, contributor):
    initiative = make_initiative(lead, actor=contributor, title="Open")
    initiative_update(initiative=initiative, actor=None, status="published", visibility="public")
    team = api_client.get(detail_url(initiative)).json()["team"]
    assert team == [{"name": None, "role": "owner"}]
    api_client.force_authenticate(contributor)
    team = api_client.get(detail_url(initiative)).json()["team"]
    assert team[0]["name"] in (contributor.get_full_name(), contributor.username)


def test_create_by_a_contributor_makes_them_owner_and_is_audited(api_client, lead, contributor):
    api_client.force_authenticate(contributor)
    response = api_client.post(LIST_URL, payload(lead, facets=["adaptive"]), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["owner"]["uuid"] == str(lead.uuid) and body["facets"] == ["adaptive"]
    assert body["stage"]["key"] == "idea" and response["ETag"] == '"1"'
    initiative = Initiative.objects.get(uuid=body["uuid"])
    assert initiative.team.get().user == contributor
    assert AuditEntry.objects.filter(object_uuid=initiative.uuid, action="create").exists()


def test_create_is_refused_in_dutch(api_client, lead, partner, make_member):
    response = api_client.post(LIST_URL, payload(lead), format="json")
    assert_problem(response, 401, "not_authenticated")
    api_client.force_authenticate(make_member(lead, Role.VIEWER))
    body = assert_problem(api_client.post(LIST_URL, payload(lead), format="json"), 403)
    assert "bijdrager" in body["detail"]
    api_client.force_authenticate(make_member(partner, Role.CONTRIBUTOR))
    assert_problem(api_client.post(LIST_URL, payload(lead), format="json"), 403)
    response = api_client.post(LIST_URL, payload(partner, kind="magic", title=""), format="json")
    body = assert_problem(response, 400, "invalid")
    assert invalid_names(body) == {"kind", "title"}
    assert not Initiative.objects.exists()


def test_inspiration_only_from_what_the_caller_sees(api_client, lead, partner, contributor):
    hidden = make_case(organisations=[partner], status="draft", visibility="private")
    visible = make_case(organisations=[partner], status="published", visibility="public")
    api_client.force_authenticate(contributor)
    data = payload(lead, inspiredByCases=[str(hidden.uuid)])
    body = assert_problem(api_client.post(LIST_URL, data, format="json"), 400)
    assert invalid_names(body) == {"inspiredByCases"}
    data = payload(lead, inspiredByCases=[str(visible.uuid)])
    response = api_client.post(LIST_URL, data, format="json")
    assert response.status_code == 201, response.content
    assert [c["uuid"] for c in response.json()["inspiredByCases"]] == [str(visible.uuid)]


def test_change_with_version_or_if_match(api_client, initiative, contributor):
    api_client.force_authenticate(contributor)
    url = detail_url(initiative)
    assert_problem(api_client.patch(url, {"title": "Nieuw"}, format="json"), 428)
    response = api_client.patch(url, {"title": "Nieuw", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2 and response["ETag"] == '"2"'
    stale = api_client.patch(url, {"title": "Oud", "version": 1}, format="json")
    assert "iemand anders" in assert_problem(stale, 409, "conflict")["detail"].lower()
    stale = api_client.patch(url, {"title": "Oud"}, format="json", HTTP_IF_MATCH='"1"')
    assert_problem(stale, 412)
    response = api_client.patch(url, {"title": "Derde"}, format="json", HTTP_IF_MATCH='"2"')
    assert response.status_code == 200 and response.json()["title"] == "Derde"
    assert AuditEntry.objects.filter(object_uuid=initiative.uuid, action="update").count() == 2


def test_change_refused_to_who_may_not_edit(api_client, initiative, lead, make_member):
    initiative_update(initiative=initiative, actor=None, status="published")
    url, data = detail_url(initiative), {"title": "X", "version": 2}
    api_client.force_authenticate(make_member(lead, Role.VIEWER))  # sees it, may not edit
    body = assert_problem(api_client.patch(url, data, format="json"), 403, "permission_denied")
    assert "redacteuren" in body["detail"]
    api_client.force_authenticate(make_member(OrganisationFactory(), Role.ORGANISATION_ADMIN))
    assert_problem(api_client.patch(url, data, format="json"), 404)  # not visible to them
    assert Initiative.objects.get(pk=initiative.pk).title != "X"


def test_a_team_member_may_not_publish(api_client, initiative, lead, editor, make_member):
    member = make_member(lead, Role.VIEWER)
    team_member_add(actor=editor, initiative=initiative, user=member, role="team")
    api_client.force_authenticate(member)
    data = {"status": "published", "version": 1}
    assert_problem(api_client.patch(detail_url(initiative), data, format="json"), 403)
    assert Initiative.objects.get(pk=initiative.pk).status == "draft"


def test_delete_by_an_editor_of_the_lead_with_if_match(api_client, initiative, contributor, editor):
    url = detail_url(initiative)
    api_client.force_authenticate(contributor)  # the owner, but not an editor
    assert_problem(api_client.delete(url, HTTP_IF_MATCH='"1"'), 403)
    api_client.force_authenticate(editor)
    assert_problem(api_client.delete(url), 428)
    assert_problem(api_client.delete(url, HTTP_IF_MATCH='"7"'), 412)
    assert Initiative.objects.filter(pk=initiative.pk).exists()
    assert api_client.delete(url, HTTP_IF_MATCH='"1"').status_code == 204
    assert not Initiative.objects.filter(pk=initiative.pk).exists()
    assert AuditEntry.objects.filter(object_uuid=initiative.uuid, action="delete").exists()
