"""OpenAPI post-processing: document the headers the NL API Design Rules require."""

API_VERSION_HEADER = {
    "schema": {"type": "string", "example": "1.0.0"},
    "description": "Full semantic version of the API (NL API Design Rules, API-57).",
}


def add_api_version_header(result, generator, request, public):
    """Every response of every operation carries the ``API-Version`` header."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for response in operation.get("responses", {}).values():
                response.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER
    result.setdefault("servers", [{"url": "/", "description": "This installation"}])
    return result
