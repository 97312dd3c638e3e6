"""Evaluate ingestion (parse -> normalise -> segment -> extract) against hand-made gold.

Run: ``.venv/bin/python eval/ingestion.py`` (no database needed). Every document goes
through the real pipeline (``proeftuin.ingestion.pipeline.run_pipeline`` on the file's bytes,
so PDF, DOCX and ODT are parsed as on upload). Documents are read from ``../shared/corpus``
and ``../shared/realdocs`` (``$PROEFTUIN_CORPUS``, ``$PROEFTUIN_REALDOCS``); a missing file
is skipped with a line saying so. Sets, reported separately:

  corpus    casebook + InAxis cahier (developed against; their own gold format)
  realdocs  logius, tilburg, vng, tk, gkg (gkg held out in round 1)
  heldout   the two other corpus texts (held out until round 3)
  synthetic seven documents of other shapes written for the evaluation, built from
            eval/synthetic/ at run time (held out in round 1)
  blind     six documents by an independent gold writer, built from eval/blind/ at run
            time (held out until round 3); also run by ``--set heldout``
  Every set has been developed against by now; a new held-out set needs new documents
  (see docs/ingestion-evaluation.md, "Measurement protocol").

Options:
  --set corpus|realdocs|heldout|synthetic|blind|all
                                      (repeatable; default corpus + realdocs, NOT held-out,
                                      synthetic nor blind; heldout includes blind)
  --doc NAME                          only documents whose file name contains NAME
  --json                              machine-readable: per set the figures, and every
                                      judged suggestion (field, value, confidence, matched)
  --strict                            exit 1 when a target fails
  --check-gold                        list gold texts that are not verbatim in their document

Match rules and annotation rules: docs/ingestion-evaluation.md and eval/ingest_eval/match.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_eval.documents import DEFAULT_SETS, SETS, expand_sets, load_gold
from ingest_eval.evaluate import as_json, evaluate_set
from ingest_eval.goldcheck import check
from ingest_eval.report import print_set


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", choices=[*SETS, "all"], dest="sets")
    parser.add_argument("--doc", default="")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--check-gold", action="store_true", help="verbatim gold texts found?")
    return parser.parse_args(argv)


def check_gold(names: list[str], only: str) -> int:
    """Print the gold texts that do not occur verbatim in their document."""
    missing = 0
    for name in names:
        for gold in load_gold(name):
            if (only and only not in gold.document) or not gold.path.exists():
                continue
            problems = check(gold)
            missing += len(problems)
            print(f"{gold.document}: {'ok' if not problems else f'{len(problems)} not found'}")
            for problem in problems:
                print(f"  {problem}")
    return 1 if missing else 0


def main(argv=None) -> int:
    args = parse_args(argv)
    names = expand_sets(args.sets or DEFAULT_SETS)
    if args.check_gold:
        return check_gold(names, args.doc)
    results = [evaluate_set(name, args.doc) for name in SETS if name in names]
    if args.json:
        json.dump(
            {"sets": [as_json(r) for r in results]},
            sys.stdout,
            ensure_ascii=False,
            indent=1,
            default=str,
        )
        print()
    else:
        for result in results:
            print_set(result)
    failed = any(t[0] == "FAIL" for r in results for t in r["targets"])
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
