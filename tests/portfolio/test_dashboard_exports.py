"""Dashboard exports: asked for on the page, made on the worker (the inline job backend of
the tests runs it after the commit), over what the requester may see; only the requester
sees and downloads it, until it expires; bad input gets a Dutch message."""

import datetime
import io
import zipfile

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from proeftuin.accounts.models import Role
from proeftuin.core.models import BackgroundJob
from proeftuin.core.service import NotAllowed
from proeftuin.portfolio.dashboard_exports import purge_expired_exports
from proeftuin.portfolio.models import DashboardExport
from tests.factories import OrganisationFactory, make_initiative

PUBLIC = {"status": "published", "visibility": "public"}
PRIVATE = {"status": "draft", "visibility": "organisation"}


@pytest.fixture
def initiatives(lead):
    make_initiative(lead, title="Openbaar een", **PUBLIC)
    make_initiative(lead, title="Openbaar twee", **PUBLIC)
    make_initiative(lead, title="Intern concept", **PRIVATE)


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Post the export form; the job queued runs after the commit, as on the worker."""

    def post(fmt="xlsx", **scope):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/initiatieven/overzicht/export/", {"format": fmt, **scope})

    return post


def funnel_total(export: DashboardExport) -> int:
    """The number of initiatives in the funnel table of the file."""
    data = bytes(DashboardExport.objects.get(pk=export.pk).data)
    if export.format == "xlsx":
        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        return sum(row[1] for row in sheet.iter_rows(min_row=2, values_only=True))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        lines = archive.read("funnel.csv").decode().splitlines()[1:]
    return sum(int(line.split(",")[1]) for line in lines)


def test_editor_exports_their_organisation_and_downloads_it(client, ask, editor, lead, initiatives):
    client.force_login(editor)
    response = ask(organisatie=lead.slug)
    export = DashboardExport.objects.get()
    assert (
        response.status_code == 302
        and response.url == f"/initiatieven/overzicht/export/{export.uuid}/"
    )
    assert (export.state, export.progress, export.requester) == ("done", 100, editor)
    page = client.get(response.url).content.decode()
    assert "Het bestand downloaden" in page or "Download the file" in page
    download = client.get(f"{response.url}bestand/")
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('.xlsx"')
    assert funnel_total(export) == 3  # the draft too: the editor may see it


def test_an_outsider_exports_only_what_they_may_see(client, ask, make_member, lead, initiatives):
    outsider = make_member(OrganisationFactory(name="Elders"), Role.EDITOR)
    client.force_login(outsider)
    ask("csv", organisatie=lead.slug)
    export = DashboardExport.objects.get()
    assert export.state == "done"
    assert funnel_total(export) == 2  # the internal draft stays out


def test_no_one_else_sees_or_downloads_it(client, ask, editor, lead, initiatives, make_member):
    client.force_login(editor)
    url = ask(organisatie=lead.slug).url
    colleague = make_member(lead, Role.ORGANISATION_ADMIN)
    client.force_login(colleague)
    assert client.get(url).status_code == 404
    assert client.get(f"{url}bestand/").status_code == 404
    client.logout()
    assert client.get(f"{url}bestand/").status_code == 302  # to sign in


def test_bad_input_gets_a_dutch_message_and_nothing_is_stored(client, ask, editor, lead):
    client.force_login(editor)
    response = ask("pdf", organisatie=lead.slug)
    assert response.status_code == 400 and "Kies CSV, XLSX of ODS." in response.content.decode()
    response = ask(programma="bestaat-niet")
    assert response.status_code == 400
    assert "bestaat niet of is niet zichtbaar" in response.content.decode()
    assert client.get("/initiatieven/overzicht/export/").status_code == 405
    assert not DashboardExport.objects.exists()
    assert not BackgroundJob.objects.filter(name="portfolio.dashboard_export").exists()


def test_anonymous_cannot_ask(ask, lead):
    response = ask(organisatie=lead.slug)
    assert response.status_code == 302 and "/account/inloggen/" in response.url
    assert not DashboardExport.objects.exists()


def test_an_expired_export_is_refused_and_purged(client, ask, editor, lead, initiatives):
    client.force_login(editor)
    url = ask("ods", organisatie=lead.slug).url
    past = timezone.now() - datetime.timedelta(minutes=1)
    DashboardExport.objects.update(expires_at=past)
    response = client.get(f"{url}bestand/")
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert purge_expired_exports() == 1
    assert not DashboardExport.objects.exists()


def test_a_deactivated_requester_gets_no_file(editor, lead, initiatives):
    from proeftuin.core.jobs import run_task
    from proeftuin.portfolio.dashboard_exports import dashboard_export_request

    export = DashboardExport.objects.create(
        requester=editor,
        scope=f"organisation:{lead.slug}",
        title="x",
        format="csv",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    editor.is_active = False
    editor.save()
    run_task("portfolio.dashboard_export", export.pk)
    export.refresh_from_db()
    assert export.state == "failed" and export.data is None
    with pytest.raises(NotAllowed):
        dashboard_export_request(actor=editor, scope="all", fmt="csv")
