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
    assert Passage.objects.filter(source=source).exists()
    client.force_login(member)
    page = client.get(f"/documenten/{source.uuid}/").content.decode()
    assert "Geen innovatie gevonden in dit document" in page
