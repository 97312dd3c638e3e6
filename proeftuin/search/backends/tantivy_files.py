"""Checking a tantivy index folder before tantivy opens it.

tantivy maps its segment files into memory. A file that is shorter than tantivy expects
(truncated on disk, even after it was opened) kills the process with SIGBUS on the next
read, and a garbage ``meta.json`` or footer can make it panic. So nothing opens or searches
a folder that has not passed :func:`verify`, and every search first compares the files with
the sizes recorded then (:func:`unchanged`).

tantivy ends every file it writes with a footer: the JSON ``{"version": ..., "crc": N}``,
its length (u32, little endian) and the magic number 1337. ``crc`` is the CRC-32 (zlib's)
of everything before the footer, so a deep check recomputes tantivy's own checksum.
Segment files never change once written (deletes go to a new ``.del`` file), so a file
checked once is only checked again when its size or time changed.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

FOOTER_MAGIC = 1337
MAX_FOOTER = 4096
SEGMENT_PARTS = ("idx", "term", "store", "fieldnorm", "fast", "pos")
READ_CHUNK = 1 << 20


class IndexUnavailable(Exception):
    """The keyword index cannot be used: ``reason`` is ``missing`` or ``damaged``."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def damaged(detail: str) -> IndexUnavailable:
    return IndexUnavailable("damaged", detail)


@dataclass(frozen=True)
class Checked:
    """A folder that passed :func:`verify`: each file it needs with its size."""

    meta_stamp: tuple
    sizes: dict[str, int]


def stamp(path: Path) -> tuple | None:
    """Changes whenever the file is replaced or rewritten; ``None`` when it is missing."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def _meta(folder: Path, field_names: set[str]) -> dict:
    try:
        meta = json.loads((folder / "meta.json").read_bytes())
    except FileNotFoundError as exc:
        raise damaged("meta.json is missing") from exc
    except (OSError, ValueError) as exc:
        raise damaged(f"meta.json cannot be read: {exc}") from exc
    if not isinstance(meta, dict) or not isinstance(meta.get("segments"), list):
        raise damaged("meta.json has no list of segments")
    schema = meta.get("schema")
    fields = schema if isinstance(schema, list) else []
    names = {f.get("name") for f in fields if isinstance(f, dict)}
    if names != field_names:
        raise damaged("meta.json describes another schema")
    return meta


def _segment_files(segment) -> list[str]:
    if not isinstance(segment, dict) or not isinstance(segment.get("segment_id"), str):
        raise damaged("meta.json lists a segment without an id")
    stem = segment["segment_id"].replace("-", "")
    if len(stem) != 32 or not all(c in "0123456789abcdef" for c in stem):
        raise damaged("meta.json lists a segment with a malformed id")
    files = [f"{stem}.{part}" for part in SEGMENT_PARTS]
    deletes = segment.get("deletes")
    if deletes:
        files.append(f"{stem}.{int(deletes.get('opstamp', -1))}.del")
    return files


def _footer(handle, size: int) -> tuple[int, int]:
    """The CRC-32 the footer promises and the footer's length; checks the magic number
    and the footer's JSON."""
    if size < 8:
        raise damaged("file too short for a footer")
    handle.seek(size - 8)
    length, magic = struct.unpack("<II", handle.read(8))
    if magic != FOOTER_MAGIC or not 0 < length <= min(MAX_FOOTER, size - 8):
        raise damaged("footer missing (file truncated or overwritten)")
    handle.seek(size - 8 - length)
    try:
        footer = json.loads(handle.read(length))
        return int(footer["crc"]), length
    except (ValueError, KeyError, TypeError) as exc:
        raise damaged("footer unreadable") from exc


def _crc(handle, length: int) -> int:
    handle.seek(0)
    crc, left = 0, length
    while left > 0:
        chunk = handle.read(min(READ_CHUNK, left))
        if not chunk:
            raise damaged("file shorter than its footer says")
        crc = zlib.crc32(chunk, crc)
        left -= len(chunk)
    return crc


def _check_file(path: Path, deep: bool) -> int:
    """The size of one segment file after checking its footer (and checksum if ``deep``)."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            expected, length = _footer(handle, size)
            if deep and _crc(handle, size - 8 - length) != expected:
                raise damaged(f"checksum mismatch in {path.name}")
    except FileNotFoundError as exc:
        raise damaged(f"{path.name} is missing") from exc
    except IndexUnavailable as exc:
        raise damaged(f"{path.name}: {exc.detail}") from exc
    except OSError as exc:
        raise damaged(f"{path.name} cannot be read: {exc}") from exc
    return size


def verify(folder: Path, field_names: set[str], known: dict[tuple, bool] | None = None) -> Checked:
    """Check ``folder`` as tantivy will read it: meta.json, and every file of every segment
    it lists (footer and checksum). ``known`` remembers files already checked (by name,
    size and time) so that a reload after a commit only reads the new files."""
    known = {} if known is None else known
    meta_stamp = stamp(folder / "meta.json")
    meta = _meta(folder, field_names)
    sizes = {}
    for segment in meta["segments"]:
        for name in _segment_files(segment):
            path = folder / name
            if name.endswith(".pos") and not path.exists():
                continue  # only written when a field records positions
            key = (name, stamp(path))
            size = _check_file(path, deep=key not in known)
            known[key] = True
            sizes[name] = size
    return Checked(meta_stamp or (), sizes)


def unchanged(folder: Path, checked: Checked) -> bool:
    """Whether every checked file is still there with its size (a few ``stat`` calls)."""
    for name, size in checked.sizes.items():
        try:
            if (folder / name).stat().st_size != size:
                return False
        except OSError:
            return False
    return True
