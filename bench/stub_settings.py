"""Settings for a checkout without the built front-end files: the normal settings plus a
folder of empty stand-ins (``BENCH_STUB_STATIC``), so WhiteNoise's manifest has an entry
for every file the templates name. Used by the benchmark only when the files are missing."""

import os

from proeftuin.settings import *  # noqa: F403
from proeftuin.settings import STATICFILES_DIRS

STATICFILES_DIRS = [*STATICFILES_DIRS, os.environ["BENCH_STUB_STATIC"]]
