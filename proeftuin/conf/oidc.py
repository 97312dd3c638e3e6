"""Single sign-on with OpenID Connect (proeftuin/accounts/oidc/).

Off unless OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set: then the login page
shows no button, the sign-on URLs answer 404 and nothing contacts a provider. When it is on,
the provider is contacted only when someone signs in through it.
"""

from proeftuin.core.env import env

OIDC_ISSUER = env(
    "OIDC_ISSUER",
    default="",
    help="Issuer URL of the OpenID Connect provider, e.g. https://login.example.nl/realms/gemeente "
    "(its endpoints are read from <issuer>/.well-known/openid-configuration at sign-in). Empty "
    "(default): single sign-on is off.",
)
OIDC_CLIENT_ID = env(
    "OIDC_CLIENT_ID",
    default="",
    help="Client id that the provider registered for Proeftuin. Register the redirect URI "
    "https://<host>/account/sso/terug/ with it.",
)
OIDC_CLIENT_SECRET = env(
    "OIDC_CLIENT_SECRET",
    default="",
    help="Client secret for OIDC_CLIENT_ID. Secret: set it only in the environment or .env, "
    "never in a committed file.",
)
OIDC_PROVIDER_NAME = env(
    "OIDC_PROVIDER_NAME",
    default="SSO",
    help='Name of the provider on the login button ("Inloggen met <name>"), e.g. "Mijn Gemeente".',
)
OIDC_SCOPES = env(
    "OIDC_SCOPES",
    default="openid email profile",
    help="Space-separated scopes requested from the provider; must include openid and email.",
)
OIDC_REQUIRE_VERIFIED_EMAIL = env(
    "OIDC_REQUIRE_VERIFIED_EMAIL",
    default=True,
    cast=bool,
    help="Use the provider's e-mail address (to match an existing account or create a new one) "
    "only when it says email_verified=true. Set false only for a provider that checks every "
    "address but does not send that claim.",
)
OIDC_CREATE_USERS = env(
    "OIDC_CREATE_USERS",
    default=True,
    cast=bool,
    help="Create an account, without any organisation role, for a first sign-in whose e-mail "
    "address matches no account. False: only existing accounts may sign in.",
)
OIDC_TIMEOUT_SECONDS = env(
    "OIDC_TIMEOUT_SECONDS",
    default=10,
    cast=int,
    help="Seconds one request to the provider may take before sign-in gives up with an error.",
)
