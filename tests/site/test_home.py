"""The home page (site app): counts, recent cases and organisations like the user's own."""

import pytest
from django.urls import resolve, reverse

from proeftuin.accounts.models import Role
from proeftuin.site import views
from tests.factories import OrganisationFactory, make_case

pytestmark = pytest.mark.django_db


def test_home_shows_organisations_like_mine(client, make_member):
    mine = OrganisationFactory(name="Gemeente Eigen", government_layer="local")
    OrganisationFactory(name="Gemeente Buur", government_layer="local")
    client.force_login(make_member(mine, Role.VIEWER))
    page = client.get("/").content.decode()
    assert "Gemeente Buur" in page


def test_home_is_the_site_apps_page_under_its_old_name(client):
    assert reverse("home") == "/"
    assert resolve("/").func is views.home
    response = client.get("/")
    assert response.templates[0].name == "site/home.html"


def test_home_counts_only_what_the_visitor_may_see(client):
    org = OrganisationFactory()
    make_case(organisations=[org], title="Openbare proef")
    make_case(organisations=[org], title="Interne proef", visibility="organisation")
    page = client.get("/").content.decode()
    assert "Openbare proef" in page and "Interne proef" not in page
    assert "1 casus in de bibliotheek" in page
