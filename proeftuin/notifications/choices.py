from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailFrequency(models.TextChoices):
    NEVER = "never", _("never")
    IMMEDIATELY = "immediately", _("immediately")
    DAILY = "daily", _("in a daily digest")
