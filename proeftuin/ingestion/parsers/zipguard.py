"""Reading members of a DOCX or ODT container without being blown up by a zip bomb.

Before anything is inflated, the central directory is checked: the number of members, the
declared uncompressed size of the whole archive, and the declared ratio of every member above
``Limits.ratio_floor``. Declared sizes can lie, so members are then inflated in chunks and the
actual sizes are counted against the same limits: reading stops at the first chunk that goes
over, long before the full size is in memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.parsers.base import fail

CHUNK = 64 * 1024


class SafeZip:
    """A zip archive whose members are read with size and ratio limits."""

    def __init__(self, data: bytes, limits: Limits):
        self.limits = limits
        self.inflated = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise fail("corrupt_zip") from exc
        self._check_directory(infos)
        self.names = {info.filename for info in infos}

    def _check_directory(self, infos: list[zipfile.ZipInfo]) -> None:
        limits = self.limits
        if len(infos) > limits.max_zip_members:
            raise fail("zip_bomb")
        if sum(info.file_size for info in infos) > limits.max_unzipped_bytes:
            raise fail("zip_bomb")
        for info in infos:
            if _ratio_too_high(info.file_size, info.compress_size, limits):
                raise fail("zip_bomb")

    def read(self, name: str) -> bytes:
        """The member's bytes, inflated chunk by chunk under the limits."""
        try:
            info = self.zip.getinfo(name)
            with self.zip.open(info) as fh:
                return self._read_capped(fh, info)
        except KeyError as exc:
            raise fail("corrupt_document") from exc
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            raise fail("corrupt_zip") from exc

    def _read_capped(self, fh: io.BufferedIOBase, info: zipfile.ZipInfo) -> bytes:
        parts: list[bytes] = []
        size = 0
        while chunk := fh.read(CHUNK):
            size += len(chunk)
            self.inflated += len(chunk)
            if self.inflated > self.limits.max_unzipped_bytes or size > info.file_size:
                raise fail("zip_bomb")
            if _ratio_too_high(size, info.compress_size, self.limits):
                raise fail("zip_bomb")
            parts.append(chunk)
        return b"".join(parts)

    def read_xml(self, name: str) -> Element:
        """The member parsed as XML, with entity expansion and external references refused."""
        data = self.read(name)
        try:
            return fromstring(data)
        except (DefusedXmlException, SyntaxError, ValueError) as exc:
            raise fail("corrupt_document") from exc

    def read_optional_xml(self, name: str) -> Element | None:
        return self.read_xml(name) if name in self.names else None


def _ratio_too_high(size: int, compressed: int, limits: Limits) -> bool:
    if size < limits.ratio_floor:
        return False
    return size > limits.max_zip_ratio * max(compressed, 1)
