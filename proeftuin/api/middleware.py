"""Middleware of /api/: the API-Version header, limits checked before anything reads the
request, and a safety net that turns any error answered outside a DRF view into a problem.
"""

from django.conf import settings
from django.utils.cache import patch_vary_headers

from proeftuin.api.problems import CODES, generic_detail, problem_response
from proeftuin.api.serializers import PROBLEM_MEDIA_TYPE

API_PREFIX = "/api/"
KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After", "API-Version", "Vary")


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


class ApiVersionMiddleware:
    """Every API response carries the full API version (NL API Design Rules, API-57)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_api(request):
            response["API-Version"] = settings.API_VERSION
            patch_vary_headers(response, ["Accept-Language", "Authorization"])
        return response


def _body_limit(request) -> int:
    if request.content_type == "multipart/form-data":
        return settings.API_MAX_UPLOAD_BYTES
    return settings.API_MAX_BODY_BYTES


def _refusal(request):
    """A problem for a request over the limits, or None; reads neither body nor fields."""
    if len(request.META.get("QUERY_STRING", "")) > settings.API_MAX_QUERY_STRING:
        return problem_response(request, 414, CODES[414], generic_detail(414))
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return problem_response(request, 400, CODES[400], generic_detail(400))
    if length < 0:
        return problem_response(request, 400, CODES[400], generic_detail(400))
    if length > _body_limit(request):
        _drain(request, length)
        response = problem_response(request, 413, CODES[413], generic_detail(413))
        response["Connection"] = "close"
        return response
    return None


DRAIN_LIMIT = 32 * 1024 * 1024
CHUNK = 64 * 1024


def _drain(request, length: int) -> None:
    """Read and drop a refused body (up to 32 MB), so that a client that sends all of it
    before reading gets the 413 instead of a reset connection. Larger bodies are cut off."""
    stream = request.META.get("wsgi.input")
    remaining = min(length, DRAIN_LIMIT)
    while stream is not None and remaining > 0:
        chunk = stream.read(min(CHUNK, remaining))
        if not chunk:
            break
        remaining -= len(chunk)


def _as_problem(request, response):
    """``response`` as a problem if it is an error in another format (HTML, plain text)."""
    content_type = response.get("Content-Type", "")
    if response.status_code < 400 or content_type.startswith(PROBLEM_MEDIA_TYPE):
        return response
    status_code = response.status_code
    replacement = problem_response(
        request, status_code, CODES.get(status_code, "error"), generic_detail(status_code)
    )
    for header in KEPT_HEADERS:
        if header in response:
            replacement[header] = response[header]
    return replacement


class ApiProblemMiddleware:
    """Under /api/ nothing answers HTML or English: limits first, a problem for every error.

    Django raises some errors before DRF sees the request (too many fields, a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE, unknown routes, a crash in other middleware) and answers
    them with its own pages; this middleware, outermost, replaces those with problems.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api(request):
            return self.get_response(request)
        response = _refusal(request) or self.get_response(request)
        return _as_problem(request, response)
