"""Enumerations of the circles app (codes in English, labels translatable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CircleKind(models.TextChoices):
    REFERENCE_GROUP = "reference_group", _("reference group")
    LEARNING_CIRCLE = "learning_circle", _("learning circle")


class Openness(models.TextChoices):
    """Who reads a group besides its members."""

    MEMBERS = "members", _("members only")
    SIGNED_IN = "signed_in", _("every signed-in user")
    PUBLIC = "public", _("everyone")


class MemberRole(models.TextChoices):
    HOST = "host", _("innovator / host")
    MEMBER = "member", _("member")


class ImplementationStatus(models.TextChoices):
    ORIENTING = "orienting", _("orienting")
    PREPARING = "preparing", _("preparing")
    IMPLEMENTING = "implementing", _("implementing")
    IMPLEMENTED = "implemented", _("implemented")
    STOPPED = "stopped", _("stopped")


class RequestState(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")


class InvitationState(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
