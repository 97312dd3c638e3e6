"""Notifications: when the daily digest goes out and the address links in mails use.

Mail itself goes through Django's EMAIL_* settings (proeftuin/conf/accounts.py; the
console backend by default, so nothing is sent until a mail server is configured)."""

from proeftuin.core.env import env

NOTIFICATIONS_DIGEST_HOUR = env(
    "NOTIFICATIONS_DIGEST_HOUR",
    default=7,
    cast=int,
    help="Hour of the day (0-23, in TIME_ZONE) the daily notification digest is sent.",
)
NOTIFICATIONS_SITE_URL = env(
    "NOTIFICATIONS_SITE_URL",
    default="http://localhost:8000",
    help="Address of this site, used for the links in notification mails "
    "(e.g. https://proeftuin.example.nl).",
)
