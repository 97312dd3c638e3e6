from django.db import models
from django.utils.translation import gettext_lazy as _


class PageKind(models.TextChoices):
    """The fixed pages linked from every footer; each has a Dutch address."""

    CONTACT = "contact", _("Contact")
    PRIVACY = "privacy", _("Privacy")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    ABOUT = "about", _("About Proeftuin")
