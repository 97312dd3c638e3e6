"""What the register's pages share: a refusal page and domain errors put on a form."""

from __future__ import annotations

from proeftuin.core.service import ConflictError, DomainError, forbidden

refuse = forbidden  # the register's pages say "refuse"


def put_on_form(form, exc: DomainError) -> int:
    """The service's refusal on ``form``; the status to answer with."""
    for field, problems in exc.field_errors.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, str(problem))
    if not exc.field_errors:
        form.add_error(None, str(exc.message))
    if isinstance(exc, ConflictError):
        return 409
    return 400 if exc.field_errors or exc.__class__.__name__ == "ValidationFailed" else 403
