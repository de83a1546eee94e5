"""The one ingest path every caller uses (CLI, Slack upload, Lambda): extract -> detect ->
validate -> transform -> load, in one transaction, recorded as one batch per file read.

A file is recognised from its content: a ZIP (or gzip) is opened here and read file by file by
:mod:`etl.ingest.archive.reader`; an Apple Health export is read as a stream; anything else is
parsed whole (:mod:`etl.ingest.parse`) and stored (:mod:`etl.ingest.store`).
"""

from __future__ import annotations

import gc
import hashlib
import io
import zipfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.engine import Engine

from etl.dates import utc_now
from etl.errors import RefusedFile
from etl.formats import apple_health, fit
from etl.ingest.archive import layout as archive
from etl.ingest.archive.reader import DEFAULT_INFLATED, ingest_zip
from etl.ingest.extract import RawFile, read_path, regular_file, too_large, wide_encoding
from etl.ingest.load import Progress
from etl.ingest.parse import parse, shape
from etl.ingest.store import store
from etl.ingest.stream import TextFile, ingest_text
from etl.limits import DEFAULT_SECONDS, time_limit
from etl.report import IngestReport


def ingest_path(engine: Engine, path: str | Path, **options) -> IngestReport:
    """Ingest the export at ``path``; see :func:`ingest_file` for the options.

    ZIP archives and Apple Health exports are read from the disk as streams, so their size is
    not limited by ``max_bytes`` (each file inside a ZIP still is, but for ``export.xml``).
    """
    p = Path(path)
    head = _head(p)
    if head.startswith(archive.ZIP_MAGIC):
        with _open_zip(p, p.name) as zf:
            return ingest_zip(engine, zf, name=p.name, digest=_file_digest(p), **options)
    if apple_health.looks_like(head):
        with p.open("rb") as stream:
            return ingest_stream(engine, stream, name=p.name, digest=_file_digest(p), **options)
    if is_plain_table(head):
        size = regular_file(p).st_size
        if size > options["max_bytes"]:
            raise too_large(p.name, size, options["max_bytes"])
        return _ingest_text(engine, lambda: p.open("rb"), p.name, _file_digest(p), **options)
    return ingest_file(engine, read_path(p, max_bytes=options["max_bytes"]), **options)


def ingest_file(
    engine: Engine,
    raw: RawFile,
    *,
    owner_key: str,
    owner_name: str = "",
    max_bytes: int,
    max_seconds: float = DEFAULT_SECONDS,
    max_inflated_bytes: int = DEFAULT_INFLATED,
    today: date | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest one export for one owner and report what happened.

    Raises :class:`RefusedFile` (nothing stored) for a file that cannot be used at all, and
    :class:`StorageError` when the database fails (nothing stored either). A ZIP's files are read
    one by one: a file that cannot be read is listed in the report and the rest are stored.
    Reading one file may take ``max_seconds`` (each file of a ZIP alone); a ZIP or gzip may
    unpack to ``max_inflated_bytes`` in all.
    """
    if raw.data.startswith(archive.ZIP_MAGIC):
        zf = _open_zip(io.BytesIO(raw.data), raw.name)
        return ingest_zip(
            engine,
            zf,
            name=raw.name,
            digest=(raw.sha256, raw.size),
            owner_key=owner_key,
            owner_name=owner_name,
            max_bytes=max_bytes,
            max_seconds=max_seconds,
            max_inflated_bytes=max_inflated_bytes,
            today=today,
            progress=progress,
        )
    if raw.data.startswith(archive.GZIP_MAGIC):
        plain = archive.gunzip(raw.data, name=raw.name, max_bytes=max_bytes)
        raw = RawFile(archive.plain_name(raw.name), plain)
    if is_plain_table(raw.data[: apple_health.HEAD_BYTES]):
        if raw.size > max_bytes:
            raise too_large(raw.name, raw.size, max_bytes)
        return _ingest_text(
            engine,
            lambda: io.BytesIO(raw.data),
            raw.name,
            (raw.sha256, raw.size),
            owner_key=owner_key,
            owner_name=owner_name,
            max_seconds=max_seconds,
            today=today,
            progress=progress,
        )
    started = utc_now()
    with _quiet_gc():
        with time_limit(raw.name, max_seconds):
            parsed = parse(raw, max_bytes=max_bytes, today=today or date.today())
        return store(
            engine,
            parsed,
            name=raw.name,
            digest=(raw.sha256, raw.size),
            owner_key=owner_key,
            owner_name=owner_name,
            started=started,
            progress=progress,
        )


def is_plain_table(head: bytes) -> bool:
    """Whether a file beginning with ``head`` is read as a stream of CSV rows
    (:mod:`etl.ingest.stream`): UTF-8 text that is no XML document (GPX, TCX, Apple Health) and
    no FIT file, ZIP or gzip. Anything else is read whole, and refused there when it is no
    export."""
    if head.startswith((*archive.ZIP_MAGIC, archive.GZIP_MAGIC)) or fit.looks_like(head):
        return False
    if wide_encoding(head[:8192]) is not None:
        return False
    return not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _ingest_text(engine, opener, name: str, digest, **options) -> IngestReport:
    source = TextFile(
        open=opener,
        name=name,
        digest=digest,
        owner_key=options["owner_key"],
        owner_name=options.get("owner_name") or "",
        max_seconds=options.get("max_seconds") or DEFAULT_SECONDS,
        today=options.get("today") or date.today(),
    )
    with _quiet_gc():
        return ingest_text(engine, source, progress=options.get("progress"))


def ingest_stream(engine: Engine, stream: BinaryIO, *, name: str, digest, **options):
    """Ingest an Apple Health ``export.xml`` read as a stream (it can be gigabytes)."""
    started = utc_now()
    today = options.get("today") or date.today()
    with time_limit(name, options.get("max_seconds") or DEFAULT_SECONDS):
        detected = apple_health.read_stream(stream, file_name=name)
        parsed = shape(detected, [], name=name, today=today)
    return store(
        engine,
        parsed,
        name=name,
        digest=digest,
        owner_key=options["owner_key"],
        owner_name=options.get("owner_name") or "",
        started=started,
    )


@contextmanager
def _quiet_gc():
    """Pause the cyclic garbage collector: parsing makes millions of short-lived objects (and no
    cycles), and the collector's repeated scans of them cost a good part of the parse."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _head(path: Path) -> bytes:
    regular_file(path)
    with path.open("rb") as stream:
        return stream.read(apple_health.HEAD_BYTES)


def _file_digest(path: Path) -> tuple[str, int]:
    """The file's SHA-256 and size, read in chunks (exports can be gigabytes)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest(), path.stat().st_size


def _open_zip(source, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise RefusedFile(name, f"the ZIP archive is damaged or cut short ({exc}).") from None
