"""Static files: built NL Design System CSS and htmx, served by WhiteNoise."""

from proeftuin.conf.base import BASE_DIR
from proeftuin.core.env import env

STATIC_URL = "/static/"
STATIC_ROOT = env(
    "STATIC_ROOT",
    default=str(BASE_DIR / "staticfiles"),
    help="Folder that `collectstatic` fills and WhiteNoise serves.",
)
STATICFILES_DIRS = [BASE_DIR / "proeftuin" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "proeftuin.core.staticfiles.CachedManifestStaticFilesStorage"},
}
