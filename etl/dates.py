"""Date parsing for the forms real exports use ("Sept. 29, 2025", "March 3, 2019", ISO).

Exports repeat the same few thousand dates across many rows, so :func:`parse_dates` parses each
distinct string once and maps the results back: a 100,000-row file costs a few thousand parses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime

import pandas as pd

_FULL_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# Every spelling from the 3-letter abbreviation to the full name ("sep", "sept", "september"),
# but not any word that merely shares the first three letters ("marching").
_MONTH_SPELLINGS = {
    name[:length]: number
    for number, name in enumerate(_FULL_NAMES, start=1)
    for length in range(3, len(name) + 1)
}
# "Sept. 29, 2025", "March 3, 2019", "Oct 7 2025", "7 Oct 2025"
_MONTH_FIRST = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$")
# ISO date, optionally with a time ("2025-10-07", "2025-10-07 14:22:00", "2025-10-07T14:22Z")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")

EXPECTED_FORMS = "'Oct. 7, 2025', 'March 3, 2019' or '2025-10-07'"
# The years a workout can be dated in: beyond them a date is a typo or a placeholder (9999), and
# the tools downstream (pandas' timestamps end in 2262) could not hold it anyway.
FIRST_YEAR, LAST_YEAR = 1900, 2100


class DateFormatError(ValueError):
    """A date string in none of the supported forms, or naming a day that does not exist."""


def parse_date(text: str) -> date:
    """Parse one export date; raises :class:`DateFormatError` with the reason."""
    value = text.strip()
    if not value:
        raise DateFormatError("the date is blank")
    if m := _ISO.match(value):
        return _make(int(m[1]), int(m[2]), int(m[3]), value)
    if m := _MONTH_FIRST.match(value):
        return _make(int(m[3]), _month(m[1], value), int(m[2]), value)
    if m := _DAY_FIRST.match(value):
        return _make(int(m[3]), _month(m[2], value), int(m[1]), value)
    raise DateFormatError(f"'{value}' is not a date in a known form (expected {EXPECTED_FORMS})")


def utc_now() -> datetime:
    """The time now in UTC without its zone, as the store keeps every time."""
    return datetime.now(UTC).replace(tzinfo=None)


class DateMemo:
    """Date strings already parsed, with the reason of each that failed: a file read in chunks
    parses each distinct string once, not once per chunk."""

    def __init__(self) -> None:
        self.parsed: dict[str, datetime | None] = {}
        self.errors: dict[str, str] = {}


def parse_dates(
    values: Iterable[str], memo: DateMemo | None = None
) -> tuple[pd.Series, dict[str, str]]:
    """Parse many date strings at once (each distinct one once; ``memo`` keeps them for the
    next call).

    Returns the dates as a ``datetime64`` Series (NaT where a value failed) and a mapping from each
    failing string to the reason, so the caller can report it row by row.
    """
    series = pd.Series(list(values), dtype=object)
    memo = memo if memo is not None else DateMemo()
    parsed, errors = memo.parsed, memo.errors
    for text in series.dropna().unique():
        if text in parsed:
            continue
        try:
            parsed[text] = datetime.combine(parse_date(text), datetime.min.time())
        except DateFormatError as exc:
            parsed[text] = None
            errors[text] = str(exc)
    return pd.to_datetime(series.map(parsed)), errors


def _month(name: str, original: str) -> int:
    month = _MONTH_SPELLINGS.get(name.lower())
    if month is None:
        raise DateFormatError(f"'{original}' has an unknown month name '{name}'")
    return month


def _make(year: int, month: int, day: int, original: str) -> date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateFormatError(
            f"'{original}' is outside the years {FIRST_YEAR}-{LAST_YEAR} a workout can be dated in"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise DateFormatError(f"'{original}' names a day that does not exist") from None
