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
