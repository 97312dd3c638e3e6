import pytest

from proeftuin.barriers.links import barrier_link
from proeftuin.barriers.models import Barrier
from proeftuin.core.models import AuditEntry
from tests.factories import make_initiative

API = "/api/v1/barriers"


@pytest.fixture
def signed_in(api_client, editor):
    api_client.force_authenticate(editor)
    return api_client


def test_list_and_detail_show_only_visible(api_client, make_barrier):
    shown = make_barrier()
    hidden = make_barrier(title="Intern knelpunt", status="draft", visibility="private")
    body = api_client.get(API).json()
    assert [row["uuid"] for row in body["results"]] == [str(shown.uuid)]
    assert api_client.get(f"{API}/{hidden.uuid}").status_code == 404
    assert api_client.get(f"{API}/{shown.uuid}").json()["ruleUrl"] == ""


def test_create_update_and_move(signed_in, alpha, ministry):
    payload = {
        "title": "Inkoopregels blokkeren pilots",
        "category": "legal",
        "description": "Aanbesteden duurt langer dan de pilot.",
        "owner": str(alpha.uuid),
        "authority": str(ministry.uuid),
        "status": "published",
    }
    created = signed_in.post(API, payload, format="json")
    assert created.status_code == 201, created.content
    uuid = created.json()["uuid"]
    changed = signed_in.patch(f"{API}/{uuid}", {"title": "Inkoop", "version": 1}, format="json")
    assert changed.json()["title"] == "Inkoop"
    moved = signed_in.patch(f"{API}/{uuid}", {"state": "confirmed", "version": 2}, format="json")
    assert moved.json()["state"] == "confirmed"
    assert AuditEntry.objects.filter(object_uuid=uuid).count() == 3


def test_bad_input_gets_a_problem_in_dutch(signed_in, alpha):
    payload = {
        "title": "X",
        "category": "legal",
        "description": "Y",
        "owner": str(alpha.uuid),
        "ruleUrl": "http://wetten.overheid.nl/",
    }
    response = signed_in.post(API, payload, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert not Barrier.objects.exists()


def test_anonymous_cannot_write(api_client, make_barrier):
    barrier = make_barrier()
    assert api_client.post(API, {"title": "x"}, format="json").status_code == 401
    response = api_client.patch(f"{API}/{barrier.uuid}", {"title": "x"}, format="json")
    assert response.status_code == 401


def test_heatmap(api_client, make_barrier, editor, alpha):
    barrier = make_barrier()
    initiative = make_initiative(alpha, actor=editor, status="published", visibility="public")
    barrier_link(actor=editor, barrier=barrier, subject=initiative)
    body = api_client.get(f"{API}/heatmap").json()
    local = next(row for row in body["rows"] if row["total"])
    assert {"category": "privacy", "count": 1} in local["cells"]
    assert api_client.get(f"{API}/heatmap?axis=nope").status_code == 400


def test_the_list_counts_organisations_per_barrier_on_its_page(
    api_client, client, make_barrier, editor, alpha, beta, beta_editor
):
    """The count is made for the page of barriers only; it names the organisations of
    the confirmed links (two organisations here, one of them twice)."""
    shared, alone = make_barrier(), make_barrier(title="Bekostiging per product")
    for org, actor in ((alpha, editor), (alpha, editor), (beta, beta_editor)):
        initiative = make_initiative(org, actor=actor, status="published", visibility="public")
        barrier_link(actor=actor, barrier=shared, subject=initiative)
    counts = {
        row["uuid"]: row["organisationCount"] for row in api_client.get(API).json()["results"]
    }
    assert counts == {str(shared.uuid): 2, str(alone.uuid): 0}
    page = client.get("/knelpunten/").content.decode()
    assert 'data-label="Organisaties" class="utrecht-table__cell">2</td>' in page
