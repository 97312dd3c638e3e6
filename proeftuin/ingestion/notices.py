"""What the pipeline tells the uploader besides the suggestions, in Dutch.

A run can succeed and still have something to say: the document describes no innovation
(no case is made; its text is still stored and indexed for search), some pages held no text
(a scanned page among text pages; the other pages were read), or the document is in English
(the recognition is made for Dutch reports). Each notice has a stable ``code`` and a Dutch
``message``; the job keeps them (``Job.error_code``/``error_message`` on a succeeded job),
and the document page shows them as a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proeftuin.ingestion.structure import Structure


@dataclass(frozen=True)
class Notice:
    code: str  # "no_innovation", "pages_skipped", "english"
    message: str
    reason: str = ""  # for "no_innovation": the assessment's code ("questions_and_answers"...)


def _reasons() -> dict[str, str]:
    return {
        "questions_and_answers": _("it consists of questions and answers"),
        "regulation": _("it is a regulation or legal text made of articles"),
        "minutes": _("it reads as the minutes of a meeting"),
        "letter": _("it is a letter that describes no project, pilot or experiment"),
        "no_innovation_words": _("it describes no project, pilot, experiment or innovation"),
        "too_little_text": _("it holds too little running text"),
        "policy": _("it is a policy framework or plan that describes no concrete project"),
    }


def notices(structure: Structure, cases: int) -> list[Notice]:
    found: list[Notice] = []
    assessment = structure.assessment
    if not cases:
        reason = _reasons().get(assessment.code, _("no part of it describes an innovation"))
        message = _("No innovation found in this document: %(reason)s. Its text is searchable.")
        found.append(Notice("no_innovation", message % {"reason": reason}, assessment.code))
    if structure.skipped_pages:
        pages = ", ".join(str(p) for p in structure.skipped_pages)
        message = ngettext(
            "Page %(pages)s holds no text (perhaps a scan) and was skipped.",
            "Pages %(pages)s hold no text (perhaps scans) and were skipped.",
            len(structure.skipped_pages),
        )
        found.append(Notice("pages_skipped", message % {"pages": pages}))
    if assessment.language == "en" and cases:
        found.append(
            Notice(
                "english",
                _(
                    "This document is in English; the recognition is made for Dutch reports, "
                    "so check the suggestions carefully."
                ),
            )
        )
    return found
