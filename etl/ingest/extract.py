"""Extract: read an export's bytes, refuse what is not a readable text file, decode it.

Refusals happen before anything touches the database, so a refused file changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from etl.errors import EmptyFile, FileTooLarge, NotText, NotUtf8, RefusedFile

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


def read_path(path: str | Path, *, max_bytes: int) -> RawFile:
    """Read a file from disk, refusing a missing or too-large one before reading it whole."""
    p = Path(path)
    if not p.is_file():
        raise RefusedFile(p.name, "no such file", f"(looked for {p})")
    size = p.stat().st_size
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
        raise EmptyFile(raw.name, "the file is empty.", "Export your workout history again.")
    head = raw.data[:8192]
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            raise NotText(raw.name, f"this is {what}, not a workout export.", _CSV_HINT)
    if b"\x00" in head:
        raise NotText(raw.name, "this is a binary file, not a workout export.", _CSV_HINT)
    try:
        return raw.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.data.count(b"\n", 0, exc.start) + 1
        raise NotUtf8(
            raw.name,
            f"the file is not UTF-8 text (byte 0x{raw.data[exc.start]:02x} on line {line}).",
            "Save or export it as UTF-8 CSV and send it again.",
        ) from None


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


def megabytes(size: int) -> str:
    """A size as people read it: "50 MB", "0.3 MB", "12 KB"."""
    if size < 102_400:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1048576:.1f}".removesuffix(".0") + " MB"
