"""Small documents made in code, for tests and demos: PDF, DOCX and ODT without any tool.

``make_pdf`` writes a minimal but valid PDF (standard Helvetica font, WinAnsi text, optional
image pages and optional RC4 password protection after the PDF standard security handler,
revision 2). ``make_docx`` and ``make_odt`` write the few XML parts the parsers read, plus
what Word and LibreOffice need to open the file.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from html import escape

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = bytes.fromhex("0123456789abcdef0123456789abcdef")


# -- PDF ---------------------------------------------------------------------------------------


Line = str | tuple  # "text", or (text, size) / (text, size, "bold")


def make_pdf(
    pages: list[list[Line]],
    *,
    password: str | None = None,
    title: str = "",
    image_pages: bool = False,
    scanned: tuple[int, ...] = (),
    landscape: bool = False,
) -> bytes:
    """A PDF with one page per list of lines (12 pt, 14 pt apart, from the top left).
    A line may be ``(text, size)`` or ``(text, size, "bold")`` (Helvetica-Bold).
    ``image_pages`` draws a grey image on every page instead of text lines; ``scanned``
    does so only on those pages (0-based), as a scanned page among text pages would be.
    ``landscape`` makes A4 pages landscape (a slide deck)."""
    objects: list[bytes] = [
        b"",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    width, height = (842, 595) if landscape else (595, 842)
    kids = []
    for number, lines in enumerate(pages):
        image = image_pages or number in scanned
        content = _image_content() if image else _text_content(lines, height - 52)
        objects.append(_stream(b"", content))
        resources = b"/Font << /F1 3 0 R /F2 4 0 R >>"
        if image:
            objects.append(
                _stream(
                    b"/Type /XObject /Subtype /Image /Width 2 /Height 2 "
                    b"/ColorSpace /DeviceGray /BitsPerComponent 8",
                    b"\x40\x80\xc0\xff",
                )
            )
            resources += f" /XObject << /Im1 {len(objects)} 0 R >>".encode()
        content_ref = len(objects) - (1 if image else 0)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Resources << "
            f"{resources.decode()} >> /Contents {content_ref} 0 R >>".encode()
        )
        kids.append(f"{len(objects)} 0 R")
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    if title:
        objects.append(b"<< /Title (" + _pdf_string(title) + b") >>")
    return _write_pdf(objects, password, info=len(objects) if title else 0)


def _text_content(lines: list[Line], top: int = 790) -> bytes:
    ops = [f"BT /F1 12 Tf 14 TL 56 {top} Td".encode()]
    for line in lines:
        text, size, bold = (line, 12, False) if isinstance(line, str) else _styled(line)
        if (size, bold) != (12, False) or not isinstance(line, str):
            ops.append(f"/F{2 if bold else 1} {size} Tf {round(size * 1.2, 1)} TL".encode())
        ops.append(b"(" + _pdf_string(text) + b") Tj T*" if text else b"T*")
        if (size, bold) != (12, False):
            ops.append(b"/F1 12 Tf 14 TL")
    ops.append(b"ET")
    return b"\n".join(ops)


def _styled(line: tuple) -> tuple[str, float, bool]:
    text, size = line[0], line[1] if len(line) > 1 else 12
    return text, size, len(line) > 2 and line[2] == "bold"


def _image_content() -> bytes:
    return b"q 400 0 0 400 100 300 cm /Im1 Do Q"


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _stream(header: bytes, data: bytes) -> bytes:
    return b"<< " + header + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _write_pdf(objects: list[bytes], password: str | None, info: int) -> bytes:
    security = _Rc4Security(password) if password is not None else None
    bodies = [
        security.encrypt_object(n, body) if security else body for n, body in enumerate(objects, 1)
    ]
    trailer = f"/Root 1 0 R /ID [<{FILE_ID.hex()}><{FILE_ID.hex()}>]"
    if info:
        trailer += f" /Info {info} 0 R"
    if security:
        bodies.append(security.dictionary())
        trailer += f" /Encrypt {len(bodies)} 0 R"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        f"trailer\n<< /Size {len(bodies) + 1} {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


class _Rc4Security:
    """Standard security handler, revision 2 (40-bit RC4); owner password = user password."""

    PERMISSIONS = -44

    def __init__(self, password: str):
        padded = (password.encode("latin-1") + PAD)[:32]
        self.owner = _rc4(hashlib.md5(padded).digest()[:5], padded)
        seed = padded + self.owner + self.PERMISSIONS.to_bytes(4, "little", signed=True) + FILE_ID
        self.key = hashlib.md5(seed).digest()[:5]
        self.user = _rc4(self.key, PAD)

    def dictionary(self) -> bytes:
        return (
            f"<< /Filter /Standard /V 1 /R 2 /O <{self.owner.hex()}> /U <{self.user.hex()}> "
            f"/P {self.PERMISSIONS} >>"
        ).encode()

    def encrypt_object(self, number: int, body: bytes) -> bytes:
        if b"\nstream\n" not in body:
            return body  # only streams carry text here; dictionaries hold no strings to hide
        key = hashlib.md5(self.key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
        head, rest = body.split(b"\nstream\n", 1)
        data = rest.removesuffix(b"\nendstream")
        return head + b"\nstream\n" + _rc4(key, data) + b"\nendstream"


# -- DOCX and ODT ------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
DOCX_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="word/document.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""
DOCX_STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
</w:styles>"""


def make_docx(
    blocks: list[tuple[str, str]], *, title: str = "", extra: dict[str, bytes] | None = None
) -> bytes:
    """Blocks are (style, text): a style id such as "Kop1", "" for a plain paragraph,
    "list" for a numbered/bulleted item, "page" for a page break, "table" for a one-row table
    with the text's "|"-separated cells."""
    body = "".join(_docx_block(style, text) for style, text in blocks)
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    parts = {
        "[Content_Types].xml": DOCX_TYPES,
        "_rels/.rels": DOCX_RELS,
        "word/document.xml": document,
        "word/styles.xml": DOCX_STYLES,
    }
    if title:
        parts["docProps/core.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.'
            'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org'
            f'/dc/elements/1.1/"><dc:title>{escape(title)}</dc:title></cp:coreProperties>'
        )
    return zip_package({**{k: v.encode() for k, v in parts.items()}, **(extra or {})})


def _docx_block(style: str, text: str) -> str:
    if style == "page":
        return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    if style == "table":
        cells = "".join(f"<w:tc>{_docx_block('', cell)}</w:tc>" for cell in text.split("|"))
        return f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>"
    props = ""
    if style == "list":
        props = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    elif style:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def make_odt(blocks: list[tuple[str, str]], *, title: str = "") -> bytes:
    """Blocks are (kind, text): "h1".."h6", "p", "li" (a one-item list), "page" (a soft page
    break), "note" (a paragraph with a footnote whose text is the part after "|")."""
    body = "".join(_odt_block(kind, text) for kind, text in blocks)
    return odt_package(body, title=title)


def odt_package(body: str, *, title: str = "", namespaces: str = ODT_NS) -> bytes:
    """An ODT file around ``body`` (the XML inside ``<office:text>``), with its title."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {namespaces}>'
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {namespaces}>'
        f"<office:meta><dc:title>{escape(title)}</dc:title></office:meta>"
        "</office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:'
        'oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'text"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    return zip_package(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": content.encode(),
            "meta.xml": meta.encode(),
            "META-INF/manifest.xml": manifest.encode(),
        }
    )


def _odt_block(kind: str, text: str) -> str:
    if kind == "page":
        return "<text:soft-page-break/>"
    if kind.startswith("h"):
        return f'<text:h text:outline-level="{kind[1:]}">{escape(text)}</text:h>'
    if kind == "li":
        item = f"<text:list-item><text:p>{escape(text)}</text:p></text:list-item>"
        return f"<text:list>{item}</text:list>"
    if kind == "note":
        main, note = text.split("|", 1)
        return (
            f'<text:p>{escape(main)}<text:note text:note-class="footnote"><text:note-citation>'
            f"1</text:note-citation><text:note-body><text:p>{escape(note)}</text:p>"
            "</text:note-body></text:note></text:p>"
        )
    return f"<text:p>{escape(text).replace('  ', ' <text:s/>')}</text:p>"


def zip_package(parts: dict[str, bytes]) -> bytes:
    """A zip (DOCX, ODT) with "mimetype" stored first and uncompressed, fixed timestamps,
    so the same parts always give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
