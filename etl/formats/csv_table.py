"""Splitting CSV text into a header and rows, keeping each row's line number for reports.

The csv module (not pandas) reads the text because notes may hold quoted line breaks: only the
reader's own line counter gives the line a person sees in an editor.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from etl.errors import EmptyFile, NotText
from etl.report import RowIssue


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header, its well-formed rows and their first line numbers."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    rejected: list[RowIssue]


def read_table(text: str, *, file_name: str) -> CsvTable:
    """Split ``text`` into rows; rows whose field count differs from the header are rejected."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    try:
        header = _first_nonblank(reader)
        if header is None:
            raise EmptyFile(file_name, "the file has no header line.", "Export it again.")
        width = len(header)
        rows: list[list[str]] = []
        lines: list[int] = []
        rejected: list[RowIssue] = []
        start = reader.line_num + 1
        for record in reader:
            if "".join(record).strip():
                if len(record) == width:
                    rows.append(record)
                    lines.append(start)
                else:
                    rejected.append(_wrong_width(start, len(record), width))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise NotText(
            file_name, f"line {reader.line_num + 1} cannot be read as CSV ({exc}).", ""
        ) from None
    return CsvTable(header=header, rows=rows, lines=lines, rejected=rejected)


def _first_nonblank(reader) -> list[str] | None:
    for record in reader:
        if "".join(record).strip():
            return record
    return None


def _wrong_width(line: int, found: int, expected: int) -> RowIssue:
    return RowIssue(
        line=line,
        code="wrong_field_count",
        message=f"has {found} fields where the header has {expected}",
    )
