"""Secrets, hosts and cookie security. Nothing here has an insecure default."""

from proeftuin.core.env import env

SECRET_KEY = env(
    "SECRET_KEY",
    help="Django secret key; a long random string. `make run` writes one into .env.",
)
DEBUG = env("DEBUG", default=False, cast=bool, help="Show debug pages. Never in production.")
ALLOWED_HOSTS = env(
    "ALLOWED_HOSTS", default=[], cast=list, help="Comma-separated host names this site serves."
)
CSRF_TRUSTED_ORIGINS = env(
    "CSRF_TRUSTED_ORIGINS",
    default=[],
    cast=list,
    help="Comma-separated origins (scheme://host) trusted for form posts behind a proxy.",
)
SECURE_COOKIES = env(
    "SECURE_COOKIES",
    default=not DEBUG,
    cast=bool,
    help="Send session and CSRF cookies over HTTPS only (default: on unless DEBUG).",
)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env(
        "BEHIND_HTTPS_PROXY",
        default=False,
        cast=bool,
        help="Trust X-Forwarded-Proto from the reverse proxy in front of the app.",
    )
    else None
)
# The lockout backend (django-axes) comes first: it refuses every sign-in of a locked-out
# account or address before another backend is asked (settings in proeftuin/conf/accounts.py).
# Passwords through Django's model backend; single sign-on through the OIDC backend, which
# only answers the OIDC callback (proeftuin/conf/oidc.py) and is inert when that is off.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "proeftuin.accounts.oidc_backend.OIDCBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:library"
LOGOUT_REDIRECT_URL = "cases:library"

# HTTP Strict Transport Security: off by default, because `make run` serves plain http on
# loopback; switch it on where the site is only reached over https.
SECURE_HSTS_SECONDS = env(
    "HSTS_SECONDS",
    default=0,
    cast=int,
    help="Seconds browsers must use https only (Strict-Transport-Security max-age); 0 (the "
    "default) sends no HSTS header. Production: 31536000 (a year), after testing a shorter time.",
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env(
    "HSTS_INCLUDE_SUBDOMAINS",
    default=False,
    cast=bool,
    help="Let HSTS cover every subdomain too (includeSubDomains).",
)
SECURE_HSTS_PRELOAD = env(
    "HSTS_PRELOAD",
    default=False,
    cast=bool,
    help="Add the preload flag to HSTS (for the browsers' preload list; hard to undo).",
)

# Content-Security-Policy (django-csp): scripts and styles from this site only, never
# inline; no plug-ins, frames or foreign form targets. Templates keep JavaScript in static
# files (a test checks that no template has an inline script or event handler).
SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": [SELF],
    }
}
