"""Accounts: password policy, lockout after failed sign-ins, two-factor authentication and
the mail that password resets send."""

from datetime import timedelta

from proeftuin.core.env import env

PASSWORD_MIN_LENGTH = env(
    "PASSWORD_MIN_LENGTH",
    default=12,
    cast=int,
    help="Minimum length of a password (never below 12).",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": max(12, PASSWORD_MIN_LENGTH)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = env(
    "PASSWORD_RESET_TIMEOUT",
    default=3600,
    cast=int,
    help="Seconds a password-reset link stays valid (default: one hour).",
)

# --- Lockout after failed sign-ins (django-axes), counted per account and per address
AXES_FAILURE_LIMIT = env(
    "LOGIN_FAILURE_LIMIT",
    default=5,
    cast=int,
    help="Failed sign-ins after which the account, and separately the address, is locked.",
)
AXES_COOLOFF_TIME = timedelta(
    minutes=env(
        "LOGIN_LOCKOUT_MINUTES",
        default=15,
        cast=int,
        help="Minutes a locked account or address has to wait before it may try again.",
    )
)
# Two separate counters: one per user name, one per client address.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "proeftuin.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = False
# Successful sign-ins are in the audit trail already; axes keeps only the failure counters.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
_PROXY_COUNT = env(
    "LOGIN_PROXY_COUNT",
    default=0,
    cast=int,
    help="Number of reverse proxies in front of the app whose X-Forwarded-For is trusted "
    "to find the client address for the lockout (0: use the connection's address).",
)
if _PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = _PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# --- Two-factor authentication (django-otp: TOTP apps and single-use recovery codes)
OTP_TOTP_ISSUER = env(
    "TOTP_ISSUER",
    default="Proeftuin",
    help="Name under which the authenticator app lists this site.",
)
RECOVERY_CODE_COUNT = 10
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a secret key or a code

# --- Mail (password reset); printed on the console unless configured
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
    help="Django mail backend; django.core.mail.backends.smtp.EmailBackend to send mail.",
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost", help="SMTP server for outgoing mail.")
EMAIL_PORT = env("EMAIL_PORT", default=25, cast=int, help="Port of the SMTP server.")
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="", help="User name for the SMTP server.")
EMAIL_HOST_PASSWORD = env(
    "EMAIL_HOST_PASSWORD", default="", help="Password for the SMTP server (a secret)."
)
EMAIL_USE_TLS = env(
    "EMAIL_USE_TLS", default=False, cast=bool, help="Use STARTTLS to the SMTP server."
)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL",
    default="Proeftuin <noreply@localhost>",
    help="Sender address of mail from the platform, such as password-reset links.",
)
