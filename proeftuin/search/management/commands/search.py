"""`proeftuin search "query" [--json] [--limit N] [--mode M] [--facet key=value] [--user EMAIL]`.

Searches like the website and the API do (``proeftuin.search.service.search``): as an
anonymous visitor (published public cases only) unless ``--user`` names an account. The JSON
(``--json``) is documented in docs/search.md.
"""

from __future__ import annotations

import json
import shutil
import textwrap

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from djangorestframework_camel_case.settings import api_settings
from djangorestframework_camel_case.util import camelize
from rest_framework.exceptions import ValidationError

from proeftuin.core.service import searchables
from proeftuin.search import service
from proeftuin.search.api.payload import search_data
from proeftuin.search.api.serializers import MAX_LIMIT, parse_facets
from proeftuin.search.engine import MODES
from proeftuin.search.forms import search_facets

SCHEMA_VERSION = 1
USAGE_ERROR = 2
TITLE_WIDTH = 40
MIN_PASSAGE_WIDTH = 30


def _usage_error(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE_ERROR)


class Command(BaseCommand):
    help = "Search the case library and documents; prints a table or, with --json, JSON."

    def add_arguments(self, parser):
        parser.add_argument("query", help="what to look for, in your own words")
        parser.add_argument("--json", action="store_true", help="print the documented JSON")
        parser.add_argument("--limit", type=int, default=10, help="results to show (1-100)")
        parser.add_argument("--mode", choices=MODES, default="hybrid")
        parser.add_argument(
            "--facet",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="filter like the case library; keys: " + ", ".join(f.key for f in search_facets()),
        )
        parser.add_argument("--user", metavar="EMAIL", help="search as this account")

    def handle(self, *args, query, limit, mode, facet, user, **options):
        query = query.strip()
        if not query:
            raise _usage_error(_("The search query is empty; type what you are looking for."))
        if not 1 <= limit <= MAX_LIMIT:
            raise _usage_error(_("--limit must be between 1 and %(max)s.") % {"max": MAX_LIMIT})
        results = service.search(
            user=_user(user), query=query, selection=_selection(facet), mode=mode
        )
        data = search_data(results, limit)
        if options["json"]:
            self.stdout.write(_dumps({"schema_version": SCHEMA_VERSION, **data}))
        else:
            self._table(data)

    def _table(self, data: dict) -> None:
        meta = data["meta"]
        for message in meta["messages"]:
            self.stdout.write(message)
        for suggestion in meta["suggestions"]:
            self.stdout.write(_("Did you mean: %(query)s") % {"query": suggestion})
        if not data["results"]:
            self.stdout.write(_("No results."))
            return
        width = max(MIN_PASSAGE_WIDTH, shutil.get_terminal_size().columns - 96)
        self.stdout.write(_row("#", _("Score"), _("Case or document"), _("UUID"), _("Passage")))
        for row in data["results"]:
            self.stdout.write(_result_row(row, width))
        self.stdout.write(
            _("%(shown)s of %(count)s passages found.")
            % {"shown": len(data["results"]), "count": data["count"]}
        )


def _row(rank: str, score: str, title: str, uuid: str, passage: str) -> str:
    return f"{rank:>3}  {score:>8}  {title:<{TITLE_WIDTH}}  {uuid:<36}  {passage}"


def _result_row(row: dict, width: int) -> str:
    """One ranked passage: rank, score, its case or document, and the passage text."""
    owner = next((row[key] for key in searchables.names() if row.get(key)), {})
    title = owner.get("title") or owner.get("filename") or ""
    passage = row["passage"]
    label = passage["label"] if passage["label"] != title else ""
    text = f"{label}: {passage['text']}" if label else passage["text"]
    return _row(
        str(row["rank"]),
        f"{row['score']:.4f}",
        _shorten(title, TITLE_WIDTH),
        owner.get("uuid") or "",
        _shorten(text, width),
    )


def _shorten(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder=" …")


def _dumps(data: dict) -> str:
    payload = camelize(data, **api_settings.JSON_UNDERSCOREIZE)
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _user(email: str | None):
    """The account to search as: anonymous without ``--user``."""
    if not email:
        return AnonymousUser()
    users = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True)
    user = users.first()
    if user is None:
        raise _usage_error(
            _("No active account has the email address %(email)s.") % {"email": email}
        )
    return user


def _selection(pairs: list[str]) -> dict[str, list[str]]:
    """``key=value`` filters as the case library takes them (repeat a key for OR)."""
    chosen: dict[str, list[str]] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        keys = [f.key for f in search_facets()]
        if not sep or key not in keys:
            raise _usage_error(
                _("Unknown filter %(filter)s; use KEY=VALUE with KEY one of: %(keys)s.")
                % {"filter": pair, "keys": ", ".join(keys)}
            )
        chosen.setdefault(key, []).append(value.strip())
    try:
        return parse_facets(chosen)
    except ValidationError as exc:
        reasons = [f"{key}: {' '.join(map(str, errors))}" for key, errors in exc.detail.items()]
        raise _usage_error("; ".join(reasons)) from exc
