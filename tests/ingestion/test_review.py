"""Upload → background job → suggestions → review → draft case, through the services."""

import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Case
from proeftuin.core.errors import NotAllowed
from proeftuin.ingestion.casebuilder import case_from_segment
from proeftuin.ingestion.models import Job, SourceFile, Suggestion
from proeftuin.ingestion.services import (
    job_start,
    source_upload,
    suggestion_decide,
    suggestions_accept_above,
)
from proeftuin.ingestion.types import IngestionError
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

STORY = """GEMEENTE PROEFSTAD

● Aantal medewerkers: 640
● Domein: sociaal domein
● Bestuurslaag: Lokaal
● Type organisatie: Gemeente
● www.proefstad.nl

Openheid
De gemeente publiceert al haar besluiten en cijfers op een open dataportaal, en
inwoners kunnen elke maand meepraten in een wijkpanel over nieuwe plannen.

Innovatie
Met wijkteams daalde het aantal gedwongen uithuisplaatsingen met 60% in twee jaar.
Het project bespaarde EUR 300.000 per jaar.

Belangrijke lessen
- Begin bij het probleem van de inwoner, niet bij de techniek.
- Zonder steun van de wethouder strandt een pilot snel.
""".encode()


@pytest.fixture
def contributor(make_member):
    return make_member(OrganisationFactory(name="Gemeente Uploader"), Role.CONTRIBUTOR)


def upload(actor, data=STORY, name="proefstad.txt", capture=None):
    with capture(execute=True):
        return source_upload(actor=actor, filename=name, data=data)


def test_upload_runs_the_job_and_stores_cited_suggestions(
    contributor, django_capture_on_commit_callbacks
):
    source, job, created = upload(contributor, capture=django_capture_on_commit_callbacks)
    job.refresh_from_db()
    source.refresh_from_db()
    assert created and job.status == Job.Status.SUCCEEDED and job.progress == 100
    rows = list(source.suggestions.all())
    assert rows, "the pipeline suggested nothing"
    for row in rows:
        assert source.text[row.start : row.end] == row.quote and row.page == 1
        assert row.step and row.step_version and 0 <= row.confidence <= 1
    fields = {r.field for r in rows}
    assert {"organisation.name", "organisation.staff"} <= fields
    staff = next(r for r in rows if r.field == "organisation.staff")
    assert staff.value["exact"] == 640


def test_same_file_twice_is_recognised(contributor, django_capture_on_commit_callbacks):
    first, _job, _created = upload(contributor, capture=django_capture_on_commit_callbacks)
    again, _job, created = upload(contributor, capture=django_capture_on_commit_callbacks)
    assert again == first and not created
    assert SourceFile.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "code"), [(b"", "empty"), (b"%PDF-1.7\n\x00\x01garbage\xff" * 10, None)]
)
def test_bad_files_fail_clearly_and_store_nothing(
    contributor, django_capture_on_commit_callbacks, data, code
):
    if code == "empty":
        with pytest.raises(IngestionError):
            upload(contributor, data=data, capture=django_capture_on_commit_callbacks)
        assert not SourceFile.objects.exists()
        return
    source, job, _ = upload(
        contributor, data=data, name="kapot.pdf", capture=django_capture_on_commit_callbacks
    )
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.error_message
    assert not source.suggestions.exists()


def test_review_accept_edit_reject_and_make_a_draft_case(
    contributor, django_capture_on_commit_callbacks
):
    source, _job, _ = upload(contributor, capture=django_capture_on_commit_callbacks)
    rows = {r.field: r for r in source.suggestions.all()}
    for field in ("organisation.government_layer", "organisation.organisation_type"):
        assert field in rows, f"no suggestion for {field}"
    accepted = suggestions_accept_above(actor=contributor, source=source, segment=0, threshold=0.0)
    assert accepted > 0
    name = source.suggestions.get(field="organisation.name")
    suggestion_decide(
        actor=contributor, suggestion=name, decision="edited", edited_value="Gemeente Proefstad"
    )
    case = case_from_segment(actor=contributor, source=source, segment=0)
    assert case.status == "draft"
    # the contributor holds no role in Proefstad: their own organisation leads and owns
    # the draft, and Proefstad is named as a partner, never given ownership
    assert case.organisations.get().name == "Gemeente Uploader" == case.owner.name
    assert case.partners.first().organisation.name == "Gemeente Proefstad"
    assert case.citations.filter(document=source.document).exists()
    citation = case.citations.first()
    assert citation.quote and citation.page == 1


def test_the_documents_organisation_leads_when_the_actor_contributes_there(
    make_member, django_capture_on_commit_callbacks
):
    proefstad = OrganisationFactory(name="Gemeente Proefstad")
    contributor = make_member(proefstad, Role.CONTRIBUTOR)
    source, _job, _ = upload(contributor, capture=django_capture_on_commit_callbacks)
    suggestions_accept_above(actor=contributor, source=source, segment=0, threshold=0.0)
    name = source.suggestions.get(field="organisation.name")
    suggestion_decide(
        actor=contributor, suggestion=name, decision="edited", edited_value="Gemeente Proefstad"
    )
    case = case_from_segment(actor=contributor, source=source, segment=0)
    assert case.organisations.get() == proefstad == case.owner
    assert not case.partners.filter(organisation=proefstad).exists()


def test_a_rerun_keeps_decisions(contributor, django_capture_on_commit_callbacks):
    source, _job, _ = upload(contributor, capture=django_capture_on_commit_callbacks)
    staff = source.suggestions.get(field="organisation.staff")
    suggestion_decide(
        actor=contributor,
        suggestion=staff,
        decision="edited",
        edited_value={"exact": 650, "year": 2020},
    )
    with django_capture_on_commit_callbacks(execute=True):
        job_start(source=source)
    staff.refresh_from_db()
    assert staff.status == Suggestion.Status.EDITED and staff.final_value["exact"] == 650
    assert source.suggestions.filter(field="organisation.staff").count() == 1


def test_only_uploader_and_editors_review(
    contributor, outsider, django_capture_on_commit_callbacks
):
    source, _job, _ = upload(contributor, capture=django_capture_on_commit_callbacks)
    row = source.suggestions.first()
    with pytest.raises(NotAllowed):
        suggestion_decide(actor=outsider, suggestion=row, decision="accepted")
    with pytest.raises(NotAllowed):
        source_upload(actor=outsider, filename="x.txt", data=b"tekst")
    assert not SourceFile.objects.visible_to(outsider).exists()
    assert Case.objects.count() == 0


def test_new_version_marks_what_changed(contributor, django_capture_on_commit_callbacks):
    upload(contributor, capture=django_capture_on_commit_callbacks)
    changed = STORY.replace(b"640", b"700")
    source, _job, created = upload(
        contributor, data=changed, capture=django_capture_on_commit_callbacks
    )
    assert created and source.previous is not None
    staff = source.suggestions.get(field="organisation.staff")
    assert staff.change == "new"
    assert source.suggestions.filter(change="unchanged").exists()


def test_undo_restores_pending_and_only_reviewers_may(
    contributor, outsider, django_capture_on_commit_callbacks
):
    from proeftuin.core.errors import ValidationFailed
    from proeftuin.ingestion.services import suggestion_undo

    source, _job, _ = upload(contributor, capture=django_capture_on_commit_callbacks)
    row = source.suggestions.get(field="organisation.staff")
    with pytest.raises(ValidationFailed):
        suggestion_undo(actor=contributor, suggestion=row)  # nothing decided yet
    suggestion_decide(
        actor=contributor, suggestion=row, decision="edited", edited_value={"exact": 650}
    )
    with pytest.raises(NotAllowed):
        suggestion_undo(actor=outsider, suggestion=row)
    undone = suggestion_undo(actor=contributor, suggestion=row)
    assert undone.status == Suggestion.Status.PENDING and undone.final_value["exact"] == 640


@pytest.mark.parametrize(
    ("field", "edited"),
    [
        ("organisation.staff", {"exact": "650"}),
        ("organisation.staff", "650"),
        ("organisation.name", ""),
        ("organisation.name", {"name": "x"}),
        ("organisation.government_layer", "galactisch"),
    ],
)
def test_a_malformed_correction_is_refused(
    contributor, django_capture_on_commit_callbacks, field, edited
):
    from proeftuin.core.errors import ValidationFailed

    source, _job, _ = upload(contributor, capture=django_capture_on_commit_callbacks)
    row = source.suggestions.get(field=field)
    with pytest.raises(ValidationFailed):
        suggestion_decide(actor=contributor, suggestion=row, decision="edited", edited_value=edited)
    row.refresh_from_db()
    assert row.status == Suggestion.Status.PENDING


def test_accept_above_refuses_when_the_count_changed(
    contributor, django_capture_on_commit_callbacks
):
    from proeftuin.core.errors import ValidationFailed

    source, _job, _ = upload(contributor, capture=django_capture_on_commit_callbacks)
    with pytest.raises(ValidationFailed):
        suggestions_accept_above(
            actor=contributor, source=source, segment=0, threshold=0, expected=1
        )
    assert not source.suggestions.exclude(status="pending").exists()
    with pytest.raises(ValidationFailed):
        suggestions_accept_above(actor=contributor, source=source, segment=0, threshold=2)
