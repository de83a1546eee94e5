"""Numbers in words for replies: distances, paces and durations in the asker's units, class
names as the asker says them, and counts and articles that agree with their nouns."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date

from analytics import frame as wf
from analytics.frame import display_name, distance_in, format_pace

# Words that start with a vowel letter but a consonant sound ("a user", "a one-off"), and with
# a consonant letter but a vowel sound ("an hour"). Prefixes, so "usual" and "hourly" follow.
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "ure", "uro", "eu", "ewe", "one", "once")
_VOWEL_SOUND = ("hour", "honest", "honor", "honour", "heir")
# Numbers said with a vowel first: eight..., eleven, eighteen (and their thousands).
_VOWEL_NUMBER = re.compile(r"8|(11|18)(?:(?:,?\d{3})*)(?!\d)")
# Units of records: the plural is what the analytics store, the singular what "1 ..." needs.
_RECORD_UNITS = {"workouts": "workout", "days": "day"}


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


def label(name: str, *, plural: bool = False, names: Mapping[str, str] | None = None) -> str:
    """The class as a person says it ("dog walk", "dog walks"); ``names`` are the owner's
    (``Context.names``: "walk" for someone without a dog), the default names when None."""
    text = display_name(name, names)
    return wf.plural(text) if plural else text


def count(n: float, noun: str, *, plural: str | None = None) -> str:
    """ "1 run", "2 runs", "1 life event", "0 workouts", "1,234 runs".

    ``plural`` is the plural form where the simple rules would get it wrong.
    """
    return wf.count(n, noun, plural_form=plural)


def a(noun: str) -> str:
    """``noun`` with its indefinite article, by sound: "a run", "an outlier", "an hour",
    "a user", "an 8 km run"."""
    word = noun.lstrip().lower()
    if word[:1].isdigit():
        vowel = _VOWEL_NUMBER.match(word) is not None
    elif word.startswith(_VOWEL_SOUND):
        vowel = True
    elif word.startswith(_CONSONANT_SOUND):
        vowel = False
    else:
        vowel = word[:1] in ("a", "e", "i", "o", "u")
    return f"{'an' if vowel else 'a'} {noun}"


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
    return count(record.value, _RECORD_UNITS.get(record.unit, record.unit), plural=record.unit)


def period(start: date | None, end: date | None) -> str:
    """A range as a phrase after a noun: "on 2025-06-03", "from X to Y", "since X", "overall"."""
    if start and end:
        return f"on {start}" if start == end else f"from {start} to {end}"
    if start:
        return f"since {start}"
    return f"until {end}" if end else "overall"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
