"""The workouts frame every analytic takes, and the small helpers they share.

A workouts frame has one row per workout with the columns of ``etl.db.queries.workouts_frame``
(SI units: ``distance_m``, ``duration_s``, ``avg_pace_s_per_km``...; ``workout_date`` as
datetime64 at day precision; ``category`` from ``etl.activities``) plus, once classified, a
``label`` column: ``run``, ``walk``, ``run_walk`` or ``outlier`` for foot workouts, and the
category itself (``cycle``, ``swim``, ``workout``, ``other``) for everything else.

Those codes are internal: a person reads :func:`class_names` ("run", "walk" or "dog walk",
"run-walk"...), which depend on the owner ("dog walk" only for someone with a dog event).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from numbers import Integral
from types import MappingProxyType

import pandas as pd

from analytics.errors import MissingColumns

RUN, WALK, RUN_WALK, OUTLIER = "run", "walk", "run_walk", "outlier"
FOOT_LABELS = (RUN, WALK, RUN_WALK, OUTLIER)
OTHER_LABELS = ("cycle", "swim", "workout", "other")
LABELS = FOOT_LABELS + OTHER_LABELS
FOOT_CATEGORIES = frozenset({"run", "walk", "hike"})
DOG_NAMES: Mapping[str, str] = MappingProxyType(
    {
        RUN: "run",
        WALK: "dog walk",
        RUN_WALK: "run-walk",
        OUTLIER: "outlier",
        "cycle": "ride",
        "swim": "swim",
        "workout": "gym workout",
        "other": "other",
    }
)
# Without a dog the slow foot class is just a walk: "dog walk" before (or without) a dog is wrong.
WALK_NAMES: Mapping[str, str] = MappingProxyType({**DOG_NAMES, WALK: "walk"})
DISPLAY_NAMES = DOG_NAMES  # the default where no owner is known: the product's dog story
METRES_PER = {"mi": 1609.344, "km": 1000.0}
_IRREGULAR = {"person": "people"}  # the one irregular plural the replies need


def require(frame: pd.DataFrame, columns: Iterable[str]) -> None:
    """Raise :class:`MissingColumns` naming every column ``frame`` lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise MissingColumns(f"the workouts frame lacks column(s): {', '.join(missing)}")


def class_names(*, has_dog: bool) -> Mapping[str, str]:
    """The names an owner reads for the labels: "dog walk" only for someone with a dog."""
    return DOG_NAMES if has_dog else WALK_NAMES


def display_name(label: str, names: Mapping[str, str] | None = None) -> str:
    """The name a person reads for a label ("walk" -> "dog walk", or "walk" in ``names``
    without a dog); :data:`DISPLAY_NAMES` when ``names`` is None."""
    return (names or DISPLAY_NAMES).get(label, label.replace("_", " "))


def plural(noun: str) -> str:
    """The plural of a noun or noun phrase ("dog walk" -> "dog walks", "class" -> "classes")."""
    head, _, last = noun.rpartition(" ")  # a phrase's last word takes the plural
    lower = last.lower()
    if lower in _IRREGULAR:
        last = _IRREGULAR[lower]
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif lower.endswith("y") and lower[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def count(n: float, noun: str, *, plural_form: str | None = None) -> str:
    """ "1 run", "2 runs", "0 workouts", "1,234 runs": the number and the noun agreeing.

    ``plural_form`` is for a plural the simple rules get wrong ("people" is known already).
    """
    whole = isinstance(n, Integral) or float(n).is_integer()
    number = f"{int(n):,}" if whole else f"{n:,.1f}"
    return f"{number} {noun if number == '1' else plural_form or plural(noun)}"


def pace_per_unit(pace_s_per_km: float, unit: str) -> float:
    """Seconds per km to minutes per ``unit`` ("mi" or "km")."""
    return pace_s_per_km * METRES_PER[unit] / 1000.0 / 60.0


def distance_in(distance_m: float, unit: str) -> float:
    """Metres to ``unit``."""
    return distance_m / METRES_PER[unit]


def format_pace(pace_s_per_km: float, unit: str) -> str:
    """ "9:41 min/mi" style text for a pace."""
    minutes = pace_per_unit(pace_s_per_km, unit)
    whole = int(minutes)
    seconds = round((minutes - whole) * 60)
    if seconds == 60:
        whole, seconds = whole + 1, 0
    return f"{whole}:{seconds:02d} min/{unit}"


def by_day(frame: pd.DataFrame) -> pd.Series:
    """Workout dates normalised to midnight (datetime64), whatever the input dtype."""
    return pd.to_datetime(frame["workout_date"]).dt.normalize()
