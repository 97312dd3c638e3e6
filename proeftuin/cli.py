"""The `proeftuin` command: Django's management commands for this project.

`proeftuin ingest PATH --json`, `proeftuin search "query"` and `proeftuin search_index` work
without any configuration: a command that signs nothing gets a throw-away secret key for this
one process when SECRET_KEY is not set.
"""

import os
import secrets
import sys

COMMANDS_WITHOUT_SECRETS = {"ingest", "search", "search_index"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proeftuin.settings")
    if len(sys.argv) > 1 and sys.argv[1] in COMMANDS_WITHOUT_SECRETS:
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], *sys.argv[1:]])
