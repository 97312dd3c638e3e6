"""The registry of extraction steps and the runner over one segment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from proeftuin.core.registry import Registry
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

StepFunction = Callable[[NormalisedDocument, Segment], list[Extracted]]


@dataclass(frozen=True)
class Step:
    """One extraction step: ``run(doc, segment)`` returns suggestions for that case."""

    name: str
    version: str
    run: StepFunction
    description: str = ""

    def __call__(self, doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
        return self.run(doc, segment)


steps: Registry[Step] = Registry("extraction steps")


def step(name: str, version: str) -> Callable[[StepFunction], StepFunction]:
    """Register a function as a step; the function's docstring describes it."""

    def decorator(run: StepFunction) -> StepFunction:
        steps.add(name, Step(name, version, run, (run.__doc__ or "").strip()))
        return run

    return decorator


def extracted(field: str, value, start: int, end: int, confidence: float, name: str) -> Extracted:
    """An Extracted stamped with the registered step's name and version."""
    version = steps[name].version if name in steps else "0"
    return Extracted(
        field, value, start, end, round(min(max(confidence, 0.0), 1.0), 3), name, version
    )


def run_steps(
    doc: NormalisedDocument, segment: Segment, names: list[str] | None = None
) -> list[Extracted]:
    """Run all registered steps (or the named ones) over one segment, in order; every
    suggestion's span is moved to word boundaries and gets its calibrated confidence (see
    ``calibration``)."""
    from proeftuin.ingestion.extraction.calibration import apply
    from proeftuin.ingestion.extraction.text import snap

    selected = names or steps.names()
    results: list[Extracted] = []
    for name in selected:
        for item in steps[name](doc, segment):
            start, end = snap(doc.text, item.start, item.end)  # quotes never cut a word
            results.append(replace(item, start=start, end=end) if start < end else item)
    return apply(results)
