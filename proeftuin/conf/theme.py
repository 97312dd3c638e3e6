"""The organisation theme: the name, logo and colours an organisation puts on its Proeftuin.

Without settings the site shows the word mark "Proeftuin" set in type, in the default
colours of proeftuin/static/proeftuin/theme.css. The colours are served as /thema.css (the
Content-Security-Policy allows no inline style); a system check warns when they fail the
WCAG 2.1 AA contrast (proeftuin/site/checks.py).
"""

from urllib.parse import urlsplit

from proeftuin.conf.security import CONTENT_SECURITY_POLICY
from proeftuin.core.env import env

SITE_NAME = env(
    "SITE_NAME",
    default="Proeftuin",
    help="Name in the word mark, page titles and footer (default: Proeftuin).",
)
SITE_LOGO = env(
    "SITE_LOGO",
    default="",
    help="Logo that replaces the word mark: a path under the static files (e.g. "
    "organisatie/logo.svg) or an https URL; its text alternative is SITE_NAME. Empty (the "
    "default): the name set in type.",
)
THEME_PRIMARY_COLOUR = env(
    "THEME_PRIMARY_COLOUR",
    default="",
    help="Primary colour (#rrggbb) of buttons, the word mark and the header line; "
    "empty: the Proeftuin green.",
)
THEME_PRIMARY_TEXT_COLOUR = env(
    "THEME_PRIMARY_TEXT_COLOUR",
    default="",
    help="Text colour (#rrggbb) on the primary colour; needs 4.5:1 contrast.",
)
THEME_SECONDARY_COLOUR = env(
    "THEME_SECONDARY_COLOUR",
    default="",
    help="Secondary colour (#rrggbb): the footer background; empty: dark green.",
)
THEME_SECONDARY_TEXT_COLOUR = env(
    "THEME_SECONDARY_TEXT_COLOUR",
    default="",
    help="Text colour (#rrggbb) on the secondary colour; needs 4.5:1 contrast.",
)

# A logo from another site needs its origin in the policy's img-src.
if SITE_LOGO.startswith("https://"):
    _logo = urlsplit(SITE_LOGO)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_logo.scheme}://{_logo.netloc}")
