"""Users, and their roles per organisation."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from proeftuin.accounts.choices import PlatformRoleKind
from proeftuin.core.service import BaseModel


class User(AbstractUser):
    """A person who signs in. ``oidc_subject`` links the account to its single sign-on identity."""

    # A uuid like every BaseModel, so the audit trail can name users (accounts/oidc_services.py).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    is_platform_admin = models.BooleanField(
        _("platform administrator"),
        default=False,
        help_text=_("May see and change everything on the platform."),
    )
    oidc_subject = models.CharField(
        _("OIDC subject"), max_length=255, unique=True, null=True, blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def has_platform_rights(self) -> bool:
        return self.is_active and (self.is_platform_admin or self.is_superuser)


class Role(models.IntegerChoices):
    """Roles within one organisation; a higher value includes the rights of the lower ones."""

    VIEWER = 10, _("viewer")
    CONTRIBUTOR = 20, _("contributor")
    EDITOR = 30, _("editor")
    ORGANISATION_ADMIN = 40, _("organisation administrator")


class Membership(BaseModel):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.PositiveSmallIntegerField(_("role"), choices=Role.choices, default=Role.VIEWER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class PlatformRole(BaseModel):
    """A platform-wide role (programme manager, reviewer, jury member) granted to one user.
    Revoking the role deletes the grant; both are in the audit trail."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="platform_roles", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=32, choices=PlatformRoleKind.choices)
    granted_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("granted by"),
    )

    class Meta:
        verbose_name = _("platform role")
        verbose_name_plural = _("platform roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="unique_platform_role")
        ]

    @property
    def granted_at(self):
        return self.created_at

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"
