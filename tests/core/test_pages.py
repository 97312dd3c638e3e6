import pytest

pytestmark = pytest.mark.django_db


def test_interface_is_dutch_first_even_for_an_english_browser(client):
    response = client.get("/casussen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert "Casusbibliotheek" in response.content.decode()


def test_visitor_can_choose_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/casussen/"})
    response = client.get("/casussen/")
    assert response["Content-Language"] == "en"
    assert "Case library" in response.content.decode()


def test_unknown_api_path_is_problem_json(client, settings):
    settings.DEBUG = False
    response = client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"]
