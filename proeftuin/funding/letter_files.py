"""A decision letter as files: PDF (reportlab, its standard fonts: no network and no system
libraries) and ODT (odfpy). Both take the letter's subject, date line and plain text body;
nothing in the text is interpreted as markup."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TextProperties
from odf.teletype import addTextToElement
from odf.text import H, P
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer


def paragraphs(body: str) -> list[str]:
    """The body's paragraphs (separated by an empty line), each with its own line breaks."""
    blocks = [block.strip("\n") for block in body.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block.strip()]


def to_pdf(*, subject: str, heading: str, body: str, author: str = "") -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2.5 * cm,
        bottomMargin=2.5 * cm,
        title=subject,
        author=author,
        lang="nl",
    )
    styles = getSampleStyleSheet()
    story = [Paragraph(escape(heading), styles["Normal"]), Spacer(1, 0.6 * cm)]
    story += [Paragraph(escape(subject), styles["Heading2"]), Spacer(1, 0.4 * cm)]
    for block in paragraphs(body):
        text = "<br/>".join(escape(line) for line in block.split("\n"))
        story += [Paragraph(text, styles["BodyText"]), Spacer(1, 0.25 * cm)]
    document.build(story)
    return buffer.getvalue()


def to_odt(*, subject: str, heading: str, body: str) -> bytes:
    document = OpenDocumentText()
    body_style = Style(name="Brief", family="paragraph")
    body_style.addElement(ParagraphProperties(marginbottom="0.25cm"))
    body_style.addElement(TextProperties(fontsize="11pt"))
    title_style = Style(name="Onderwerp", family="paragraph")
    title_style.addElement(TextProperties(fontsize="14pt", fontweight="bold"))
    document.styles.addElement(body_style)
    document.styles.addElement(title_style)
    date = P(stylename=body_style)
    addTextToElement(date, heading)
    document.text.addElement(date)
    title = H(outlinelevel=1, stylename=title_style)
    addTextToElement(title, subject)
    document.text.addElement(title)
    for block in paragraphs(body):
        paragraph = P(stylename=body_style)
        addTextToElement(paragraph, block)
        document.text.addElement(paragraph)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
