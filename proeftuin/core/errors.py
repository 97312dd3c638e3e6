"""Domain errors that services raise; views and the API turn them into messages."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """Base class; ``message`` is a translatable sentence for the user."""

    default_message = _("The request could not be processed.")

    def __init__(self, message=None, *, field_errors: dict[str, list[str]] | None = None):
        self.message = message or self.default_message
        self.field_errors = field_errors or {}
        super().__init__(str(self.message))


class ValidationFailed(DomainError):
    default_message = _("Some fields are missing or not valid.")


class ConflictError(DomainError):
    default_message = _(
        "Someone else saved this record after you opened it. Reload it, check their changes "
        "and apply yours again."
    )


class DuplicateError(DomainError):
    default_message = _("A record with these details already exists.")


class NotAllowed(DomainError):
    default_message = _("You are not allowed to do this.")


class TooManyRequests(DomainError):
    """Refused for now: too many of these from the same account or network (429)."""

    default_message = _("Too many requests; try again later.")


def require(allowed_reason: tuple[bool, str]) -> None:
    """Raise ``NotAllowed`` with the reason of a ``can_<verb>_<entity>`` permission
    check that said no."""
    allowed, reason = allowed_reason
    if not allowed:
        raise NotAllowed(reason)
