"""Decision letters: a template per fund and outcome that managers edit, with a fixed set of
``{{ placeholders }}`` (nothing else of a template language: no tags, filters or
attributes, so a template can never run code or read other data); a Dutch default when the
fund has none. A decision creates the letter (its text filled in at that moment) and queues
``funding.decision_letter``, which writes the PDF and the ODT, keeps them on the letter and
mails both to the applicants (``sent_at``, ``sent_to``); it is retried when it fails."""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from proeftuin.core.jobs import enqueue, task
from proeftuin.core.service import AuditEntry, ValidationFailed, audit_record, format_number
from proeftuin.core.service import require as check
from proeftuin.funding import permissions
from proeftuin.funding.choices import DecisionOutcome
from proeftuin.funding.common import changed, locked
from proeftuin.funding.letter_files import to_odt, to_pdf
from proeftuin.funding.models import Application, DecisionLetter, LetterTemplate

logger = logging.getLogger("proeftuin.funding")
JOB = "funding.decision_letter"
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
TEMPLATE_CODE = re.compile(r"\{%|%\}|\{#|#\}|\{\{|\}\}")
PLACEHOLDERS = {
    "aanvrager": "the lead organisation",
    "contactpersoon": "the applicant who submitted",
    "titel": "the application's title",
    "bedrag": "the amount granted",
    "voorwaarden": "the conditions of the grant",
    "redenen": "the reasons of the decision",
    "ronde": "the round",
    "fonds": "the fund",
    "datum": "the date of the decision",
}

DEFAULTS = {
    DecisionOutcome.GRANTED: (
        "Besluit op uw aanvraag “{{ titel }}”: toegekend",
        "Geachte {{ contactpersoon }},\n\n"
        "Namens {{ fonds }} laten wij u weten dat de aanvraag “{{ titel }}” van "
        "{{ aanvrager }} in de ronde “{{ ronde }}” is toegekend. Het toegekende bedrag is "
        "{{ bedrag }}.\n\n"
        "Aan de toekenning zijn de volgende voorwaarden verbonden:\n{{ voorwaarden }}\n\n"
        "U ontvangt de betalingen in tranches bij het bereiken van de afgesproken mijlpalen. "
        "Wij wensen u veel succes met het experiment.\n\n"
        "Met vriendelijke groet,\n\n{{ fonds }}\n{{ datum }}",
    ),
    DecisionOutcome.REJECTED: (
        "Besluit op uw aanvraag “{{ titel }}”: afgewezen",
        "Geachte {{ contactpersoon }},\n\n"
        "Namens {{ fonds }} laten wij u weten dat de aanvraag “{{ titel }}” van "
        "{{ aanvrager }} in de ronde “{{ ronde }}” helaas is afgewezen.\n\n"
        "De redenen daarvoor zijn:\n{{ redenen }}\n\n"
        "Wij danken u voor uw aanvraag en nodigen u uit het in een volgende ronde opnieuw "
        "te proberen.\n\n"
        "Met vriendelijke groet,\n\n{{ fonds }}\n{{ datum }}",
    ),
}


def template_errors(text: str) -> list[str]:
    """What is wrong with a template text: unknown placeholders, template code."""
    errors = []
    unknown = sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        errors.append(
            _("Unknown placeholder(s): %(names)s. Use only: %(allowed)s.")
            % {
                "names": ", ".join(f"{{{{ {name} }}}}" for name in unknown),
                "allowed": ", ".join(f"{{{{ {name} }}}}" for name in PLACEHOLDERS),
            }
        )
    if TEMPLATE_CODE.search(PLACEHOLDER.sub("", text)):
        errors.append(_("Only placeholders such as {{ titel }} are allowed, no other code."))
    return errors


def render(text: str, values: dict[str, str]) -> str:
    """``text`` with each known placeholder replaced by its value (as plain text)."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _dutch_date(moment) -> str:
    with translation.override("nl"):
        return date_format(timezone.localdate(moment), "j F Y")


def letter_values(application: Application) -> dict[str, str]:
    person = application.created_by
    with translation.override("nl"):
        amount = format_number(application.granted_amount) if application.granted_amount else ""
    return {
        "aanvrager": application.owner.name,
        "contactpersoon": (person.get_full_name() or person.username) if person else "",
        "titel": application.title,
        "bedrag": f"EUR {amount}" if amount else "",
        "voorwaarden": application.conditions or "-",
        "redenen": application.decision_reason or "-",
        "ronde": application.round.title,
        "fonds": application.round.fund.name,
        "datum": _dutch_date(application.decided_at or timezone.now()),
    }


def template_for(fund, outcome: str) -> tuple[str, str, LetterTemplate | None]:
    """(subject, body, the stored template or ``None`` for the default)."""
    stored = LetterTemplate.objects.filter(fund=fund, outcome=outcome).first()
    if stored is not None:
        return stored.subject, stored.body, stored
    subject, body = DEFAULTS[DecisionOutcome(outcome)]
    return subject, body, None


@transaction.atomic
def letter_template_save(
    *, actor, fund, outcome: str, subject: str, body: str, expected_version=None
) -> LetterTemplate:
    """Create or change the fund's template for ``outcome`` (managers only)."""
    check(permissions.can_manage_fund(actor, fund))
    if outcome not in DecisionOutcome.values:
        raise ValidationFailed(field_errors={"outcome": [_("Choose granted or rejected.")]})
    subject, body = (subject or "").strip(), (body or "").strip()
    errors = {}
    for name, text in (("subject", subject), ("body", body)):
        problems = template_errors(text) if text else [_("This field is required.")]
        if problems:
            errors[name] = problems
    if errors:
        raise ValidationFailed(field_errors=errors)
    current = LetterTemplate.objects.filter(fund=fund, outcome=outcome).first()
    before = None
    if current is None:
        current = LetterTemplate(fund=fund, outcome=outcome)
    else:
        # someone saved it after this manager opened the default text: theirs is not overwritten
        current = locked(
            LetterTemplate, current, 0 if expected_version is None else expected_version
        )
        before = {"subject": current.subject, "body": current.body}
        current.version += 1
    current.subject, current.body = subject, body
    current.save()
    action = AuditEntry.Action.CREATE if before is None else AuditEntry.Action.UPDATE
    audit_record(
        actor=actor,
        action=action,
        obj=current,
        before=before,
        after={"subject": subject, "body": body},
    )
    changed()
    return current


def letter_create(application: Application) -> DecisionLetter:
    """The letter of ``application``'s decision, filled in now; its files and mail follow
    on the worker (after the commit)."""
    subject, body, _stored = template_for(application.round.fund, application.outcome)
    values = letter_values(application)
    letter = DecisionLetter.objects.create(
        application=application,
        outcome=application.outcome,
        subject=render(subject, values)[:250],
        body=render(body, values),
    )
    enqueue(JOB, letter.pk)
    return letter


@transaction.atomic
def letter_resend(*, actor, letter: DecisionLetter) -> DecisionLetter:
    """Make the files again and mail the letter once more (managers)."""
    application = letter.application
    check(permissions.can_manage_fund(actor, application.round.fund))
    DecisionLetter.objects.filter(pk=letter.pk).update(sent_at=None, generated_at=None)
    audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=letter, after={"resend": True})
    enqueue(JOB, letter.pk)
    return letter


def recipients(application: Application) -> list[str]:
    people = [application.created_by, *application.team.all()]
    addresses = []
    for person in people:
        if person is None or not person.email or not permissions.is_applicant(person, application):
            continue
        if person.email not in addresses:
            addresses.append(person.email)
    return addresses


def _files(letter: DecisionLetter) -> tuple[bytes, bytes]:
    fund = letter.application.round.fund
    heading = f"{fund.name} – {_dutch_date(letter.created_at)}"
    pdf = to_pdf(subject=letter.subject, heading=heading, body=letter.body, author=fund.name)
    odt = to_odt(subject=letter.subject, heading=heading, body=letter.body)
    return pdf, odt


def file_name(letter: DecisionLetter, extension: str) -> str:
    return f"besluit-{letter.application.uuid}-{letter.uuid}.{extension}"


def _generate(letter: DecisionLetter) -> None:
    pdf, odt = _files(letter)
    letter.pdf.save(file_name(letter, "pdf"), ContentFile(pdf), save=False)
    letter.odt.save(file_name(letter, "odt"), ContentFile(odt), save=False)
    letter.generated_at = timezone.now()
    letter.save(update_fields=["pdf", "odt", "generated_at", "updated_at"])


def _mail(letter: DecisionLetter) -> None:
    to = recipients(letter.application)
    if to:
        message = EmailMessage(
            subject=letter.subject,
            body=letter.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=to,
        )
        for field, kind in ((letter.pdf, "application/pdf"), (letter.odt, ODT_TYPE)):
            field.open("rb")
            try:
                message.attach(field.name.rsplit("/", 1)[-1], field.read(), kind)
            finally:
                field.close()
        message.send()
    letter.sent_at, letter.sent_to = timezone.now(), to
    letter.save(update_fields=["sent_at", "sent_to", "updated_at"])


ODT_TYPE = "application/vnd.oasis.opendocument.text"


def _failed(letter_id: int, error=None) -> None:
    logger.error("decision letter %s could not be made or sent: %s", letter_id, error)


@task(JOB, max_attempts=5, on_failure=_failed)
def make_and_send_letter(letter_id: int) -> None:
    """Write the letter's PDF and ODT (unless done) and mail them (unless sent). Safe to run
    again: each step is skipped once it is recorded."""
    letter = (
        DecisionLetter.objects.select_related(
            "application__round__fund", "application__owner", "application__created_by"
        )
        .filter(pk=letter_id)
        .first()
    )
    if letter is None:
        return
    if letter.generated_at is None or not letter.pdf or not letter.odt:
        _generate(letter)
    if letter.sent_at is None:
        _mail(letter)
    logger.info("decision letter %s sent to %s address(es)", letter.pk, len(letter.sent_to))
