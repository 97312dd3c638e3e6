"""`proeftuin ingest PATH... [--json]`: extract cases from documents and print them."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.output import SCHEMA_VERSION, result_json
from proeftuin.ingestion.pipeline import run_pipeline
from proeftuin.ingestion.types import IngestionError


class Command(BaseCommand):
    help = "Extract cases from reports (PDF, DOCX, ODT, HTML, text) and print them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--json", action="store_true", help="print the documented JSON")

    def handle(self, *args, paths, **options):
        results = [self._one(path) for path in paths]
        if options["json"]:
            payload = {"schemaVersion": SCHEMA_VERSION, "documents": results}
            self.stdout.write(_dumps(payload))
            return
        for document in results:
            self.stdout.write(f"{document['file']}: {len(document['cases'])} casus(sen)")
            for case in document["cases"]:
                self.stdout.write(f"  - {case['title']} ({len(case['fields'])} velden)")

    def _one(self, path: Path) -> dict:
        try:
            data = path.read_bytes()
        except OSError as exc:
            message = f"{path}: het bestand kan niet worden gelezen ({exc.strerror})."
            raise CommandError(message) from exc
        try:
            return result_json(path, run_pipeline(data, path.name, limits=Limits()))
        except IngestionError as exc:
            raise CommandError(f"{path}: {exc.message}") from exc


def _dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)
