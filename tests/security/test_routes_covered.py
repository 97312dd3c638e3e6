"""Every route of the URL conf is attacked by the suite or exempt with a reason, so a new
route without coverage fails here."""

from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.awards_casebooks import CASEBOOK_READS, CASEBOOK_WRITES
from tests.security.awards_manage import AWARD_MANAGE_READS, AWARD_MANAGE_WRITES
from tests.security.awards_setup import AWARD_SETUP_READS, AWARD_SETUP_WRITES
from tests.security.awards_writes import AWARD_READS, AWARD_WRITES
from tests.security.barriers import BARRIER_READS, BARRIER_WRITES
from tests.security.circles_writes import CIRCLE_READS, CIRCLE_WRITES
from tests.security.diffusion import DIFFUSION_READS, DIFFUSION_WRITES
from tests.security.funding_groups import FUNDING_WORLD_PROBES
from tests.security.funding_writes import FUNDING_READS, FUNDING_WRITES
from tests.security.matching import MATCHING_READS
from tests.security.patents_writes import PATENT_READS, PATENT_WRITES
from tests.security.portfolio import PORTFOLIO_READS, PORTFOLIO_WRITES
from tests.security.probes import READS
from tests.security.writes import WRITES

OWN_ACCOUNT = "acts only on the signed-in caller's own account (tests/accounts covers it)"
EXEMPT = {
    "accounts:password_change": OWN_ACCOUNT,
    "accounts:password_change_done": OWN_ACCOUNT,
    "accounts:recovery_codes_new": OWN_ACCOUNT,
    "accounts:second_factor_remove": OWN_ACCOUNT,
    "accounts:second_factor_setup": OWN_ACCOUNT,
    "accounts:second_factor_verify": OWN_ACCOUNT,
    "accounts:security": OWN_ACCOUNT,
    "accounts:password_reset": "sends a reset link only to the address of the account; "
    "answers the same whether it exists (tests/accounts/test_passwords.py)",
    "accounts:password_reset_done": "a fixed confirmation page without data",
    "accounts:password_reset_confirm": "needs the signed token of one account's mail "
    "(tests/accounts/test_passwords.py)",
    "accounts:password_reset_complete": "a fixed confirmation page without data",
    "accounts:oidc_login": "starts the caller's own single sign-on; 404 when not configured",
    "accounts:oidc_callback": "needs the caller's own state and the provider's code "
    "(tests/accounts/test_oidc_*.py)",
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
    return {
        r
        for probe in [
            *READS,
            *WRITES,
            *PORTFOLIO_READS,
            *PORTFOLIO_WRITES,
            *DIFFUSION_READS,
            *DIFFUSION_WRITES,
            *BARRIER_READS,
            *BARRIER_WRITES,
            *CIRCLE_READS,
            *CIRCLE_WRITES,
            *MATCHING_READS,
            *PATENT_READS,
            *PATENT_WRITES,
            *FUNDING_WRITES,
            *FUNDING_READS,
            *FUNDING_WORLD_PROBES,
            *AWARD_READS,
            *AWARD_WRITES,
            *AWARD_MANAGE_READS,
            *AWARD_MANAGE_WRITES,
            *AWARD_SETUP_READS,
            *AWARD_SETUP_WRITES,
            *CASEBOOK_READS,
            *CASEBOOK_WRITES,
        ]
        for r in probe.routes
    }


def test_every_route_is_covered():
    names = {n for n in route_names() if n.split(":")[0] not in WHOLE_NAMESPACES}
    assert None not in names, "every route needs a name to be checked"
    uncovered = names - covered() - set(EXEMPT)
    assert not uncovered, f"routes without a hostile-user probe: {sorted(uncovered)}"


def test_the_table_names_only_existing_routes():
    names = set(route_names())
    assert not (covered() | set(EXEMPT)) - names
