"""The organisers' set-up pages: a programme manager creates a competition and an edition,
edits its timeline (a concurrent edit refused with nothing lost), adds and removes
criteria and categories; refusals in Dutch beside the fields; others are refused."""

import datetime
import re

import pytest
from django.utils import timezone

from proeftuin.awards.models import Category, Competition, Criterion, Edition
from proeftuin.awards.services_competitions import edition_update
from proeftuin.awards.services_nominations import nomination_create, submission_save
from tests.awards.factories import award_workflow, make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory
from tests.funding.factories import make_programme

pytestmark = pytest.mark.django_db

MOMENT = "%Y-%m-%dT%H:%M"


def moment(days: int) -> str:
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime(MOMENT)


def edition_data(**overrides) -> dict:
    data = {
        "year": "2017",
        "title": "Verkiezing 2017",
        "nominations_open": moment(-1),
        "nominations_close": moment(10),
        "submissions_close": moment(20),
        "ceremony_on": "2017-11-30",
        "score_min": "1",
        "score_max": "10",
        "top_size": "10",
        "finalists": "3",
    }
    return {**data, **overrides}


def field_error(body: str, field: str) -> str:
    """The error text beside ``field`` (``core/_field.html``), checking the input points to
    it with aria-describedby."""
    found = re.search(rf'id="{field}-error">([^<]*)<', body)
    assert found, f"no error beside {field}"
    assert re.search(rf'<[^>]*id="{field}"[^>]*aria-describedby="[^"]*{field}-error', body) or (
        re.search(rf'<[^>]*aria-describedby="[^"]*{field}-error[^>]*id="{field}"', body)
    ), f"{field} does not point to its error"
    return found.group(1)


@pytest.fixture
def manager():
    award_workflow()
    return UserFactory()


def test_a_programme_manager_sets_up_an_edition_through_the_pages(client, manager):
    programme = make_programme(managers=[manager], name="Programma Bestuur")
    make_programme(name="Programma van een ander")
    client.force_login(manager)
    listing = client.get("/prijzen/").content.decode()
    assert "/prijzen/nieuwe-prijs/" in listing
    page = client.get("/prijzen/nieuwe-prijs/").content.decode()
    assert "Programma Bestuur" in page and "Programma van een ander" not in page
    created = client.post(
        "/prijzen/nieuwe-prijs/",
        {"programme": programme.pk, "name": "Beste organisatie", "description": "Jaarlijks."},
    )
    competition = Competition.objects.get(name="Beste organisatie")
    new_edition = f"/prijzen/verkiezingen/{competition.slug}/nieuwe-editie/"
    assert created.status_code == 302 and created["Location"] == new_edition
    assert client.get(new_edition).status_code == 200
    done = client.post(new_edition, edition_data())
    edition = Edition.objects.get(competition=competition)
    setup = f"/prijzen/{edition.slug}/beheer/inrichten/"
    assert done.status_code == 302 and done["Location"] == setup
    assert (edition.year, edition.title, edition.top_size) == (2017, "Verkiezing 2017", 10)
    assert edition.ceremony_on == datetime.date(2017, 11, 30) and not edition.published
    criterion = {"name": "Openheid", "description": "Hoe open", "weight": "2"}
    added = client.post(setup.replace("inrichten", "criteria"), {**criterion, "theme": "openness"})
    assert added.status_code == 302 and added["Location"] == setup + "#criteria"
    assert client.post(setup.replace("inrichten", "categorieen"), {"name": "Gemeenten"})
    row = Criterion.objects.get(edition=edition)
    assert (row.name, row.weight, row.theme) == ("Openheid", 2, "openness")
    shown = client.get(setup).content.decode()
    assert "Openheid" in shown and "Gemeenten" in shown
    manage = client.get(f"/prijzen/{edition.slug}/beheer/").content.decode()
    assert setup in manage and new_edition in manage
    assert new_edition in client.get("/prijzen/").content.decode()
    category = Category.objects.get(edition=edition)
    removed = client.post(f"{setup.replace('inrichten', 'categorieen')}{category.pk}/verwijderen/")
    assert removed.status_code == 302 and not Category.objects.exists()
    client.post(f"{setup.replace('inrichten', 'criteria')}{row.pk}/verwijderen/")
    assert not Criterion.objects.exists()


def test_an_edition_is_refused_in_dutch_beside_its_fields(client, manager):
    competition = make_competition(organisers=[manager])
    client.force_login(manager)
    url = f"/prijzen/verkiezingen/{competition.slug}/nieuwe-editie/"
    bad = edition_data(year="", title=" ", nominations_close=moment(-3), finalists="12")
    response = client.post(url, bad)
    body = response.content.decode()
    assert response.status_code == 400 and not Edition.objects.exists()
    assert field_error(body, "id_year") == "Geef het jaar van de editie."
    assert field_error(body, "id_title") == "Geef de editie een titel."
    assert (
        field_error(body, "id_nominations_close") == "De nominaties moeten sluiten nadat ze openen."
    )
    assert "minstens één finalist" in field_error(body, "id_finalists")
    assert 'href="#id_title"' in body  # the summary links to the field
    assert client.post(url, edition_data()).status_code == 302
    again = client.post(url, edition_data(title="Nog een keer"))
    assert again.status_code == 409
    assert field_error(again.content.decode(), "id_year") == (
        "Deze verkiezing heeft al een editie in 2017."
    )
    assert Edition.objects.count() == 1


def test_a_competition_and_its_parts_are_refused_in_dutch(client, manager):
    programme = make_programme(managers=[manager])
    other = make_programme()
    client.force_login(manager)
    empty = client.post("/prijzen/nieuwe-prijs/", {"programme": programme.pk, "name": " "})
    assert empty.status_code == 400
    assert field_error(empty.content.decode(), "id_name") == "Geef de verkiezing een naam."
    foreign = client.post("/prijzen/nieuwe-prijs/", {"programme": other.pk, "name": "Elders"})
    assert foreign.status_code == 400 and "id_programme-error" in foreign.content.decode()
    assert not Competition.objects.exists()
    edition = make_edition(make_competition(organisers=[manager]), criteria=())
    base = f"/prijzen/{edition.slug}/beheer/"
    weightless = client.post(base + "criteria/", {"name": "Impact", "weight": "0"})
    assert weightless.status_code == 400
    assert field_error(weightless.content.decode(), "id_criterion_weight") == (
        "Het gewicht is een geheel getal van 1 tot en met 100."
    )
    theme = client.post(base + "criteria/", {"name": "Impact", "weight": "1", "theme": "geen"})
    assert theme.status_code == 400 and "id_criterion_theme-error" in theme.content.decode()
    client.post(base + "categorieen/", {"name": "Gemeenten"})
    twice = client.post(base + "categorieen/", {"name": "gemeenten"})
    assert twice.status_code == 409
    assert field_error(twice.content.decode(), "id_category_name") == (
        "Deze editie heeft al deze categorie."
    )
    assert not Criterion.objects.exists() and Category.objects.count() == 1


def test_a_concurrent_edit_is_refused_and_nothing_typed_is_lost(client, manager):
    edition = make_edition(make_competition(organisers=[manager]), title="Editie 2017")
    client.force_login(manager)
    url = f"/prijzen/{edition.slug}/beheer/inrichten/"
    page = client.get(url).content.decode()
    opened = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert 'value="Editie 2017"' in page
    edition_update(actor=manager, edition=edition, title="Titel van een collega")
    mine = edition_data(version=opened, title="Mijn nieuwe titel", top_size="8")
    del mine["year"]
    response = client.post(url, mine)
    body = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft dit gewijzigd nadat u het opende." in body
    assert 'value="Mijn nieuwe titel"' in body and 'value="8"' in body
    assert Edition.objects.get(pk=edition.pk).title == "Titel van een collega"
    current = re.search(r'name="version" value="(\d+)"', body).group(1)
    saved = client.post(url, {**mine, "version": current})
    assert saved.status_code == 302
    row = Edition.objects.get(pk=edition.pk)
    assert (row.title, row.top_size) == ("Mijn nieuwe titel", 8)
    bad = client.post(url, {**mine, "version": str(row.version), "score_max": "1"})
    assert bad.status_code == 400 and "schaal" in field_error(bad.content.decode(), "id_score_max")


def test_refused_removals_show_the_dutch_message(client, manager):
    edition = make_edition(make_competition(organisers=[manager]), criteria=("Impact",))
    category = Category.objects.create(edition=edition, name="Gemeenten")
    nominee = OrganisationFactory()
    editor = member(nominee)
    nomination = nomination_create(
        actor=editor, edition=edition, organisation=nominee, source="self", category=category
    )
    criterion = edition.criteria.get()
    submission_save(actor=editor, nomination=nomination, answers={criterion.pk: "Ons verhaal"})
    client.force_login(manager)
    base = f"/prijzen/{edition.slug}/beheer/"
    kept = client.post(f"{base}criteria/{criterion.pk}/verwijderen/", follow=True)
    assert "Genomineerden hebben al over dit criterium geschreven; het blijft." in (
        kept.content.decode()
    )
    stays = client.post(f"{base}categorieen/{category.pk}/verwijderen/", follow=True)
    assert "Er zijn nominaties in deze categorie gedaan; ze blijft." in stays.content.decode()
    assert Criterion.objects.filter(pk=criterion.pk).exists()
    assert Category.objects.filter(pk=category.pk).exists()


def test_only_organisers_reach_the_set_up_pages(client, manager):
    competition = make_competition(organisers=[manager])
    edition = make_edition(competition, criteria=("Impact",))
    criterion = edition.criteria.get()
    base = f"/prijzen/{edition.slug}/beheer/"
    new_edition = f"/prijzen/verkiezingen/{competition.slug}/nieuwe-editie/"
    assert client.get("/prijzen/nieuwe-prijs/")["Location"].startswith("/account/inloggen/")
    client.force_login(member(OrganisationFactory()))
    assert "/prijzen/nieuwe-prijs/" not in client.get("/prijzen/").content.decode()
    for url in ("/prijzen/nieuwe-prijs/", new_edition, base + "inrichten/"):
        assert client.get(url).status_code == 403, url
    attempts = [
        (new_edition, edition_data(year="2030")),
        (base + "inrichten/", {**edition_data(), "version": edition.version, "title": "Weg"}),
        (base + "criteria/", {"name": "Nieuw", "weight": "1"}),
        (f"{base}criteria/{criterion.pk}/verwijderen/", {}),
        (base + "categorieen/", {"name": "Nieuw"}),
        ("/prijzen/nieuwe-prijs/", {"programme": competition.programme.pk, "name": "Kaping"}),
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code == 403, url
    edition.refresh_from_db()
    assert edition.title == "Editie" and Edition.objects.count() == 1
    assert list(edition.criteria.values_list("name", flat=True)) == ["Impact"]
    assert not Category.objects.exists() and Competition.objects.count() == 1


def test_the_fields_the_service_needs_are_marked_required(client, manager):
    make_programme(managers=[manager])
    client.force_login(manager)
    html = client.get("/prijzen/nieuwe-prijs/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    name = re.search(r'<label[^>]*for="id_name">(.*?)</label>', html, re.S).group(1)
    assert "niet verplicht" not in name
    assert re.search(r'<input[^>]*name="name"[^>]*required', html)
    description = re.search(r'<label[^>]*for="id_description">(.*?)</label>', html, re.S)
    assert "niet verplicht" in description.group(1)
