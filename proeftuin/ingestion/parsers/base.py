"""The parser registry, the parser signature and the Dutch messages for bad input."""

from __future__ import annotations

from typing import Protocol

from proeftuin.core.registry import Registry
from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.types import IngestionError, ParsedDocument


class Parser(Protocol):
    def __call__(self, data: bytes, *, limits: Limits) -> ParsedDocument: ...


PARSERS: Registry[Parser] = Registry("parsers")

MESSAGES = {
    "empty_file": "Het bestand is leeg.",
    "no_text": "Er staat geen tekst in dit document.",
    "too_large": "Het bestand is te groot ({size}); de grens is {limit}.",
    "too_many_pages": "Het document heeft {pages} pagina's; de grens is {limit} pagina's.",
    "too_many_characters": "Het document bevat te veel tekst ({chars} tekens; de grens is "
    "{limit}).",
    "unknown_format": "Dit bestandstype wordt niet herkend. Upload een PDF, Word-bestand (.docx), "
    "OpenDocument-tekst (.odt), webpagina (.html) of tekstbestand.",
    "not_expected_format": "Het bestand heet {filename}, maar de inhoud is geen {expected}. "
    "Mogelijk is het beschadigd of onvolledig.",
    "unsupported_format": "Dit bestandstype ({kind}) wordt niet ondersteund. Sla het op als PDF, "
    ".docx of .odt en probeer het opnieuw.",
    "corrupt_pdf": "De PDF is beschadigd en kan niet worden gelezen.",
    "encrypted_pdf": "De PDF is beveiligd met een wachtwoord. Verwijder de beveiliging en "
    "probeer het opnieuw.",
    "scanned_pdf": "De PDF bevat geen tekst, alleen afbeeldingen (waarschijnlijk een scan). "
    "Gebruik een PDF met tekstlaag of laat er eerst tekstherkenning (OCR) op los.",
    "corrupt_zip": "Het bestand is beschadigd: het zip-archief binnenin kan niet worden gelezen.",
    "zip_bomb": "Het bestand pakt uit tot een onredelijk grote hoeveelheid gegevens en wordt "
    "daarom niet verwerkt.",
    "corrupt_document": "Het document is beschadigd: de inhoud kan niet worden gelezen.",
    "binary_text": "Het bestand lijkt geen tekst te bevatten maar binaire gegevens.",
}


def fail(code: str, message_key: str = "", **values: object) -> IngestionError:
    """An IngestionError with the Dutch message for ``code`` (or for ``message_key``, a more
    specific wording of the same error); use as ``raise fail(...)``."""
    return IngestionError(code, MESSAGES[message_key or code].format(**values))


def human_size(n: int) -> str:
    """Sizes the way a Dutch user reads them: '1,5 MB', '300 kB', '12 bytes'."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if n >= factor:
            return f"{n / factor:.1f} {unit}".replace(".", ",")
    return f"{n} bytes"


def check_chars(pages: list[str], limits: Limits) -> None:
    chars = sum(len(p) for p in pages)
    if chars > limits.max_chars:
        raise fail(
            "too_many_characters",
            chars=f"{chars:,}".replace(",", "."),
            limit=f"{limits.max_chars:,}".replace(",", "."),
        )


def require_text(pages: list[str]) -> None:
    if not any(p.strip() for p in pages):
        raise fail("no_text")
