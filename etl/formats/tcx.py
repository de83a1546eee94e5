"""TCX files (Garmin's Training Center XML): one workout per <Activity>, totals from its laps.

Recognised from the document root. Laps carry the totals (time, distance, calories); the track
points give the start time, heart rate and, when laps lack it, the distance.
"""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from datetime import datetime

from etl.errors import RefusedFile
from etl.formats.base import Detected, Track, canonical_frame
from etl.formats.xml_docs import has_root, namespace, parse_document, utc_time

NAME = "tcx"
LABEL = "TCX activity"
SPORTS = {"running": "Run", "biking": "Bike Ride", "walking": "Walk", "hiking": "Hike"}
# Garmin's running cadence extension counts one foot's strides per minute.
RUN_CADENCE = "{http://www.garmin.com/xmlschemas/ActivityExtension/v2}RunCadence"


def looks_like(text: str) -> bool:
    """Whether the text is a TCX document (root <TrainingCenterDatabase>)."""
    return has_root(text, "TrainingCenterDatabase")


def read_text(text: str, *, file_name: str) -> Detected:
    """Every activity of the document as a canonical row; a broken document is refused."""
    root = parse_document(text, file_name=file_name, kind="TCX")
    rows = [r for r in (_row(a) for a in _all(root, "Activity")) if r is not None]
    if not rows:
        raise RefusedFile(file_name, "the TCX file has no activity with a start time.", "")
    routes = {line: r.pop("_track") for line, r in enumerate(rows, start=1) if r["_track"]}
    for r in rows:
        r.pop("_track", None)
    columns = {name: [r[name] for r in rows] for name in rows[0]}
    frame = canonical_frame(columns, list(range(1, len(rows) + 1)))
    return Detected(NAME, LABEL, "km", frame, {"distance": 1.0, "duration": 1.0}, (), routes)


def _row(activity: ET.Element) -> dict | None:
    laps = _all(activity, "Lap")
    start = utc_time(laps[0].get("StartTime")) if laps else None
    start = start or utc_time(_first_text(activity, "Id"))
    if start is None:
        return None
    seconds = sum(_number(_first_text(lap, "TotalTimeSeconds")) for lap in laps)
    distance = sum(_number(_first_text(lap, "DistanceMeters", direct=True)) for lap in laps)
    calories = sum(_number(_first_text(lap, "Calories")) for lap in laps)
    heart = [_number(_first_text(p, "Value")) for p in _all(activity, "HeartRateBpm")]
    heart = [h for h in heart if h > 0]
    sport = (activity.get("Sport") or "").lower()
    route, climb = _route(activity, start)
    return {
        "workout_date": start.date().isoformat(),
        "started_at": start.replace(tzinfo=None).isoformat(),
        "activity_type": SPORTS.get(sport, sport.title() or "Other"),
        "distance": f"{distance:.1f}" if distance else "",
        "duration": f"{seconds:.0f}" if seconds else "",
        "calories": f"{calories:.0f}" if calories else "",
        "avg_hr": f"{sum(heart) / len(heart):.1f}" if heart else "",
        "max_hr": f"{max(heart):.0f}" if heart else "",
        "elevation_gain": f"{climb:.1f}" if climb is not None else "",
        "avg_cadence": _cadence(activity),
        "notes": _first_text(activity, "Notes", direct=True),
        "source_app": "TCX",
        "_track": route,
    }


def _cadence(activity: ET.Element) -> str:
    """Average cadence in steps per minute (running) or revolutions per minute (cycling)."""
    ns = namespace(activity)
    strides = [_number(e.text or "") for e in activity.iter(RUN_CADENCE)]
    steps = [2 * s for s in strides if s > 0]
    if not steps:
        steps = [_number(e.text or "") for e in activity.iterfind(f".//{ns}Trackpoint/{ns}Cadence")]
        steps = [s for s in steps if s > 0]
    return f"{sum(steps) / len(steps):.1f}" if steps else ""


def _route(activity: ET.Element, start: datetime) -> tuple[Track | None, float | None]:
    """The activity's positioned track points as a route, and the climb along them."""
    ns = namespace(activity)
    lat, lon, ele, seconds = [], [], [], []
    for point in _all(activity, "Trackpoint"):
        try:
            la = float(point.findtext(f"{ns}Position/{ns}LatitudeDegrees") or "")
            lo = float(point.findtext(f"{ns}Position/{ns}LongitudeDegrees") or "")
        except ValueError:
            continue
        when = utc_time(point.findtext(ns + "Time"))
        height = (point.findtext(ns + "AltitudeMeters") or "").strip()
        lat.append(la)
        lon.append(lo)
        ele.append(_number(height) if height else math.nan)
        seconds.append((when - start).total_seconds() if when else math.nan)
    if len(lat) < 2:
        return None, None
    known = [e for e in ele if not math.isnan(e)]
    climb = sum(max(0.0, b - a) for a, b in itertools.pairwise(known)) if known else None
    return Track.of(lat, lon, ele, seconds), climb


def _all(element: ET.Element, name: str) -> list[ET.Element]:
    return list(element.iter(namespace(element) + name))


def _first_text(element: ET.Element, name: str, *, direct: bool = False) -> str:
    # A lap's own DistanceMeters is its child; track points have theirs deeper down.
    ns = namespace(element)
    found = element.find(ns + name if direct else f".//{ns}{name}")
    return (found.text or "").strip() if found is not None else ""


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0
