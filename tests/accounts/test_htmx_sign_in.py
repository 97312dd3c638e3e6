"""An htmx request that has to sign in first sends the whole page to the sign-in page (not
the sign-in page into a part of it), and brings the reader back to the page they were on."""

import pytest
from django.test import Client

from proeftuin.accounts.models import Role
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PAGE = "http://testserver/documenten/0b1c/?casus=0&toon=open#s-1"


def htmx(current=PAGE):
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": current}


def test_signed_out_htmx_request_redirects_the_whole_page():
    response = Client().post(
        "/documenten/suggesties/0b1c2d3e-0000-0000-0000-000000000000/", **htmx()
    )
    assert response.status_code == 401 and response.content == b""
    assert response["HX-Redirect"] == (
        "/account/inloggen/?next=%2Fdocumenten%2F0b1c%2F%3Fcasus%3D0%26toon%3Dopen%23s-1"
    )


def test_without_htmx_the_redirect_is_left_alone():
    response = Client().get("/documenten/")
    assert response.status_code == 302 and "HX-Redirect" not in response
    assert response["Location"] == "/account/inloggen/?next=/documenten/"


def test_a_page_on_another_site_is_not_a_next():
    response = Client().get("/documenten/", **htmx("https://elders.example/"))
    assert response["HX-Redirect"] == "/account/inloggen/"


def test_a_second_factor_still_to_pass_sends_the_page_there(make_member):
    admin = make_member(OrganisationFactory(), Role.ORGANISATION_ADMIN)
    client = Client()
    client.force_login(admin)  # signed in with the password only
    response = client.get("/documenten/", **htmx())
    assert response["HX-Redirect"].startswith("/account/tweestaps/")
    assert "next=%2Fdocumenten%2F0b1c%2F" in response["HX-Redirect"]


def test_other_redirects_of_htmx_requests_are_left_alone():
    response = Client().post("/i18n/setlang/", {"language": "en", "next": "/casussen/"}, **htmx())
    assert response.status_code == 302 and response["Location"] == "/casussen/"
    assert "HX-Redirect" not in response
