"""Input checks shared by forms, the API and the demo loader."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from django.utils.translation import gettext as _

from proeftuin.barriers.choices import TRANSITIONS, Category, State
from proeftuin.core.service import ValidationFailed

# wetten.overheid.nl addresses name the regulation by its BWB id (BWBR0001840) and an
# article as /Hoofdstuk.../Artikel...; other official sources are accepted as they are
WETTEN = "wetten.overheid.nl"
BWB_ID = re.compile(r"/(BWB[RV]\d{7})(/|$)")


def check_rule_url(url: str) -> str:
    """``url`` as given, or raise: only https, and a wetten.overheid.nl address must name
    its regulation (a BWB id such as BWBR0001840)."""
    url = (url or "").strip()
    if not url:
        return ""
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.netloc:
        raise ValidationFailed(
            field_errors={"rule_url": [_("Give a secure web address (https://...).")]}
        )
    if parsed.netloc.lower() == WETTEN and not BWB_ID.search(parsed.path):
        message = _(
            "A link to wetten.overheid.nl must name the regulation, e.g. "
            "https://wetten.overheid.nl/BWBR0005537/2024-01-01#Artikel3:40."
        )
        raise ValidationFailed(field_errors={"rule_url": [message]})
    return url


def check_category(category: str) -> str:
    if category not in Category.values:
        raise ValidationFailed(field_errors={"category": [_("Choose a category.")]})
    return category


def check_move(current: str, target: str, resolution: str) -> None:
    if target not in State.values:
        raise ValidationFailed(field_errors={"state": [_("Choose a status.")]})
    if target not in TRANSITIONS[State(current)]:
        message = _("A barrier cannot go from “%(from)s” to “%(to)s”.") % {
            "from": State(current).label,
            "to": State(target).label,
        }
        raise ValidationFailed(message, field_errors={"state": [message]})
    if target in (State.RESOLVED, State.ASSUMED) and not resolution.strip():
        message = _("Describe the resolution: what was done, or why the barrier was not real.")
        raise ValidationFailed(message, field_errors={"resolution": [message]})
