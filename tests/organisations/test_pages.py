"""Pages of the organisation registry: list, detail, map, create and edit forms."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from proeftuin.accounts.models import Role
from proeftuin.core.models import AuditEntry
from proeftuin.organisations.choices import Province
from proeftuin.organisations.models import Domain, Organisation
from proeftuin.organisations.selectors import organisation_similar
from tests.cases.test_pages import PostForm
from tests.factories import OrganisationFactory, make_case
from tests.svg_support import assert_svg_numbers_plain

pytestmark = pytest.mark.django_db

LIST = "/organisaties/"
CREATE = "/organisaties/nieuw/"


def listed(html: str) -> list[str]:
    return re.findall(
        r'<td [^>]*class="utrecht-table__cell"><a class="utrecht-link" href="/organisaties/[^"]+/">'
        r"([^<]+)</a></td>",
        html,
    )


def field_has_error(html: str, name: str) -> bool:
    return f'id="id_{name}-error"' in html


def form_data(**overrides) -> dict:
    data = {
        "name": "Gemeente Lochem",
        "abbreviation": "",
        "government_layer": "local",
        "organisation_type": "municipality",
        "staff_exact": "350",
        "staff_year": "2021",
        "domains": ["social", "housing"],
        "province": "PV25",
        "municipality": "Lochem",
        "website": "lochem.nl",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def registry():
    finance = OrganisationFactory(
        name="Ministerie van Financiën",
        abbreviation="MinFin",
        government_layer="national",
        organisation_type="ministry",
        province="",
    )
    finance.domains.add(Domain.objects.get(key="taxes"))
    water = OrganisationFactory(
        name="Waterschap Aa", government_layer="regional", organisation_type="water_board"
    )
    water.domains.add(Domain.objects.get(key="water"))
    OrganisationFactory(name="Gemeente Groningen", province="PV20")
    return {"finance": finance, "water": water}


# --- list ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Gemeente Groningen", "Ministerie van Financiën", "Waterschap Aa"]),
        ({"layer": "national"}, ["Ministerie van Financiën"]),
        ({"layer": ["national", "regional"]}, ["Ministerie van Financiën", "Waterschap Aa"]),
        ({"type": "water_board"}, ["Waterschap Aa"]),
        ({"province": "PV20"}, ["Gemeente Groningen"]),
        ({"domain": "water"}, ["Waterschap Aa"]),
        ({"q": "minfin"}, ["Ministerie van Financiën"]),
        ({"q": "GRONINGEN"}, ["Gemeente Groningen"]),
        ({"layer": "local", "province": "PV26"}, []),
    ],
)
def test_list_filters(client, registry, params, expected):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert listed(response.content.decode()) == expected


def test_list_shows_the_chosen_filters(client, registry):
    html = client.get(LIST, {"layer": "national", "q": "fin"}).content.decode()
    assert '<option value="national" selected>' in html
    assert '<option value="local" selected>' not in html
    assert 'name="q" value="fin"' in html


def test_list_pagination(client):
    for n in range(31):
        OrganisationFactory(name=f"Gemeente {n:02d}", government_layer="local")
    OrganisationFactory(name="Provincie Drenthe", government_layer="provincial")

    first = client.get(LIST, {"layer": "local"}).content.decode()
    second = client.get(LIST, {"layer": "local", "pagina": "2"}).content.decode()

    assert len(listed(first)) == 30
    assert listed(second) == ["Gemeente 30"]
    assert 'href="?layer=local&amp;pagina=2"' in first


# --- detail ----------------------------------------------------------------------------------


def test_detail_shows_only_visible_cases(client, organisation, make_member):
    make_case(organisations=[organisation], title="Openbare casus")
    make_case(organisations=[organisation], title="Conceptcasus", status="draft")
    make_case(organisations=[organisation], title="Geheime casus", visibility="private")
    make_case(organisations=[OrganisationFactory()], title="Andermans casus")
    url = f"/organisaties/{organisation.slug}/"

    html = client.get(url).content.decode()
    assert "Openbare casus" in html
    assert "Conceptcasus" not in html
    assert "Geheime casus" not in html
    assert "Andermans casus" not in html

    client.force_login(make_member(organisation, Role.EDITOR))
    html = client.get(url).content.decode()
    assert all(t in html for t in ("Openbare casus", "Conceptcasus", "Geheime casus"))
    assert "Andermans casus" not in html


def test_detail_shows_similar_organisations_with_reasons(client):
    org = OrganisationFactory(name="Gemeente Ede")
    OrganisationFactory(name="Gemeente Zeist")
    OrganisationFactory(
        name="Waterschap Vallei", government_layer="regional", organisation_type="water_board"
    )
    OrganisationFactory(
        name="Ministerie van Defensie",
        government_layer="national",
        organisation_type="ministry",
        staff_exact=40000,
        province="",
    )

    html = client.get(f"/organisaties/{org.slug}/").content.decode()

    section = html[html.index('id="similar-h"') : html.index("</main>")]
    items = re.findall(r"<li>(.*?)</li>", section)
    assert len(items) == 2
    assert "Gemeente Zeist" in items[0] and "Waterschap Vallei" in items[1]
    assert "Ministerie van Defensie" not in section
    for item, similar in zip(items, organisation_similar(org), strict=True):
        assert similar.reasons
        assert all(escape(reason) in item for reason in similar.reasons)


def test_detail_unknown_slug_is_404(client):
    assert client.get("/organisaties/bestaat-niet/").status_code == 404


# --- map -------------------------------------------------------------------------------------


def map_rows(html: str) -> dict[str, tuple[int, int]]:
    rows = re.findall(
        r'<th [^>]*scope="row"><a [^>]*\?province=(PV\d\d)">[^<]+</a></th>\s*'
        r"<td [^>]*>(\d+)</td>\s*<td [^>]*><a [^>]*>(\d+)</a></td>",
        html,
    )
    return {code: (int(orgs), int(cases)) for code, orgs, cases in rows}


@pytest.fixture
def mapped():
    utrecht = OrganisationFactory(province="PV26")
    OrganisationFactory(province="PV26")
    OrganisationFactory(province="PV26")
    groningen = OrganisationFactory(province="PV20")
    OrganisationFactory(province="")
    make_case(organisations=[utrecht])
    make_case(organisations=[utrecht], visibility="private")
    make_case(organisations=[groningen], status="draft")
    return utrecht


def test_map_has_svg_and_table_of_twelve_provinces(client, mapped):
    response = client.get("/organisaties/kaart/")

    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<path ") == 12
    assert_svg_numbers_plain(html)
    assert "<table" in html
    rows = map_rows(html)
    assert set(rows) == set(Province.values)
    assert rows["PV26"] == (3, 1)  # private case not counted
    assert rows["PV20"] == (1, 0)  # draft case not counted
    assert rows["PV31"] == (0, 0)
    assert sum(orgs for orgs, _cases in rows.values()) == 4  # one without a province


def test_map_counts_cases_a_member_may_see(client, mapped, make_member):
    client.force_login(make_member(mapped, Role.EDITOR))
    assert map_rows(client.get("/organisaties/kaart/").content.decode())["PV26"] == (3, 2)


def test_map_busiest_province_gets_darkest_shade(client, mapped):
    html = client.get("/organisaties/kaart/").content.decode()
    shades = dict(
        re.findall(r'\?province=(PV\d\d)"[^>]*>\s*<path [^>]*class="pt-shade-(\d)"', html)
    )
    assert (shades["PV26"], shades["PV20"], shades["PV31"]) == ("5", "1", "0")


# --- create ----------------------------------------------------------------------------------


def test_create_needs_sign_in(client):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


@pytest.mark.parametrize("role", [None, Role.VIEWER])
def test_create_forbidden_without_contributor_role(
    client, organisation, make_member, outsider, role
):
    client.force_login(outsider if role is None else make_member(organisation, role))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data()).status_code == 403
    assert not Organisation.objects.filter(name="Gemeente Lochem").exists()


def test_contributor_creates_organisation(client, organisation, make_member):
    contributor = make_member(organisation, Role.CONTRIBUTOR)
    client.force_login(contributor)
    assert client.get(CREATE).status_code == 200

    response = client.post(CREATE, form_data())

    assert response.status_code == 302
    org = Organisation.objects.get(name="Gemeente Lochem")
    assert response["Location"] == f"/organisaties/{org.slug}/"
    assert (org.size_band, org.website) == ("s", "https://lochem.nl")
    assert sorted(org.domains.values_list("key", flat=True)) == ["housing", "social"]
    assert AuditEntry.objects.get(object_uuid=org.uuid).actor == contributor


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"name": "", "government_layer": "galactic"}, {"name", "government_layer"}),
        ({"staff_exact": "-1"}, {"staff_exact"}),
        ({"domains": ["no-such-domain"]}, {"domains"}),
        ({"staff_min": "100"}, {"staff_exact"}),  # exact number and a range together
        ({"staff_exact": None, "staff_min": "500", "staff_max": "100"}, {"staff_max"}),
        ({"name": "gemeente TILBURG"}, {"name"}),  # already in the registry
    ],
)
def test_create_invalid_shows_errors(client, organisation, make_member, overrides, fields):
    OrganisationFactory(name="Gemeente Tilburg")
    client.force_login(make_member(organisation, Role.CONTRIBUTOR))

    response = client.post(CREATE, form_data(**overrides))

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="form-errors"' in html
    assert {
        f
        for f in ("name", "government_layer", "staff_exact", "staff_max", "domains")
        if field_has_error(html, f)
    } == fields
    assert Organisation.objects.count() == 2


# --- edit ------------------------------------------------------------------------------------


def edit_url(org) -> str:
    return f"/organisaties/{org.slug}/bewerken/"


@pytest.fixture
def org_admin(organisation, make_member):
    return make_member(organisation, Role.ORGANISATION_ADMIN)


def test_edit_form_for_organisation_admin(client, organisation, org_admin):
    client.force_login(org_admin)
    response = client.get(edit_url(organisation))
    assert response.status_code == 200
    form = PostForm(response.content.decode()).as_dict()
    assert form["name"] == organisation.name
    assert form["version"] == "1"
    assert form["government_layer"] == "local"
    assert form["province"] == "PV26"


@pytest.mark.parametrize("role", [None, Role.CONTRIBUTOR, Role.EDITOR])
def test_edit_forbidden_below_organisation_admin(client, organisation, make_member, outsider, role):
    client.force_login(outsider if role is None else make_member(organisation, role))
    assert client.get(edit_url(organisation)).status_code == 403
    assert client.post(edit_url(organisation), form_data()).status_code == 403
    organisation.refresh_from_db()
    assert organisation.version == 1


def test_edit_round_trip_changes_and_audits(client, organisation, org_admin):
    organisation.domains.add(Domain.objects.get(key="social"))
    client.force_login(org_admin)
    data = PostForm(client.get(edit_url(organisation)).content.decode()).as_dict()
    data.update(municipality="Zeist", staff_exact="1200")

    response = client.post(edit_url(organisation), data)

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.municipality, organisation.size_band) == ("Zeist", "l")
    assert organisation.version == 2
    assert list(organisation.domains.values_list("key", flat=True)) == ["social"]
    entry = AuditEntry.objects.get(object_uuid=organisation.uuid, action="update")
    assert set(entry.changes) == {"municipality", "staff_exact"}


def test_edit_stale_version_is_a_conflict(client, organisation, org_admin):
    client.force_login(org_admin)
    first = client.post(edit_url(organisation), form_data(name=organisation.name, version="1"))
    assert first.status_code == 302

    response = client.post(
        edit_url(organisation), form_data(name=organisation.name, municipality="Ede", version="1")
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert 'id="form-errors"' in html
    assert 'value="Ede"' in html
    organisation.refresh_from_db()
    assert (organisation.municipality, organisation.version) == ("Lochem", 2)


def test_edit_to_existing_name_shows_error(client, organisation, org_admin):
    OrganisationFactory(name="Gemeente Breda")
    client.force_login(org_admin)

    response = client.post(edit_url(organisation), form_data(name="Gemeente Breda", version="1"))

    assert response.status_code == 400
    assert field_has_error(response.content.decode(), "name")
    organisation.refresh_from_db()
    assert organisation.name != "Gemeente Breda"
    assert organisation.version == 1
