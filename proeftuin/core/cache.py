"""The embedded default cache: files in DATA_DIR/cache, shared by the web server's workers
and the background worker. Django's file cache with two changes.

- **Culling.** Django lists the whole cache directory on every write to see whether it
  holds ``MAX_ENTRIES``: about 9 ms of CPU per write with 5,000 entries, 24 ms with 15,000,
  paid by whichever request missed a cached page part. Here a process counts the directory
  once per ``CULL_EVERY`` writes (an option, default 100) and culls as Django does, so the
  directory may exceed ``MAX_ENTRIES`` by up to ``CULL_EVERY`` writes per process.
- **``add`` is atomic between processes.** The entry is written to a temporary file and
  linked to its name, which fails when another process made it meanwhile; Django looks
  first and writes afterwards, so two processes could both add. The single flight of
  ``core.fragments`` (one request computes a missing value, the others wait) relies on it.

Production sets ``CACHE_URL`` to Redis, whose ``add`` is atomic and which evicts by itself.
"""

from __future__ import annotations

import os
import tempfile

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        options = params.get("OPTIONS", {})
        self._cull_every = max(1, int(options.get("CULL_EVERY", 100)))
        self._writes = 0

    def _cull(self):
        self._writes += 1
        if self._writes % self._cull_every == 0:
            super()._cull()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.has_key(key, version):  # an expired entry is removed by the look
            return False
        self._createdir()
        fname = self._key_to_file(key, version)
        self._cull()
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        try:
            with open(fd, "wb") as f:
                self._write_content(f, timeout, value)
            os.link(tmp_path, fname)  # complete, under its name, or not at all
        except FileExistsError:
            return False  # another process added it meanwhile
        except OSError:  # a file system without hard links: add as Django does
            return super().add(key, value, timeout, version)
        finally:
            os.remove(tmp_path)
        return True
