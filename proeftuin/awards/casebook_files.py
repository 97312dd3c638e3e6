"""A casebook as files: PDF/A-3u, tagged for accessibility and marked PDF/UA-1 (WeasyPrint,
which needs the system's Pango), and ODT (odfpy).

WeasyPrint writes one ``pdf_variant`` at a time. The casebook is written as PDF/A-3u with
``pdf_tags`` (the structure tree: headings, lists, tables with header cells, the language);
a finisher then rewrites the XMP metadata once, uncompressed (PDF/A forbids a filter on
the metadata stream), with both identifications, PDF/A-3u and PDF/UA-1, and the PDF/A
extension schema that declares the PDF/UA one."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

import pydyf
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.teletype import addTextToElement
from odf.text import H, List, ListItem, P

from proeftuin.awards.casebook_content import BookContent


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system's Pango library is missing."""


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: the Pango library is not installed
        raise PdfUnavailable(
            _(
                "The PDF cannot be made on this server: the Pango library (libpango-1.0-0, "
                "libpangoft2-1.0-0) or WeasyPrint is missing. Ask the administrator to "
                "install them; the rest of the platform keeps working."
            )
        ) from error
    return weasyprint


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 pdfaid:part="3" pdfaid:conformance="U"/>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 pdfuaid:part="1"/>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 pdf:Producer="{producer}"/>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:language><rdf:Bag><rdf:li>nl</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmp:CreateDate="{created}" xmp:ModifyDate="{created}"/>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""


def _metadata_finisher(title: str, moment: str):
    def finish(document, pdf) -> None:
        reference = int(pdf.catalog["Metadata"].split()[0])
        stream = pdf.objects[reference]
        text = XMP.format(
            title=escape(title),
            producer=f"WeasyPrint {weasyprint_version()}",
            created=escape(moment),
        )
        stream.stream = [text.encode()]
        stream.compress = False
        if "Filter" in stream.extra:
            del stream.extra["Filter"]
        pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})

    return finish


def weasyprint_version() -> str:
    return _weasyprint().__version__


def to_html(book: BookContent, created: str) -> str:
    return render_to_string("awards/casebook/book.html", {"book": book, "created": created})


def to_pdf(book: BookContent, *, created: str, moment: str) -> tuple[bytes, int]:
    """The PDF and its number of pages; ``created`` is the date shown on the cover,
    ``moment`` the ISO 8601 time of the metadata (the PDF's own dates must equal it)."""
    weasyprint = _weasyprint()
    html = to_html(book, created).replace(
        "</title>", f'</title><meta name="dcterms.created" content="{escape(moment)}">', 1
    )
    options = {"pdf_variant": "pdf/a-3u", "pdf_tags": True}
    sheet = weasyprint.CSS(filename=str(Path(__file__).with_name("casebook.css")))
    document = weasyprint.HTML(string=html).render(stylesheets=[sheet], **options)
    data = document.write_pdf(finisher=_metadata_finisher(book.title, moment), **options)
    return data, len(document.pages)


def _styles(document):
    made = {}
    for name, size, bold in (
        ("Tekst", "10pt", False),
        ("Bron", "8.5pt", False),
        ("Titel", "20pt", True),
        ("Opmerking", "10pt", False),
    ):
        style = Style(name=name, family="paragraph")
        style.addElement(ParagraphProperties(marginbottom="0.2cm"))
        style.addElement(
            TextProperties(
                fontsize=size,
                fontweight="bold" if bold else "normal",
                fontstyle="italic" if name == "Opmerking" else "normal",
            )
        )
        document.styles.addElement(style)
        made[name] = style
    column = Style(name="Kolom", family="table-column")
    column.addElement(TableColumnProperties(columnwidth="4cm"))
    document.automaticstyles.addElement(column)
    made["column"] = column
    return made


class _Writer:
    def __init__(self):
        self.document = OpenDocumentText()
        self.styles = _styles(self.document)

    def heading(self, level: int, text: str) -> None:
        element = H(outlinelevel=level)
        addTextToElement(element, text)
        self.document.text.addElement(element)

    def para(self, text: str, style: str = "Tekst") -> None:
        for block in (b for b in (text or "").split("\n") if b.strip()):
            element = P(stylename=self.styles[style])
            addTextToElement(element, block)
            self.document.text.addElement(element)

    def items(self, texts: list[str], style: str = "Tekst") -> None:
        if not texts:
            return
        found = List()
        for text in texts:
            item, element = ListItem(), P(stylename=self.styles[style])
            addTextToElement(element, text)
            item.addElement(element)
            found.addElement(item)
        self.document.text.addElement(found)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        table = Table(name=f"Tabel{len(self.document.text.childNodes)}")
        table.addElement(
            TableColumn(numbercolumnsrepeated=len(header), stylename=self.styles["column"])
        )
        for cells in [header, *rows]:
            row = TableRow()
            for value in cells:
                cell, element = TableCell(valuetype="string"), P(stylename=self.styles["Bron"])
                addTextToElement(element, str(value))
                cell.addElement(element)
                row.addElement(cell)
            table.addElement(row)
        self.document.text.addElement(table)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.write(buffer)
        return buffer.getvalue()


def _odt_case(out: _Writer, number: int, case) -> None:
    out.heading(1, f"{number}. {case.title}")
    if case.year:
        out.para(case.year)
    for org in case.organisations:
        out.heading(2, org["name"])
        out.table([_("Profile at the time of the case"), ""], [list(r) for r in org["profile"]])
    out.heading(2, _("Summary"))
    out.para(case.summary)
    for _key, name, text in case.sections:
        out.heading(2, name)
        out.para(text)
    if case.missing_themes:
        out.para(
            _("Themes without a text in this case") + ": " + ", ".join(case.missing_themes),
            "Opmerking",
        )
    if case.outcomes:
        out.heading(2, _("Outcomes"))
        out.table(
            [_("What is measured"), _("Value"), _("Kind"), _("Period")],
            [
                [
                    o["measure"],
                    f"{o['value']} {o['unit']} ({o['direction']})",
                    o["kind_label"],
                    o["period"],
                ]
                for o in case.outcomes
            ],
        )
    if case.lessons:
        out.heading(2, _("Lessons"))
        out.items([f"{lesson['kind']}: {lesson['text']}" for lesson in case.lessons])
    out.heading(2, _("Sources"))
    out.items(case.sources, "Bron") if case.sources else out.para(
        _("No sources recorded."), "Opmerking"
    )


def _odt_analysis(out: _Writer, book: BookContent) -> None:
    out.heading(1, _("Cross-case analysis"))
    for theme in book.analysis:
        out.heading(2, theme.name)
        if not theme.shared and not theme.distinct:
            out.para(_("Too few cases wrote about this theme to compare them."), "Opmerking")
        for label, statements in (
            (_("What the cases share"), theme.shared),
            (_("Where they differ"), theme.distinct),
        ):
            if statements:
                out.heading(3, label)
            for statement in statements:
                out.para(f"“{statement.text}”")
                out.items(
                    [f"{s.case_title} ({s.field}): “{s.passage}”" for s in statement.sources],
                    "Bron",
                )


def to_odt(book: BookContent, *, created: str) -> bytes:
    out = _Writer()
    title = P(stylename=out.styles["Titel"])
    addTextToElement(title, book.title)
    out.document.text.addElement(title)
    out.para(_("Theme set") + f": {book.theme_set}")
    out.para(created)
    out.heading(1, _("Introduction"))
    out.para(
        _(
            "The cross-case analysis then shows per theme what the cases share and where they "
            "differ. Every statement is a sentence taken from a case's own text and names the "
            "cases and passages it comes from."
        )
    )
    out.items([case.title for case in book.cases])
    for number, case in enumerate(book.cases, 1):
        _odt_case(out, number, case)
    _odt_analysis(out, book)
    out.heading(1, _("Comparison of profiles and outcomes"))
    out.table(
        [_("Case"), _("Organisation"), _("Profile"), _("Outcomes")],
        [[r["title"], r["organisation"], r["profile"], r["outcomes"]] for r in book.comparison],
    )
    out.heading(1, _("Innovations by kind"))
    for kind, items in book.innovations:
        out.heading(2, kind)
        out.items([f"{title}: {text}" for title, text in items])
    return out.bytes()
