"""Numbers in words for replies: distances, paces and durations in the asker's units."""

from __future__ import annotations

import math
from datetime import date

from analytics.frame import display_name, distance_in, format_pace


def distance(metres: float, unit: str) -> str:
    """ "4.2 mi" (or "-" when unknown)."""
    return "-" if _missing(metres) else f"{distance_in(metres, unit):.1f} {unit}"


def pace(s_per_km: float, unit: str) -> str:
    """ "9:41 min/mi" (or "-" when unknown)."""
    return "-" if _missing(s_per_km) else format_pace(s_per_km, unit)


def duration(seconds: float) -> str:
    """ "1:02:05" or "32:10" (or "-" when unknown)."""
    if _missing(seconds):
        return "-"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def label(name: str, *, plural: bool = False) -> str:
    """The class as a person says it ("dog walk", "dog walks")."""
    text = display_name(name)
    return text + "s" if plural and not text.endswith("s") else text


def span(start: date | None, end: date | None) -> str:
    """ "2025-06-01 to 2025-06-18", "since 2025-06-01", "until ...", or "all time"."""
    if start and end:
        return str(start) if start == end else f"{start} to {end}"
    if start:
        return f"since {start}"
    return f"until {end}" if end else "all time"


def record_value(record, unit: str) -> str:
    """A record's value in the asker's units ("7.0 mi", "8:00 min/mi", "11 workouts")."""
    if record.unit == "m":
        return distance(record.value, unit)
    if record.unit == "s/km":
        return pace(record.value, unit)
    if record.unit == "s":
        return duration(record.value)
    return f"{record.value:g} {record.unit}"


def period(start: date | None, end: date | None) -> str:
    """A range as a phrase after a noun: "on 2025-06-03", "from X to Y", "since X", "overall"."""
    if start and end:
        return f"on {start}" if start == end else f"from {start} to {end}"
    if start:
        return f"since {start}"
    return f"until {end}" if end else "overall"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
