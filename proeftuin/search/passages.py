"""Which passages a case or an uploaded document is made of.

A case gives one summary passage (title and summary), one per theme section, lesson,
outcome and barrier. A source file gives one passage per group of paragraphs of its
normalised text, about ``DOCUMENT_PASSAGE_CHARS`` long.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .analysis import analyze
from .models import PassageKind

DOCUMENT_PASSAGE_CHARS = 1200
MAX_PASSAGE_CHARS = 8000


@dataclass(frozen=True)
class Draft:
    kind: str
    label: str
    text: str
    position: int
    context: str = ""  # indexed with the passage but not shown: organisation names

    @property
    def text_hash(self) -> str:
        return hashlib.sha256(f"{self.label}\n{self.text}\n{self.context}".encode()).hexdigest()

    @property
    def terms(self) -> str:
        return " ".join(analyze(f"{self.label}\n{self.text}\n{self.context}"))

    @property
    def embedding_text(self) -> str:
        return f"{self.label}: {self.text}" if self.label else self.text


def case_drafts(case) -> list[Draft]:
    """Passages of ``case`` (with its organisations and parts prefetched); the summary
    passage also carries the names of the organisations, so a search by name finds it."""
    names = [
        " ".join(filter(None, [link.organisation.name, link.organisation.abbreviation]))
        for link in case.case_organisations.all()
    ]
    drafts = [Draft(PassageKind.SUMMARY, case.title, case.summary, 0, "\n".join(names))]
    for section in case.sections.all():
        drafts.append(Draft(PassageKind.SECTION, section.theme.name, section.body, 0))
    for lesson in case.lessons.all():
        drafts.append(Draft(PassageKind.LESSON, str(lesson.get_kind_display()), lesson.text, 0))
    for outcome in case.outcomes.all():
        drafts.append(Draft(PassageKind.OUTCOME, _("Outcome"), _outcome_text(outcome), 0))
    for barrier in case.barriers.all():
        label = str(barrier.get_category_display())
        drafts.append(Draft(PassageKind.BARRIER, label, barrier.text, 0))
    return _numbered(d for d in drafts if d.text.strip())


def _outcome_text(outcome) -> str:
    parts = [outcome.measure, f"{outcome.value.normalize():f} {outcome.get_unit_display()}"]
    parts += [p for p in (outcome.period, outcome.baseline) if p]
    return " · ".join(str(p) for p in parts)


def document_drafts(text: str) -> list[Draft]:
    """Passages of a document's normalised text: paragraphs packed up to a size limit."""
    drafts, buffer = [], []
    for paragraph in text.split("\n\n"):
        if buffer and sum(len(p) for p in buffer) + len(paragraph) > DOCUMENT_PASSAGE_CHARS:
            drafts.append(_document_draft(buffer))
            buffer = []
        if paragraph.strip():
            buffer.append(paragraph.strip())
    if buffer:
        drafts.append(_document_draft(buffer))
    return _numbered(drafts)


def _document_draft(paragraphs: list[str]) -> Draft:
    return Draft(PassageKind.DOCUMENT, "", "\n".join(paragraphs), 0)


def _numbered(drafts) -> list[Draft]:
    return [
        Draft(d.kind, d.label[:200], d.text[:MAX_PASSAGE_CHARS], i, d.context)
        for i, d in enumerate(drafts)
    ]
