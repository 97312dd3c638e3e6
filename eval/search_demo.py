"""The product path of "nothing matches": the search page over the demo library.

Run: ``.venv/bin/python eval/search_demo.py`` (about two minutes the first time: the demo
passages are embedded with the configured provider, default the offline e5 model). Loads
the demo library (``load_demo``) into a fresh SQLite database in a temporary folder, indexes
and embeds it as the background jobs do, then asks the search page (``/zoeken/?q=...``, as
an anonymous visitor, through Django's test client) every query of eval/search/nomatch.yaml
and a few Dutch queries on the library's subjects; then the "eerder gedaan?" panel with
nonsense and real ideas, and the similar-cases panel of every demo case. Prints, per kind,
how many show "Geen resultaten", the cases the subject queries and ideas find, and how many
similar cases each case page offers.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

EVAL = Path(__file__).resolve().parent
sys.path.insert(0, str(EVAL))
sys.path.insert(0, str(EVAL.parent))

import search_nomatch  # noqa: E402

from bench.ingest import setup_django  # noqa: E402

NO_RESULTS = "Geen resultaten voor"
SUBJECTS = (  # Dutch queries on subjects of the demo library: these must find cases
    "wijkteams voor gezinnen met veel problemen",
    "samenwerking tussen waterschappen",
    "inwoners laten meedenken",
    "vergunningen online aanvragen",
    "krimp in de regio",
)


IDEAS = (
    "xyzzy qwerty plonk wubbel",
    "How can we bake better bread for our customers",
    "Een wijkteam dat gezinnen met veel problemen helpt met één plan",
)


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="utrecht-heading-3[^"]*"><a [^>]*>([^<]+)', html)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="search-demo-") as folder:
        setup_django(folder)
        from django.test import Client, override_settings

        from proeftuin.cases.service import Case
        from proeftuin.demo.loader import load_demo
        from proeftuin.search import services

        load_demo()
        services.rebuild(embed=False)
        services.embed_pending()
        plain = {"staticfiles": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
        storages = {"default": plain["staticfiles"], **plain}
        with override_settings(STORAGES=storages, ALLOWED_HOSTS=["testserver"]):
            client = Client()
            pages = {q["id"]: _page(client, q["text"]) for q in search_nomatch.load()}
            subjects = {text: titles(_page(client, text)) for text in SUBJECTS}
            ideas = {text: _titles(client, "/zoeken/eerder-gedaan/", title=text) for text in IDEAS}
            similar = {
                case.title: _titles(client, f"/zoeken/vergelijkbaar/{case.slug}/")
                for case in Case.objects.order_by("title")
            }
    _report(pages, subjects)
    for text, found in ideas.items():
        print(f"eerder gedaan? {text!r}: {len(found)} cases {found[:2]}")
    counts = [len(found) for found in similar.values()]
    print(f"similar cases per case page: {counts} ({sum(counts)} in all, "
          f"{counts.count(0)} of {len(counts)} cases with none)")  # fmt: skip
    return 0


def _titles(client, url: str, **params) -> list[str]:
    return titles(client.get(url, params).content.decode())


def _page(client, query: str) -> str:
    return client.get("/zoeken/", {"q": query}).content.decode()


def _report(pages: dict[str, str], subjects: dict[str, list[str]]) -> None:
    queries = search_nomatch.load()
    print("== demo library, /zoeken/?q=... as an anonymous visitor")
    for kind in ("mash", "random", "english", "dutch"):
        chosen = [q for q in queries if q["kind"] == kind]
        empty = [q for q in chosen if NO_RESULTS in pages[q["id"]]]
        print(f"{kind:<8} 'Geen resultaten' {len(empty)}/{len(chosen)}")
        for q in chosen:
            if q not in empty:
                print(f"   found: {q['id']} {q['text']!r}: {titles(pages[q['id']])[:3]}")
    nonsense = [q for q in queries if q["kind"] in search_nomatch.NONSENSE]
    empty = sum(NO_RESULTS in pages[q["id"]] for q in nonsense)
    print(f"nonsense and English: {empty}/{len(nonsense)} show 'Geen resultaten'")
    for text, found in subjects.items():
        print(f"subject {text!r}: {len(found)} cases, first {found[:2]}")


if __name__ == "__main__":
    raise SystemExit(main())
