"""The one page that refuses what was asked, for every app's views."""

from django.shortcuts import render


def forbidden(request, reason: str, status: int = 403):
    """A page refusing what was asked, with the reason in Dutch."""
    return render(request, "core/forbidden.html", {"reason": reason}, status=status)


def form_refusal(form, exc, field_for=None) -> int:
    """Put a service's refusal (a ``DomainError``) on ``form``; the status code to answer
    with. Each field error goes to its field (``field_for(key)``, default: the form's field
    of that name, else the form as a whole); the general message is added too when there
    are no field errors, when one names no field of the form, or on a conflict."""
    from proeftuin.core.errors import ConflictError, DuplicateError, TooManyRequests

    field_for = field_for or (lambda key: key if key in form.fields else None)
    unplaced = False
    for key, problems in exc.field_errors.items():
        field = field_for(key)
        unplaced = unplaced or field is None
        for problem in problems:
            form.add_error(field, str(problem))
    if not exc.field_errors or unplaced or isinstance(exc, ConflictError):
        form.add_error(None, str(exc.message))
    if isinstance(exc, ConflictError | DuplicateError):
        return 409
    if isinstance(exc, TooManyRequests):
        return 429
    return 400 if exc.field_errors else 403
