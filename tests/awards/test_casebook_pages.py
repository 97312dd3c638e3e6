"""The casebook pages: making one from a library filter or an edition, its page with the
progress and versions (htmx polls while it runs), downloads, and refusals."""

import pytest
from django.urls import reverse

from proeftuin.awards.models import Casebook, CasebookStatus
from proeftuin.cases.service import ThemeSet
from tests.awards.factories import make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


def _post(client, capture, **data):
    values = {
        "title": "Proef",
        "theme_set": ThemeSet.objects.get(key="casebook").pk,
        "source": "library",
        "library_filter": "",
        **data,
    }
    with capture(execute=True):
        return client.post("/prijzen/casebooks/nieuw/", values)


def test_make_from_a_library_filter_and_download(client, django_capture_on_commit_callbacks):
    make_case(title="Wijkteams in Aa")
    make_case(title="Digitale balie in Bee", summary="Een digitale balie voor vergunningen.")
    user = UserFactory()
    client.force_login(user)
    assert client.get("/prijzen/casebooks/nieuw/").status_code == 200
    response = _post(client, django_capture_on_commit_callbacks, library_filter="?q=wijkteams")
    casebook = Casebook.objects.get()
    assert response.status_code == 302 and casebook.created_by == user
    assert list(casebook.cases.values_list("title", flat=True)) == ["Wijkteams in Aa"]
    casebook.refresh_from_db()
    assert casebook.status == CasebookStatus.READY
    page = client.get(f"/prijzen/casebooks/{casebook.uuid}/").content.decode()
    assert "Wijkteams in Aa" in page and "hx-trigger" not in page
    pdf = client.get(f"/prijzen/casebooks/{casebook.uuid}/versies/1/pdf/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get(f"/prijzen/casebooks/{casebook.uuid}/versies/1/exe/").status_code == 404
    assert "Proef" in client.get("/prijzen/casebooks/").content.decode()


def test_a_running_casebook_page_polls(client):
    case = make_case()
    user = UserFactory()
    casebook = Casebook.objects.create(
        title="Bezig",
        created_by=user,
        theme_set=case.theme_set,
        progress=40,
        status=CasebookStatus.RUNNING,
    )
    casebook.cases.add(case)
    page = client.get(f"/prijzen/casebooks/{casebook.uuid}/").content.decode()
    assert 'hx-trigger="every 2s"' in page and 'value="40"' in page


def test_refusals_nothing_made(client, django_capture_on_commit_callbacks):
    client.force_login(UserFactory())
    response = _post(client, django_capture_on_commit_callbacks, library_filter="q=bestaatniet")
    assert response.status_code == 400
    response = _post(client, django_capture_on_commit_callbacks, source="edition")
    assert response.status_code == 400
    assert not Casebook.objects.exists()


def test_a_casebook_with_a_draft_is_hidden_from_who_may_not_see_it(
    client, django_capture_on_commit_callbacks
):
    owner = OrganisationFactory()
    editor = member(owner)
    draft = make_case(organisations=[owner], status="draft", visibility="organisation")
    client.force_login(editor)
    _post(client, django_capture_on_commit_callbacks, title="Conceptbundel Xyz")
    casebook = Casebook.objects.get()
    assert casebook.cases.filter(pk=draft.pk).exists()
    client.force_login(UserFactory())
    assert client.get(f"/prijzen/casebooks/{casebook.uuid}/").status_code == 404
    assert client.get(f"/prijzen/casebooks/{casebook.uuid}/versies/1/pdf/").status_code == 404
    assert casebook.title not in client.get("/prijzen/casebooks/").content.decode()


def test_only_organisers_choose_an_edition(client, django_capture_on_commit_callbacks):
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]))
    client.force_login(UserFactory())
    response = _post(
        client, django_capture_on_commit_callbacks, source="edition", edition=edition.slug
    )
    assert response.status_code == 400 and not Casebook.objects.exists()


def test_the_page_shows_the_cross_case_analysis_with_links_to_its_cases(
    client, django_capture_on_commit_callbacks
):
    texts = {
        "Open Aa": "De gemeente publiceert alle cijfers over wijkteams openlijk op internet. "
        "Inwoners lezen mee en stellen vragen over de wijkteams.",
        "Open Bee": "Het waterschap publiceert alle cijfers over dijken openlijk op internet. "
        "Bewoners praten mee in open avonden over het onderhoud.",
    }
    cases = [make_case(title=t, sections={"openness": text}) for t, text in texts.items()]
    user = UserFactory()
    client.force_login(user)
    _post(client, django_capture_on_commit_callbacks, library_filter="?q=open")
    casebook = Casebook.objects.get()
    version = casebook.versions.get()
    openness = next(t for t in version.analysis if t["key"] == "openness")
    assert openness["shared"] and all(s["sources"] for s in openness["shared"])
    page = client.get(f"/prijzen/casebooks/{casebook.uuid}/", HTTP_ACCEPT_LANGUAGE="nl")
    html = page.content.decode()
    assert "Analyse over de casussen heen" in html and "Wat de casussen delen" in html
    statement = openness["shared"][0]
    assert statement["text"] in html
    for source in statement["sources"]:
        case = next(c for c in cases if c.pk == source["case_id"])
        assert f'href="{reverse("cases:detail", args=[case.slug])}"' in html
