"""Storing a parsed file: one batch per file, written in one transaction that is tried again
when a concurrent import got in the way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.db.engine import write_transaction
from etl.db.owners import bump_data_version, ensure_owner
from etl.errors import StorageError
from etl.ingest.load import Loaded, Progress, load
from etl.ingest.parse import Parsed
from etl.report import IngestReport, issues_json

# Imports of one owner are serialised by a lock on the owner, but a first import racing to create
# the owner can still lose (duplicate key, or a deadlock on MySQL): try the transaction again.
_ATTEMPTS = 3
_RETRYABLE_MYSQL_ERRORS = {1062, 1213, 1205}  # duplicate key, deadlock, lock wait timeout
T = TypeVar("T")


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
            conn,
            parsed,
            owner_id=ensure_owner(conn, owner_key, owner_name or owner_key),
            owner_key=owner_key,
            name=name,
            digest=digest,
            started=started,
            progress=progress,
        ),
    )


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
    ``batch_name`` (default ``name``), and report it; see :func:`etl.ingest.load.load` for links."""
    batch = batch_record(batch_name or name, digest[0], digest[1], parsed, started)
    loaded = load(
        conn,
        parsed.shaped,
        owner_id=owner_id,
        source=parsed.detected.name,
        batch=batch,
        tracks=parsed.detected.tracks,
        links=links,
        progress=progress,
    )
    bump_data_version(conn, owner_id)
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
