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
    # Held out until their single measurement (see docs/ingestion-evaluation.md,
    # "Measurement protocol"); developed against since: synthetic round 2, the others round 3.
    "heldout": ("held-out until round 3 (developed against since)", True),
    "synthetic": ("synthetic (held out in round 1, developed against since round 2)", True),
    "blind": ("blind (independent gold writer; held out until round 3)", True),
}
DEFAULT_SETS = ["corpus", "realdocs"]
# Asking for a set also runs the sets it includes: ``--set heldout`` runs the blind set too.
INCLUDES = {"heldout": ["blind"]}

# The corpus set keeps its own gold format (eval/gold/casebook.yaml, inaxis.yaml) and scorer.
CORPUS_GOLD = ["casebook.yaml", "inaxis.yaml"]
REALDOCS_GOLD = [
    "realdocs/logius-ebms3-as4-eindrapport.yaml",
    "realdocs/tilburg-publicatieportaal-woo.yaml",
    "realdocs/vng-ggd-utrecht-kwetsbaarheid-handout.yaml",
    "realdocs/tk-aanhangsel-2020-2021-3235-tozo.yaml",
    "realdocs/gkg-logius-pilot-terugmelden.yaml",
]
HELDOUT_GOLD = [
    "heldout/rapport-samen-werken-aan-vernieuwing.yaml",
    "heldout/verslag-werkconferentie-samenwerkende-overheid.yaml",
]
# Documents written for the evaluation in shapes the team has no real example of (issue 9:
# "reports of other shapes will also be tried"); sources in eval/synthetic/, see its README.
SYNTHETIC_GOLD = [
    "synthetic/artikel-schuldhulp-oosterwaarde.yaml",
    "synthetic/slides-samen-meten-lage-venen.yaml",
    "synthetic/rapport-omgevingstafel-bergvliet.yaml",
    "synthetic/casebook-vier-praktijken-dienstverlening.yaml",
    "synthetic/notulen-raad-lindenhoeve.yaml",
    "synthetic/report-multilingual-chat-westerduin.yaml",
    "synthetic/evaluatie-buurtbudget-drechtmond.yaml",
]
# Six documents written by an independent gold writer, sources and gold in eval/blind/ (see its
# README and docs/ingestion-evaluation.md, "The blind set"). Whoever tunes rules never opens them.
BLIND_GOLD = [
    "jaarverslag-hunzevliet-slim-beluchten.yaml",
    "eindevaluatie-uwv-loopbaanspreekuur-bibliotheek.yaml",
    "nieuws-provincie-lingeland-fietsers-regen.yaml",
    "leernetwerk-slimme-dienstverlening-drie-gemeenten.yaml",
    "beleidskader-innovatie-aldenvoort.yaml",
    "interview-warmtefoto-eemsterhout.yaml",
]
GOLD_FILES = {
    "corpus": CORPUS_GOLD,
    "realdocs": REALDOCS_GOLD,
    "heldout": HELDOUT_GOLD,
    "synthetic": SYNTHETIC_GOLD,
    "blind": BLIND_GOLD,
}
# Where a set's gold files lie (default: eval/gold/).
GOLD_DIRS = {"blind": ROOT / "eval" / "blind" / "gold"}


def expand_sets(names: list[str]) -> list[str]:
    """The sets to run for the names asked for: "all" is every set; a set brings the sets it
    includes (``INCLUDES``); in the order of ``SETS``."""
    wanted = set(SETS) if "all" in names else set(names)
    for name in list(wanted):
        wanted.update(INCLUDES.get(name, []))
    return [name for name in SETS if name in wanted]


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
        folder = self.data.get("folder", "corpus")
        if folder == "synthetic":
            from .synthetic import document_path

            return document_path(self.document)
        if folder == "blind":
            from .synthetic import BLIND_CACHE, BLIND_SOURCES, document_path

            return document_path(self.document, BLIND_SOURCES, BLIND_CACHE)
        return FOLDERS[folder] / self.document


def load_gold(set_name: str) -> list[GoldDocument]:
    docs = []
    for name in GOLD_FILES[set_name]:
        path = GOLD_DIRS.get(set_name, GOLD) / name
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
