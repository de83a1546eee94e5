"""Everything short of the database: a file's bytes recognised, read, validated and shaped
into rows ready to load. Refusals happen here, before any write."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pandas as pd

from etl import formats
from etl.errors import EmptyFile, RefusedFile
from etl.formats import apple_health, fit
from etl.formats.base import Detected
from etl.formats.csv_table import read_table
from etl.ingest.extract import RawFile, decode
from etl.ingest.transform import Transformed, transform
from etl.ingest.validate import validate
from etl.report import RowIssue


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
    if apple_health.looks_like(raw.data[: apple_health.HEAD_BYTES]):
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
    refuse_if_nothing_usable(name, rows_read, rejected)
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


def refuse_if_nothing_usable(name: str, rows: int, rejected: list[RowIssue]) -> None:
    """Refuse a file with no rows, or whose every row was rejected (``rejected`` in line
    order: the first three are shown)."""
    if rows == 0:
        raise EmptyFile(name, "the file has a header but no workouts.", "Export it again.")
    if len(rejected) == rows:
        shown = "; ".join(f"line {i.line}: {i.message}" for i in rejected[:3])
        raise RefusedFile(name, f"none of the {rows} rows could be read ({shown}).", "")
