"""The synthetic evaluation set (eval/synthetic/, eval/gold/synthetic/): every gold file names a
document whose source exists, every source builds into a file the project's parsers read in
the intended shape, builds are reproducible, and the set is not part of the default run.
Only the parsers are used here, never extraction."""

import io
import sys
import zipfile
from pathlib import Path

import pypdfium2
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))

from ingest_eval import synthetic
from ingest_eval.documents import DEFAULT_SETS, GOLD, GOLD_FILES, SETS, load_gold

from proeftuin.cases.choices import OutcomeUnit
from proeftuin.ingestion.parsers import parse_bytes

GOLDS = load_gold("synthetic")
SOURCES = sorted(synthetic.SOURCES.glob("*.src"))


def test_the_set_is_registered_but_not_run_by_default():
    assert "synthetic" in SETS
    assert SETS["synthetic"][1] is True  # held out in round 1, developed against since
    assert "synthetic" not in DEFAULT_SETS
    assert len(GOLDS) == len(GOLD_FILES["synthetic"]) >= 6


def test_every_gold_file_names_a_document_with_a_source():
    names = {g.document for g in GOLDS}
    for gold in GOLDS:
        assert gold.data["folder"] == "synthetic"
        assert gold.data["set"] == "synthetic"
        source = synthetic.SOURCES / gold.document
        assert source.exists() or Path(f"{source}.src").exists(), gold.document
    built = {s.name.removesuffix(".src") for s in SOURCES}
    plain = {
        p.name
        for p in synthetic.SOURCES.glob("*")
        if p.suffix in (".html", ".md") and p.name != "README.md"
    }
    assert names == built | plain  # no source without gold, no gold without source


def test_one_document_describes_no_innovation_and_the_english_case_is_optional():
    by_name = {g.document: g.data for g in GOLDS}
    none = [d for d in by_name.values() if not d["is_innovation"]]
    assert none and all(d["cases"] == [] for d in none)
    english = by_name["report-multilingual-chat-westerduin.pdf"]
    assert [c["optional"] for c in english["cases"]] == [True]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_source_builds_reproducibly(source):
    text = source.read_text(encoding="utf-8")
    first = synthetic.build(synthetic.parse(text))
    assert first == synthetic.build(synthetic.parse(text))
    assert len(first) > 1000


def _built(name: str) -> bytes:
    path = synthetic.SOURCES / f"{name}.src"
    return synthetic.build(synthetic.parse(path.read_text(encoding="utf-8")))


def test_the_slide_deck_is_a_landscape_pdf_with_one_slide_per_page():
    data = _built("slides-samen-meten-lage-venen.pdf")
    pdf = pypdfium2.PdfDocument(data)
    assert len(pdf) == 10
    width, height = pdf[0].get_size()
    assert width > height
    parsed = parse_bytes(data, "slides.pdf")
    assert parsed.format == "pdf" and len(parsed.pages) == 10
    assert "Resultaten" in parsed.pages[5] and "Leerpunten" in parsed.pages[7]


def test_the_casebook_is_a_paginated_portrait_pdf_with_header_and_footer():
    data = _built("casebook-vier-praktijken-dienstverlening.pdf")
    pdf = pypdfium2.PdfDocument(data)
    width, height = pdf[0].get_size()
    assert height > width and 6 <= len(pdf) <= 12
    pages = parse_bytes(data, "casebook.pdf").pages
    assert all(f"pagina {n}" in page for n, page in enumerate(pages, 1))
    assert all(p.startswith("Vier praktijken van betere dienstverlening") for p in pages[1:])
    longest = max(len(line) for page in pages for line in page.splitlines())
    assert longest < 120  # hard-wrapped lines, as a word processor's PDF has


def test_the_report_is_a_docx_with_headings_tables_and_list_paragraphs():
    data = _built("rapport-omgevingstafel-bergvliet.docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml").decode()
        assert "Rapportsjabloon Lindeman" in archive.read("docProps/core.xml").decode()
    assert document.count("<w:tbl>") == 2  # colophon and appendix A
    assert '<w:pStyle w:val="Kop1"/>' in document and "<w:numPr>" in document
    parsed = parse_bytes(data, "rapport.docx")
    text = "\n".join(parsed.pages)
    assert "In opdracht van de gemeente Bergvliet" in text
    assert "5 Conclusies en aanbevelingen" in text and "Bijlage B" in text


def test_the_minutes_are_an_odt():
    parsed = parse_bytes(_built("notulen-raad-lindenhoeve.odt"), "notulen.odt")
    assert parsed.format == "odt"
    assert "Motie vreemd aan de orde van de dag" in "\n".join(parsed.pages)


def test_document_path_builds_once_and_again_when_the_source_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(synthetic, "SOURCES", tmp_path / "src")
    monkeypatch.setattr(synthetic, "CACHE", tmp_path / "cache")
    (tmp_path / "src").mkdir()
    source = tmp_path / "src" / "x.odt.src"
    source.write_text("%format odt\n# Kop\n\nEerste tekst.\n", encoding="utf-8")
    path = synthetic.document_path("x.odt")
    assert path == tmp_path / "cache" / "x.odt"
    first = path.read_bytes()
    assert b"Eerste" in zipfile.ZipFile(io.BytesIO(first)).read("content.xml")
    source.write_text("%format odt\n# Kop\n\nTweede tekst.\n", encoding="utf-8")
    second = synthetic.document_path("x.odt").read_bytes()
    assert b"Tweede" in zipfile.ZipFile(io.BytesIO(second)).read("content.xml")
    assert synthetic.document_path("absent.pdf") == tmp_path / "src" / "absent.pdf"


def test_the_markup_parser_refuses_an_unknown_format():
    with pytest.raises(ValueError):
        synthetic.parse("%format pptx\nT: titel\n")


def test_gold_files_are_valid_yaml_with_the_realdocs_keys():
    for name in GOLD_FILES["synthetic"]:
        data = yaml.safe_load((GOLD / name).read_text(encoding="utf-8"))
        assert {"document", "folder", "set", "is_innovation", "cases"} <= set(data)
        for case in data["cases"]:
            assert case["anchor"] and case["title"] and case["organisation"]
            for item in case.get("outcomes") or []:
                assert item["unit"] in OutcomeUnit.values
