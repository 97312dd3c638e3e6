"""Parsers: format detection from content, and what each parser extracts."""

from __future__ import annotations

import codecs

import pytest

from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.parsers import PARSERS, detect_format, parse_bytes
from proeftuin.ingestion.parsers.samples import make_docx, make_odt, make_pdf
from proeftuin.ingestion.parsers.textcodec import decode_text, sniff_encoding

DUTCH = "Één café in Noord-Holland: “coöperatie” – 5 € per dag."


def test_registry_has_a_parser_per_format():
    assert set(PARSERS.names()) == {"pdf", "docx", "odt", "html", "text", "markdown"}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (make_pdf([["Hallo"]]), "pdf"),
        (make_docx([("", "Hallo")]), "docx"),
        (make_odt([("p", "Hallo")]), "odt"),
        (b"<!DOCTYPE html><html><body><p>Hallo</p></body></html>", "html"),
        (b"  <html lang='nl'><p>Hallo</p></html>", "html"),
        (b"<div><p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><br><br></div>", "html"),
        (b"# Titel\n\nTekst met een [link](https://example.org).\n", "markdown"),
        (b"## Eerste\n\nTekst\n\n## Tweede\n\nMeer tekst\n", "markdown"),
        (b"Gewone tekst.\n- met een opsomming\n- van twee punten\n", "text"),
        (b"Tekst met 3 # tekens # en meer.\n", "text"),
        (b"", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "refused:oud Word- of Office-bestand"),
    ],
)
def test_detect_format_from_content(data, expected):
    assert detect_format(data) == expected


def test_detect_format_ignores_the_file_name():
    assert detect_format(make_pdf([["Hallo"]]), "notities.txt") == "pdf"
    assert detect_format(b"Gewone tekst.\n", "rapport.pdf") == "text"
    assert detect_format(make_docx([("", "x")]), "verslag.odt") == "docx"


def test_pdf_pages_title_and_line_end_hyphens():
    data = make_pdf(
        [["Een luid-", "ruchtig begin.", "", "Tweede alinea."], ["Pagina twee."]],
        title="Proefrapport",
    )
    parsed = parse_bytes(data, "rapport.pdf")
    assert parsed.format == "pdf"
    assert parsed.title == "Proefrapport"
    assert len(parsed.pages) == 2
    first = parsed.pages[0].split("\n")
    assert first[:2] == ["Een luid-", "ruchtig begin."]
    assert "" in first  # the vertical gap before the second paragraph is a blank line
    assert parsed.pages[1].strip() == "Pagina twee."


def test_pdf_keeps_non_ascii_text():
    parsed = parse_bytes(make_pdf([["Café, coöperatie en 5 €."]]))
    assert parsed.pages[0].strip() == "Café, coöperatie en 5 €."


def test_pdf_reports_pages_without_text():
    parsed = parse_bytes(make_pdf([["Een pagina met genoeg tekst erop."], [], ["En nog een."]]))
    assert parsed.metadata["pages_without_text"] == [2]


def test_docx_headings_lists_tables_page_breaks_and_title():
    data = make_docx(
        [
            ("Titel", "Jaarverslag"),
            ("Kop1", "Inleiding"),
            ("", "Eerste alinea."),
            ("list", "eerste punt"),
            ("page", ""),
            ("Kop2", "Resultaten"),
            ("table", "Cel A|Cel B"),
        ],
        title="Jaarverslag 2024",
    )
    parsed = parse_bytes(data)
    assert parsed.format == "docx"
    assert parsed.title == "Jaarverslag 2024"
    assert parsed.metadata["structure"] == "markers"
    assert parsed.pages == [
        "# Jaarverslag\n# Inleiding\nEerste alinea.\n- eerste punt",
        "## Resultaten\nCel A\nCel B",
    ]


def test_docx_skips_deleted_text_and_field_codes():
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (
        f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>Zicht</w:t></w:r>'
        "<w:del><w:r><w:delText>weg</w:delText></w:r></w:del>"
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        "<w:r><w:tab/><w:t>baar</w:t></w:r></w:p></w:body></w:document>"
    )
    data = make_docx([], extra={"word/document.xml": document.encode()})
    assert parse_bytes(data).pages == ["Zicht baar"]


def test_odt_headings_lists_page_breaks_and_no_footnotes():
    data = make_odt(
        [
            ("h1", "Inleiding"),
            ("p", "Tekst  met twee spaties."),
            ("li", "een punt"),
            ("page", ""),
            ("h2", "Verder"),
            ("note", "Een zin.|De voetnoot"),
        ],
        title="Notitie",
    )
    parsed = parse_bytes(data)
    assert parsed.format == "odt"
    assert parsed.title == "Notitie"
    assert parsed.pages == [
        "# Inleiding\nTekst met twee spaties.\n- een punt",
        "## Verder\nEen zin.",
    ]


def test_html_drops_scripts_styles_and_navigation():
    data = b"""<!doctype html><html><head><title>Over ons</title>
    <style>p { color: red }</style><script>var x = "<p>geen tekst</p>";</script></head>
    <body><nav><a href="/">Home</a> <a href="/a">Menu</a></nav>
    <h1>Wie wij zijn</h1><p>Wij werken aan <b>betere</b>&nbsp;dienstverlening &amp; zorg.</p>
    <ul><li>Eerste punt</li><li>Tweede punt</li></ul><h3>Contact</h3><div>Bel ons.</div>
    <footer>Cookies en privacy</footer></body></html>"""
    parsed = parse_bytes(data)
    assert parsed.format == "html"
    assert parsed.title == "Over ons"
    assert parsed.pages == [
        "# Wie wij zijn\nWij werken aan betere dienstverlening & zorg.\n"
        "- Eerste punt\n- Tweede punt\n### Contact\nBel ons."
    ]


def test_html_uses_the_meta_charset():
    data = '<html><head><meta charset="windows-1252"></head><p>Café “Één”</p></html>'
    assert parse_bytes(data.encode("cp1252")).pages == ["Café “Één”"]


def test_text_pages_split_at_form_feeds():
    parsed = parse_bytes(b"Pagina een.\n\fPagina twee.\n")
    assert parsed.format == "text"
    assert parsed.pages == ["Pagina een.\n", "Pagina twee.\n"]


def test_markdown_keeps_headings_and_strips_links_and_emphasis():
    data = b"Titel\n=====\n\nDit is **belangrijk** en [een link](https://x.nl).\n\n## Deel\n"
    parsed = parse_bytes(data, "notitie.md")
    assert parsed.format == "markdown"
    assert parsed.metadata["structure"] == "markdown"
    assert parsed.pages == ["# Titel\n\nDit is belangrijk en een link.\n\n## Deel\n"]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + DUTCH.encode("utf-8"), "utf-8"),
        (DUTCH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + DUTCH.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + DUTCH.encode("utf-16-be"), "utf-16-be"),
        (DUTCH.encode("utf-16-le"), "utf-16-le"),
        (DUTCH.encode("utf-16-be"), "utf-16-be"),
        (DUTCH.encode("cp1252"), "cp1252"),
    ],
)
def test_text_encodings(data, encoding):
    assert sniff_encoding(data)[0] == encoding
    assert decode_text(data) == DUTCH


def test_limits_are_passed_to_the_parser():
    with pytest.raises(Exception, match="te veel tekst") as info:
        parse_bytes(b"a" * 200, limits=Limits(max_chars=100))
    assert info.value.code == "too_many_characters"
