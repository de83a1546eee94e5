"""How much of any input is read, and for how long: the bounds every reader keeps *while* it
reads, so that no file, however it was made, takes the machine's memory or time.

Sizes an upload may have are settings (``WORKOUTS_MAX_UPLOAD_MB``, ``WORKOUTS_MAX_ARCHIVE_MB``,
``WORKOUTS_MAX_INFLATED_MB``), as is the time one file may take (``WORKOUTS_MAX_SECONDS``). The
shapes a real export never comes near are fixed here: a line of a CSV, its columns and cells,
the XML read between two element boundaries, how many elements a document has and how deep
they nest. Passing a limit refuses
the file (or, for one row, rejects that row) with a message naming the limit; nothing is written.

The time limit is kept per thread (a context variable): the entry point starts the clock for
each file with :func:`time_limit` and every reader calls :func:`check_time` as it goes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from etl.errors import RefusedFile

MAX_LINE_CHARS = 1 << 20  # one physical line of a CSV: the longest real notes are a few KB
MAX_CELL_CHARS = 1 << 20  # one CSV field, quoted line breaks included
MAX_COLUMNS = 1_000  # the widest real export (Strava) has about 90
MAX_XML_RUN = 4 << 20  # XML bytes read without an element starting or ending (text, a tag)
MAX_XML_DEPTH = 64  # real exports nest 4 (Apple Health) to 10 (TCX) elements deep
MAX_XML_ELEMENTS = 2_000_000  # a 50 MB TCX has about 1.2 million; each costs ~100 B of tree
DEFAULT_SECONDS = 300.0
TIME_HINT = "Split it into smaller exports, or raise WORKOUTS_MAX_SECONDS."


class TooSlow(RefusedFile):
    """Reading the file took longer than its time limit."""


class OverLimit(RefusedFile):
    """The file holds something larger, wider or deeper than any export has."""


@dataclass(frozen=True)
class _Clock:
    file_name: str
    seconds: float
    deadline: float


_clock: ContextVar[_Clock | None] = ContextVar("workouts_time_limit", default=None)


@contextmanager
def time_limit(file_name: str, seconds: float) -> Iterator[None]:
    """Start the clock for reading one file: :func:`check_time` refuses it once ``seconds``
    have passed. Nested files (the members of an archive) get a clock of their own."""
    token = _clock.set(_Clock(file_name, seconds, time.monotonic() + seconds))
    try:
        yield
    finally:
        _clock.reset(token)


def check_time() -> None:
    """Refuse the file being read when its time is up (a no-op outside :func:`time_limit`)."""
    clock = _clock.get()
    if clock is not None and time.monotonic() > clock.deadline:
        raise TooSlow(
            clock.file_name,
            f"reading it took longer than the {clock.seconds:g} s limit (WORKOUTS_MAX_SECONDS).",
            TIME_HINT,
        )


def over_limit(file_name: str, what: str, hint: str = "") -> OverLimit:
    """The refusal of a file holding ``what`` (which says the limit it passed)."""
    return OverLimit(file_name, what, hint or "Send the file as the app exported it.")


def megabytes(size: int) -> str:
    """A size as people read it: "50 MB", "0.3 MB", "12 KB"."""
    if size < 102_400:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1048576:.1f}".removesuffix(".0") + " MB"
