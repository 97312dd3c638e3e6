"""The static files storage: WhiteNoise's compressed manifest storage, with each file's
address worked out once per process.

Every page names the same dozen style sheets, scripts and fonts; looking each one up in
the manifest and joining it to ``STATIC_URL`` again on every request is measurable CPU
per page. The manifest is read when the storage is made and does not change while the
process runs (a deploy restarts the workers), so the answer for a name does not either.
In DEBUG the storage answers unhashed names (Django's rule) and nothing is kept.
"""

from __future__ import annotations

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class CachedManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)  # a missing file raises: not kept
            return url
