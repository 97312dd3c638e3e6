"""Split a normalised document into cases (segments).

First the document's structure (``doc.structure``) decides whether there is anything to cut:
a document that describes no innovation (questions and answers, minutes, a letter, a
regulation, too little text; see ``structure.genre``) yields no case at all, and the
pipeline tells the user why. Otherwise the strategies below are tried in order; the first
that finds two or more real cases wins. A case is never front or back matter (a title
"Voorwoord", "Inhoud", "Colofon", "Bijlage ...", "Literatuur") nor inside the table of
contents, and it ends where the body ends (appendices are no part of the last case).

1. Repeated profile blocks: lists of "Label: value" lines whose labels recur through the
   document (e.g. "Aantal medewerkers", "Bestuurslaag"). Each block opens a case; the case
   title is the heading just above it. Kind "casebook-profile".
2. Chapters of a collection (``segment_outline``): consecutive sibling chapters with the same
   story sub-headings ("Aanleiding", "Aanpak", "Contact"), or that an overview table lists
   with their organisations. Kind "case-study".
3. Repeated outcome/lesson lists: headings like "Wat is gelukt, wat niet" or "Belangrijke
   lessen" that recur. Each numbered section (or, without numbering, each cluster of such
   headings) that holds them is a case. Kind "experiment" (or "case-study").
4. Repeated heading cycles: the same sequence of section headings recurring (e.g.
   "Aanleiding", "Aanpak", "Resultaat" per case), one of them a story heading (not only
   "Bevindingen", "Conclusies"). Kind "case-study".
   Cases of a collection follow one another: when the repeating sections are numbered,
   their parents must be consecutive chapters (two rounds of tests in chapters 3 and 6 of
   one report, with the results in between, are one innovation, not two).
5. A chapter named as a collection ("2 Vijf praktijkvoorbeelden", "De projecten",
   "Casussen"): each substantial section directly under it is a case. Kind "case-study".
6. Labelled sections: sibling sections headed "Casus 1", "Case: X", "Praktijkvoorbeeld 2",
   "Pilot A" and the like. Kind "case-study".
7. Otherwise the document describes one innovation: one case over its body (from the first
   heading after the title page and table of contents, or from the start when there is no
   table of contents, to the first appendix), titled with the title page's title
   ("whole-document").

Nothing here knows particular titles; the signals are repetition and layout.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from statistics import median

from proeftuin.ingestion.extraction.lexicon import LESSON_HEADINGS, WORKED_HEADINGS
from proeftuin.ingestion.extraction.text import (
    Line,
    depth,
    doc_lines,
    fold,
    heading_key,
    heading_like,
    is_upper,
    numbered,
)
from proeftuin.ingestion.segment_outline import (
    PHASE,
    STORY_HEADING,
    chapter_cycles,
    deck_chapters,
    named_sections,
    overview_chapters,
)
from proeftuin.ingestion.structure.outline import BACK_HEADING, FRONT_HEADING, split_number
from proeftuin.ingestion.types import NormalisedDocument, Segment

MIN_CASE_CHARS = 250
MIN_LABELLED_CHARS = 800
LABEL = re.compile(r"^(?P<label>[A-Za-zÀ-ÿ][\w’' ]{1,30}?)\s*:\s*\S")
COLLECTION = re.compile(
    r"\b(?:praktijkvoorbeelden|voorbeelden|casussen|cases|casestudies|case studies|projecten|"
    r"pilots|experimenten|initiatieven|proeftuinen|praktijkverhalen|innovaties)\b",
    re.IGNORECASE,
)
CASE_LABEL = re.compile(
    r"^(?:casus|case|praktijkvoorbeeld|voorbeeld|experiment|pilot|proef|project|casestudy)"
    r"\s*(?:\d{1,2}|[IVX]{1,4}|[A-Z])?\s*[:.–-]|^(?:casus|case|praktijkvoorbeeld|voorbeeld|"
    r"experiment|pilot|project)\s+(?:\d{1,2}|[IVX]{1,4}|[A-Z])\b",
    re.IGNORECASE,
)
WORKED = re.compile("|".join(WORKED_HEADINGS))
LESSONS = re.compile("|".join(LESSON_HEADINGS))


def segment(doc: NormalisedDocument) -> list[Segment]:
    """The cases of a document; none when it describes no innovation."""
    if not doc.structure.assessment.innovation:
        return []
    lines = doc_lines(doc)
    strategies = (
        _profile_segments,
        deck_chapters,
        chapter_cycles,
        overview_chapters,
        _marker_segments,
        _cycle_segments,
        _collection_chapter,
        _labelled_sections,
        named_sections,
    )
    for strategy in strategies:
        found = [part for part in strategy(doc, lines) if _real_case(doc, part)]
        if len(found) >= 2:
            return [_trim(lines, _clip(doc, part)) for part in found]
    return [whole_document(doc)]


def _real_case(doc: NormalisedDocument, part: Segment) -> bool:
    """Not front or back matter, not inside the table of contents, not past the body."""
    structure = doc.structure
    toc = structure.toc_span
    if toc and toc[0] <= part.start < toc[1]:
        return False
    if part.start >= structure.body[1]:
        return False
    title = heading_key(part.title)
    return not (FRONT_HEADING.match(title) or BACK_HEADING.match(title))


def _clip(doc: NormalisedDocument, part: Segment) -> Segment:
    end = min(part.end, max(doc.structure.body[1], part.start + 1))
    return Segment(part.title, part.start, end, part.kind)


def _trim(lines: list[Line], part: Segment) -> Segment:
    """End a case at its last line of text (not at a page number or year divider)."""
    inside = [ln for ln in lines if part.start <= ln.start < part.end and not ln.text.isdigit()]
    end = min(inside[-1].end, part.end) if inside else part.end
    return Segment(part.title, part.start, end, part.kind)


_CACHE: dict[int, tuple[str, list[Segment]]] = {}


def cached_segments(doc: NormalisedDocument) -> list[Segment]:
    """``segment(doc)``, computed once per document (steps that need all cases use it)."""
    hit = _CACHE.get(id(doc))
    if hit is None or hit[0] is not doc.text:
        if len(_CACHE) > 8:
            _CACHE.clear()
        hit = _CACHE[id(doc)] = (doc.text, segment(doc))
    return hit[1]


def whole_document(doc: NormalisedDocument) -> Segment:
    """One case over the body: from the start, or after the table of contents when there is
    one, to the first appendix; titled with the title page's title."""
    structure = doc.structure
    start, end = structure.span
    lines = doc_lines(doc)
    title = structure.front.title or doc.title.strip() or (lines[0].text if lines else "")
    return Segment(title[:200], start, end, "whole-document")


# -- 1. profile blocks ---------------------------------------------------------------


def _label(line: Line) -> str | None:
    match = LABEL.match(line.text)
    return fold(match.group("label")) if match else None


def _profile_blocks(lines: list[Line]) -> list[int]:
    """Indexes of the first line of each repeated-label block."""
    labels = [_label(line) if line.bullet or line.first else None for line in lines]
    counts = Counter(label for label in labels if label)
    repeated = {label for label, n in counts.items() if n >= 2}
    firsts: list[int] = []
    seen: set[str] = set()
    last = -10
    for index, label in enumerate(labels):
        if label not in repeated:
            continue
        if index - last > 8 or label in seen:
            firsts.append(index)
            seen = set()
        seen.add(label)
        last = index
    return [i for i in firsts if _distinct_labels(labels, i, repeated) >= 2]


def _distinct_labels(labels: list[str | None], first: int, repeated: set[str]) -> int:
    window = labels[first : first + 10]
    return len({label for label in window if label in repeated})


def _title_lines(lines: list[Line], first: int) -> list[Line]:
    """The heading above a profile block: consecutive upper-case lines, else one line."""
    picked: list[Line] = []
    for line in reversed(lines[max(first - 6, 0) : first]):
        if line.text.isdigit() or line.text[-1] in ".!?;,":
            break
        if picked and not (is_upper(line.text) and is_upper(picked[-1].text)):
            break
        if not heading_like(line) and not is_upper(line.text):
            break
        picked.append(line)
    return list(reversed(picked))


def _profile_segments(doc: NormalisedDocument, lines: list[Line]) -> list[Segment]:
    firsts = _profile_blocks(lines)
    if len(firsts) < 2:
        return []
    starts, titles = [], []
    for first in firsts:
        title = _title_lines(lines, first)
        starts.append(title[0].start if title else lines[first].start)
        titles.append(" ".join(t.text for t in title) or f"Case {len(titles) + 1}")
    return _build(doc, lines, starts, titles, "casebook-profile")


def _build(doc, lines, starts, titles, kind) -> list[Segment]:
    ends = [*starts[1:], _last_end(doc, lines, starts)]
    return [Segment(t[:200], s, e, kind) for t, s, e in zip(titles, starts, ends, strict=True)]


def _last_end(doc: NormalisedDocument, lines: list[Line], starts: list[int]) -> int:
    """Where the last case stops: the first major heading after its last shared heading."""
    vocabulary = _shared_headings(lines, starts)
    shared_seen = False
    for line in (line for line in lines if line.start > starts[-1]):
        if heading_key(line.text) in vocabulary:
            shared_seen = True
        elif shared_seen and _major(line):
            return line.start
    return len(doc.text)


def _shared_headings(lines: list[Line], starts: list[int]) -> set[str]:
    bounds = [*starts, starts[-1] + (starts[-1] - starts[0]) // max(len(starts) - 1, 1)]
    per_case: Counter[str] = Counter()
    for begin, end in pairwise(bounds):
        inside = (ln for ln in lines if begin <= ln.start < end and heading_like(ln))
        per_case.update({heading_key(ln.text) for ln in inside})
    return {key for key, n in per_case.items() if n >= max(2, len(starts) // 2)}


def _major(line: Line) -> bool:
    if line.kind == "heading" and line.first and line.level == 1:
        return True
    return is_upper(line.text) and len(line.text) >= 6 and heading_like(line)


# -- 2. outcome and lesson lists -----------------------------------------------------


def marker_kind(line: Line) -> str | None:
    """ "worked" or "lessons" when the line is a heading above such a list."""
    if not heading_like(line) or numbered(line) or len(line.text.split()) > 7:
        return None
    key = fold(line.text)
    if WORKED.search(key):
        return "worked"
    return "lessons" if LESSONS.search(key) else None


def marker_at(lines: list[Line], index: int) -> str | None:
    """Like ``marker_kind``, and also a heading glued to the end of the paragraph before a
    list ("... elf zijn. Wat is gelukt, wat niet?" followed by bullets)."""
    line = lines[index]
    found = marker_kind(line)
    if found or index + 1 >= len(lines) or not lines[index + 1].bullet:
        return found
    tail = re.split(r"(?<=[.!?’”'])\s+", line.text)[-1]
    glued = Line(tail, line.end - len(tail), line.end, line.block, "paragraph", 0, True, False)
    return marker_kind(glued) if tail != line.text else None


def _marker_segments(doc: NormalisedDocument, lines: list[Line]) -> list[Segment]:
    markers = [(i, kind) for i in range(len(lines)) if (kind := marker_at(lines, i))]
    if len(markers) < 2:
        return []
    kind = "experiment" if any(k == "worked" for _, k in markers) else "case-study"
    sections = _numbered_sections(doc, lines)
    if sections:
        return _sections_with_markers(sections, lines, markers, kind)
    return _marker_clusters(doc, lines, markers, kind)


def _numbered_sections(doc, lines) -> list[tuple[int, int, int, str]]:
    """(start, end, depth, title) for every numbered heading."""
    heads = [(i, n) for i, line in enumerate(lines) if heading_like(line) and (n := numbered(line))]
    sections = []
    for index, (at, (number, title)) in enumerate(heads):
        line, title = lines[at], _continued(lines, at, title)
        level = depth(number)
        end = next(
            (lines[h].start for h, (num, _) in heads[index + 1 :] if depth(num) <= level),
            len(doc.text),
        )
        sections.append((line.start, end, level, title))
    return sections


def _continued(lines: list[Line], at: int, title: str) -> str:
    """A heading broken over two lines ("... in één 14.6" / "klap13") as one title."""
    following = lines[at + 1] if at + 1 < len(lines) else None
    if following and len(following.text.split()) <= 2 and following.text[0].islower():
        return f"{title} {following.text.rstrip('0123456789')}"
    return title


def _sections_with_markers(sections, lines, markers, kind) -> list[Segment]:
    chosen: dict[int, tuple[int, int, int, str]] = {}
    for index, _ in markers:
        offset = lines[index].start
        # the section holding the list, not the list's own numbered heading
        inside = [s for s in sections if s[0] <= offset < s[1] and s[0] != offset]
        if inside:
            deepest = max(inside, key=lambda s: (s[2], s[0]))
            chosen[deepest[0]] = deepest
    return [Segment(t[:200], s, e, kind) for s, e, _, t in sorted(chosen.values())]


def _marker_clusters(doc, lines, markers, kind) -> list[Segment]:
    """Without numbering: a new case starts when a list kind repeats."""
    groups: list[list[int]] = [[]]
    seen: set[str] = set()
    for index, marker in markers:
        if marker in seen:
            groups.append([])
            seen = set()
        groups[-1].append(index)
        seen.add(marker)
    if len(groups) < 2:
        return []
    ends = [_list_end(lines, group[-1]) for group in groups]
    spans = [lines[g[0]].start - (ends[i - 1] if i else 0) for i, g in enumerate(groups)]
    typical = int(median(spans[1:]))
    first_start = _heading_at_or_after(lines, max(lines[groups[0][0]].start - typical, 0))
    starts = [first_start, *ends[:-1]]
    starts = [_heading_at_or_after(lines, s) for s in starts]
    titles = [_line_at(lines, s) for s in starts]
    return [Segment(t[:200], s, e, kind) for t, s, e in zip(titles, starts, ends, strict=True)]


def _list_end(lines: list[Line], marker: int) -> int:
    items = 0
    for line in lines[marker + 1 :]:
        if items and not line.bullet and line.first:
            return line.start
        items += line.bullet
    return lines[-1].end


def _heading_at_or_after(lines: list[Line], offset: int) -> int:
    return next((ln.start for ln in lines if ln.start >= offset and heading_like(ln)), offset)


def _line_at(lines: list[Line], offset: int) -> str:
    return next((ln.text for ln in lines if ln.start >= offset), "")


# -- 3. repeated heading cycles ------------------------------------------------------


def _cycle_segments(doc: NormalisedDocument, lines: list[Line]) -> list[Segment]:
    heads = _without_continuations(
        [
            (i, heading_key(ln.text))
            for i, ln in enumerate(lines)
            if ln.first and heading_like(ln) and not ln.text.isdigit()
        ]
    )
    counts = Counter(key for _, key in heads)
    repeated = [(i, key) for i, key in heads if counts[key] >= 2]
    if not repeated:
        return []
    opener = repeated[0][1]
    cycles = counts[opener]
    companions = {k for _, k in repeated if k != opener and counts[k] == cycles}
    if cycles < 2 or not companions:
        return []
    if not any(STORY_HEADING.match(key) for key in {opener, *companions}):
        return []  # "Bevindingen", "Conclusies" in every chapter: sections of one report
    openers = [i for i, key in repeated if key == opener]
    if median(b - a for a, b in pairwise([lines[i].start for i in openers])) < MIN_CASE_CHARS:
        return []  # short repeated lines (a table, a map legend) are not cases
    if not _consecutive_parents([lines[i] for i in openers]):
        return []
    starts, titles = [], []
    for index in openers:
        title = lines[index - 1] if index and heading_like(lines[index - 1]) else lines[index]
        starts.append(title.start)
        number, bare = split_number(title.text)
        titles.append(bare if number and number[0].isdigit() and bare else title.text)
    if any(PHASE.match(heading_key(t)) for t in titles):
        return []  # "Fase 1", "Fase 2": phases of one piece of work
    return _build(doc, lines, starts, titles, "case-study")


def _without_continuations(heads: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A heading repeated right after itself ("Resultaten", "Resultaten (2)" on the next
    slide or page) continues its section: it opens no new one."""
    out: list[tuple[int, str]] = []
    for index, key in heads:
        bare = re.sub(r"\s*\(?(?:\d+|vervolg|vervolgd|continued)\)?$", "", key)
        if out and out[-1][1] == bare:
            continue
        out.append((index, bare))
    return out


def _consecutive_parents(openers: list[Line]) -> bool:
    """Numbered openers ("3.2 X", "4.2 X") must sit in consecutive chapters."""
    numbers = [found[0] for line in openers if (found := numbered(line))]
    if len(numbers) < len(openers) or any("." not in n for n in numbers):
        return True
    parents = [n.rsplit(".", 1)[0] for n in numbers]
    for a, b in pairwise(parents):
        head_a, _, last_a = a.rpartition(".")
        head_b, _, last_b = b.rpartition(".")
        if head_a != head_b or not (last_a.isdigit() and last_b.isdigit()):
            return False
        if int(last_b) != int(last_a) + 1:
            return False
    return True


# -- 4. a chapter named as a collection ----------------------------------------------


def _collection_chapter(doc: NormalisedDocument, lines: list[Line]) -> list[Segment]:
    """The substantial sections right under a heading like "Vijf praktijkvoorbeelden"."""
    outline = doc.structure.headings_in(*doc.structure.body)
    for index, chapter in enumerate(outline):
        if len(chapter.text.split()) > 6 or not COLLECTION.search(chapter.text):
            continue
        inside = [h for h in outline[index + 1 :] if h.start < chapter.end]
        level = min((h.level for h in inside), default=0)
        found = [h for h in inside if h.level == level and h.end - h.start >= MIN_LABELLED_CHARS]
        if level > chapter.level and len(found) >= 2:
            return [Segment(h.text[:200], h.start, h.end, "case-study") for h in found]
    return []


# -- 5. labelled sections --------------------------------------------------------------


def _labelled_sections(doc: NormalisedDocument, lines: list[Line]) -> list[Segment]:
    """Sibling sections headed "Casus 1", "Case: X", "Praktijkvoorbeeld 2", "Pilot A"."""
    outline = doc.structure.headings_in(*doc.structure.body)
    by_level: dict[int, list] = {}
    for heading in outline:
        if CASE_LABEL.match(heading.text) or CASE_LABEL.match(heading.line):
            by_level.setdefault(heading.level, []).append(heading)
    for level in sorted(by_level):
        found = [h for h in by_level[level] if h.end - h.start >= MIN_LABELLED_CHARS]
        if len(found) >= 2:
            return [Segment(h.line[:200], h.start, h.end, "case-study") for h in found]
    return []
