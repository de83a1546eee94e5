"""One Apple Health ``<Workout>`` element as a canonical row: kinds, units and timestamps.

Apple's export changed shape over the years: before iOS 16 a workout's totals are attributes
(``totalDistance`` with ``totalDistanceUnit``...), from iOS 16 they are ``<WorkoutStatistics>``
children (``sum``, ``average``, ``maximum`` with a ``unit``). Both are read, statistics first.
Every quantity carries its own unit, so each is converted to the canonical one here (metres,
seconds, kcal); an unknown unit leaves the value blank rather than guessing.
"""

from __future__ import annotations

import hashlib
import math
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

PREFIX = "HKWorkoutActivityType"
KEPT = {"Running": "Run", "Walking": "Walk", "Hiking": "Hike"}
STAT = "HKQuantityTypeIdentifier"

METRES = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "yd": 0.9144, "ft": 0.3048, "cm": 0.01}
SECONDS = {"s": 1.0, "sec": 1.0, "min": 60.0, "h": 3600.0, "hr": 3600.0, "ms": 0.001}
# HealthKit's "Cal" is the food calorie (kcal); a lower-case "cal" is the small one.
KCAL = {"kcal": 1.0, "Cal": 1.0, "cal": 0.001, "kJ": 1 / 4.184, "J": 1 / 4184.0}
PER_MINUTE = {"count/min": 1.0, "count/s": 60.0}

_HARDWARE = re.compile(r"hardware:([^\s>]+?),?(?:\s|>|$)")
_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z])")


def kept_type(workout_type: str) -> str | None:
    """The canonical activity type of a running, walking or hiking workout; None for others."""
    return KEPT.get(workout_type.removeprefix(PREFIX))


def kind_name(workout_type: str) -> str:
    """A workout type for people: "HKWorkoutActivityTypeTraditionalStrengthTraining" ->
    "traditional strength training"."""
    return _WORDS.sub(" ", workout_type.removeprefix(PREFIX)).lower() or "unnamed"


def route_path(workout: ET.Element) -> str | None:
    """The path of the workout's route file (``/workout-routes/route_....gpx``), if any."""
    for route in workout.iterfind("WorkoutRoute"):
        for ref in route.iterfind("FileReference"):
            if ref.get("path"):
                return ref.get("path")
    return None


def workout_row(workout: ET.Element) -> dict[str, str]:
    """The canonical text columns of a kept workout (blank where the export lacks a value)."""
    a = workout.attrib
    meta = {e.get("key"): e.get("value", "") for e in workout.iterfind("MetadataEntry")}
    stats = {e.get("type"): e.attrib for e in workout.iterfind("WorkoutStatistics")}
    kind = kept_type(a.get("workoutActivityType", "")) or "Other"
    indoor = meta.get("HKIndoorWorkout", "").strip() in ("1", "true")
    start_text = a.get("startDate", "")
    start = moment(start_text)
    distance = _stat(stats, "DistanceWalkingRunning", "sum", METRES)
    calories = _stat(stats, "ActiveEnergyBurned", "sum", KCAL)
    return {
        # The local calendar day the person ran on, as written; started_at is in UTC.
        "workout_date": start.date().isoformat() if start else start_text[:10],
        "started_at": start.astimezone(UTC).replace(tzinfo=None).isoformat() if start else "",
        "activity_type": f"Indoor {kind}" if indoor and kind != "Hike" else kind,
        "duration": _fmt(_quantity(a.get("duration"), a.get("durationUnit", "min"), SECONDS), 0),
        "distance": _fmt(
            distance
            if distance is not None
            else _quantity(a.get("totalDistance"), a.get("totalDistanceUnit"), METRES),
            1,
        ),
        "calories": _fmt(
            calories
            if calories is not None
            else _quantity(a.get("totalEnergyBurned"), a.get("totalEnergyBurnedUnit"), KCAL),
            0,
        ),
        "avg_hr": _fmt(_stat(stats, "HeartRate", "average", PER_MINUTE), 1),
        "max_hr": _fmt(_stat(stats, "HeartRate", "maximum", PER_MINUTE), 0),
        "elevation_gain": _fmt(_with_unit(meta.get("HKElevationAscended"), METRES), 1),
        "source_app": _source(a.get("sourceName", ""), a.get("device", "")),
        "source_id": source_id(a),
    }


def moment(text: str | None) -> datetime | None:
    """An Apple timestamp ("2019-05-04 07:12:33 +0200") as an aware datetime, or None."""
    try:
        return datetime.strptime((text or "").strip(), "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return None


def source_id(attrib: dict[str, str]) -> str:
    """A stable id for re-ingest: the same workout in a later export gets the same id."""
    key = "|".join(
        attrib.get(k, "") for k in ("startDate", "endDate", "workoutActivityType", "sourceName")
    )
    return "ah-" + hashlib.sha1(key.encode()).hexdigest()[:20]


def _stat(stats: dict, name: str, field: str, units: dict[str, float]) -> float | None:
    found = stats.get(STAT + name)
    return _quantity(found.get(field), found.get("unit"), units) if found else None


def _with_unit(text: str | None, units: dict[str, float]) -> float | None:
    # Metadata quantities carry their unit in the value: "4523 cm", "45 m".
    number, _, unit = (text or "").strip().partition(" ")
    return _quantity(number, unit, units)


def _quantity(value: str | None, unit: str | None, units: dict[str, float]) -> float | None:
    factor = units.get((unit or "").strip())
    try:
        number = float(value or "")
    except ValueError:
        return None
    return number * factor if factor is not None and math.isfinite(number) else None


def _fmt(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _source(name: str, device: str) -> str:
    # The watch or phone model says which sensor measured the workout.
    hardware = _HARDWARE.search(device)
    model = hardware.group(1) if hardware else ""
    return f"{name} ({model})" if model and model not in name else name
