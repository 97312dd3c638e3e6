"""Enumerations of the accounts app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlatformRoleKind(models.TextChoices):
    """Roles across the whole platform, beside the roles within one organisation."""

    PROGRAMME_MANAGER = "programme_manager", _("programme manager")
    REVIEWER = "reviewer", _("reviewer")
    JURY_MEMBER = "jury_member", _("jury member")
