"""The one ingest path every caller uses (CLI, Slack upload, Lambda): extract -> detect ->
validate -> transform -> load, in one transaction, recorded as one batch per file read.

A ZIP (or gzip) is opened here and read by :mod:`etl.archive_ingest`; a file is recognised from
its content: FIT by its binary signature, an Apple Health export by its root (read as a stream),
GPX and TCX by their XML root, CSV exports by their header.
"""

from __future__ import annotations

import gc
import hashlib
import io
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl import archive, formats
from etl.csv_table import read_table
from etl.db.engine import write_transaction
from etl.db.owners import ensure_owner
from etl.errors import EmptyFile, RefusedFile, StorageError
from etl.extract import RawFile, decode, read_path
from etl.formats import apple_health, fit
from etl.formats.base import Detected
from etl.load import Loaded, Progress, load
from etl.report import IngestReport, RowIssue, issues_json
from etl.transform import Transformed, transform
from etl.validate import validate

# Imports of one owner are serialised by a lock on the owner, but a first import racing to create
# the owner can still lose (duplicate key, or a deadlock on MySQL): try the transaction again.
_ATTEMPTS = 3
_RETRYABLE_MYSQL_ERRORS = {1062, 1213, 1205}  # duplicate key, deadlock, lock wait timeout
T = TypeVar("T")


def ingest_path(engine: Engine, path: str | Path, **options) -> IngestReport:
    """Ingest the export at ``path``; see :func:`ingest_file` for the options.

    ZIP archives and Apple Health exports are read from the disk as streams, so their size is
    not limited by ``max_bytes`` (each file inside a ZIP still is, but for ``export.xml``).
    """
    p = Path(path)
    head = _head(p)
    if head.startswith(archive.ZIP_MAGIC):
        from etl.archive_ingest import ingest_zip

        with _open_zip(p, p.name) as zf:
            return ingest_zip(engine, zf, name=p.name, digest=_file_digest(p), **options)
    if apple_health.looks_like(head):
        from etl.archive_ingest import ingest_stream

        with p.open("rb") as stream:
            return ingest_stream(engine, stream, name=p.name, digest=_file_digest(p), **options)
    return ingest_file(engine, read_path(p, max_bytes=options["max_bytes"]), **options)


def ingest_file(
    engine: Engine,
    raw: RawFile,
    *,
    owner_key: str,
    owner_name: str = "",
    max_bytes: int,
    today: date | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest one export for one owner and report what happened.

    Raises :class:`RefusedFile` (nothing stored) for a file that cannot be used at all, and
    :class:`StorageError` when the database fails (nothing stored either). A ZIP's files are read
    one by one: a file that cannot be read is listed in the report and the rest are stored.
    """
    if raw.data.startswith(archive.ZIP_MAGIC):
        from etl.archive_ingest import ingest_zip

        zf = _open_zip(io.BytesIO(raw.data), raw.name)
        return ingest_zip(engine, zf, name=raw.name, digest=(raw.sha256, raw.size),
                          owner_key=owner_key, owner_name=owner_name, max_bytes=max_bytes,
                          today=today, progress=progress)  # fmt: skip
    if raw.data.startswith(archive.GZIP_MAGIC):
        plain = archive.gunzip(raw.data, name=raw.name, max_bytes=max_bytes)
        raw = RawFile(archive.plain_name(raw.name), plain)
    started = datetime.now(UTC).replace(tzinfo=None)
    with _quiet_gc():
        parsed = parse(raw, max_bytes=max_bytes, today=today or date.today())
        return store(engine, parsed, name=raw.name, digest=(raw.sha256, raw.size),
                     owner_key=owner_key, owner_name=owner_name, started=started,
                     progress=progress)  # fmt: skip


def store(
    engine: Engine,
    parsed: Parsed,
    *,
    name: str,
    digest: tuple[str, int],
    owner_key: str,
    owner_name: str = "",
    started: datetime,
    progress: Progress | None = None,
) -> IngestReport:
    """Load one parsed file for its owner in one transaction (``digest``: its SHA-256 and
    size) and report what happened."""
    return atomically(
        engine,
        lambda conn: load_parsed(
            conn, parsed, owner_id=ensure_owner(conn, owner_key, owner_name or owner_key),
            owner_key=owner_key, name=name, digest=digest, started=started, progress=progress,
        ),
    )  # fmt: skip


def load_parsed(
    conn: sa.Connection,
    parsed: Parsed,
    *,
    owner_id: int,
    owner_key: str,
    name: str,
    digest: tuple[str, int],
    started: datetime,
    batch_name: str = "",
    links: dict[str, int] | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Load one parsed file on ``conn`` (the caller's transaction) as one batch, named
    ``batch_name`` (default ``name``), and report it; see :func:`etl.load.load` for links."""
    batch = batch_record(batch_name or name, digest[0], digest[1], parsed, started)
    loaded = load(conn, parsed.shaped, owner_id=owner_id, source=parsed.detected.name,
                  batch=batch, tracks=parsed.detected.tracks, links=links,
                  progress=progress)  # fmt: skip
    return _report_of(name, digest[0], owner_key, parsed, batch, loaded)


def _report_of(name, sha256, owner_key, parsed: Parsed, batch: dict, loaded: Loaded):
    """The report of one file's ingest."""
    return IngestReport(
        file_name=name,
        format=parsed.detected.label,
        unit=parsed.detected.unit,
        rows_read=parsed.rows_read,
        new=loaded.new,
        already_present=loaded.already_present,
        rejected=parsed.rejected,
        warnings=parsed.warnings,
        first_date=batch["first_date"],
        last_date=batch["last_date"],
        batch_id=loaded.batch_id,
        sha256=sha256,
        owner=owner_key,
        notes=parsed.detected.notes,
        merged=loaded.merged,
        tracks=loaded.tracks,
        batch_ids=(loaded.batch_id,),
    )


@dataclass(frozen=True)
class Parsed:
    """A file after extract, validate and transform: ready to load, with its issues."""

    detected: Detected
    rows_read: int
    shaped: Transformed
    rejected: tuple[RowIssue, ...]
    warnings: tuple[RowIssue, ...]


def parse(raw: RawFile, *, max_bytes: int, today: date) -> Parsed:
    """Everything short of the database: refusals happen here, before any write."""
    detected, unreadable = detect(raw, max_bytes=max_bytes)
    return shape(detected, unreadable, name=raw.name, today=today)


def detect(raw: RawFile, *, max_bytes: int) -> tuple[Detected, list[RowIssue]]:
    """The file read by the format its content shows, and the lines a CSV reader could not
    split; a file of no supported format is refused."""
    if fit.looks_like(raw.data):  # binary: recognised before the text checks refuse it
        return fit.read_bytes(raw.data, file_name=raw.name), []
    if apple_health.looks_like(raw.data[: archive.SNIFF_BYTES]):
        return apple_health.read_stream(io.BytesIO(raw.data), file_name=raw.name), []
    text = decode(raw, max_bytes=max_bytes)
    document = formats.read_document(text, file_name=raw.name)
    if document is not None:  # GPX or TCX: one workout per track or activity, no table
        return document, []
    table = read_table(text, file_name=raw.name)
    return formats.detect(table, file_name=raw.name), table.rejected


def shape(detected: Detected, unreadable: list[RowIssue], *, name: str, today: date) -> Parsed:
    """Validate and transform a recognised file's rows (``unreadable``: lines the CSV reader
    could not split); a file with nothing usable is refused."""
    validated = validate(detected.frame, factors=detected.factors, today=today)
    rows_read = len(detected.frame) + len(unreadable)
    rejected = sorted(unreadable + validated.rejected, key=lambda i: i.line)
    _refuse_if_nothing_usable(name, rows_read, rejected)
    shaped = transform(validated)
    warnings = sorted(validated.warnings + shaped.warnings, key=lambda i: (i.line, i.code))
    return Parsed(detected, rows_read, shaped, tuple(rejected), tuple(warnings))


def frame_of(raw: RawFile) -> pd.DataFrame:
    """The workouts frame a file would give once stored, without storing it (ids numbered in
    file order): for analytics on an export, its tests and benchmarks."""
    parsed = parse(raw, max_bytes=raw.size + 1, today=date(2200, 1, 1))  # no date is "future"
    frame = parsed.shaped.frame.copy()
    frame.insert(0, "id", range(1, len(frame) + 1))
    frame["workout_date"] = pd.to_datetime(frame["workout_date"])
    return frame


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


def batch_record(name: str, sha256: str, size: int, parsed: Parsed, started: datetime) -> dict:
    """The descriptive fields of a file's ingest batch record."""
    dates = parsed.shaped.frame["workout_date"]
    return {
        "file_name": name[:255],
        "sha256": sha256,
        "source": parsed.detected.name,
        "unit": parsed.detected.unit,
        "size_bytes": size,
        "rows_read": parsed.rows_read,
        "rows_rejected": len(parsed.rejected),
        "warnings": len(parsed.warnings),
        "issues": issues_json(parsed.rejected, parsed.warnings),
        "first_date": dates.min() if len(dates) else None,
        "last_date": dates.max() if len(dates) else None,
        "started_at": started,
    }


def atomically(engine: Engine, work: Callable[[sa.Connection], T]) -> T:
    """Run ``work`` in one write transaction, again when another transaction got in the way."""
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            with write_transaction(engine) as conn:
                return work(conn)
        except sa.exc.DBAPIError as exc:
            if not (_is_race(exc) and attempt < _ATTEMPTS):
                raise StorageError(_storage_message(exc)) from None
    raise AssertionError("unreachable")


def _is_race(exc: sa.exc.DBAPIError) -> bool:
    """Whether the error means another transaction got in the way (worth a retry)."""
    code = exc.orig.args[0] if exc.orig is not None and exc.orig.args else None
    if code in _RETRYABLE_MYSQL_ERRORS:
        return True
    text = str(exc.orig).lower()
    return "unique constraint" in text or "database is locked" in text


def _storage_message(exc: sa.exc.DBAPIError) -> str:
    if _is_race(exc):
        return (
            "another import of the same workouts ran at the same time; nothing was stored "
            "from this file. Send it again."
        )
    reason = str(exc.orig).splitlines()[0] if exc.orig else type(exc).__name__
    return f"the database refused the import ({reason}); nothing was stored."


def _head(path: Path) -> bytes:
    if not path.is_file():
        raise RefusedFile(path.name, "no such file", f"(looked for {path})")
    with path.open("rb") as stream:
        return stream.read(archive.SNIFF_BYTES)


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


def _refuse_if_nothing_usable(name: str, rows: int, rejected: list[RowIssue]) -> None:
    if rows == 0:
        raise EmptyFile(name, "the file has a header but no workouts.", "Export it again.")
    if len(rejected) == rows:
        shown = "; ".join(f"line {i.line}: {i.message}" for i in rejected[:3])
        raise RefusedFile(name, f"none of the {rows} rows could be read ({shown}).", "")
