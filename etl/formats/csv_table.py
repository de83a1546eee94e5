"""Splitting CSV text into a header and rows, keeping each row's line number for reports.

The csv module (not pandas) reads the text because notes may hold quoted line breaks: only the
reader's own line counter gives the line a person sees in an editor. Everything is bounded as it
is read (:mod:`etl.limits`): a line too long or a cell too large rejects its row, a header too
wide or too long refuses the file, and a quote left open is reported with every line it took.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from etl.errors import EmptyFile
from etl.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_LINE_CHARS,
    check_time,
    megabytes,
    over_limit,
)
from etl.report import RowIssue

csv.field_size_limit(MAX_CELL_CHARS)
_TIME_EVERY = 4096  # rows between two looks at the clock


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header, its well-formed rows and their first line numbers."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    rejected: list[RowIssue]


class _Lines:
    """The text's physical lines, each too long one handed on blank (and remembered), so the
    csv module never holds more than a line's limit and the line count stays true."""

    def __init__(self, text: str) -> None:
        self._source = io.StringIO(text, newline="")
        self.count = 0
        self.long: dict[int, int] = {}  # line number -> its length

    def __iter__(self) -> Iterator[str]:
        for line in self._source:
            self.count += 1
            if len(line) > MAX_LINE_CHARS:
                self.long[self.count] = len(line)
                yield "\n"
            else:
                yield line

    def skip_quoted(self) -> None:
        """Pass the lines of a quoted field the csv module gave up on, up to the one that
        closes it: read on their own they would be taken for rows."""
        for line in self._source:
            self.count += 1
            if line.count('"') % 2:
                return

    def long_between(self, first: int, last: int) -> tuple[int, int] | None:
        """The first too-long line from ``first`` to ``last``, with its length."""
        found = [n for n in self.long if first <= n <= last]
        return (min(found), self.long[min(found)]) if found else None


def read_table(text: str, *, file_name: str) -> CsvTable:
    """Split ``text`` into rows; a row that cannot be one (wrong field count, a line or cell
    over its limit, unreadable) is rejected with its line numbers, and the rest are kept."""
    lines = _Lines(text)
    reader = csv.reader(lines, strict=False)
    header = _header(reader, lines, file_name)
    width = len(header)
    rows: list[list[str]] = []
    starts: list[int] = []
    rejected: list[RowIssue] = []
    start = lines.count + 1
    while True:
        if len(rows) % _TIME_EVERY == 0:
            check_time()
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                lines.skip_quoted()
            rejected.append(_unreadable(start, lines.count, exc))
            start = lines.count + 1
            continue
        end = lines.count
        long = lines.long_between(start, end)
        if long is not None:
            rejected.append(_too_long(start, *long))
        elif "".join(record).strip():
            if len(record) == width:
                rows.append(record)
                starts.append(start)
            else:
                rejected.append(_wrong_width(start, end, len(record), width))
        start = end + 1
    return CsvTable(header=header, rows=rows, lines=starts, rejected=rejected)


def _header(reader, lines: _Lines, file_name: str) -> list[str]:
    """The first non-blank record; a header line too long or too wide refuses the file."""
    try:
        header = next((r for r in reader if "".join(r).strip()), None)
    except csv.Error as exc:
        raise over_limit(file_name, f"the header cannot be read as CSV ({exc}).") from None
    long = lines.long_between(1, lines.count)
    if long is not None:
        line, size = long
        raise over_limit(
            file_name,
            f"line {line} is {megabytes(size)} long, over the {megabytes(MAX_LINE_CHARS)} "
            "a line of an export may take, before any header.",
        )
    if header is None:
        raise EmptyFile(file_name, "the file has no header line.", "Export it again.")
    if len(header) > MAX_COLUMNS:
        raise over_limit(
            file_name,
            f"the header has {len(header):,} columns, over the {MAX_COLUMNS:,} an export may have.",
        )
    return header


def _wrong_width(line: int, last: int, found: int, expected: int) -> RowIssue:
    message = f"has {found} fields where the header has {expected}"
    if last > line:  # the record ran on: a quote left open took the lines after it
        taken = f"line {last}" if last == line + 1 else f"lines {line + 1}-{last}"
        message += f" (a quote left open on line {line} took {taken} into this row)"
    return RowIssue(line=line, code="wrong_field_count", message=message)


def _too_long(line: int, long_line: int, size: int) -> RowIssue:
    return RowIssue(
        line=line,
        code="line_too_long",
        message=f"line {long_line} is {megabytes(size)} long, over the "
        f"{megabytes(MAX_LINE_CHARS)} a line may take",
    )


def _unreadable(line: int, last: int, exc: csv.Error) -> RowIssue:
    where = f" (lines {line}-{last})" if last > line else ""
    reason = str(exc)
    if "field larger than field limit" in reason:
        reason = f"a field is over the {megabytes(MAX_CELL_CHARS)} a cell may take"
    return RowIssue(
        line=line, code="unreadable_row", message=f"cannot be read as CSV{where}: {reason}"
    )
