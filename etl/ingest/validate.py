"""Validate: turn an export's text columns into typed SI values, flagging what cannot be true.

A row without a readable workout date cannot be placed in anyone's history and is rejected. Every
other problem (a sentinel such as 32767 calories, a zero or 54-year duration, a pace of 42 million
min/mi) is stored as missing with a warning naming the line, so the person's history keeps every
workout and nothing changes silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from etl.activities import DISTANCE_SPORTS, category_of
from etl.dates import FIRST_YEAR, LAST_YEAR, DateMemo, parse_dates
from etl.report import RowIssue


@dataclass(frozen=True)
class Bounds:
    """What a measured column may hold, in SI units; outside it a value is impossible."""

    label: str
    low: float
    high: float
    code: str
    sentinels: tuple[float, ...] = ()
    quality: bool = True  # an impossible value means the record is corrupt (see QUALITY_CODES)


# Zero means "unknown" in every measured column of real exports.
BOUNDS = {
    "calories": Bounds("Calories", 0, 20_000, "calories_absurd", (32767, 65535)),
    "distance": Bounds("Distance", 0, 1_000_000, "distance_absurd"),
    "duration": Bounds("Workout Time", 0, 2 * 86_400, "duration_absurd"),
    "avg_pace": Bounds("Avg Pace", 15, 36_000, "avg_pace_absurd"),
    "max_pace": Bounds("Max Pace", 15, 36_000, "max_pace_absurd"),
    "avg_speed": Bounds("Avg Speed", 0, 45, "avg_speed_absurd"),
    "max_speed": Bounds("Max Speed", 0, 45, "max_speed_absurd"),
    "avg_hr": Bounds("Avg Heart Rate", 25, 250, "heart_rate_absurd"),
    "steps": Bounds("Steps", 0, 500_000, "steps_absurd", (4_294_967_295,)),
    # Extras some formats carry; a bad one is dropped but says nothing about the workout's pace.
    "max_hr": Bounds("Max Heart Rate", 25, 250, "max_heart_rate_absurd", quality=False),
    "avg_cadence": Bounds("Cadence", 0, 300, "cadence_absurd", quality=False),
    "moving_time": Bounds("Moving Time", 0, 2 * 86_400, "moving_time_absurd", quality=False),
    "elevation_gain": Bounds("Elevation Gain", 0, 20_000, "elevation_gain_absurd", quality=False),
}


# Warnings that mean a value in the row could not be true: the workout is stored, flagged with
# them, and the classifier treats it as an outlier (a corrupt record says nothing about pace).
QUALITY_CODES = frozenset(
    {b.code for b in BOUNDS.values() if b.quality}
    | {f"{c}_sentinel" for c, b in BOUNDS.items() if b.sentinels}
    | {"duration_zero", "distance_zero", "avg_pace_recomputed", "not_a_number"}
)


@dataclass(frozen=True)
class Validated:
    """Typed rows (SI units, NaN for missing) with the rejections and warnings found.

    ``text`` holds the same kept rows as the file wrote them, aligned with ``frame``.
    """

    frame: pd.DataFrame
    text: pd.DataFrame
    rejected: list[RowIssue]
    warnings: list[RowIssue]


def validate(
    frame: pd.DataFrame,
    *,
    factors: dict[str, float],
    today: date,
    memo: DateMemo | None = None,
) -> Validated:
    """Check and type every row of a canonical frame of stripped text (see ``formats``).

    ``factors`` take each measured column to SI; ``today`` dates the future-date check;
    ``memo`` keeps the dates parsed by earlier chunks of the same file.
    """
    memo = memo if memo is not None else DateMemo()
    warnings: list[RowIssue] = []
    dates, date_errors = parse_dates(frame["workout_date"], memo)
    rejected = [
        RowIssue(int(line), "bad_workout_date", f"Workout Date: {date_errors.get(text, '')}")
        for line, text in zip(frame["line"][dates.isna()], frame["workout_date"][dates.isna()])
    ]
    keep = dates.notna().to_numpy()
    text = frame[keep].reset_index(drop=True)
    out = pd.DataFrame(
        {
            "line": text["line"].astype(int),
            "workout_date": dates[keep].dt.date.reset_index(drop=True),
        }
    )
    out["submitted_date"] = _submitted(text, warnings, memo)
    out["started_at"] = _started(text, warnings)
    out["activity_type"] = _activity_types(text, warnings)
    out["category"] = out["activity_type"].map(
        {t: category_of(t) for t in out["activity_type"].unique()}
    )
    for column in BOUNDS:
        out[column] = _measure(text, column, factors.get(column, 1.0), warnings)
    _zero_distance_warnings(text, out, warnings)
    _fix_pace(text, out, warnings)
    _future_warnings(out, dates[keep].reset_index(drop=True), today, warnings)
    out["notes"] = text["notes"].map(clean_note)
    out["source_app"] = text["source_app"].replace("", None)
    return Validated(frame=out, text=text, rejected=rejected, warnings=warnings)


def clean_note(value: str) -> str | None:
    """A note without exporter junk: ``b''`` is empty, ``b'text'`` is ``text``."""
    note = value.strip()
    if len(note) >= 3 and note[0] == "b" and note[1] == note[-1] and note[1] in "'\"":
        note = note[2:-1].strip()
    return note or None


def _measure(text: pd.DataFrame, column: str, factor: float, warnings: list[RowIssue]):
    raw = text[column]
    nonblank = _nonblank(raw)
    if not nonblank.any():  # a column the format lacks: nothing to parse or check
        return pd.Series(np.nan, index=raw.index)
    numbers = pd.to_numeric(raw, errors="coerce")
    bounds = BOUNDS[column]
    unreadable = numbers.isna() & nonblank
    _warn(
        warnings, text, raw, unreadable, "not_a_number", f"{bounds.label}: '{{}}' is not a number"
    )
    sentinel = numbers.isin(bounds.sentinels)
    _warn(
        warnings, text, raw, sentinel, f"{column}_sentinel", f"{bounds.label}: {{}} is a sentinel"
    )
    values = numbers * factor
    zero = values == 0
    absurd = ~sentinel & ~zero & ((values < bounds.low) | (values > bounds.high))
    if column != "avg_pace":  # an absurd average pace is recomputed below, not just dropped
        _warn(warnings, text, raw, absurd, bounds.code, f"{bounds.label}: {{}} is impossible")
    if column == "duration":
        _warn(warnings, text, raw, zero, "duration_zero", "Workout Time: 0 seconds")
    result = values.mask(sentinel | zero | unreadable)
    return result.mask(absurd) if column != "avg_pace" else result


def _fix_pace(text: pd.DataFrame, out: pd.DataFrame, warnings: list[RowIssue]) -> None:
    """Keep the file's average pace when possible, else derive it from distance and time."""
    bounds = BOUNDS["avg_pace"]
    pace = out["avg_pace"]
    absurd = pace.notna() & ((pace < bounds.low) | (pace > bounds.high))
    derived = out["duration"] / (out["distance"] / 1000.0)
    derivable = derived.notna() & np.isfinite(derived)
    raw = text["avg_pace"]
    _warn(
        warnings,
        text,
        raw,
        absurd & derivable,
        "avg_pace_recomputed",
        "Avg Pace: {} is impossible; recomputed from distance and time",
    )
    _warn(warnings, text, raw, absurd & ~derivable, "avg_pace_absurd", "Avg Pace: {} is impossible")
    pace = pace.mask(absurd)
    out["avg_pace"] = pace.fillna(derived.where(derivable))
    speed_from_pace = 1000.0 / out["avg_pace"]
    out["avg_speed"] = out["avg_speed"].fillna(speed_from_pace.where(speed_from_pace <= 45))


def _zero_distance_warnings(text: pd.DataFrame, out: pd.DataFrame, warnings: list[RowIssue]):
    raw = text["distance"]
    zero = (pd.to_numeric(raw, errors="coerce") == 0) & out["category"].isin(DISTANCE_SPORTS)
    _warn(warnings, text, raw, zero, "distance_zero", "Distance: 0 for a distance sport")


def _submitted(text: pd.DataFrame, warnings: list[RowIssue], memo: DateMemo) -> pd.Series:
    raw = text["submitted"]
    dates, _ = parse_dates(raw, memo)
    unreadable = dates.isna() & _nonblank(raw)
    _warn(warnings, text, raw, unreadable, "submitted_date_unreadable", "Date Submitted: '{}'")
    return dates.dt.date.astype(object).where(dates.notna(), None)


def _started(text: pd.DataFrame, warnings: list[RowIssue]) -> pd.Series:
    """Start times (ISO text from formats that have them, UTC, naive); None where unknown."""
    raw = text["started_at"]
    times = pd.to_datetime(raw.where(raw != ""), errors="coerce", format="ISO8601", utc=True)
    times = times.where(times.dt.year.between(FIRST_YEAR, LAST_YEAR))
    unreadable = times.isna() & _nonblank(raw)
    _warn(warnings, text, raw, unreadable, "start_time_unreadable", "start time '{}'")
    plain = times.dt.tz_localize(None)
    return plain.astype(object).where(plain.notna(), None)


def _activity_types(text: pd.DataFrame, warnings: list[RowIssue]) -> pd.Series:
    types = text["activity_type"]
    blank = ~_nonblank(types)
    _warn(warnings, text, types, blank, "no_activity_type", "Activity Type is blank")
    return types.mask(blank, "Unknown")


def _future_warnings(out, dates: pd.Series, today: date, warnings: list[RowIssue]) -> None:
    future = (dates > pd.Timestamp(today)).to_numpy()
    for line, day in zip(out["line"][future], out["workout_date"][future]):
        warnings.append(RowIssue(int(line), "future_date", f"Workout Date {day} is after {today}"))


def _nonblank(text: pd.Series) -> np.ndarray:
    # numpy's truth test of each string, in C: far cheaper than comparing objects with "".
    return text.to_numpy(dtype=object).astype(bool)


def _warn(warnings, text, raw, mask, code: str, template: str) -> None:
    """Add one warning per row where ``mask`` holds; ``{}`` in the template is the raw value."""
    mask = np.asarray(mask, dtype=bool)
    if mask.any():
        for line, value in zip(text["line"].to_numpy()[mask], raw.to_numpy()[mask]):
            warnings.append(RowIssue(int(line), code, template.format(value)))
