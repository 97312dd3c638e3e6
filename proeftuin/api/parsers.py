"""The API's JSON parser: camelCase in, a bounded body, a bounded nesting depth.

DRF reads the request stream itself, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not apply
to JSON bodies; this parser reads at most ``API_MAX_BODY_BYTES`` and refuses deeper nesting
than ``API_MAX_JSON_DEPTH`` before anything recurses over the data.
"""

from __future__ import annotations

import json

from django.conf import settings
from djangorestframework_camel_case.parser import CamelCaseJSONParser
from djangorestframework_camel_case.util import underscoreize
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError

from proeftuin.api import problems


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class NestedTooDeeply(ParseError):
    default_code = "too_deep"


def json_depth(value) -> int:
    """How deeply ``value`` nests lists and objects, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item)
    return deepest


def _no_constants(name: str):
    raise ValueError(f"{name} is not valid JSON")


class JSONParser(CamelCaseJSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        if stream is None:
            return {}
        limit = settings.API_MAX_BODY_BYTES
        raw = stream.read(limit + 1)
        if len(raw) > limit:
            raise RequestTooLarge(problems.too_large_detail())
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(raw.decode(encoding), parse_constant=_no_constants)
        except RecursionError as exc:
            raise NestedTooDeeply(problems.too_deep_detail()) from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError() from exc  # the handler gives the Dutch detail
        if json_depth(data) > settings.API_MAX_JSON_DEPTH:
            raise NestedTooDeeply(problems.too_deep_detail())
        return underscoreize(data, **self.json_underscoreize)
