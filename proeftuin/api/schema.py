"""OpenAPI generation: every status code an operation can answer, and the required headers.

``ProblemAutoSchema`` documents the problem responses that the shared machinery can give
on any operation (``proeftuin.api.problems``, ``.middleware``, ``.parsers``); a view adds
its own (409, 412, 428) with ``problem_responses``.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import AllowAny

from proeftuin.api.serializers import PROBLEM_MEDIA_TYPE, ProblemSerializer

API_VERSION_HEADER = {
    "schema": {"type": "string", "example": "1.0.0"},
    "description": "Full semantic version of the API (NL API Design Rules, API-57).",
}

DESCRIPTIONS = {
    400: "The request is not valid: a parameter, a field, a number out of range, JSON nested "
    "too deeply, or too many fields.",
    401: "Not signed in, or the token is not valid.",
    403: "Signed in, but not allowed to do this (or the CSRF token is missing).",
    404: "The resource does not exist or is not visible to you (or the page is past the end).",
    406: "The Accept header asks for a format other than JSON.",
    409: "Conflicts with the current state: saved by someone else meanwhile, or a duplicate.",
    412: "The version in If-Match is no longer the current one.",
    413: "The request body is larger than the API accepts.",
    414: "The query string is longer than the API accepts.",
    415: "The request body is not JSON (or multipart/form-data for uploads).",
    428: "Neither version nor If-Match says which version you changed.",
    429: "Too many requests; try again after Retry-After seconds.",
    500: "Unexpected error on the server; it is logged.",
}
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def problem_response(status_code: int) -> OpenApiResponse:
    return OpenApiResponse(response=ProblemSerializer, description=DESCRIPTIONS[status_code])


def problem_responses(*status_codes: int) -> dict:
    """``extend_schema(responses=...)`` entries for problems a view answers itself."""
    return {(code, PROBLEM_MEDIA_TYPE): problem_response(code) for code in status_codes}


class ProblemAutoSchema(AutoSchema):
    def _shared_problems(self) -> set[int]:
        codes = {400, 401, 406, 414, 500}
        permissions = self.view.get_permissions()
        if self.method in UNSAFE or any(not isinstance(p, AllowAny) for p in permissions):
            codes.add(403)
        if "{" in self.path or (self._is_list_view() and self._get_paginator()):
            codes.add(404)
        if self.method in ("POST", "PUT", "PATCH"):
            codes |= {413, 415}
        if self.view.get_throttles():
            codes.add(429)
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in sorted(self._shared_problems()):
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    problem_response(code), str(code), [PROBLEM_MEDIA_TYPE], direction
                )
        return dict(sorted(responses.items()))


def add_api_version_header(result, generator, request, public):
    """Every response of every operation carries the ``API-Version`` header."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for response in operation.get("responses", {}).values():
                response.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER
    return result
