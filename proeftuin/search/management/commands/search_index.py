"""`proeftuin search_index [--status] [--rebuild] [--embed] [--watch]`: the search index.

``--status`` (the default) tells how far the index is; ``--rebuild`` recreates every passage
and the keyword index from the database; ``--embed`` adds the missing embeddings batch by
batch (stop it with Ctrl+C and run it again to go on where it stopped) and returns when
every passage is embedded; ``--watch`` keeps embedding new passages, for installations
without a background worker.
"""

from __future__ import annotations

import json
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from proeftuin.core.service import searchables
from proeftuin.search import runtime, services
from proeftuin.search.backends import IndexUnavailable
from proeftuin.search.embeddings import EmbeddingError
from proeftuin.search.models import Passage
from proeftuin.search.selectors import index_progress


def _keyword_health() -> str:
    """``ok``, or ``missing``/``damaged`` with what is wrong (then rebuild with --rebuild)."""
    try:
        runtime.keyword_backend().check()
    except IndexUnavailable as exc:
        if exc.reason == "missing" and not Passage.objects.exists():
            return "empty"
        return str(exc)
    return "ok"


class Command(BaseCommand):
    help = "Show the search index status, rebuild it, or embed the pending passages."

    def add_arguments(self, parser):
        parser.add_argument("--status", action="store_true", help="show the state (default)")
        parser.add_argument("--json", action="store_true", help="the status as JSON")
        parser.add_argument("--rebuild", action="store_true", help="rebuild from the database")
        parser.add_argument("--embed", action="store_true", help="embed all pending passages")
        parser.add_argument("--watch", action="store_true", help="keep embedding new passages")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="seconds between checks (--watch)"
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=0,
            help="give up --embed after this many seconds (0: no limit)",
        )

    def handle(self, *args, **options):
        try:
            if options["rebuild"]:
                self._rebuild()
            if options["embed"]:
                self._embed_all(options["interval"], options["timeout"])
            if options["watch"]:
                self._watch(options["interval"])
        except KeyboardInterrupt:
            self.stderr.write(_("Stopped. Run the command again to continue where it stopped."))
            return
        except EmbeddingError as exc:
            raise CommandError(_("Embedding failed: %(error)s") % {"error": exc}) from exc
        nothing_else = not (options["rebuild"] or options["embed"] or options["watch"])
        if options["status"] or nothing_else:
            self._status(as_json=options["json"])

    # ------------------------------------------------------------------ status

    def _status(self, *, as_json: bool) -> None:
        progress = index_progress()
        model = runtime.provider()
        state = {
            "passages": progress.passages,
            "embedded": progress.embedded,
            "pending": progress.pending,
            "complete": progress.complete,
            "backend": runtime.backend_name(),
            "indexDir": str(runtime.index_dir()),
            "keywordIndex": _keyword_health(),
            "vectorModel": model.model_id if model is not None else None,
        }
        if as_json:
            self.stdout.write(json.dumps(state, ensure_ascii=False, indent=2))
            return
        rows = [
            (_("Passages"), state["passages"]),
            (_("Embedded"), f"{state['embedded']} ({progress.percent}%)"),
            (_("Pending"), state["pending"]),
            (_("Keyword backend"), state["backend"]),
            (_("Index folder"), state["indexDir"]),
            (_("Keyword index"), state["keywordIndex"]),
            (_("Vector model"), state["vectorModel"] or _("none (meaning search is off)")),
        ]
        width = max(len(label) for label, _value in rows) + 1
        for label, value in rows:
            self.stdout.write(f"{label + ':':<{width}} {value}")

    # ------------------------------------------------------------------ rebuild

    def _rebuild(self) -> None:
        self.stderr.write(_("Rebuilding the passages and the keyword index…"))
        counts = services.rebuild(embed=False)
        progress = index_progress()
        objects = ", ".join(f"{searchables[key].label}: {n}" for key, n in counts.items())
        self.stdout.write(
            _("Rebuilt: %(objects)s; %(passages)s passages, %(pending)s to embed.")
            % {"objects": objects, "passages": progress.passages, "pending": progress.pending}
        )

    # ------------------------------------------------------------------ embed

    def _model(self):
        model = runtime.provider()
        if model is None:
            raise CommandError(
                _("No embedding provider can be used (EMBEDDING_PROVIDER=%(name)s).")
                % {"name": settings.EMBEDDING_PROVIDER}
            )
        return model

    def _progress_line(self) -> None:
        progress = index_progress()
        self.stderr.write(
            _("Embedded %(embedded)s of %(passages)s passages (%(percent)s%%).")
            % {
                "embedded": progress.embedded,
                "passages": progress.passages,
                "percent": progress.percent,
            }
        )

    def _embed_round(self) -> int:
        """Embed batch by batch while this process holds the embedding lock."""
        done = 0
        while n := services.embed_pending(limit=settings.EMBEDDING_BATCH_SIZE):
            done += n
            self._progress_line()
        return done

    def _embed_all(self, interval: float, timeout: float) -> None:
        """Embed until nothing is pending; waits while another process holds the lock."""
        self._model()
        deadline = time.monotonic() + timeout if timeout else None
        while True:
            self._embed_round()
            if index_progress().complete:
                break
            if deadline is not None and time.monotonic() > deadline:
                raise CommandError(_("Timed out before every passage was embedded."))
            self.stderr.write(_("Another process is embedding; waiting for it."))
            self._progress_line()
            time.sleep(interval)
        self.stdout.write(
            _("Every passage is embedded (%(passages)s).") % {"passages": index_progress().passages}
        )

    def _watch(self, interval: float) -> None:
        self._model()
        self.stderr.write(
            _("Embedding new passages every %(seconds)s seconds; stop with Ctrl+C.")
            % {"seconds": interval}
        )
        while True:
            self._embed_round()
            time.sleep(interval)
