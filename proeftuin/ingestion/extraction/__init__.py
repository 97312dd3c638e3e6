"""Extraction steps: functions ``(doc, segment) -> list[Extracted]`` kept in a registry.

Importing this package registers the built-in steps, in the order they run. A step has a
name and a version; every suggestion it makes carries both, with offsets into
``doc.text`` and a confidence, so reviewers see where a value came from.
"""

from proeftuin.ingestion.extraction import (  # noqa: F401  (imported to register the steps)
    barriers,
    lessons,
    organisation,
    outcomes,
    overview,
    people,
    profile,
    themes,
    years,
)
from proeftuin.ingestion.extraction.classifier import ThemeClassifier
from proeftuin.ingestion.extraction.registry import Step, run_steps, step, steps
from proeftuin.ingestion.extraction.themes import install_theme_classifier

__all__ = ["Step", "ThemeClassifier", "install_theme_classifier", "run_steps", "step", "steps"]
