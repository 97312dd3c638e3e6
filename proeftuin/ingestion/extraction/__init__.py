"""Extraction steps: functions ``(doc, segment) -> list[Extracted]`` kept in a registry.

Importing this package registers the built-in steps, in the order they run. A step has a
name and a version; every suggestion it makes carries both, with offsets into
``doc.text`` and a confidence, so reviewers see where a value came from.
"""

# The import order below is the order in which the steps run.
# isort: off
from proeftuin.ingestion.extraction import organisation  # noqa: F401
from proeftuin.ingestion.extraction import title  # noqa: F401
from proeftuin.ingestion.extraction import profile  # noqa: F401
from proeftuin.ingestion.extraction import overview  # noqa: F401
from proeftuin.ingestion.extraction import years  # noqa: F401
from proeftuin.ingestion.extraction import summary  # noqa: F401
from proeftuin.ingestion.extraction import themes  # noqa: F401
from proeftuin.ingestion.extraction import outcomes  # noqa: F401
from proeftuin.ingestion.extraction import lessons  # noqa: F401
from proeftuin.ingestion.extraction import barriers  # noqa: F401
from proeftuin.ingestion.extraction import people  # noqa: F401
from proeftuin.ingestion.extraction import partners  # noqa: F401
# isort: on

from proeftuin.ingestion.extraction.classifier import ThemeClassifier
from proeftuin.ingestion.extraction.registry import Step, run_steps, step, steps
from proeftuin.ingestion.extraction.themes import install_theme_classifier

__all__ = ["Step", "ThemeClassifier", "install_theme_classifier", "run_steps", "step", "steps"]
