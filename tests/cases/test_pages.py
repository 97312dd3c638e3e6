"""Pages of the case library: facets in the URL, htmx partial, CSV export, the editor."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.utils.html import escape

from proeftuin.accounts.models import Role
from proeftuin.cases.forms import FORMSETS
from proeftuin.cases.models import Case
from proeftuin.core.models import AuditEntry
from proeftuin.organisations.services import organisation_update
from tests.factories import OrganisationFactory, make_case

pytestmark = pytest.mark.django_db

LIBRARY = "/casussen/"


class PostForm(HTMLParser):
    """What a browser submits for the page's editor form (``form.pt-form``) as it is shown."""

    def __init__(self, html: str):
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._inside, self._textarea, self._select = False, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._inside = "pt-form" in (a.get("class") or "")
        elif not self._inside:
            return
        elif tag == "input" and a.get("type") in ("checkbox", "radio"):
            if "checked" in a:
                self.data.append((a["name"], a.get("value") or "on"))
        elif tag == "input" and a.get("type") != "submit":
            self.data.append((a["name"], a.get("value") or ""))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
        elif tag == "select":
            self._select = {"name": a["name"], "multiple": "multiple" in a, "all": [], "on": []}
        elif tag == "option":
            self._select["all"].append(a.get("value", ""))
            if "selected" in a:
                self._select["on"].append(a.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            name, text = self._textarea
            self.data.append((name, text.removeprefix("\n")))  # HTML drops the first newline
            self._textarea = None
        elif tag == "select" and self._select:
            select, self._select = self._select, None
            # with no option marked selected, a browser sends a single select's first option
            chosen = select["on"] or ([] if select["multiple"] else select["all"][:1])
            self.data.extend((select["name"], value) for value in chosen)

    def as_dict(self) -> dict[str, list[str] | str]:
        result: dict[str, list[str]] = {}
        for name, value in self.data:
            result.setdefault(name, []).append(value)
        return {k: v[0] if len(v) == 1 else v for k, v in result.items()}


def case_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="utrecht-heading-3"><a [^>]*>([^<]+)</a></h3>', html)


def checkbox(html: str, name: str, value: str) -> tuple[bool, int] | None:
    """(checked, count) of one facet checkbox, or None when it is not shown."""
    match = re.search(
        rf'<input [^>]*name="{name}" value="{re.escape(value)}"[^>]*?( checked)?>\s*'
        r'<label [^>]*>[^<]*<span class="pt-count">\((\d+)\)</span>',
        html,
    )
    return (bool(match.group(1)), int(match.group(2))) if match else None


def empty_formsets() -> dict[str, str]:
    data = {}
    for name in FORMSETS:
        data.update({f"{name}-TOTAL_FORMS": "0", f"{name}-INITIAL_FORMS": "0"})
    return data


@pytest.fixture
def orgs():
    national = {"government_layer": "national", "organisation_type": "executive_agency"}
    return {"local": OrganisationFactory(), "national": OrganisationFactory(name="UWV", **national)}


@pytest.fixture
def library(orgs):
    make_case(organisations=[orgs["local"]], title="Buurtcoach", stage="evaluation")
    make_case(organisations=[orgs["local"]], title="Schuldhulp", year_start=2019)
    make_case(organisations=[orgs["national"]], title="Werkcheck", year_start=2018)
    make_case(organisations=[orgs["local"]], title="Geheim dossier", visibility="private")


def test_library_facets_from_the_url(client, library):
    html = client.get(LIBRARY, {"layer": "local"}).content.decode()
    assert sorted(case_titles(html)) == ["Buurtcoach", "Schuldhulp"]
    assert checkbox(html, "layer", "local") == (True, 2)
    assert checkbox(html, "layer", "national") == (False, 1)  # OR within a facet
    assert checkbox(html, "stage", "evaluation") == (False, 1)
    assert checkbox(html, "stage", "pilot") == (False, 1)  # the private case is not counted
    assert checkbox(html, "type", "executive_agency") is None
    assert "Geheim dossier" not in html

    html = client.get(LIBRARY, {"layer": "local", "stage": "evaluation"}).content.decode()
    assert case_titles(html) == ["Buurtcoach"]
    assert checkbox(html, "layer", "local") == (True, 1)
    assert checkbox(html, "stage", "evaluation") == (True, 1)
    assert checkbox(html, "stage", "pilot") == (False, 1)
    assert checkbox(html, "layer", "national") is None  # no national case in evaluation


def test_library_counts_what_the_member_sees(client, orgs, library, make_member):
    client.force_login(make_member(orgs["local"], Role.EDITOR))
    html = client.get(LIBRARY, {"layer": "local"}).content.decode()
    assert "Geheim dossier" in case_titles(html)
    assert checkbox(html, "layer", "local") == (True, 3)


def test_library_chosen_value_without_matches_stays_checked(client, library):
    html = client.get(LIBRARY, {"recognition": "patent"}).content.decode()
    assert case_titles(html) == []
    assert checkbox(html, "recognition", "patent") == (True, 0)


def test_library_sort(client):
    make_case(title="Bravo", year_start=2020)
    make_case(title="Alfa", year_start=2010)
    make_case(title="Charlie", year_start=2015)

    def page(sort=None):
        response = client.get(LIBRARY, {"sort": sort} if sort else {})
        assert response.status_code == 200
        return response.content.decode()

    assert case_titles(page()) == ["Bravo", "Charlie", "Alfa"]
    assert case_titles(page("title")) == ["Alfa", "Bravo", "Charlie"]
    html = page("oldest")
    assert case_titles(html) == ["Alfa", "Charlie", "Bravo"]
    assert '<option value="oldest" selected>' in html
    assert '<option value="recent" selected>' not in html


def test_library_htmx_request_gets_the_partial(client, library):
    full = client.get(LIBRARY, {"layer": "local"})
    partial = client.get(LIBRARY, {"layer": "local"}, headers={"HX-Request": "true"})
    assert full.status_code == partial.status_code == 200
    assert "<html" in full.content.decode()
    html = partial.content.decode()
    assert "<html" not in html and "<body" not in html
    assert 'class="pt-facets"' in html
    assert sorted(case_titles(html)) == ["Buurtcoach", "Schuldhulp"]
    assert checkbox(html, "layer", "local") == (True, 2)


def test_library_varies_on_hx_request(client, library):
    response = client.get(LIBRARY, headers={"HX-Request": "true"})
    assert "hx-request" in response.get("Vary", "").lower()


def test_library_pagination(client, orgs):
    for n in range(21):
        make_case(organisations=[orgs["local"]], title=f"Casus {n:02d}", year_start=2000 + n)
    make_case(organisations=[orgs["national"]], title="Landelijk", year_start=1990)
    first = client.get(LIBRARY, {"layer": "local"}).content.decode()
    second = client.get(LIBRARY, {"layer": "local", "pagina": "2"}).content.decode()
    assert len(case_titles(first)) == 20
    assert case_titles(first)[0] == "Casus 20"
    assert case_titles(second) == ["Casus 00"]
    assert 'href="?layer=local&amp;pagina=2"' in first
    assert 'href="?layer=local&amp;pagina=1"' in second
    assert client.get(LIBRARY, {"pagina": "999"}).status_code == 200


def test_export_link_keeps_the_filters(client, library):
    html = client.get(LIBRARY, {"layer": "local", "sort": "title", "pagina": "1"}).content.decode()
    assert 'href="/casussen/export.csv?layer=local&amp;sort=title"' in html


def export_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def test_export_honours_filters_and_visibility(client, orgs, library, make_member):
    rows = export_rows(client.get("/casussen/export.csv"))
    assert len(rows[0]) == 7  # header
    assert sorted(row[0] for row in rows[1:]) == ["Buurtcoach", "Schuldhulp", "Werkcheck"]
    assert all(row[6].startswith("http://testserver/casussen/") for row in rows[1:])

    rows = export_rows(client.get("/casussen/export.csv", {"layer": "national"}))
    assert [(row[0], row[1], row[2]) for row in rows[1:]] == [("Werkcheck", "UWV", "2018")]

    rows = export_rows(client.get("/casussen/export.csv", {"q": "geheim"}))
    assert rows[1:] == []

    client.force_login(make_member(orgs["local"], Role.EDITOR))
    rows = export_rows(client.get("/casussen/export.csv", {"q": "geheim"}))
    assert [row[0] for row in rows[1:]] == ["Geheim dossier"]


def test_export_with_invalid_filter_is_refused(client, library):
    assert client.get("/casussen/export.csv", {"sort": "random"}).status_code == 400


@pytest.mark.parametrize(
    ("status", "visibility"),
    [("draft", "public"), ("published", "organisation"), ("published", "private")],
)
def test_detail_404_when_not_visible(client, outsider, organisation, status, visibility):
    case = make_case(organisations=[organisation], status=status, visibility=visibility)
    assert client.get(f"/casussen/{case.slug}/").status_code == 404
    client.force_login(outsider)
    response = client.get(f"/casussen/{case.slug}/")
    assert response.status_code == 404
    assert case.title not in response.content.decode()


@pytest.fixture
def case(organisation):
    return make_case(organisations=[organisation], title="Wijkteams")


def edit_url(case) -> str:
    return f"/casussen/{case.slug}/bewerken/"


def test_edit_form_for_editor(client, case, organisation, make_member):
    client.force_login(make_member(organisation, Role.EDITOR))
    response = client.get(edit_url(case))
    assert response.status_code == 200
    form = PostForm(response.content.decode()).as_dict()
    assert form["title"] == "Wijkteams"
    assert form["version"] == "1"
    assert form["lead_organisation"] == str(organisation.pk)
    assert form["section_openness"] == "De organisatie deelt haar cijfers openlijk."
    assert form["outcomes-INITIAL_FORMS"] == "1"
    assert form["outcomes-0-measure"] == "gedwongen uithuisplaatsingen"


@pytest.mark.parametrize("role", [None, Role.VIEWER, Role.CONTRIBUTOR])
def test_edit_forbidden_page(client, case, organisation, make_member, outsider, role):
    client.force_login(outsider if role is None else make_member(organisation, role))
    for response in (client.get(edit_url(case)), client.post(edit_url(case), {"title": "X"})):
        assert response.status_code == 403
        assert 'name="title"' not in response.content.decode()
    case.refresh_from_db()
    assert case.title == "Wijkteams"


def test_edit_needs_sign_in(client, case):
    response = client.get(edit_url(case))
    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


def form_post(lead, **overrides) -> dict:
    data = {"title": "Nieuwe casus", "summary": "Samenvatting.", "stage": "idea"}
    data.update(lead_organisation=str(lead.pk), theme_set="casebook", status="draft")
    return {**data, "visibility": "public", **empty_formsets(), **overrides}


def valid_post(case, **overrides) -> dict:
    changes = {"title": "Wijkteams in de buurt", "summary": "Een nieuwe samenvatting."}
    changes.update(year_start="2016", stage="scaling", status="published")
    changes.update(version=str(case.version), section_openness="Open.")
    lesson = {"lessons-TOTAL_FORMS": "1", "lessons-0-kind": "pitfall", "lessons-0-text": "Les."}
    return form_post(case.owner, **{**changes, **lesson, **overrides})


def test_edit_post_saves_and_audits(client, case, organisation, make_member):
    editor = make_member(organisation, Role.EDITOR)
    client.force_login(editor)
    response = client.post(edit_url(case), valid_post(case))
    assert response.status_code == 302
    assert response["Location"] == f"/casussen/{case.slug}/"
    case.refresh_from_db()
    assert (case.title, case.stage, case.version) == ("Wijkteams in de buurt", "scaling", 2)
    assert [(x.kind, x.text) for x in case.lessons.all()] == [("pitfall", "Les.")]
    assert not case.outcomes.exists()
    entry = AuditEntry.objects.get(object_uuid=case.uuid, action=AuditEntry.Action.UPDATE)
    assert entry.actor == editor
    assert {"title", "summary", "stage", "lessons", "outcomes"} <= set(entry.changes)
    assert entry.changes["title"] == ["Wijkteams", "Wijkteams in de buurt"]


def test_edit_post_with_stale_version_is_a_conflict(client, case, organisation, make_member):
    client.force_login(make_member(organisation, Role.EDITOR))
    assert client.post(edit_url(case), valid_post(case, title="Eerst")).status_code == 302

    response = client.post(edit_url(case), valid_post(case, title="Later", version="1"))

    assert response.status_code == 409
    html = response.content.decode()
    assert 'id="form-errors"' in html
    assert 'value="Later"' in html  # the user's input is kept for a retry
    case.refresh_from_db()
    assert (case.title, case.version) == ("Eerst", 2)
    assert AuditEntry.objects.filter(object_uuid=case.uuid, action="update").count() == 1


def test_edit_post_invalid_shows_errors(client, case, organisation, make_member):
    client.force_login(make_member(organisation, Role.EDITOR))
    response = client.post(edit_url(case), valid_post(case, year_start="2020", year_end="2010"))
    assert response.status_code == 400
    assert 'id="form-errors"' in response.content.decode()
    case.refresh_from_db()
    assert (case.year_start, case.version) == (2016, 1)


def test_edit_form_round_trip_as_a_browser_sends_it(client, case, organisation, make_member):
    client.force_login(make_member(organisation, Role.EDITOR))
    data = PostForm(client.get(edit_url(case)).content.decode()).as_dict()
    data["title"] = "Wijkteams 2.0"
    response = client.post(edit_url(case), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "Wijkteams 2.0"


def test_edit_keeps_the_profile_at_the_time(client, case, organisation, make_member):
    organisation_update(organisation=organisation, staff_exact=20000)  # grew since the case
    client.force_login(make_member(organisation, Role.EDITOR))

    assert client.post(edit_url(case), valid_post(case)).status_code == 302

    link = case.case_organisations.get()
    assert link.profile_snapshot["size_band"] == "m"
    html = client.get(LIBRARY, {"size": "m"}).content.decode()
    assert case_titles(html) == ["Wijkteams in de buurt"]


def test_create_form_missing_title_stores_nothing(client, organisation, make_member):
    client.force_login(make_member(organisation, Role.CONTRIBUTOR))
    response = client.post("/casussen/nieuw/", form_post(organisation, title=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="form-errors"' in html
    assert 'id="id_title-error"' in html
    assert PostForm(html).as_dict()["summary"] == "Samenvatting."  # input kept
    assert not Case.objects.exists()
    assert not AuditEntry.objects.filter(object_type="cases.case").exists()


def test_create_form_saves_for_contributor(client, organisation, make_member):
    contributor = make_member(organisation, Role.CONTRIBUTOR)
    client.force_login(contributor)
    assert client.get("/casussen/nieuw/").status_code == 200
    response = client.post("/casussen/nieuw/", form_post(organisation))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/casussen/{case.slug}/"
    assert (case.created_by, case.owner, case.status) == (contributor, organisation, "draft")


def test_create_form_contributor_cannot_publish(client, organisation, make_member):
    client.force_login(make_member(organisation, Role.CONTRIBUTOR))
    response = client.post("/casussen/nieuw/", form_post(organisation, status="published"))
    assert response.status_code == 403
    assert escape("Nieuwe casus") in response.content.decode()  # the form is shown again
    assert not Case.objects.exists()


def test_create_form_forbidden_without_contributor_role(client, organisation, make_member):
    client.force_login(make_member(organisation, Role.VIEWER))
    assert client.get("/casussen/nieuw/").status_code == 403
    assert client.post("/casussen/nieuw/", form_post(organisation)).status_code == 403
    assert not Case.objects.exists()
