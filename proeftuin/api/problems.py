"""Errors as application/problem+json (RFC 9457): a Dutch title per status, a Dutch detail.

``exception_handler`` turns whatever a DRF view raises into a problem, unexpected errors
included (logged, answered with 500). ``problem_response`` builds the same body without DRF,
for the middleware and the error handlers that answer outside a view.
"""

from __future__ import annotations

import json
import logging

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from proeftuin.api.serializers import PROBLEM_MEDIA_TYPE
from proeftuin.core.service import (
    ConflictError,
    DomainError,
    DuplicateError,
    NotAllowed,
    TooManyRequests,
)

PROBLEM_TYPE = "urn:proeftuin:probleem:"
logger = logging.getLogger("proeftuin.api")

TITLES = {
    400: gettext_lazy("The request is not valid"),
    401: gettext_lazy("Not signed in"),
    403: gettext_lazy("Not allowed"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    406: gettext_lazy("Representation not available"),
    409: gettext_lazy("Conflict"),
    412: gettext_lazy("Version no longer current"),
    413: gettext_lazy("Request too large"),
    414: gettext_lazy("Address too long"),
    415: gettext_lazy("Content type not supported"),
    428: gettext_lazy("Version required"),
    429: gettext_lazy("Too many requests"),
    500: gettext_lazy("Server error"),
}

# Our own Dutch details for DRF's generic errors (DRF's Dutch is partial or odd).
DETAILS = {
    exceptions.NotAuthenticated: gettext_lazy("Sign in, or send a valid API token."),
    exceptions.AuthenticationFailed: gettext_lazy(
        "The sign-in details or the token are not valid."
    ),
    exceptions.PermissionDenied: gettext_lazy("You are not allowed to do this."),
    exceptions.NotFound: gettext_lazy("The requested resource does not exist."),
    exceptions.MethodNotAllowed: gettext_lazy("This method is not supported at this address."),
    exceptions.NotAcceptable: gettext_lazy("This resource is only available as application/json."),
    exceptions.UnsupportedMediaType: gettext_lazy(
        "Send the request body as application/json (or multipart/form-data for uploads)."
    ),
    exceptions.Throttled: gettext_lazy("Too many requests; try again later."),
    exceptions.ParseError: gettext_lazy("The request body is not valid JSON."),
}


CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    429: "throttled",
    500: "server_error",
}


def generic_detail(status_code: int) -> str:
    """A Dutch detail for an error answered outside a view (the middleware's safety net)."""
    by_status = {
        400: _("The request could not be read."),
        401: DETAILS[exceptions.NotAuthenticated],
        403: DETAILS[exceptions.PermissionDenied],
        404: _("There is no resource at this address."),
        405: DETAILS[exceptions.MethodNotAllowed],
        413: too_large_detail(),
        414: _("The address (with its query string) is longer than this API accepts."),
    }
    fallback = server_error_detail() if status_code >= 500 else by_status[400]
    return str(by_status.get(status_code, fallback))


def title_for(status_code: int) -> str:
    return str(TITLES.get(status_code) or TITLES[500 if status_code >= 500 else 400])


def problem_body(path: str, *, status_code: int, code: str, detail: str, title=None) -> dict:
    return {
        "type": PROBLEM_TYPE + code,
        "code": code,
        "title": str(title or title_for(status_code)),
        "status": status_code,
        "detail": str(detail),
        "instance": path,
    }


def problem(
    request,
    *,
    status_code: int,
    code: str,
    detail: str = "",
    title=None,
    invalid_params=None,
    headers=None,
) -> Response:
    """A DRF response with a problem body (rendered by the view's renderer)."""
    path = request.path if request is not None else ""
    body = problem_body(path, status_code=status_code, code=code, detail=detail, title=title)
    if invalid_params:
        body["invalidParams"] = invalid_params
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_MEDIA_TYPE)


def problem_response(request, status_code: int, code: str, detail: str = "") -> HttpResponse:
    """The same problem as a plain Django response, for answers outside a DRF view."""
    body = problem_body(request.path, status_code=status_code, code=code, detail=detail)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status_code,
        content_type=PROBLEM_MEDIA_TYPE,
    )


def _camel(name: str) -> str:
    return camelize_re.sub(underscore_to_camel, name)


def _invalid_params(detail, prefix: str = "") -> list[dict[str, str]]:
    params = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{_camel(str(key))}" if prefix else _camel(str(key))
            if key == "non_field_errors":
                name = prefix or "nonFieldErrors"
            params.extend(_invalid_params(value, name))
    elif isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            params.extend(
                {"name": prefix, "code": getattr(item, "code", "invalid"), "reason": str(item)}
                for item in detail
            )
        else:
            for index, item in enumerate(detail):
                params.extend(_invalid_params(item, f"{prefix}.{index}"))
    else:
        params.append(
            {"name": prefix, "code": getattr(detail, "code", "invalid"), "reason": str(detail)}
        )
    return params


def _domain_problem(exc: DomainError, request) -> Response:
    mapping = [
        (ConflictError, status.HTTP_409_CONFLICT, "conflict"),
        (DuplicateError, status.HTTP_409_CONFLICT, "duplicate"),
        (NotAllowed, status.HTTP_403_FORBIDDEN, "permission_denied"),
        (TooManyRequests, status.HTTP_429_TOO_MANY_REQUESTS, "throttled"),
    ]
    status_code, code = status.HTTP_400_BAD_REQUEST, "invalid"
    for cls, mapped_status, mapped_code in mapping:
        if isinstance(exc, cls):
            status_code, code = mapped_status, mapped_code
            break
    return problem(
        request,
        status_code=status_code,
        code=code,
        detail=str(exc.message),
        invalid_params=_invalid_params(exc.field_errors),
    )


def _django_problem(exc, request) -> Response | None:
    """Errors Django or the database raise while DRF handles the request."""
    if isinstance(exc, RequestDataTooBig):
        return problem(request, status_code=413, code="too_large", detail=too_large_detail())
    if isinstance(exc, SuspiciousOperation):  # too many fields or files, bad multipart
        return problem(request, status_code=400, code="bad_request", detail=too_many_detail())
    if isinstance(exc, OverflowError | DataError):
        return problem(request, status_code=400, code="out_of_range", detail=out_of_range_detail())
    if isinstance(exc, RecursionError):
        return problem(request, status_code=400, code="too_deep", detail=too_deep_detail())
    if isinstance(exc, DjangoValidationError):
        return problem(request, status_code=400, code="invalid", detail="; ".join(exc.messages))
    return None


def too_large_detail() -> str:
    return _("The request body is larger than this API accepts.")


def too_many_detail() -> str:
    return _("The request has more fields or files than this API accepts.")


def out_of_range_detail() -> str:
    return _("A number in the request is outside the range this API accepts.")


def too_deep_detail() -> str:
    return _("The JSON in the request is nested more deeply than this API accepts.")


def _api_problem(exc: exceptions.APIException, request) -> Response:
    if isinstance(exc, exceptions.ValidationError):
        return problem(
            request,
            status_code=400,
            code="invalid",
            detail=_("Some fields are missing or not valid."),
            invalid_params=_invalid_params(exc.detail),
        )
    detail = exc.detail
    if str(detail) == str(exc.default_detail) or type(exc) is exceptions.ParseError:
        detail = next((v for k, v in DETAILS.items() if isinstance(exc, k)), detail)
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    return problem(
        request,
        status_code=exc.status_code,
        code=getattr(exc.detail, "code", None) or exc.default_code,
        detail=str(detail),
        headers=headers,
    )


def exception_handler(exc, context):
    """DRF's exception handler: every error is a problem, never HTML, never English."""
    request = context.get("request")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, DomainError):
        response = _domain_problem(exc, request)
    elif isinstance(exc, exceptions.APIException):
        response = _api_problem(exc, request)
    else:
        response = _django_problem(exc, request)
    if response is None:
        logger.error("Unexpected error in %s", request.path if request else "?", exc_info=exc)
        response = problem(
            request, status_code=500, code="server_error", detail=server_error_detail()
        )
    if getattr(exc, "auth_header", None) and response.status_code == 401:
        response["WWW-Authenticate"] = exc.auth_header
    set_rollback()
    return response


def server_error_detail() -> str:
    return _("Something went wrong on our side. It has been logged; please try again later.")


def not_found(request, exception=None):
    """404 for unknown paths under /api/."""
    return problem_response(request, 404, "not_found", _("There is no resource at this address."))
