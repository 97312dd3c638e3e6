"""Errors as application/problem+json (RFC 9457), with Dutch titles and invalid params."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from proeftuin.core.service import ConflictError, DomainError, DuplicateError, NotAllowed

PROBLEM_TYPE = "urn:proeftuin:probleem:"


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


def problem(
    request,
    *,
    status_code: int,
    code: str,
    title: str,
    detail: str = "",
    invalid_params=None,
    headers=None,
) -> Response:
    body = {
        "type": PROBLEM_TYPE + code,
        "code": code,
        "title": title,
        "status": status_code,
        "detail": detail,
        "instance": request.path if request else "",
    }
    if invalid_params:
        body["invalidParams"] = invalid_params
    response = Response(
        body, status=status_code, headers=headers, content_type="application/problem+json"
    )
    return response


def _domain_problem(exc: DomainError, request) -> Response:
    mapping = [
        (ConflictError, status.HTTP_409_CONFLICT, "conflict"),
        (DuplicateError, status.HTTP_409_CONFLICT, "duplicate"),
        (NotAllowed, status.HTTP_403_FORBIDDEN, "permission_denied"),
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
        title=str(exc.message),
        invalid_params=_invalid_params(exc.field_errors),
    )


def exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, DomainError):
        return _domain_problem(exc, request)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("The requested resource does not exist."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        return problem(
            request,
            status_code=400,
            code="invalid",
            title=_("Some fields are missing or not valid."),
            invalid_params=_invalid_params(exc.detail),
        )
    detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
    headers = {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After")}
    return problem(
        request,
        status_code=response.status_code,
        code=getattr(detail, "code", "error"),
        title=str(detail),
        headers=headers,
    )


def not_found(request, exception=None):
    """JSON 404 for unknown paths under /api/."""
    return JsonResponse(
        {
            "type": PROBLEM_TYPE + "not_found",
            "code": "not_found",
            "title": _("The requested resource does not exist."),
            "status": 404,
            "instance": request.path,
        },
        status=404,
        content_type="application/problem+json",
    )
