import datetime

from proeftuin.circles import services, services_meetings


def test_a_closed_group_is_listed_and_read_only_by_its_members(
    client, circle, joined, adopter, stranger
):
    services_meetings.meeting_create(
        actor=circle.members.get(role="host").user,
        circle=circle,
        title="Start",
        date=datetime.date(2026, 1, 5),
        notes="Geheim verslag",
    )
    assert client.get("/api/v1/circles").json()["count"] == 0
    client.force_login(stranger)
    assert client.get("/api/v1/circles").json()["count"] == 0
    for url in ("", "/members", "/meetings", "/questions"):
        response = client.get(f"/api/v1/circles/{circle.uuid}{url}")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/problem+json")
    client.force_login(adopter)
    body = client.get("/api/v1/circles").json()
    assert body["count"] == 1 and body["results"][0]["memberCount"] == 2
    detail = client.get(f"/api/v1/circles/{circle.uuid}").json()
    assert detail["innovation"]["title"] == "Proef met wijkteams"
    meetings = client.get(f"/api/v1/circles/{circle.uuid}/meetings").json()
    assert meetings["results"][0]["notes"] == "Geheim verslag"
    members = client.get(f"/api/v1/circles/{circle.uuid}/members").json()["results"]
    assert {m["organisation"]["name"] for m in members} == {"Gemeente Bron", "Gemeente Volger"}


def test_members_ask_and_hosts_plan_through_the_api(client, circle, joined, host, adopter):
    client.force_login(adopter)
    url = f"/api/v1/circles/{circle.uuid}"
    asked = client.post(
        f"{url}/questions", {"title": "Wie begint?"}, content_type="application/json"
    )
    assert asked.status_code == 201 and asked.json()["title"] == "Wie begint?"
    refused = client.post(
        f"{url}/meetings", {"title": "X", "date": "2026-02-02"}, content_type="application/json"
    )
    assert refused.status_code == 403 and "gastheren" in refused.json()["detail"]
    client.force_login(host)
    planned = client.post(
        f"{url}/meetings",
        {"title": "Tweede", "date": "2026-02-02"},
        content_type="application/json",
    )
    assert planned.status_code == 201 and planned.json()["version"] == 1


def test_an_open_group_hides_names_from_anonymous_readers(client, circle, host):
    services.circle_update(actor=host, circle=circle, openness="public")
    members = client.get(f"/api/v1/circles/{circle.uuid}/members").json()["results"]
    assert members[0]["name"] is None and members[0]["organisation"]["name"] == "Gemeente Bron"
