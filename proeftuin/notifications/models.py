"""A notification for one user, and each user's choice per kind of notification."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import BaseModel
from proeftuin.notifications.choices import EmailFrequency


class Notification(BaseModel):
    """One event for one recipient: shown in the platform (``in_platform``) and/or sent by
    e-mail (``email``, decided from the preference when it was made; ``emailed_at`` once
    sent, alone or in a digest)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    event = models.CharField(_("event"), max_length=100)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address"), max_length=500, blank=True)
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    in_platform = models.BooleanField(_("shown in the platform"), default=True)
    email = models.CharField(
        _("e-mail"), max_length=12, choices=EmailFrequency.choices, default=EmailFrequency.NEVER
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "in_platform", "read_at"], name="notif_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notif_recent"),
            models.Index(fields=["email", "emailed_at"], name="notif_mail_due"),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """What one user wants of one kind of notification; without a row, the event's
    defaults apply."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    event = models.CharField(_("event"), max_length=100)
    in_platform = models.BooleanField(_("show in the platform"), default=True)
    email = models.CharField(
        _("e-mail"), max_length=12, choices=EmailFrequency.choices, default=EmailFrequency.NEVER
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="notif_one_preference")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.event}"
