"""The blind evaluation set (eval/blind/): registered as its own set (run by ``--set blind``,
``--set heldout`` and ``--set all``, never by default), every gold file names a document whose
source exists, and every document builds and is read by the project's parsers in its intended
shape. Only the parsers are used here, never extraction, and no figure of the set is computed."""

import io
import re
import sys
import zipfile
from pathlib import Path

import pypdfium2
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))

from ingest_eval import synthetic
from ingest_eval.documents import DEFAULT_SETS, GOLD_DIRS, GOLD_FILES, SETS, expand_sets, load_gold
from ingest_eval.match import fold

from proeftuin.cases.choices import OutcomeUnit
from proeftuin.ingestion.parsers import parse_bytes

GOLDS = load_gold("blind")
SOURCES = synthetic.BLIND_SOURCES
SHAPES = {  # document -> (parsed format, pages at least, pages at most)
    "jaarverslag-hunzevliet-slim-beluchten.pdf": ("pdf", 3, 5),
    "eindevaluatie-uwv-loopbaanspreekuur-bibliotheek.docx": ("docx", 1, 8),
    "nieuws-provincie-lingeland-fietsers-regen.html": ("html", 1, 1),
    "leernetwerk-slimme-dienstverlening-drie-gemeenten.pdf": ("pdf", 12, 12),
    "beleidskader-innovatie-aldenvoort.odt": ("odt", 1, 8),
    "interview-warmtefoto-eemsterhout.txt": ("text", 1, 1),
}


def _file(name: str) -> Path:
    return synthetic.document_path(name, SOURCES, synthetic.BLIND_CACHE)


def _parsed(name: str):
    path = _file(name)
    return parse_bytes(path.read_bytes(), path.name)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip()


def test_the_set_is_its_own_set_and_never_run_by_default():
    assert SETS["blind"][1] is True  # held out until round 3, developed against since
    assert "blind" not in DEFAULT_SETS
    assert "blind" not in expand_sets(DEFAULT_SETS)
    assert expand_sets(["blind"]) == ["blind"]
    assert expand_sets(["heldout"]) == ["heldout", "blind"]
    assert "blind" in expand_sets(["all"])
    assert len(GOLDS) == len(GOLD_FILES["blind"]) == 6


def test_every_gold_file_names_a_document_with_a_source_and_no_source_lacks_gold():
    names = {g.document for g in GOLDS}
    assert names == set(SHAPES)
    for gold in GOLDS:
        assert gold.data["folder"] == "blind" and gold.data["set"] == "blind"
    sources = {p.name.removesuffix(".src") for p in SOURCES.iterdir()}
    assert sources == names


def test_gold_files_are_valid_yaml_with_the_realdocs_keys():
    for name in GOLD_FILES["blind"]:
        data = yaml.safe_load((GOLD_DIRS["blind"] / name).read_text(encoding="utf-8"))
        assert {"document", "folder", "set", "is_innovation", "cases"} <= set(data)
        for case in data["cases"]:
            assert case["anchor"] and case["title"] and case["organisation"]
            assert case["summary"]["key_phrases"]
            for item in case.get("outcomes") or []:
                assert item["unit"] in OutcomeUnit.values


def test_the_cases_asked_for_one_policy_framework_without_any_and_three_in_the_slides():
    counts = {g.document: len(g.data["cases"]) for g in GOLDS}
    assert counts == {
        "jaarverslag-hunzevliet-slim-beluchten.pdf": 1,
        "eindevaluatie-uwv-loopbaanspreekuur-bibliotheek.docx": 1,
        "nieuws-provincie-lingeland-fietsers-regen.html": 1,
        "leernetwerk-slimme-dienstverlening-drie-gemeenten.pdf": 3,
        "beleidskader-innovatie-aldenvoort.odt": 0,
        "interview-warmtefoto-eemsterhout.txt": 1,
    }
    framework = next(g for g in GOLDS if g.document.startswith("beleidskader"))
    assert framework.data["is_innovation"] is False


@pytest.mark.parametrize("source", sorted(SOURCES.glob("*.src")), ids=lambda p: p.name)
def test_every_source_builds_reproducibly(source):
    text = source.read_text(encoding="utf-8")
    first = synthetic.build(synthetic.parse(text))
    assert first == synthetic.build(synthetic.parse(text))
    assert len(first) > 1000


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_document_parses_in_its_format_and_size(name):
    parsed = _parsed(name)
    form, low, high = SHAPES[name]
    assert parsed.format == form
    assert low <= len(parsed.pages) <= high
    assert sum(len(page) for page in parsed.pages) > 2500


@pytest.mark.parametrize("gold", GOLDS, ids=lambda g: g.document)
def test_the_parsed_text_holds_every_anchor(gold):
    text = _flat("\n".join(_parsed(gold.document).pages))
    for case in gold.data["cases"]:
        assert _flat(case["anchor"]) in text


def test_the_annual_report_chapter_is_a_portrait_pdf_with_header_table_and_colophon():
    data = _file("jaarverslag-hunzevliet-slim-beluchten.pdf").read_bytes()
    width, height = pypdfium2.PdfDocument(data)[0].get_size()
    assert height > width
    pages = parse_bytes(data, "jaarverslag.pdf").pages
    assert all(p.startswith("Waterschap Hunzevliet") for p in pages[1:])
    text = "\n".join(pages)
    assert "Voor (2020)" in text and "Lessen voor de toekomst" in text
    assert "Colofon" in pages[-1]


def test_the_slide_deck_is_landscape_with_three_sections_of_results_and_tips():
    data = _file("leernetwerk-slimme-dienstverlening-drie-gemeenten.pdf").read_bytes()
    width, height = pypdfium2.PdfDocument(data)[0].get_size()
    assert width > height
    pages = parse_bytes(data, "slides.pdf").pages
    assert sum(p.lstrip().startswith("Resultaten") for p in pages) == 3
    assert sum(p.lstrip().startswith("Tips van") for p in pages) == 3


def test_the_evaluation_is_a_docx_with_a_title_page_and_an_appendix():
    data = _file("eindevaluatie-uwv-loopbaanspreekuur-bibliotheek.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml").decode()
    assert '<w:pStyle w:val="Titel"/>' in document and '<w:br w:type="page"/>' in document
    text = "\n".join(parse_bytes(data, "evaluatie.docx").pages)
    for line in ("Versie 1.0", "Datum: 3 oktober 2022", "Opgesteld door:"):
        assert line in text
    assert "Managementsamenvatting" in text
    assert "Bijlage: geïnterviewde personen" in text


def test_the_interview_is_plain_text_in_questions_and_answers():
    parsed = _parsed("interview-warmtefoto-eemsterhout.txt")
    lines = [line for line in parsed.pages[0].splitlines() if line.strip()]
    questions = [line for line in lines if line.strip().endswith("?")]
    assert "Wat was het probleem?" in questions and len(questions) >= 8


def test_the_blind_folders_are_used_for_the_build(tmp_path, monkeypatch):
    source = tmp_path / "src"
    source.mkdir()
    (source / "x.odt.src").write_text("%format odt\n# Kop\n\nTekst.\n", encoding="utf-8")
    path = synthetic.document_path("x.odt", source, tmp_path / "cache")
    assert path == tmp_path / "cache" / "x.odt"
    assert b"Tekst." in zipfile.ZipFile(io.BytesIO(path.read_bytes())).read("content.xml")
