"""Splitting CSV text into a header and rows, keeping each row's line number for reports.

The csv module (not pandas) reads the text because notes may hold quoted line breaks: only the
reader's own line counter gives the line a person sees in an editor. Everything is bounded as it
is read (:mod:`etl.limits`): a line too long or a cell too large rejects its row, a header too
wide or too long refuses the file, and a quote left open is reported with every line it took.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections import deque
from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd

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


class CsvTable:
    """A CSV file's header, its well-formed rows and their first line numbers, and the rows it
    rejected. The cells are held row by row or column by column, whichever the reader made, and
    given either way."""

    def __init__(
        self,
        *,
        header: list[str],
        lines: list[int],
        rejected: list[RowIssue],
        rows: list[list[str]] | None = None,
        columns: list[list[str]] | None = None,
    ) -> None:
        self.header = header
        self.lines = lines
        self.rejected = rejected
        self._rows = rows
        self._columns = columns

    @property
    def rows(self) -> list[list[str]]:
        """The cells, a list a row."""
        if self._rows is None:
            self._rows = [list(row) for row in zip(*self._columns)] if self.lines else []
        return self._rows

    def columns(self) -> list[list[str]]:
        """The cells, a list a column (of the header's width)."""
        if self._columns is None:
            rows = self._rows
            self._columns = [list(c) for c in zip(*rows)] if rows else [[] for _ in self.header]
        return self._columns


class _Lines:
    """The physical lines of text read block by block, each too long one handed on blank (and
    remembered), so the csv module never holds more than a line's limit and the line count
    stays true. Lines end as the csv module reads them: at LF, CRLF or a lone CR."""

    def __init__(self, blocks: Iterable[str]) -> None:
        self._blocks = blocks
        self.count = 0  # the number of the last line handed out
        self.long: dict[int, int] = {}  # line number -> its length
        self._made = 0  # lines split from the blocks so far
        self._groups = self._read()
        self._buffer: list[str] = []  # the lines of the last block, handed out from _at
        self._at = 0
        self._again: deque[str] = deque()  # lines handed back, to hand out again

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self._again:
            self.count += 1
            return self._again.popleft()
        while self._at >= len(self._buffer):
            self._buffer, self._at = next(self._groups), 0
        self._at += 1
        self.count += 1
        return self._buffer[self._at - 1]

    def take(self, n: int) -> list[str]:
        """The next ``n`` lines (fewer at the end), sliced a block at a time."""
        taken: list[str] = []
        while self._again and len(taken) < n:
            taken.append(self._again.popleft())
        self.count += len(taken)
        while len(taken) < n:
            if self._at >= len(self._buffer):
                group = next(self._groups, None)
                if group is None:
                    break
                self._buffer, self._at = group, 0
                continue
            k = min(n - len(taken), len(self._buffer) - self._at)
            taken += self._buffer[self._at : self._at + k]
            self._at += k
            self.count += k
        return taken

    def hand_back(self, lines: list[str]) -> None:
        """Give lines just taken back, to be read again from the first."""
        self._again.extendleft(reversed(lines))
        self.count -= len(lines)

    def _read(self) -> Iterator[list[str]]:
        """The lines of each block, a list a block."""
        pieces: list[str] = []  # a line begun in earlier blocks, not yet ended
        pending = 0  # its length so far
        overflow = 0  # the length read so far of a too-long line whose text was let go
        for block in self._blocks:
            if "\n" not in block and "\r" not in block:  # the line goes on
                pieces.append(block)
                pending += len(block)
                if overflow + pending > MAX_LINE_CHARS:  # only its length is kept
                    overflow, pieces, pending = overflow + pending, [], 0
                continue
            lines = io.StringIO("".join(pieces) + block, newline="").readlines()
            pieces, pending = [], 0
            # A last line without LF may go on in the next block (a CR may be half a CRLF).
            if not lines[-1].endswith("\n"):
                carry = lines.pop()
                pieces, pending = [carry], len(carry)
            if overflow or max(map(len, lines), default=0) > MAX_LINE_CHARS:
                lines = self._bounded(lines, overflow)
                overflow = 0
            self._made += len(lines)
            yield lines
            if pending > MAX_LINE_CHARS:
                overflow, pieces, pending = pending, [], 0
        if pieces or overflow:
            self._made += 1
            if overflow + pending > MAX_LINE_CHARS:
                self.long[self._made] = overflow + pending
                yield ["\n"]
            else:
                yield ["".join(pieces)]

    def _bounded(self, lines: list[str], overflow: int) -> list[str]:
        """The lines with each one over the limit blank (its length remembered); ``overflow``:
        the length of the first one's start, already let go."""
        bounded = []
        for i, line in enumerate(lines):
            size = len(line) + (overflow if i == 0 else 0)
            if size > MAX_LINE_CHARS:
                self.long[self._made + 1 + i] = size
                line = "\n"
            bounded.append(line)
        return bounded

    def skip_quoted(self) -> None:
        """Pass the lines of a quoted field the csv module gave up on, up to the one that
        closes it: read on their own they would be taken for rows."""
        for line in self:
            if line.count('"') % 2:
                return

    def long_between(self, first: int, last: int) -> tuple[int, int] | None:
        """The first too-long line from ``first`` to ``last``, with its length."""
        found = [n for n in self.long if first <= n <= last]
        return (min(found), self.long[min(found)]) if found else None


def read_table(text: str, *, file_name: str) -> CsvTable:
    """Split ``text`` into rows; a row that cannot be one (wrong field count, a line or cell
    over its limit, unreadable) is rejected with its line numbers, and the rest are kept."""
    return next(iter_tables([text], file_name=file_name, chunk_rows=None))


def iter_tables(
    blocks: Iterable[str], *, file_name: str, chunk_rows: int | None
) -> Iterator[CsvTable]:
    """Split text read block by block into tables of the rows of about ``chunk_rows`` lines
    (all in one when None), each with the file's header; the first is yielded even when the
    file has no rows.

    Rows are rejected and the file refused as :func:`read_table` says, chunk by chunk. A chunk
    of plain lines (no line break inside a quoted field, no line over its limit, every row of
    the header's width) is split by pandas' C parser; any other goes to the csv module, which
    says what is wrong with each row.
    """
    lines = _Lines(blocks)
    reader = csv.reader(lines, strict=False)
    header = _header(reader, lines, file_name)
    if not chunk_rows:
        yield _records(header, reader, lines, until=None)
        return
    yielded = False
    while True:
        check_time()
        first = lines.count + 1
        batch = lines.take(chunk_rows)
        if not batch:
            break
        table = _plain(header, batch, first, lines)
        if table is None:
            lines.hand_back(batch)
            table = _records(header, reader, lines, until=first + len(batch) - 1)
        yielded = True
        yield table
    if not yielded:
        yield CsvTable(header=header, rows=[], lines=[], rejected=[])


def _records(header: list[str], reader, lines: _Lines, *, until: int | None) -> CsvTable:
    """The rows the csv module reads up to line ``until`` (the record running on past it
    included) or to the end, each well-formed or rejected with its lines."""
    width = len(header)
    rows: list[list[str]] = []
    starts: list[int] = []
    rejected: list[RowIssue] = []
    start = lines.count + 1
    while until is None or lines.count < until:
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
        long = lines.long_between(start, end) if lines.long else None
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


_END = "\x1e"  # a field added at the end of every line: it shows where each row's fields end


def _plain(header: list[str], batch: list[str], first: int, lines: _Lines) -> CsvTable | None:
    """The rows of ``batch`` (lines from ``first``) split by pandas' C parser, column by
    column, when every line is one well-formed row or blank; None when any is not (the csv
    module then reads them, and says why)."""
    last = first + len(batch) - 1
    if lines.long and lines.long_between(first, last):
        return None
    text = "".join(batch)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    if _END in text:
        return None
    if not text.endswith("\n"):
        text += "\n"
    width = len(header)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a row wider than the header only warns
            frame = pd.read_csv(
                io.StringIO(text.replace("\n", "," + _END + "\n")),
                header=None,
                names=range(width + 1),
                index_col=False,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                engine="c",
                low_memory=False,
            )
    except (ValueError, Warning):  # pandas' ParserError is a ValueError
        return None
    if len(frame) != len(batch):  # a quoted field ran over a line break
        return None
    columns = [frame[i].to_numpy(dtype=object) for i in range(width)]
    complete = frame[width].to_numpy(dtype=object) == _END
    # The csv module skips a record whose fields are all blank; the first field settles most.
    said = np.array([bool(v) and not v.isspace() for v in columns[0]], dtype=bool)
    for i in np.flatnonzero(~said):
        fields = [c[i] for c in columns]
        said[i] = bool("".join(f for f in fields if f != _END).strip())
    if not complete[said].all():  # a row narrower than the header
        return None
    numbers = np.arange(first, last + 1)[said]
    return CsvTable(
        header=header,
        lines=numbers.tolist(),
        rejected=[],
        columns=[c[said].tolist() for c in columns],
    )


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
