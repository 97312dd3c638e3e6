"""The answers to a round's own questions (``FormQuestion``), checked per kind, and the
limits of an attachment. Shared by the application services, the form and the API.

Stored in ``Application.answers`` under the question's key:
- text: the text; number: a number as text ("12", "3.5"); amount: euros with two
  decimals as text ("1250.00"); choice: one of the question's options;
- organisation: the uuid of a registered organisation;
- team: the uuids of the users named (by user name, e-mail address or uuid);
- file: nothing: a file question is answered by an ``Attachment``."""

from __future__ import annotations

import uuid as uuidlib
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.utils.translation import gettext as _

from proeftuin.funding.choices import QuestionKind, QuestionPhase

MAX_TEXT = 10000
MAX_TEAM = 30
MAX_AMOUNT = Decimal("9999999999.99")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# extension -> content types browsers send for it (an empty type is taken as the extension's)
ATTACHMENT_TYPES = {
    "pdf": ("application/pdf",),
    "odt": ("application/vnd.oasis.opendocument.text",),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet",),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    "csv": ("text/csv", "application/vnd.ms-excel", "text/plain"),
    "txt": ("text/plain",),
    "png": ("image/png",),
    "jpg": ("image/jpeg",),
    "jpeg": ("image/jpeg",),
}
GENERIC_TYPES = ("", "application/octet-stream")


class AnswerError(ValueError):
    """An answer that does not fit its question; ``str()`` is the Dutch message."""


def _text(question, value) -> str:
    if not isinstance(value, str):
        raise AnswerError(_("Give a text."))
    text = value.strip()
    if len(text) > MAX_TEXT:
        raise AnswerError(_("At most %(n)d characters.") % {"n": MAX_TEXT})
    return text


def _decimal(value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise AnswerError(_("Give a number."))
    text = str(value).strip().replace(" ", "")
    if "," in text:  # Dutch writing: 1.250,50
        text = text.replace(".", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise AnswerError(_("Give a number.")) from exc
    if not number.is_finite() or abs(number) > MAX_AMOUNT:
        raise AnswerError(_("Give a number."))
    return number


def _number(question, value) -> str:
    return format(_decimal(value).normalize(), "f")  # "1200", "3.5"


def _amount(question, value) -> str:
    number = _decimal(value)
    if number < 0:
        raise AnswerError(_("An amount cannot be negative."))
    if number != number.quantize(Decimal("0.01")):
        raise AnswerError(_("An amount has at most two decimals (cents)."))
    return str(number.quantize(Decimal("0.01")))


def _choice(question, value) -> str:
    options = [str(option) for option in question.choices]
    if not isinstance(value, str) or value.strip() not in options:
        raise AnswerError(_("Choose one of: %(options)s.") % {"options": ", ".join(options)})
    return value.strip()


def _organisation(question, value) -> str:
    from proeftuin.organisations.service import Organisation

    text = str(value).strip() if isinstance(value, (str, uuidlib.UUID)) else ""
    found = None
    if text:
        rows = Organisation.objects.filter(slug=text)
        if _is_uuid(text):
            rows = Organisation.objects.filter(Q(uuid=text) | Q(slug=text))
        found = rows.first()
    if found is None:
        raise AnswerError(_("Choose an organisation registered on the platform."))
    return str(found.uuid)


def _is_uuid(text: str) -> bool:
    try:
        uuidlib.UUID(text)
    except ValueError:
        return False
    return True


def users_named(names) -> list:
    """The users ``names`` point at (user name, e-mail address or uuid), in order; an
    ``AnswerError`` naming those not found."""
    from proeftuin.accounts.service import User

    if isinstance(names, str):
        names = [n for n in names.replace(";", ",").replace("\n", ",").split(",")]
    if not isinstance(names, (list, tuple)) or len(names) > MAX_TEAM:
        raise AnswerError(_("Name at most %(n)d people.") % {"n": MAX_TEAM})
    found, unknown = [], []
    for name in (str(n).strip() for n in names if isinstance(n, str)):
        if not name:
            continue
        match = Q(username__iexact=name) | Q(email__iexact=name)
        if _is_uuid(name):
            match |= Q(uuid=name)
        user = User.objects.filter(match, is_active=True).first()
        (found.append(user) if user else unknown.append(name))
    if unknown or any(not isinstance(n, str) for n in names):
        raise AnswerError(
            _("Not found on the platform: %(names)s.") % {"names": ", ".join(unknown) or "?"}
        )
    return list(dict.fromkeys(found))


def _team(question, value) -> list[str]:
    return [str(user.uuid) for user in users_named(value)]


def _file(question, value):
    raise AnswerError(_("Add a file for this question as an attachment."))


CLEANERS = {
    QuestionKind.TEXT: _text,
    QuestionKind.NUMBER: _number,
    QuestionKind.AMOUNT: _amount,
    QuestionKind.CHOICE: _choice,
    QuestionKind.ORGANISATION: _organisation,
    QuestionKind.TEAM: _team,
    QuestionKind.FILE: _file,
}


def _empty(value) -> bool:
    return (
        value is None
        or value == ""
        or value == []
        or (isinstance(value, str) and not value.strip())
    )


def clean_answers(questions, given) -> tuple[dict, dict[str, list[str]]]:
    """``given`` answers (key -> raw value) checked against ``questions``: (the clean
    answers, field errors keyed ``answers.<key>``). An empty answer removes it."""
    if not isinstance(given, dict):
        return {}, {"answers": [_("Give the answers as pairs of question and answer.")]}
    by_key = {q.key: q for q in questions}
    clean, errors = {}, {}
    for key, value in given.items():
        question = by_key.get(key)
        if question is None:
            errors.setdefault("answers", []).append(
                _("This round has no question %(key)s.") % {"key": key}
            )
            continue
        if _empty(value):
            clean[key] = None
            continue
        try:
            clean[key] = CLEANERS[question.kind](question, value)
        except AnswerError as exc:
            errors[f"answers.{key}"] = [str(exc)]
    return clean, errors


def questions_for(round_, stage_key: str):
    """The round's questions asked in the phase of ``stage_key`` (sketch or full)."""
    skip = QuestionPhase.FULL if stage_key.startswith("sketch") else QuestionPhase.SKETCH
    return [q for q in round_.questions.all() if q.phase != skip]


def missing_required(application, questions) -> dict[str, list[str]]:
    """Field errors for the required questions ``application`` has not answered."""
    files = set(application.attachments.values_list("question_key", flat=True))
    errors = {}
    for question in questions:
        if not question.required:
            continue
        answered = (
            question.key in files
            if question.kind == QuestionKind.FILE
            else not _empty(application.answers.get(question.key))
        )
        if not answered:
            errors[f"answers.{question.key}"] = [
                _("Answer the required question: %(label)s") % {"label": question.label}
            ]
    return errors


def attachment_problem(name: str, size: int, content_type: str) -> str | None:
    """The Dutch reason a file may not be attached, ``None`` when it may."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = ATTACHMENT_TYPES.get(extension)
    content_type = (content_type or "").split(";")[0].strip().lower()
    if allowed is None or (content_type not in GENERIC_TYPES and content_type not in allowed):
        return _("This kind of file cannot be attached. Allowed: %(kinds)s.") % {
            "kinds": ", ".join(sorted(ATTACHMENT_TYPES))
        }
    if size > MAX_ATTACHMENT_BYTES:
        return _("The file is too big: at most %(mb)d MB.") % {
            "mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)
        }
    if size == 0:
        return _("The file is empty.")
    return None


def _users_by_uuid(uuids) -> dict:
    from proeftuin.accounts.service import User

    return {str(u.uuid): u for u in User.objects.filter(uuid__in=list(uuids))}


def team_names(questions, answers: dict) -> dict[str, str]:
    """The team answers as the form shows them: user names, separated by commas."""
    keys = [q.key for q in questions if q.kind == QuestionKind.TEAM and answers.get(q.key)]
    users = _users_by_uuid({u for k in keys for u in answers[k]})
    return {k: ", ".join(users[u].username for u in answers[k] if u in users) for k in keys}


def readable_answers(questions, answers: dict) -> list[tuple[object, str]]:
    """(question, answer as people read it) for every answered question but files."""
    from proeftuin.organisations.service import Organisation

    organisations = {
        str(o.uuid): o.name
        for o in Organisation.objects.filter(
            uuid__in=[
                answers[q.key]
                for q in questions
                if q.kind == QuestionKind.ORGANISATION and answers.get(q.key)
            ]
        )
    }
    teams = {k: v for k, v in team_names(questions, answers).items()}
    rows = []
    for question in questions:
        value = answers.get(question.key)
        if question.kind == QuestionKind.FILE or _empty(value):
            continue
        if question.kind == QuestionKind.ORGANISATION:
            value = organisations.get(value, "?")
        elif question.kind == QuestionKind.TEAM:
            value = teams.get(question.key, "")
        elif question.kind == QuestionKind.AMOUNT:
            value = f"EUR {value}"
        rows.append((question, str(value)))
    return rows
