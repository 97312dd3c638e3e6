"""Bad input: every case ends in an IngestionError with a stable code and a Dutch message,
or, for odd but valid text encodings, in correctly decoded text."""

from __future__ import annotations

import io
import random
import struct
import zipfile

import pytest

from proeftuin.ingestion.limits import DEFAULT_LIMITS, Limits
from proeftuin.ingestion.parsers import parse_bytes
from proeftuin.ingestion.parsers.samples import make_docx, make_odt, make_pdf
from proeftuin.ingestion.types import IngestionError

DUTCH_WORDS = ("het", "de", "een", "is", "niet", "geen", "wordt", "bestand", "pagina", "PDF")


def refused(data: bytes, filename: str = "", limits: Limits | None = None) -> IngestionError:
    with pytest.raises(IngestionError) as info:
        parse_bytes(data, filename, limits)
    error = info.value
    assert error.message and error.message == str(error)
    assert error.message[0].isupper() and error.message.endswith(".")
    assert any(f" {word} " in f" {error.message} " for word in DUTCH_WORDS), error.message
    return error


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\n"])
def test_empty_file(data):
    assert refused(data, "leeg.pdf").code == "empty_file"


def test_binary_garbage_named_pdf():
    garbage = random.Random(7).randbytes(4096)
    error = refused(garbage, "rapport.pdf")
    assert error.code == "unknown_format"
    assert "rapport.pdf" in error.message and "geen PDF" in error.message


def test_binary_garbage_without_a_name():
    assert refused(random.Random(8).randbytes(2048)).code == "unknown_format"


def test_truncated_pdf():
    data = make_pdf([["Een pagina tekst."]] * 3)
    assert refused(data[: len(data) // 3], "rapport.pdf").code == "corrupt_pdf"


def test_password_protected_pdf():
    error = refused(make_pdf([["Vertrouwelijk."]], password="geheim"), "geheim.pdf")
    assert error.code == "encrypted_pdf"
    assert "wachtwoord" in error.message


def test_scanned_pdf_without_text():
    error = refused(make_pdf([[], [], []], image_pages=True), "scan.pdf")
    assert error.code == "scanned_pdf"
    assert "OCR" in error.message


def test_pdf_without_text_or_images():
    assert refused(make_pdf([[], []])).code == "no_text"


def test_pdf_over_the_page_limit():
    data = make_pdf([[f"Pagina {n}."] for n in range(1, 61)])
    error = refused(data, "dik.pdf", Limits(max_pages=50))
    assert error.code == "too_many_pages"
    assert "60" in error.message and "50" in error.message
    assert len(parse_bytes(data, limits=Limits(max_pages=60)).pages) == 60


def test_file_over_the_byte_limit():
    error = refused(b"Tekst. " * 200, "groot.txt", Limits(max_bytes=1000))
    assert error.code == "too_large"
    assert "1.000 bytes" not in error.message and "bytes" in error.message


def test_text_over_the_character_limit():
    data = make_pdf([["x" * 80] * 10] * 3)
    assert refused(data, limits=Limits(max_chars=1000)).code == "too_many_characters"


def zip_bomb_docx(size: int) -> bytes:
    """A valid DOCX with one highly compressible member of ``size`` bytes."""
    return make_docx([("", "Onschuldig.")], extra={"word/media/image1.bin": bytes(size)})


def test_docx_zip_bomb_by_ratio_with_default_limits():
    data = zip_bomb_docx(20 * 1024 * 1024)
    assert len(data) < 100_000
    assert refused(data, "bom.docx").code == "zip_bomb"


def test_docx_zip_bomb_by_total_size():
    limits = Limits(max_unzipped_bytes=1_000_000, max_zip_ratio=10_000)
    assert refused(zip_bomb_docx(2_000_000), "bom.docx", limits).code == "zip_bomb"


def test_docx_zip_bomb_with_lying_sizes():
    """Local header and central directory claim 1 kB; the data inflates to 5 MB."""
    data = bytearray(make_docx([], extra={"word/document.xml": b"<x/>" + bytes(5_000_000)}))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 1000)
    struct.pack_into("<I", data, _central_entry(data, archive.start_dir, info.filename) + 24, 1000)
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(info.filename).file_size == 1000
    assert refused(bytes(data), "bom.docx").code in {"zip_bomb", "corrupt_zip"}


def _central_entry(data: bytearray, offset: int, name: str) -> int:
    while data[offset : offset + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, offset + 28)
        if data[offset + 46 : offset + 46 + name_length].decode() == name:
            return offset
        offset += 46 + name_length + extra_length + comment_length
    raise AssertionError(name)


def test_docx_with_too_many_members():
    extra = {f"word/media/{n}.xml": b"x" for n in range(30)}
    limits = Limits(max_zip_members=20)
    assert refused(make_docx([("", "x")], extra=extra), "veel.docx", limits).code == "zip_bomb"


def test_docx_with_an_xml_entity_bomb():
    document = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w>&b;</w>'
    )
    data = make_docx([], extra={"word/document.xml": document})
    assert refused(data, "lach.docx").code == "corrupt_document"


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_corrupt_zip(cut):
    data = make_docx([("", "Een alinea tekst.")] * 20)
    assert refused(data[: int(len(data) * cut)], "kapot.docx").code == "corrupt_zip"


def test_zip_with_garbage_after_the_signature():
    assert refused(b"PK\x03\x04" + bytes(range(256)) * 4, "kapot.odt").code == "corrupt_zip"


def test_zip_that_is_no_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("foto.jpg", b"\xff\xd8\xff" + bytes(100))
    assert refused(buffer.getvalue(), "map.zip").code == "unsupported_format"


def test_old_word_document():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)
    error = refused(data, "oud.doc")
    assert error.code == "unsupported_format"
    assert "Word" in error.message


def test_odt_without_content():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert refused(buffer.getvalue(), "leeg.odt").code == "corrupt_document"


def test_utf16_text_is_decoded_not_refused():
    text = "Verslag van de werkconferentie.\nDeelnemers: 120 ambtenaren, één verslag.\n"
    for data in (text.encode("utf-16"), text.encode("utf-16-le"), text.encode("utf-16-be")):
        assert parse_bytes(data, "verslag.txt").pages == [text]


def test_windows_1252_text_is_decoded_not_refused():
    text = "Het café kostte € 5 – “redelijk”, zei de coördinator. Ook ‘ruïne’ en naïef.\n"
    assert parse_bytes(text.encode("cp1252"), "notitie.txt").pages == [text]


def test_default_limits_are_documented_and_sane():
    assert DEFAULT_LIMITS.max_bytes == 100 * 1024 * 1024
    assert DEFAULT_LIMITS.max_pages == 2000
    assert DEFAULT_LIMITS.max_zip_ratio >= 50
    assert DEFAULT_LIMITS.max_unzipped_bytes > DEFAULT_LIMITS.max_bytes


def test_valid_small_documents_pass_with_tight_limits():
    limits = Limits(max_bytes=50_000, max_pages=2, max_unzipped_bytes=100_000, max_chars=1000)
    assert parse_bytes(make_odt([("p", "Klein.")]), limits=limits).pages == ["Klein."]
    assert parse_bytes(make_docx([("", "Klein.")]), limits=limits).pages == ["Klein."]
