"""A CSV export read, checked and stored a chunk of rows at a time, in its one transaction.

The memory an ingest takes is then that of one chunk, whatever the file's size: the text is
decoded block by block (:func:`etl.ingest.extract.text_blocks`), split into tables of
:data:`CHUNK_ROWS` rows (:func:`etl.formats.csv_table.iter_tables`), and each table goes through
the same read, validate, transform and load as a whole file. What spans the file (ids repeated,
look-alike rows, dates already parsed, ids already stored) is kept compactly between chunks
(:mod:`etl.ingest.seen`). Rows whose ids are stored already are set aside before they are
validated: a file sent again costs little more than reading it.

Only formats whose rows read alone stream (``ROWS_STAND_ALONE``); a format that infers its unit
from all the rows (Strava's and Garmin's CSV) is read whole, as before. A refusal found in a
later chunk (the file is cut short, a byte is not UTF-8, nothing usable, time is up) rolls the
transaction back: a refused file still changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import BinaryIO

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl import formats
from etl.dates import DateMemo, parse_dates, utc_now
from etl.db.owners import bump_data_version, ensure_owner
from etl.formats.base import Detected
from etl.formats.csv_table import CsvTable, iter_tables
from etl.ingest.extract import text_blocks
from etl.ingest.load import Loaded, Progress, StoredIds, Target, close_batch, load_rows, open_batch
from etl.ingest.parse import refuse_if_nothing_usable, shape
from etl.ingest.seen import Seen
from etl.ingest.store import atomically, load_parsed
from etl.ingest.transform import DERIVED, IDENTITY, identify, transform
from etl.ingest.validate import validate
from etl.limits import time_limit
from etl.report import IngestReport, RowIssue, issues_json

CHUNK_ROWS = 20_000  # rows read, checked and written at a time
Opener = Callable[[], AbstractContextManager[BinaryIO]]


@dataclass(frozen=True)
class TextFile:
    """A text export to read as a stream: how to open it, its name, digest and size, and the
    limits and owner of its ingest."""

    open: Opener
    name: str
    digest: tuple[str, int]
    owner_key: str
    owner_name: str
    max_seconds: float
    today: date


def ingest_text(engine: Engine, source: TextFile, *, progress: Progress | None = None):
    """Ingest a CSV (or any text export) read as a stream; see the module's docstring."""
    started = utc_now()
    return atomically(engine, lambda conn: _Streamed(conn, source, started, progress).run())


@dataclass
class _Streamed:
    """One streamed ingest in progress: the chunks read so far and what they added up to."""

    conn: sa.Connection
    source: TextFile
    started: datetime
    progress: Progress | None
    seen: Seen = field(default_factory=Seen)
    dates: DateMemo = field(default_factory=DateMemo)
    rows_read: int = 0
    rejected: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    first_date: date | None = None
    last_date: date | None = None

    def run(self) -> IngestReport:
        """Read, check and store every chunk, then close the batch and report."""
        source = self.source
        with time_limit(source.name, source.max_seconds), source.open() as stream:
            counted = _Counted(stream)
            tables = _tables(counted, source.name)
            first = next(tables)
            detected = formats.detect(first, file_name=source.name)
            owner_id = ensure_owner(
                self.conn, source.owner_key, source.owner_name or source.owner_key
            )
            if not formats.rows_stand_alone(detected.name):
                return self._whole(owner_id, [first, *tables])
            target = self._target(owner_id, detected)
            stored = StoredIds(self.conn, owner_id=owner_id, source=detected.name)
            total = Loaded(target.batch_id, 0, 0)
            reader = formats.table_format(detected.name)
            for table in _chained(first, tables):
                chunk = detected if table is first else reader.read(table)
                total += self._chunk(table, chunk, target, stored)
                if self.progress:
                    done = self.rows_read
                    estimate = round(done * source.digest[1] / max(counted.count, 1))
                    self.progress(done, max(done, estimate))
                first = None
        self.rejected.sort(key=lambda i: i.line)
        refuse_if_nothing_usable(source.name, self.rows_read, self.rejected)
        self.warnings.sort(key=lambda i: (i.line, i.code))
        close_batch(
            self.conn,
            total,
            rows_read=self.rows_read,
            rows_rejected=len(self.rejected),
            warnings=len(self.warnings),
            issues=issues_json(self.rejected, self.warnings),
            first_date=self.first_date,
            last_date=self.last_date,
        )
        bump_data_version(self.conn, owner_id)
        if self.progress:
            self.progress(self.rows_read, self.rows_read)
        return self._report(detected, total)

    def _whole(self, owner_id: int, tables: list[CsvTable]) -> IngestReport:
        """A file of a format read whole: its chunks joined into one table, shaped and loaded
        at once."""
        table = CsvTable(
            header=tables[0].header,
            rows=[row for t in tables for row in t.rows],
            lines=[line for t in tables for line in t.lines],
            rejected=[issue for t in tables for issue in t.rejected],
        )
        source = self.source
        detected = formats.detect(table, file_name=source.name)
        parsed = shape(detected, table.rejected, name=source.name, today=source.today)
        return load_parsed(
            self.conn,
            parsed,
            owner_id=owner_id,
            owner_key=source.owner_key,
            name=source.name,
            digest=source.digest,
            started=self.started,
            progress=self.progress,
        )

    def _target(self, owner_id: int, detected: Detected) -> Target:
        now = utc_now()
        batch = {
            "file_name": self.source.name[:255],
            "sha256": self.source.digest[0],
            "source": detected.name,
            "unit": detected.unit,
            "size_bytes": self.source.digest[1],
            "rows_read": 0,
            "rows_rejected": 0,
            "warnings": 0,
            "issues": "",
            "started_at": self.started,
        }
        batch_id = open_batch(self.conn, owner_id=owner_id, batch=batch, now=now)
        return Target(owner_id, detected.name, batch_id, now)

    def _chunk(self, table: CsvTable, detected: Detected, target: Target, stored) -> Loaded:
        """Store one chunk's rows; what it found is added to the file's."""
        frame = detected.frame
        self.rows_read += len(frame) + len(table.rejected)
        ids, derived = identify(frame, self.seen.occurrences)
        present = stored.contains(ids)
        self._dates_of(frame["workout_date"][present])
        already = Loaded(target.batch_id, 0, int(present.sum()))
        if present.all():  # a file sent again: nothing to check or write
            self.rejected += table.rejected
            return already
        frame = frame.assign(**{IDENTITY: ids, DERIVED: derived})[~present].reset_index(drop=True)
        validated = validate(
            frame, factors=detected.factors, today=self.source.today, memo=self.dates
        )
        shaped = transform(validated, self.seen)
        days = shaped.frame["workout_date"]
        if len(days):
            self._span(min(days), max(days))
        self.rejected += table.rejected + validated.rejected
        self.warnings += validated.warnings + shaped.warnings
        loaded = load_rows(self.conn, shaped, target, stored=None, tracks=detected.tracks)
        return loaded + already

    def _dates_of(self, texts: pd.Series) -> None:
        """Widen the file's span by the dates of rows set aside as stored already."""
        if not len(texts):
            return
        parsed, _ = parse_dates(texts.unique(), self.dates)
        parsed = parsed.dropna()
        if len(parsed):
            self._span(parsed.min().date(), parsed.max().date())

    def _span(self, low: date, high: date) -> None:
        self.first_date = low if self.first_date is None else min(self.first_date, low)
        self.last_date = high if self.last_date is None else max(self.last_date, high)

    def _report(self, detected: Detected, total: Loaded) -> IngestReport:
        return IngestReport(
            file_name=self.source.name,
            format=detected.label,
            unit=detected.unit,
            rows_read=self.rows_read,
            new=total.new,
            already_present=total.already_present,
            rejected=tuple(self.rejected),
            warnings=tuple(self.warnings),
            first_date=self.first_date,
            last_date=self.last_date,
            batch_id=total.batch_id,
            sha256=self.source.digest[0],
            owner=self.source.owner_key,
            notes=detected.notes,
            merged=total.merged,
            tracks=total.tracks,
            batch_ids=(total.batch_id,),
        )


def _tables(stream: BinaryIO, name: str) -> Iterator[CsvTable]:
    return iter_tables(text_blocks(stream, name=name), file_name=name, chunk_rows=CHUNK_ROWS)


def _chained(first: CsvTable, rest: Iterator[CsvTable]) -> Iterator[CsvTable]:
    yield first
    yield from rest


class _Counted:
    """A binary stream that counts the bytes read from it (for the progress estimate)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0

    def read(self, n: int = -1) -> bytes:
        data = self._stream.read(n)
        self.count += len(data)
        return data
