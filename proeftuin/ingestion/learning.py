"""The theme classifier learns from people's codings: accepted or edited theme passages are
examples of their theme, rejected ones examples of "no theme"."""

from __future__ import annotations

from proeftuin.ingestion.extraction import ThemeClassifier, install_theme_classifier
from proeftuin.ingestion.models import Suggestion

MIN_EXAMPLES = 10


def train_theme_classifier() -> ThemeClassifier | None:
    """Fit on every decided theme suggestion and install the model for the next runs.
    With too few decisions nothing is installed (headings alone are used)."""
    rows = (
        Suggestion.objects.filter(field__startswith="sections.")
        .exclude(status=Suggestion.Status.PENDING)
        .values_list("field", "status", "quote")
    )
    passages, labels = [], []
    for field, status, quote in rows:
        passages.append(quote)
        labels.append(None if status == Suggestion.Status.REJECTED else field.split(".", 1)[1])
    if len(passages) < MIN_EXAMPLES or len({x for x in labels if x}) < 2:
        install_theme_classifier(None)
        return None
    model = ThemeClassifier()
    model.fit(passages, labels)
    install_theme_classifier(model)
    return model
