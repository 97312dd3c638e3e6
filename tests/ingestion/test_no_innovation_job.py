"""A document without innovation: the job succeeds without cases, says why in Dutch on the
document page, and the text is still indexed for search."""

import pytest

from proeftuin.accounts.models import Role
from proeftuin.ingestion.models import Job
from proeftuin.ingestion.parsers.samples import make_odt
from proeftuin.ingestion.services import source_upload
from proeftuin.search.models import Passage
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

QUESTIONS = [("p", "Vragen van het lid Jansen aan de minister over de kinderopvang.")]
for number in range(1, 5):
    QUESTIONS += [
        ("p", f"Vraag {number}"),
        ("p", "Klopt het dat de toeslag voor kinderopvang in 2021 is verhoogd voor ouders?"),
        ("p", f"Antwoord {number}"),
        ("p", "Ja. De toeslag is per 1 januari verhoogd, zoals in de begroting aangekondigd."),
    ]


def test_no_case_a_dutch_notice_and_the_text_searchable(
    client, make_member, django_capture_on_commit_callbacks
):
    member = make_member(OrganisationFactory(name="Gemeente Lezer"), Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        source, job, _ = source_upload(
            actor=member, filename="vragen.odt", data=make_odt(QUESTIONS)
        )
    job.refresh_from_db()
    source.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.error_code == "no_innovation"
    assert job.error_message.startswith("Geen innovatie gevonden in dit document: het bestaat")
    assert not source.suggestions.exists()
    assert "kinderopvang" in source.text
    assert Passage.objects.of("document", source.pk).exists()
    client.force_login(member)
    page = client.get(f"/documenten/{source.uuid}/").content.decode()
    assert "Geen innovatie gevonden in dit document" in page


def test_done_without_a_case_offers_no_suggestions(
    client, make_member, django_capture_on_commit_callbacks
):
    """The progress block (the full page and the fragment htmx polls) says the notice and
    that there is nothing to review, never "show the suggestions"."""
    member = make_member(OrganisationFactory(name="Gemeente Lezer"), Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        source, _job, _ = source_upload(
            actor=member, filename="vragen.odt", data=make_odt(QUESTIONS)
        )
    client.force_login(member)
    url = f"/documenten/{source.uuid}/"
    for response in (client.get(url), client.get(url, HTTP_HX_REQUEST="true")):
        html = response.content.decode()
        assert "Geen innovatie gevonden in dit document" in html
        assert "Klaar. Er is niets te beoordelen: van dit document is geen casus gemaakt." in html
        assert "Suggesties bekijken" not in html


def test_done_with_cases_still_links_to_the_suggestions(
    client, make_member, django_capture_on_commit_callbacks
):
    from tests.ingestion.test_review import STORY

    member = make_member(OrganisationFactory(name="Gemeente Lezer"), Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        source, _job, _ = source_upload(actor=member, filename="p.txt", data=STORY)
    client.force_login(member)
    fragment = client.get(f"/documenten/{source.uuid}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Suggesties bekijken" in fragment and "niets te beoordelen" not in fragment
