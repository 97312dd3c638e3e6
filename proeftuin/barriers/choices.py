"""Enumerations of the barrier register (codes in English, labels translatable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    LEGAL = "legal", _("laws and regulations")
    PRIVACY = "privacy", _("privacy and data sharing")
    FINANCIAL = "financial", _("financial")
    TECHNICAL = "technical", _("technical / ICT")
    INSTITUTIONAL = "institutional", _("organisation and institutions")
    CULTURAL = "cultural", _("culture")
    POLITICAL = "political", _("political and administrative")


class State(models.TextChoices):
    NEW = "new", _("new")
    CONFIRMED = "confirmed", _("confirmed")
    ESCALATED = "escalated", _("escalated")
    RESOLVING = "resolving", _("being resolved")
    RESOLVED = "resolved", _("resolved")
    ASSUMED = "assumed", _("assumed rather than real")


# the states a barrier may move to from each state; resolved and assumed ones may be
# reopened (confirmed again) when the barrier turns out to be back or real after all
TRANSITIONS = {
    State.NEW: (State.CONFIRMED, State.ASSUMED),
    State.CONFIRMED: (State.ESCALATED, State.RESOLVING, State.RESOLVED, State.ASSUMED),
    State.ESCALATED: (State.RESOLVING, State.RESOLVED, State.ASSUMED, State.CONFIRMED),
    State.RESOLVING: (State.RESOLVED, State.ESCALATED, State.ASSUMED),
    State.RESOLVED: (State.CONFIRMED,),
    State.ASSUMED: (State.CONFIRMED,),
}
CLOSED = (State.RESOLVED, State.ASSUMED)
# a move to these needs a written resolution (what was done, or why it was not real)
NEEDS_RESOLUTION = CLOSED


class AuthorityKind(models.TextChoices):
    MINISTRY = "ministry", _("ministry")
    REGULATOR = "regulator", _("regulator or supervisor")
    LEGISLATOR = "legislator", _("legislator (parliament, council)")
    ORGANISATION = "organisation", _("an organisation's own management")
    OTHER = "other", _("other")


class LinkStatus(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class LinkSource(models.TextChoices):
    MANUAL = "manual", _("linked by hand")
    CASE_BARRIER = "case_barrier", _("barrier recorded on a case")
    REFLECTION = "reflection", _("help needed in a reflection")


# the case's own (older, coarser) categories, mapped to the register's
FROM_CASE_CATEGORY = {
    "legal": Category.LEGAL,
    "financial": Category.FINANCIAL,
    "technical": Category.TECHNICAL,
    "cultural": Category.CULTURAL,
    "institutional": Category.INSTITUTIONAL,
}


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("waiting for moderation")
    ACCEPTED = "accepted", _("accepted into the register")
    REJECTED = "rejected", _("not taken up")
    SPAM = "spam", _("spam")


class HeatmapAxis(models.TextChoices):
    LAYER = "layer", _("government layer")
    TYPE = "type", _("organisation type")
