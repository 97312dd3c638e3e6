"""What a meeting document may be: its size and its type, decided from its content and
its name together (the browser's content type is not trusted). Stored under a random name
and only served through the meeting's page to who may read the group, as an attachment."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from proeftuin.core.service import ValidationFailed

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB  # settings.CIRCLES_MAX_DOCUMENT_BYTES overrides

ZIP = b"PK\x03\x04"
# extension: (content type, how its content starts; None: plain UTF-8 text)
TYPES = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ZIP,
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ZIP,
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".txt": ("text/plain", None),
    ".csv": ("text/csv", None),
}


def max_bytes() -> int:
    return getattr(settings, "CIRCLES_MAX_DOCUMENT_BYTES", DEFAULT_MAX_BYTES)


def _refuse(message: str):
    raise ValidationFailed(message, field_errors={"file": [message]})


def human_size(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB".replace(".", ",")
    if size >= 1024:
        return f"{size // 1024} kB"
    return f"{size} bytes"


def check_size(size: int) -> None:
    if not size:
        _refuse(_("The file is empty."))
    if size > max_bytes():
        _refuse(
            _("The file is %(size)s; documents of at most %(limit)s are accepted.")
            % {"size": human_size(size), "limit": human_size(max_bytes())}
        )


def check_document(filename: str, data: bytes) -> str:
    """The content type of an acceptable document; ``ValidationFailed`` in Dutch otherwise."""
    check_size(len(data))
    suffix = PurePath(filename).suffix.lower()
    if suffix not in TYPES:
        _refuse(
            _(
                "Files of this type are not accepted. Choose PDF, Word, Excel, PowerPoint, "
                "OpenDocument, PNG, JPEG, text or CSV."
            )
        )
    content_type, start = TYPES[suffix]
    if not _content_matches(data, start):
        _refuse(
            _("The content of this file does not match its name (%(suffix)s).") % {"suffix": suffix}
        )
    return content_type


def _content_matches(data: bytes, start: bytes | None) -> bool:
    if start is not None:
        return data.startswith(start)
    if b"\x00" in data[:8192]:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
