"""Decision letters: templates with a fixed set of placeholders (no template code), the
Dutch default, and the background job that writes a real PDF and ODT, keeps them on the
letter and mails both to the applicants."""

import io

import pypdfium2
import pytest
from django.core import mail
from django.utils import translation
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load

from proeftuin.core.jobs import BackgroundJob
from proeftuin.core.service import ConflictError, NotAllowed, ValidationFailed
from proeftuin.funding.letters import (
    letter_resend,
    letter_template_save,
    make_and_send_letter,
    render,
    template_errors,
)
from proeftuin.funding.models import DecisionLetter, LetterTemplate
from proeftuin.funding.services_decisions import decision_make
from tests.funding.decide_support import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    return " ".join(text.split())  # the PDF wraps lines wherever they end


def odt_text(data: bytes) -> str:
    document = load(io.BytesIO(data))
    parts = document.getElementsByType(odf_text.H) + document.getElementsByType(odf_text.P)
    return "\n".join(teletype.extractText(p) for p in parts)


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def decide(world, django_capture_on_commit_callbacks, **fields):
    application = world.application(title="Wachttijden <verkorten> & meer", **fields)
    with django_capture_on_commit_callbacks(execute=True):
        decision_make(
            actor=world.manager,
            application=application,
            outcome="granted",
            amount="32500",
            conditions="Deel de resultaten in de bibliotheek.",
        )
    return DecisionLetter.objects.get(application=application)


def test_grant_letter_is_a_real_pdf_and_odt_mailed_to_the_applicants(
    world, django_capture_on_commit_callbacks
):
    letter = decide(world, django_capture_on_commit_callbacks)
    assert letter.generated_at is not None and letter.sent_at is not None
    pdf, odt = read(letter.pdf), read(letter.odt)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Wachttijden <verkorten> & meer" in text  # plain text, not markup
    assert "EUR 32.500" in text and "Deel de resultaten in de bibliotheek." in text
    written = odt_text(odt)
    assert "Wachttijden <verkorten> & meer" in written and "EUR 32.500" in written
    assert sorted(letter.sent_to) == sorted([world.applicant.email, world.co_applicant.email])
    sent = [m for m in mail.outbox if m.subject == letter.subject]
    assert len(sent) == 1 and sorted(sent[0].to) == sorted(letter.sent_to)
    names = [name for name, _content, _type in sent[0].attachments]
    assert [n.rsplit(".", 1)[1] for n in names] == ["pdf", "odt"]
    assert sent[0].attachments[0][1] == pdf
    job = BackgroundJob.objects.get(name="funding.decision_letter")
    assert job.state == BackgroundJob.State.SUCCEEDED


def test_running_the_job_again_sends_nothing_twice(world, django_capture_on_commit_callbacks):
    letter = decide(world, django_capture_on_commit_callbacks)
    before = len(mail.outbox)
    make_and_send_letter(letter.pk)
    assert len(mail.outbox) == before


def test_a_manager_resends_a_letter(world, django_capture_on_commit_callbacks):
    letter = decide(world, django_capture_on_commit_callbacks)
    before = len(mail.outbox)
    with pytest.raises(NotAllowed):
        letter_resend(actor=world.applicant, letter=letter)
    with django_capture_on_commit_callbacks(execute=True):
        letter_resend(actor=world.manager, letter=letter)
    assert len(mail.outbox) == before + 1


def test_the_funds_own_template_is_used_with_its_placeholders(
    world, django_capture_on_commit_callbacks
):
    letter_template_save(
        actor=world.manager,
        fund=world.round.fund,
        outcome="granted",
        subject="Toekenning {{ titel }}",
        body="Beste {{ aanvrager }},\n\nU krijgt {{ bedrag }} uit {{ ronde }} ({{ datum }}).",
    )
    letter = decide(world, django_capture_on_commit_callbacks)
    assert letter.subject == "Toekenning Wachttijden <verkorten> & meer"
    assert letter.body.startswith(f"Beste {world.organisation.name},")
    assert f"U krijgt EUR 32.500 uit {world.round.title} (" in letter.body
    assert "Beste" in pdf_text(read(letter.pdf))


def test_the_rejection_letter_defaults_to_dutch_with_the_reasons(
    world, django_capture_on_commit_callbacks
):
    application = world.application(title="Drones")
    with django_capture_on_commit_callbacks(execute=True):
        decision_make(
            actor=world.manager,
            application=application,
            outcome="rejected",
            reasons="Het plan is niet overdraagbaar.",
        )
    letter = DecisionLetter.objects.get(application=application)
    assert letter.subject == "Besluit op uw aanvraag “Drones”: afgewezen"
    assert "Het plan is niet overdraagbaar." in pdf_text(read(letter.pdf))


@pytest.mark.parametrize(
    "body",
    [
        "{{ wachtwoord }}",
        "{% load log %}{{ titel }}",
        "{{ titel.__class__ }}",
        "{{ titel|upper }}",
        "{# stil #}",
    ],
)
def test_templates_refuse_anything_but_the_placeholders(world, body):
    with translation.override("nl"), pytest.raises(ValidationFailed) as caught:
        letter_template_save(
            actor=world.manager,
            fund=world.round.fund,
            outcome="granted",
            subject="Besluit",
            body=body,
        )
    assert caught.value.field_errors["body"]
    assert not LetterTemplate.objects.exists()


def test_template_errors_and_render():
    assert template_errors("Beste {{ aanvrager }}, {{titel}}") == []
    assert template_errors("{{ onbekend }}")
    assert render("{{ titel }} {{ x }}", {"titel": "{{ bedrag }}"}) == "{{ bedrag }} {{ x }}"


def test_only_managers_save_templates_and_concurrent_edits_conflict(world):
    with pytest.raises(NotAllowed):
        letter_template_save(
            actor=world.applicant, fund=world.round.fund, outcome="granted", subject="a", body="b"
        )
    saved = letter_template_save(
        actor=world.manager, fund=world.round.fund, outcome="granted", subject="a", body="b"
    )
    letter_template_save(
        actor=world.manager,
        fund=world.round.fund,
        outcome="granted",
        subject="c",
        body="d",
        expected_version=saved.version,
    )
    with pytest.raises(ConflictError):
        letter_template_save(
            actor=world.other_manager,
            fund=world.round.fund,
            outcome="granted",
            subject="e",
            body="f",
            expected_version=saved.version,
        )
    assert LetterTemplate.objects.get().subject == "c"


def test_a_failing_letter_job_is_retried_and_then_sends(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    from django.utils import timezone

    from proeftuin.core.jobs.runner import run_one
    from proeftuin.funding import letters

    real = letters.to_pdf
    monkeypatch.setattr(letters, "to_pdf", lambda **kw: (_ for _ in ()).throw(OSError("disk")))
    letter = decide(world, django_capture_on_commit_callbacks)
    job = BackgroundJob.objects.get(name="funding.decision_letter")
    assert job.state == BackgroundJob.State.QUEUED and job.attempts == 1
    assert letter.generated_at is None and letter.sent_at is None and not mail.outbox
    monkeypatch.setattr(letters, "to_pdf", real)
    BackgroundJob.objects.filter(pk=job.pk).update(run_after=timezone.now())
    run_one(job.pk, beat=False)
    letter.refresh_from_db()
    assert letter.sent_at is not None and read(letter.pdf).startswith(b"%PDF")
    assert BackgroundJob.objects.get(pk=job.pk).state == BackgroundJob.State.SUCCEEDED
