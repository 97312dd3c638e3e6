"""`proeftuin ingest PATH... [--json] [--store [--owner ORG] [--no-wait]]`.

Without ``--store`` the command only extracts cases and prints them. With ``--store`` each
file is also uploaded into Proeftuin (as through the website: suggestions for review, and
its passages in the search index); the command then returns only when the file is fully
indexed, embeddings included, unless ``--no-wait`` is given.
"""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.models import Job
from proeftuin.ingestion.output import SCHEMA_VERSION, result_json
from proeftuin.ingestion.pipeline import run_pipeline
from proeftuin.ingestion.services import source_upload
from proeftuin.ingestion.types import IngestionError
from proeftuin.organisations.service import Organisation
from proeftuin.search.service import index_progress

POLL_SECONDS = 1.0


class Command(BaseCommand):
    help = "Extract cases from reports (PDF, DOCX, ODT, HTML, text) and print them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--json", action="store_true", help="print the documented JSON")
        parser.add_argument(
            "--store",
            action="store_true",
            help="also upload the files into Proeftuin: review queue and search index",
        )
        parser.add_argument("--owner", help="organisation (slug) that owns stored files")
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="with --store: return once stored, without waiting for indexing",
        )
        parser.add_argument(
            "--timeout", type=float, default=3600, help="seconds to wait for indexing"
        )

    def handle(self, *args, paths, **options):
        owner = _owner(options["owner"]) if options["owner"] else None
        results = []
        for path in paths:
            data = _read(path)
            result = self._extract(path, data)
            if options["store"]:
                result["stored"] = self._store(path, data, owner, options)
            results.append(result)
        if options["json"]:
            payload = {"schemaVersion": SCHEMA_VERSION, "documents": results}
            self.stdout.write(_dumps(payload))
            return
        for document in results:
            self.stdout.write(f"{document['file']}: {len(document['cases'])} casus(sen)")
            for case in document["cases"]:
                self.stdout.write(f"  - {case['title']} ({len(case['fields'])} velden)")
            if "stored" in document:
                search = document["stored"]["search"]
                self.stdout.write(
                    f"  opgeslagen: {search['passages']} passages in de zoekindex, "
                    f"{search['embedded']} met betekenis"
                )

    def _extract(self, path: Path, data: bytes) -> dict:
        try:
            return result_json(path, run_pipeline(data, path.name, limits=Limits()))
        except IngestionError as exc:
            raise CommandError(f"{path}: {exc.message}") from exc

    def _store(self, path: Path, data: bytes, owner, options) -> dict:
        with transaction.atomic():  # the job (and indexing) is queued for after the commit
            source, job, created = source_upload(
                actor=None, filename=path.name, data=data, owner=owner
            )
        if not options["no_wait"]:
            self._wait(source, job, options["timeout"])
        job.refresh_from_db()
        return {
            "source": str(source.uuid),
            "new": created,
            "job": job.status,
            "search": _indexed(source),
        }

    def _wait(self, source, job, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            job.refresh_from_db()
            done = job.status in (Job.Status.SUCCEEDED, Job.Status.FAILED)
            search = _indexed(source)
            if done and (job.status == Job.Status.FAILED or search["complete"]):
                return
            self.stderr.write(
                f"{source.filename}: {job.get_status_display()}, "
                f"{search['embedded']}/{search['passages']} passages met betekenis"
            )
            if time.monotonic() > deadline:
                raise CommandError(
                    f"{source.filename}: na {timeout:.0f} s nog niet volledig geïndexeerd; "
                    "het werk gaat door op de achtergrond."
                )
            time.sleep(POLL_SECONDS)


def _indexed(source) -> dict:
    progress = index_progress(source)
    return {
        "passages": progress.passages,
        "embedded": progress.embedded,
        "complete": progress.passages > 0 and progress.complete,
    }


def _owner(slug: str):
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise CommandError(
            f"Onbekende organisatie {slug!r}; geef de slug van een organisatie.", returncode=2
        )
    return organisation


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        message = f"{path}: het bestand kan niet worden gelezen ({exc.strerror})."
        raise CommandError(message) from exc


def _dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)
