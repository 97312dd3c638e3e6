"""The awards pages: the editions, an edition's public page, nominating, consent, the
submission and a nomination's page per viewer."""

import pytest

from proeftuin.awards.models import Nomination
from proeftuin.awards.services_nominations import nomination_create
from tests.awards.factories import make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]), title="Verkiezing 2017")
    return organiser, edition, OrganisationFactory(name="Gemeente Zuidhorn")


def test_the_edition_page_shows_consented_nominees_only(client, world):
    _organiser, edition, nominee = world
    assert "Verkiezing 2017" in client.get("/prijzen/").content.decode()
    nomination = nomination_create(
        actor=UserFactory(), edition=edition, organisation=nominee, source="other", motivation="x"
    )
    page = client.get(f"/prijzen/{edition.slug}/").content.decode()
    assert "Gemeente Zuidhorn" not in page
    assert client.get(f"/prijzen/nominaties/{nomination.uuid}/").status_code == 404
    editor = member(nominee)
    client.force_login(editor)
    detail = client.get(f"/prijzen/nominaties/{nomination.uuid}/").content.decode()
    assert "Neemt uw organisatie deel?" in detail
    response = client.post(
        f"/prijzen/nominaties/{nomination.uuid}/toestemming/",
        {"version": nomination.version, "give": "1"},
    )
    assert response.status_code == 302
    client.logout()
    assert "Gemeente Zuidhorn" in client.get(f"/prijzen/{edition.slug}/").content.decode()


def test_nominating_and_writing_the_submission(client, world):
    _organiser, edition, nominee = world
    editor = member(nominee)
    client.force_login(editor)
    form = client.get(f"/prijzen/{edition.slug}/nomineren/")
    assert form.status_code == 200
    missing = client.post(
        f"/prijzen/{edition.slug}/nomineren/", {"organisation": nominee.pk, "source": "other"}
    )
    assert missing.status_code == 400 and "waarom u deze organisatie" in missing.content.decode()
    done = client.post(
        f"/prijzen/{edition.slug}/nomineren/", {"organisation": nominee.pk, "source": "self"}
    )
    nomination = Nomination.objects.get()
    assert done.status_code == 302 and done["Location"].endswith(f"{nomination.uuid}/")
    criteria = list(edition.criteria.all())
    url = f"/prijzen/nominaties/{nomination.uuid}/inzending/"
    assert client.get(url).status_code == 200
    half = client.post(
        url, {"version": nomination.version, f"c{criteria[0].pk}": "Ons verhaal", "submit": "1"}
    )
    assert half.status_code == 400 and "Impact" in half.content.decode()
    nomination.refresh_from_db()
    full = {"version": nomination.version, **{f"c{c.pk}": "Xqzverhaal" for c in criteria}}
    assert client.post(url, {**full, "submit": "1"}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.stage.key == "submitted"
    page = f"/prijzen/nominaties/{nomination.uuid}/"
    client.force_login(UserFactory())  # the nomination is public now, its submission is not
    assert client.get(url).status_code == 403
    assert "Xqzverhaal" not in client.get(page).content.decode()
    client.force_login(member(nominee, role=10))
    assert client.get(url).status_code == 403
    assert "Xqzverhaal" in client.get(page).content.decode()
