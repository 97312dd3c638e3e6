"""Decoding uploaded text: UTF-8, UTF-8/UTF-16 with BOM, UTF-16 without BOM, else Windows-1252.

Order of the checks:

1. a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. UTF-16 without BOM is recognised by its NUL bytes: ASCII-heavy text in UTF-16 has a NUL
   in every other byte, on the odd positions for little-endian, the even ones for big-endian;
3. text that is valid UTF-8 is UTF-8 (any other encoding of Dutch text with accents is
   practically never valid UTF-8);
4. otherwise charset-normalizer guesses. Its guess is kept when it names a non-Western
   encoding it is sure of; Western single-byte guesses (Latin-1, Latin-9, cp1250, Mac Roman...)
   become Windows-1252, the encoding Dutch offices actually produce, which agrees with
   Latin-1 on all letters and adds the curly quotes, dashes and the euro sign.

Binary data (control characters other than tab, newline, form feed and carriage return in more
than 1% of the decoded sample) is rejected as ``None``.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "mac_roman", "cp850", "cp437", "ascii"}
ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}
SAMPLE = 64 * 1024


def sniff_encoding(data: bytes) -> tuple[str, int]:
    """The encoding of ``data`` and the length of its BOM (0 when there is none)."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom)
    utf16 = _utf16_by_nuls(data[:SAMPLE])
    if utf16:
        return utf16, 0
    try:
        data.decode("utf-8")
        return "utf-8", 0
    except UnicodeDecodeError:
        return _guess_single_byte(data), 0


def _utf16_by_nuls(sample: bytes) -> str | None:
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    if odd_nuls > 0.4 * pairs and even_nuls < 0.05 * pairs:
        return "utf-16-le"
    if even_nuls > 0.4 * pairs and odd_nuls < 0.05 * pairs:
        return "utf-16-be"
    return None


def _guess_single_byte(data: bytes) -> str:
    best = from_bytes(data[: SAMPLE * 4]).best()
    if best is None or best.encoding in WESTERN:
        return "cp1252"
    return best.encoding


def looks_binary(text: str) -> bool:
    sample = text[:SAMPLE]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch < " " and ch not in ALLOWED_CONTROLS)
    return controls > 0.01 * len(sample) or "\x00" in sample


def decode_text(data: bytes) -> str | None:
    """The text in ``data``, or None when it is binary rather than text."""
    encoding, skip = sniff_encoding(data)
    text = data[skip:].decode(encoding, errors="replace")
    if looks_binary(text):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
