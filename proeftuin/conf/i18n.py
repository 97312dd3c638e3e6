"""Languages: the interface is Dutch first, English second."""

from django.utils.translation import gettext_lazy as _

from proeftuin.conf.base import BASE_DIR

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "proeftuin" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
