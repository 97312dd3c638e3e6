"""Every route of the URL conf is attacked by the suite or exempt with a reason, so a new
route without coverage fails here."""

from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.probes import READS
from tests.security.writes import WRITES

EXEMPT = {
    "set_language": "sets the caller's own language cookie; reads and changes no data",
    "accounts:logout": "ends the caller's own session; reads and changes no data",
    "api:schema": "the OpenAPI document is generated from code and holds no records",
    "api:schema-yaml": "the OpenAPI document is generated from code and holds no records",
}
# the Django admin: every one of its routes is tried in test_admin.py
WHOLE_NAMESPACES = {"admin"}


def route_names(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def covered() -> set[str]:
    return {r for probe in [*READS, *WRITES] for r in probe.routes}


def test_every_route_is_covered():
    names = {n for n in route_names() if n.split(":")[0] not in WHOLE_NAMESPACES}
    assert None not in names, "every route needs a name to be checked"
    uncovered = names - covered() - set(EXEMPT)
    assert not uncovered, f"routes without a hostile-user probe: {sorted(uncovered)}"


def test_the_table_names_only_existing_routes():
    names = set(route_names())
    assert not (covered() | set(EXEMPT)) - names
