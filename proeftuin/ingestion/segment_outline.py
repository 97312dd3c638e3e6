"""Segmentation strategies that read the outline: chapters that are cases of a collection.

- ``chapter_cycles``: consecutive sibling chapters whose sub-headings recur ("Aanleiding",
  "Aanpak", "Resultaten", "Contact" under each) are cases, titled by their headings. The
  recurring sub-headings must tell a story (how it began, what was done, whom to ask):
  chapters of one report that each end in "Bevindingen" and "Conclusies" are no cases.
- ``overview_chapters``: consecutive sibling chapters that an earlier section lists as in an
  overview table, each title followed at once by the organisation (the next cell: "Eén loket
  voor mantelzorgers | Gemeente Kleidorp | Zorg | 2021-2023"), are cases, whatever their
  sub-headings. A reading guide naming chapters ("in hoofdstuk 3 de resultaten van de
  gemeente X") is no table.
- ``deck_chapters``: a slide deck whose section slides are titled at the deck's largest
  title size (after its title slide), each section followed by slides whose titles recur in
  every section ("Wat hebben we gedaan?" under each of three municipalities), tells several
  stories: each section is a case, titled by its title slide. Section dividers of one
  project's deck ("Aanleiding", "Resultaten") share no sub-slide titles and stay one case.
- ``named_sections``: a report of a meeting or a collection of stories whose sibling
  sections are headed by the story's name and its owner ("Nieuwe rol voor de provincie X:
  ...", "Zelfsturing bij gemeente Y: ...", "Samen aan zet in Z: ..."): at least three
  different organisations or places named in at least half of the sibling headings make
  those sections cases; siblings naming none (a keynote, "Gesprek met de deelnemers") are
  no case.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from proeftuin.ingestion.extraction.text import heading_key
from proeftuin.ingestion.structure import names
from proeftuin.ingestion.types import NormalisedDocument, Segment

MIN_CASE_CHARS = 250
MIN_CHAPTER_CHARS = 800
MIN_NAMED = 3
# "... in Nijkerk", "... bij de gemeente Y": the place or body a story is about
OWNER_PLACE = re.compile(r"\b(?:in|bij|te)\s+(?:de\s+|het\s+)?(?P<name>[A-Z][\w'’-]+)")
ORGANISATION_AFTER = 100
OVERVIEW_WINDOW = 20_000  # an overview comes early, before the chapters it lists
NEXT_CELL = re.compile(r"[ \t\n|;:–—·•]*(?=[A-Z])")  # the next cell of a table row
# Sub-headings that open or close the story of one case (its start, its approach, whom to
# ask), rarely the sections of a single report's chapters.
STORY_HEADING = re.compile(
    r"^(?:aanleiding|achtergrond|context|de vraag|vraagstuk|probleem|het probleem|uitdaging|"
    r"de uitdaging|doel|doelen|aanpak|de aanpak|werkwijze|oplossing|de oplossing|het idee|"
    r"wat is er gedaan|wat deden (?:we|zij)|contact|contactpersoon|meer informatie|"
    r"betrokken partijen|partners|organisatie)$"
)

# Chapters that are phases, rounds or questions of one piece of work ("Fase 1: verkenning",
# "Ronde 2", "Deelvraag 3", "2022"), however alike their sub-headings.
PHASE = re.compile(
    r"^(?:fase|ronde|stap|sprint|iteratie|periode|deel|deelvraag|onderzoeksvraag|vraag|"
    r"meting|jaar|kwartaal|week|maand)\b|^(?:19|20)\d\d\b|^(?:eerste|tweede|derde|vierde|"
    r"laatste) (?:fase|ronde|stap|meting|periode)\b"
)


def chapter_cycles(doc: NormalisedDocument, lines) -> list[Segment]:
    """Chapters with the same story sub-headings (see the module docstring)."""
    heads = [h for h in doc.structure.outline if h.kind == "body"]
    for level in sorted({h.level for h in heads}):
        siblings = [h for h in heads if h.level == level]
        keys = [_sub_keys(heads, h) for h in siblings]
        counts = Counter(key for found in keys for key in found)
        shared = {key for key, n in counts.items() if n >= 2}
        if not any(STORY_HEADING.match(key) for key in shared):
            continue
        chosen = [
            index
            for index, (head, found) in enumerate(zip(siblings, keys, strict=True))
            if len(found & shared) >= 2 and head.end - head.start >= MIN_CASE_CHARS
        ]
        if _collection(siblings, chosen):
            return [_case(siblings[i]) for i in chosen]
    return []


def _collection(siblings, chosen: list[int]) -> bool:
    """Two or more consecutive chapters, not the phases of one piece of work."""
    if len(chosen) < 2 or chosen[-1] - chosen[0] != len(chosen) - 1:
        return False
    return not any(PHASE.match(heading_key(siblings[i].text)) for i in chosen)


def _sub_keys(heads, parent) -> set[str]:
    inside = [h for h in heads if parent.start < h.start < parent.end and h.level > parent.level]
    return {heading_key(h.text) for h in inside}


def overview_chapters(doc: NormalisedDocument, lines) -> list[Segment]:
    """Chapters an overview lists with their organisations (see the module docstring)."""
    heads = [h for h in doc.structure.outline if h.kind == "body"]
    defined = names.defined_names(doc.text)
    for level in sorted({h.level for h in heads}):
        siblings = [h for h in heads if h.level == level]
        by_overview: dict[int, list[int]] = {}
        for index, chapter in enumerate(siblings):
            owner = _overview_of(doc.text, siblings, index, defined)
            if owner is not None and chapter.end - chapter.start >= MIN_CHAPTER_CHARS:
                by_overview.setdefault(owner, []).append(index)
        for listed in by_overview.values():
            if _collection(siblings, listed):
                return [_case(siblings[i]) for i in listed]
    return []


def _overview_of(text: str, siblings, index: int, defined) -> int | None:
    """The earlier sibling section whose table lists this chapter's title with an
    organisation in the next cell; None when none does."""
    title = " ".join(siblings[index].text.split())
    if len(title) < 6 or not index:
        return None
    starts = [h.start for h in siblings[:index]]
    window = min(siblings[index].start, siblings[0].start + OVERVIEW_WINDOW)
    at = text.find(title, siblings[0].start, window)
    while at >= 0:
        end = at + len(title)
        cell = NEXT_CELL.match(text, end)  # the next cell starts with a capital
        owner = bisect_right(starts, at) - 1
        if cell and owner >= 0 and at < siblings[owner].end and not text[at - 1 : at].isalnum():
            after = text[cell.end() : min(cell.end() + ORGANISATION_AFTER, window)]
            found = names.organisations(after, areas=True, defined=defined)
            if found and found[0].start == 0:
                return owner
        at = text.find(title, end, window)
    return None


def deck_chapters(doc: NormalisedDocument, lines) -> list[Segment]:
    structure = doc.structure
    if not structure.slides:
        return []
    body_start, body_end = structure.body
    heads = [b for b in doc.blocks if b.kind == "heading" and b.size and b.start < body_end]
    later = [b for b in heads if b.page != heads[0].page] if heads else []
    if not later:
        return []
    top = max(b.size for b in later)
    openers = [b for b in later if b.size >= top - 0.01 and b.start >= body_start]
    if len(openers) < 2:
        return []
    ends = [b.start for b in openers[1:]] + [body_end]
    keys = [
        {heading_key(h.text) for h in heads if opener.end <= h.start < end and h.size < top}
        for opener, end in zip(openers, ends, strict=True)
    ]
    parts = list(zip(openers, ends, strict=True))
    if not set.intersection(*keys) or any(end - o.start < MIN_CASE_CHARS for o, end in parts):
        return []
    return [Segment(o.text[:200], o.start, end, "case-study") for o, end in parts]


def named_sections(doc: NormalisedDocument, lines) -> list[Segment]:
    structure = doc.structure
    by_level: dict[int, list] = {}
    for heading in structure.headings_in(*structure.body):
        if heading.kind == "body":
            by_level.setdefault(heading.level, []).append(heading)
    for siblings in by_level.values():
        owners = [(h, _owner(h.text)) for h in siblings]
        named = [h for h, owner in owners if owner and h.end - h.start >= MIN_CHAPTER_CHARS]
        distinct = {owner for _, owner in owners if owner}
        if len(named) >= MIN_NAMED and len(distinct) >= MIN_NAMED and 2 * len(named) >= len(owners):
            return [_case(h) for h in named]
    return []


def _owner(text: str) -> str:
    """The organisation or place a heading names ("" when none)."""
    found = names.organisations(text, areas=True)
    if found:
        return found[0].text.lower()
    place = OWNER_PLACE.search(text)
    return place.group("name").lower() if place else ""


def _case(heading) -> Segment:
    return Segment(heading.text[:200], heading.start, heading.end, "case-study")
