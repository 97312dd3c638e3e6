"""Optimistic locking for API writes: the version a client changed, from the body or If-Match.

A change without either is refused with 428 (RFC 6585): the API promises that nobody
overwrites a newer version unseen, so it never guesses "the latest".
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.exceptions import APIException

MAX_VERSION = 2**63 - 1


class PreconditionFailed(APIException):
    """The If-Match version is no longer the current one (RFC 9110, 412)."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = _("The version in If-Match is no longer the current one.")


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "precondition_required"
    default_detail = _(
        "Say which version you changed: send its number as version in the body or as "
        'If-Match: "<version>" (the ETag of the record).'
    )


def _from_if_match(request) -> int | None:
    raw = request.headers.get("If-Match", "").strip()
    if not raw:
        return None
    value = raw.removeprefix("W/").strip('"')
    if not value.isdigit() or int(value) > MAX_VERSION:
        raise PreconditionFailed()
    return int(value)


def expected_version(request, data: dict) -> tuple[int, bool]:
    """Pop ``version`` from ``data``, else read If-Match; (version, came from the header)."""
    version = data.pop("version", None)
    if version is not None:
        return version, False
    version = _from_if_match(request)
    if version is None:
        raise PreconditionRequired()
    return version, True


def version_field():
    """The ``version`` of a write payload: optional, since If-Match may carry it."""
    return serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_VERSION,
        help_text=_(
            "The version you changed; a newer one gives a conflict. Required on a change "
            "unless If-Match carries it."
        ),
    )
