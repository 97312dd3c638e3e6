"""Step "title": the case's title, from the document's own title page.

A report about one innovation ("whole-document") takes the title its title page shows
(``doc.front.title``: the largest text on the cover, see ``structure.front``), cited there;
without a title page the first heading, and the file's own title (metadata) only as a last
resort, never a generic one ("Rapport", "PowerPoint-presentatie", "Microsoft Word - ...").
A chapter taken from a larger report ("4 Innovatie", a numbered heading of one or two words)
that holds one numbered section ("4.1 Slim beluchten op rwzi X") tells about that one
project: the section's heading is the title.
A case in a collection takes its own heading, without its number or label ("Casus 2:"), and
re-cased when printed in capitals.
"""

from __future__ import annotations

import re

from proeftuin.ingestion.extraction.organisation import dutch_title
from proeftuin.ingestion.extraction.registry import extracted, step
from proeftuin.ingestion.extraction.text import is_upper
from proeftuin.ingestion.structure.front import generic_title
from proeftuin.ingestion.structure.outline import number_level, split_number
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment

NAME = "title"
CONFIDENCE = {"title-page": 0.85, "heading": 0.6, "metadata": 0.4}
CASE_LABEL = re.compile(
    r"^(?:casus|case|casestudy|praktijkvoorbeeld|voorbeeld|experiment|pilot|project)"
    r"\s*(?:\d{1,2}|[IVX]{1,4}|[A-Z])?\s*[:–—-]\s+(?P<rest>\S.{2,})$",
    re.IGNORECASE,
)


@step(NAME, "1")
def title(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    """The title of the case."""
    if segment.kind == "whole-document":
        return _document_title(doc, segment)
    text = " ".join(segment.title.split())
    where = doc.text.find(segment.title, segment.start, segment.end)
    number, bare = split_number(text)
    bare = bare if number and bare else text
    label = CASE_LABEL.match(bare)
    if label:  # "Casus 2: Slimme brieven": the label numbers the case, the rest names it
        bare = label.group("rest")
    bare = dutch_title(bare) if is_upper(bare) else bare
    if not bare or generic_title(bare):
        return []
    start = where if where >= 0 else segment.start
    end = start + len(segment.title) if where >= 0 else start
    return [extracted(NAME, bare.strip(" :.-–"), start, end, 0.6, NAME)]


def _document_title(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
    front = doc.front
    if not front.title or generic_title(front.title):
        return []
    start, end = front.title_start, front.title_end
    if start < 0:
        start = end = segment.start
    section = _only_section(doc, segment, front.title)
    if section is not None:
        bare = split_number(section.text)[1]
        return [extracted(NAME, bare, section.start, section.end, CONFIDENCE["heading"], NAME)]
    confidence = CONFIDENCE.get(front.title_source, 0.4)
    text = dutch_title(front.title) if is_upper(front.title) else front.title
    return [extracted(NAME, text, start, end, confidence, NAME)]


def _only_section(doc: NormalisedDocument, segment: Segment, title: str):
    """The one numbered section of a chapter titled by one or two words ("4 Innovatie")."""
    number, bare = split_number(title.strip())
    if not number or not number[0].isdigit() or len(bare.split()) > 2:
        return None
    level = number_level(number)
    sections = [
        b
        for b in doc.blocks
        if b.kind == "heading" and segment.start <= b.start < segment.end
        for n in [split_number(b.text)[0]]
        if n.startswith(number + ".") and number_level(n) == level + 1
    ]
    if len(sections) != 1 or generic_title(split_number(sections[0].text)[1]):
        return None
    return sections[0]
