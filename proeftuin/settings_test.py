"""Settings for the test suite: the normal settings with a throw-away secret key.

TEST_DATABASE_URL selects PostgreSQL for the second CI run.
"""

import os
import sys

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
# A developer's .env must not switch on external services during the tests.
os.environ["LLM_ENDPOINT_URL"] = ""
os.environ["OIDC_ISSUER"] = ""
os.environ["JOBS_BACKEND"] = "inline"  # through the job record, in this process
if os.environ.get("TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["TEST_DATABASE_URL"]

from proeftuin.settings import *  # noqa: F403  (the one place that re-exports)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A test-only subject for the workflow mechanism in core (tests/workflowsubject). The
# checkout's root goes on the path so processes the tests start (the CLI) import it too.
_ROOT = str(BASE_DIR)  # noqa: F405
if _ROOT not in sys.path:
    sys.path.append(_ROOT)
INSTALLED_APPS = [*INSTALLED_APPS, "tests.workflowsubject"]  # noqa: F405
