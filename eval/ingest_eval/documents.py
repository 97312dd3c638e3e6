"""The evaluation sets, where their files and gold lie, and running the real pipeline on them."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FOLDERS = {
    "corpus": Path(os.environ.get("PROEFTUIN_CORPUS", SHARED / "corpus")),
    "realdocs": Path(os.environ.get("PROEFTUIN_REALDOCS", SHARED / "realdocs")),
}
GOLD = ROOT / "eval" / "gold"

# name -> (label, developed against?)
SETS = {
    "corpus": ("corpus (developed against)", True),
    "realdocs": ("realdocs (developed against)", True),
    "heldout": ("held-out (never tune against these)", False),
}
DEFAULT_SETS = ["corpus", "realdocs"]

# The corpus set keeps its own gold format (eval/gold/casebook.yaml, inaxis.yaml) and scorer.
CORPUS_GOLD = ["casebook.yaml", "inaxis.yaml"]
REALDOCS_GOLD = [
    "realdocs/logius-ebms3-as4-eindrapport.yaml",
    "realdocs/tilburg-publicatieportaal-woo.yaml",
    "realdocs/vng-ggd-utrecht-kwetsbaarheid-handout.yaml",
    "realdocs/tk-aanhangsel-2020-2021-3235-tozo.yaml",
]
HELDOUT_GOLD = [
    "realdocs/gkg-logius-pilot-terugmelden.yaml",
    "heldout/rapport-samen-werken-aan-vernieuwing.yaml",
    "heldout/verslag-werkconferentie-samenwerkende-overheid.yaml",
]
GOLD_FILES = {"corpus": CORPUS_GOLD, "realdocs": REALDOCS_GOLD, "heldout": HELDOUT_GOLD}


@dataclass
class GoldDocument:
    set: str
    gold_file: str
    data: dict

    @property
    def document(self) -> str:
        return self.data["document"]

    @property
    def path(self) -> Path:
        return FOLDERS[self.data.get("folder", "corpus")] / self.document


def load_gold(set_name: str) -> list[GoldDocument]:
    docs = []
    for name in GOLD_FILES[set_name]:
        path = GOLD / name
        if not path.exists():
            print(f"NOTE: no gold file {name} yet; skipped", file=sys.stderr)
            continue
        docs.append(GoldDocument(set_name, name, yaml.safe_load(path.read_text(encoding="utf-8"))))
    return docs


_READY = False


def setup_django() -> None:
    """Configure Django (test settings, no database is touched) once."""
    global _READY
    if _READY:
        return
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proeftuin.settings_test")
    import django

    django.setup()
    _READY = True


def run(path: Path):
    """The real pipeline (parse, normalise, segment, extract) over one file's bytes."""
    setup_django()
    from proeftuin.ingestion.pipeline import run_pipeline

    return run_pipeline(path.read_bytes(), path.name)
