"""Extract: read an export's bytes, refuse what is not a readable text file, decode it.

Refusals happen before anything touches the database, so a refused file changes nothing.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from etl.errors import EmptyFile, FileTooLarge, NotText, NotUtf8, RefusedFile
from etl.limits import megabytes

# Magic numbers of files people drop by mistake, with what they probably are.
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (or an Excel .xlsx workbook)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel/Office document"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"SQLite format 3", "an SQLite database"),
)


@dataclass(frozen=True)
class RawFile:
    """An export as received: its name, bytes and fingerprint."""

    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)


def safe_name(name: str) -> str:
    """A received file's name to save it under: its last part only, so it cannot lead out of
    the folder it is saved in ("upload" when nothing usable is left)."""
    base = Path(name.replace("\\", "/")).name
    return base if base not in {"", ".", ".."} else "upload"


def regular_file(path: str | Path) -> os.stat_result:
    """The file's status when ``path`` is a regular file (a link to one is followed); anything
    else is refused by its type before a byte is read: a device such as /dev/zero never ends,
    a FIFO or socket may never answer."""
    p = Path(path)
    try:
        status = p.stat()
    except FileNotFoundError:
        raise RefusedFile(p.name, "no such file", f"(looked for {p})") from None
    except OSError as exc:
        raise RefusedFile(p.name, f"the file cannot be opened ({exc.strerror}).") from None
    if not stat.S_ISREG(status.st_mode):
        kind = next((k for test, k in _KINDS if test(status.st_mode)), "not a regular file")
        raise RefusedFile(p.name, f"this is {kind}, not an export file.", f"(looked at {p})")
    return status


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def read_path(path: str | Path, *, max_bytes: int) -> RawFile:
    """Read a file from disk, refusing anything but a regular file within ``max_bytes`` before
    reading it whole."""
    p = Path(path)
    size = regular_file(p).st_size
    if size > max_bytes:
        raise too_large(p.name, size, max_bytes)
    return RawFile(name=p.name, data=p.read_bytes())


def decode(raw: RawFile, *, max_bytes: int) -> str:
    """Check the bytes are a UTF-8 text file within the size limit and return the text.

    A byte-order mark is dropped; CRLF and CR line ends are left for the CSV reader, which
    handles them.
    """
    if raw.size > max_bytes:
        raise too_large(raw.name, raw.size, max_bytes)
    if not raw.data.strip():
        raise _empty(raw.name)
    wide = _text_kind(raw.name, raw.data[:8192])
    if wide is not None:
        return _decode_wide(raw, wide)
    try:
        return raw.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw.data.count(b"\n", 0, exc.start)
        raise _not_utf8(raw.name, raw.data, exc.start, before) from None


BLOCK_BYTES = 1 << 20  # read at a time when a text file is streamed


def text_blocks(stream: BinaryIO, *, name: str) -> Iterator[str]:
    """The text of a binary stream, decoded a block at a time, so a file of any size is read in
    the memory of one block; refused as :func:`decode` refuses it, as soon as the fault is read.

    A block may end inside a line (the CSV reader joins them). An undecodable byte is reported
    with its line, counted as it would be in the whole file.
    """
    head = stream.read(max(BLOCK_BYTES, 8192))  # enough to tell what the file is
    wide = _text_kind(name, head[:8192])
    decoder = codecs.getincrementaldecoder(wide or "utf-8-sig")("strict")
    block, offset, newlines, blank = head, 0, 0, True
    while block:
        pending = decoder.getstate()[0]  # bytes of a character split by the last block
        try:
            text = decoder.decode(block)
        except UnicodeDecodeError as exc:
            data = pending + block
            before = newlines + data.count(b"\n", 0, exc.start)
            if wide:
                where = offset - len(pending) + exc.start
                raise _not_wide(name, wide, where) from None
            raise _not_utf8(name, data, exc.start, before) from None
        if blank and text.strip():
            blank = False
        offset += len(block)
        newlines += block.count(b"\n")
        if text:
            yield text
        block = stream.read(BLOCK_BYTES)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:  # the file ends inside a character
        data = decoder.getstate()[0] or exc.object
        if wide:
            raise _not_wide(name, wide, offset - len(data) + exc.start) from None
        raise _not_utf8(name, data, exc.start, newlines) from None
    if blank:
        raise _empty(name)


def _text_kind(name: str, head: bytes) -> str | None:
    """Refuse a head that shows no text file (another file type, binary bytes); the wide
    Unicode codec the text is in, or None for UTF-8."""
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            raise NotText(name, f"this is {what}, not a workout export.", _CSV_HINT)
    wide = wide_encoding(head)
    if wide is None and b"\x00" in head:
        raise NotText(name, "this is a binary file, not a workout export.", _CSV_HINT)
    return wide


def _empty(name: str) -> EmptyFile:
    return EmptyFile(name, "the file is empty.", "Export your workout history again.")


def _not_utf8(name: str, data: bytes, start: int, newlines_before: int) -> NotUtf8:
    return NotUtf8(
        name,
        f"the file is not UTF-8 text (byte 0x{data[start]:02x} on line {newlines_before + 1}).",
        "Save or export it as UTF-8 CSV and send it again.",
    )


# Byte-order marks of the wide Unicode encodings, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 (with or without a byte-order mark) when the first bytes are such text:
    Excel and Windows tools save "Unicode text" that way. None for anything else."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    sample = head[: len(head) // 4 * 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    # Mostly ASCII text: the zero bytes fall in fixed places of each 2- or 4-byte unit.
    for codec, width, zero in (
        ("utf-32-le", 4, (1, 2, 3)),
        ("utf-32-be", 4, (0, 1, 2)),
        ("utf-16-le", 2, (1,)),
        ("utf-16-be", 2, (0,)),
    ):
        units = [sample[i : i + width] for i in range(0, len(sample), width)]
        if sum(all(u[z] == 0 for z in zero) and any(u) for u in units) >= 0.9 * len(units):
            return codec
    return None


def _decode_wide(raw: RawFile, codec: str) -> str:
    try:
        return raw.data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise _not_wide(raw.name, codec, exc.start) from None


def _not_wide(file_name: str, codec: str, where: int) -> NotUtf8:
    name = codec.upper().replace("-LE", "").replace("-BE", "")
    return NotUtf8(
        file_name,
        f"the file looks like {name} text but byte {where:,} cannot be read as {name}.",
        "Save or export it as UTF-8 CSV and send it again.",
    )


_CSV_HINT = (
    "Send an export as the app wrote it: MapMyRun, Strava or Garmin Connect CSV, GPX, TCX or FIT "
    "files, a Strava export ZIP or an Apple Health export."
)


def too_large(name: str, size: int, limit: int, hint: str = "") -> FileTooLarge:
    """The refusal of a file of ``size`` bytes over the ``limit``."""
    return FileTooLarge(
        name,
        f"the file is {megabytes(size)}, over the {megabytes(limit)} limit.",
        hint or "Split it into smaller exports or raise WORKOUTS_MAX_UPLOAD_MB.",
    )
