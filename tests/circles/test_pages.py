import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from proeftuin.circles import services, services_meetings
from proeftuin.circles.models import Circle, Meeting, MeetingDocument


@pytest.fixture
def meeting(circle, host):
    return services_meetings.meeting_create(
        actor=host, circle=circle, title="Eerste bijeenkomst", date=datetime.date(2026, 3, 1)
    )


def test_the_pilot_page_offers_a_closed_group_without_its_title(client, circle, adopter, pilot):
    client.force_login(adopter)
    body = client.get(f"/initiatieven/{pilot.slug}/").content.decode()
    assert f"/groepen/{circle.uuid}/aanvragen/" in body
    assert circle.title not in body


def test_asking_from_the_pilot_page_reaches_the_hosts(client, circle, adopter, pilot):
    client.force_login(adopter)
    page = f"/initiatieven/{pilot.slug}/"
    response = client.post(f"/groepen/{circle.uuid}/aanvragen/", {"next": page})
    assert response.status_code == 302 and response["Location"] == page
    assert circle.requests.filter(user=adopter, state="pending").exists()
    body = client.get(page).content.decode()  # pending: no second request button
    assert "Uw verzoek is verstuurd" in body and f"/groepen/{circle.uuid}/aanvragen/" not in body


def test_the_group_page_shows_a_pending_request_instead_of_the_button(client, circle, adopter):
    Circle.objects.filter(pk=circle.pk).update(openness="signed_in")
    client.force_login(adopter)
    page = f"/groepen/{circle.uuid}/"
    assert f"/groepen/{circle.uuid}/aanvragen/" in client.get(page).content.decode()
    client.post(f"/groepen/{circle.uuid}/aanvragen/", {"message": "Wij doen mee."})
    body = client.get(page).content.decode()
    assert 'id="join-pending"' in body and "Uw verzoek is verstuurd" in body
    assert f"/groepen/{circle.uuid}/aanvragen/" not in body
    circle.requests.update(state="refused")  # decided: the button is back
    assert f"/groepen/{circle.uuid}/aanvragen/" in client.get(page).content.decode()


def test_the_host_starts_a_group_from_the_case_page(client, host, home):
    from tests.factories import make_case

    case = make_case(organisations=[home])
    client.force_login(host)
    body = client.get(f"/casussen/{case.slug}/").content.decode()
    assert f"/groepen/nieuw/casus/{case.slug}/" in body
    response = client.post(
        f"/groepen/nieuw/casus/{case.slug}/",
        {"title": "Leerkring", "kind": "learning_circle", "openness": "members"},
    )
    circle = Circle.objects.get()
    assert response.status_code == 302 and circle.case == case


def test_the_group_page_shows_members_meetings_and_questions(
    client, circle, joined, meeting, adopter
):
    services_meetings.question_ask(actor=adopter, circle=circle, title="Hoe begonnen jullie?")
    client.force_login(adopter)
    body = client.get(f"/groepen/{circle.uuid}/").content.decode()
    for text in ("Gemeente Volger", "Eerste bijeenkomst", "Hoe begonnen jullie?", "<table"):
        assert text in body


def test_a_closed_group_is_not_found_by_an_outsider(client, circle, meeting, stranger):
    client.force_login(stranger)
    assert client.get(f"/groepen/{circle.uuid}/").status_code == 404
    url = f"/groepen/{circle.uuid}/bijeenkomsten/{meeting.uuid}/"
    assert client.get(url).status_code == 404


def test_concurrent_notes_keep_the_first_and_show_the_second(
    client, circle, joined, meeting, host, adopter
):
    url = f"/groepen/{circle.uuid}/bijeenkomsten/{meeting.uuid}/"
    base = {"title": meeting.title, "date": "2026-03-01", "version": meeting.version}
    client.force_login(host)
    assert client.post(url, base | {"notes": "Verslag van de gastheer"}).status_code == 302
    client.force_login(adopter)
    response = client.post(url, base | {"notes": "Verslag van het lid"})
    assert response.status_code == 409
    assert "Verslag van het lid" in response.content.decode()  # nothing of the typing lost
    meeting.refresh_from_db()
    assert (meeting.notes, meeting.version) == ("Verslag van de gastheer", 2)


def test_a_document_is_stored_and_served_only_as_an_attachment(
    client, circle, joined, meeting, adopter
):
    client.force_login(adopter)
    upload = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 verslag", content_type="text/html")
    url = f"/groepen/{circle.uuid}/bijeenkomsten/{meeting.uuid}/documenten/"
    assert client.post(url, {"file": upload}).status_code == 302
    document = MeetingDocument.objects.get()
    assert document.content_type == "application/pdf" and "verslag" not in document.file.name
    response = client.get(f"/groepen/{circle.uuid}/documenten/{document.uuid}/")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "name,data",
    [
        ("verslag.pdf", b"<html>niet echt</html>"),
        ("script.html", b"<script></script>"),
        ("leeg.txt", b""),
    ],
)
def test_a_wrong_type_or_empty_document_is_refused(
    client, circle, joined, meeting, adopter, name, data
):
    client.force_login(adopter)
    url = f"/groepen/{circle.uuid}/bijeenkomsten/{meeting.uuid}/documenten/"
    response = client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)
    assert not MeetingDocument.objects.exists()
    assert response.status_code == 200


def test_an_oversized_document_is_refused_before_it_is_read(
    client, circle, joined, meeting, adopter, settings
):
    settings.CIRCLES_MAX_DOCUMENT_BYTES = 100
    client.force_login(adopter)
    url = f"/groepen/{circle.uuid}/bijeenkomsten/{meeting.uuid}/documenten/"
    upload = SimpleUploadedFile("groot.pdf", b"%PDF-" + b"x" * 200)
    response = client.post(url, {"file": upload}, follow=True)
    assert "205 bytes" in response.content.decode() and "100 bytes" in response.content.decode()
    assert not MeetingDocument.objects.exists()


def test_my_groups_lists_groups_and_pending_invitations(client, circle, host, stranger):
    services.invite(actor=host, circle=circle, user=stranger)
    client.force_login(stranger)
    body = client.get("/groepen/mijn/").content.decode()
    assert circle.title in body and "/groepen/uitnodigingen/" in body
    work = client.get("/mijn-werk/").content.decode()
    assert circle.title in work


def test_only_hosts_plan_meetings(client, circle, joined, adopter):
    client.force_login(adopter)
    data = {"title": "Extra", "date": "2026-04-01"}
    client.post(f"/groepen/{circle.uuid}/bijeenkomsten/nieuw/", data)
    assert not Meeting.objects.filter(title="Extra").exists()


def test_an_open_group_is_found_in_search_and_a_closed_one_is_not(
    client, host, pilot, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.circle_create(
            actor=host,
            innovation=pilot,
            title="Open kring zoekwoordalfa",
            kind="learning_circle",
            openness="public",
        )
        services.circle_create(
            actor=host, innovation=pilot, title="Dichte kring zoekwoordalfa", kind="learning_circle"
        )
    body = client.get("/zoeken/?q=zoekwoordalfa").content.decode()
    assert "Open kring" in body and "Dichte kring" not in body
    client.force_login(host)  # also a member does not find a closed group
    assert "Dichte kring" not in client.get("/zoeken/?q=zoekwoordalfa").content.decode()


def test_asking_never_sends_one_to_another_site(client, circle, adopter):
    client.force_login(adopter)
    for evil in ("//evil.example", "/\\evil.example", "https://evil.example/"):
        response = client.post(f"/groepen/{circle.uuid}/aanvragen/", {"next": evil})
        assert response["Location"] == f"/groepen/{circle.uuid}/"
