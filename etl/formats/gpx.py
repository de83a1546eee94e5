"""GPX files (GPS tracks): one workout per track, its numbers computed from the points.

Recognised from the XML root, not the file name. The standard library's parser reads it (GPX is
plain XML); distance is the great-circle sum between points, moving time counts only the
intervals faster than a crawl, and elevation gain sums the climbs.
"""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from etl.errors import RefusedFile
from etl.formats.base import Detected, Track, canonical_frame
from etl.formats.xml_docs import has_root, local, namespace, parse_document, utc_time

NAME = "gpx"
LABEL = "GPX track"
EARTH_RADIUS_M = 6_371_008.8
MOVING_MPS = 0.5  # slower than this between two points is standing still
TYPES = {
    "running": "Run",
    "run": "Run",
    "9": "Run",
    "walking": "Walk",
    "walk": "Walk",
    "10": "Walk",
    "hiking": "Hike",
    "hike": "Hike",
    "cycling": "Bike Ride",
    "biking": "Bike Ride",
    "ride": "Bike Ride",
    "1": "Bike Ride",
}


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    ele: float | None
    time: datetime | None
    hr: float | None
    cadence: float | None = None


def looks_like(text: str) -> bool:
    """Whether the text is a GPX document (its root element is <gpx>)."""
    return has_root(text, "gpx")


def read_text(text: str, *, file_name: str) -> Detected:
    """Every track of the document as a canonical row; a broken document is refused."""
    root = parse_document(text, file_name=file_name, kind="GPX")
    tracks = list(root.iter(namespace(root) + "trk"))
    creator = (root.get("creator") or "").strip()[:120]
    rows = [_row(track, creator) for track in tracks]
    rows = [r for r in rows if r is not None]
    if not rows:
        raise RefusedFile(file_name, "the GPX file has no track with timed points.", "")
    routes = {line: r.pop("_track") for line, r in enumerate(rows, start=1)}
    assumed = [r["type_assumed"] for r in rows]
    notes = (
        (
            "no activity type in the GPX: taken as a run; the classifier decides from the "
            "track whether it was one",
        )
        if any(assumed)
        else ()
    )
    columns = {name: [r[name] for r in rows] for name in rows[0]}
    return Detected(
        NAME,
        LABEL,
        "km",
        canonical_frame(columns, list(range(1, len(rows) + 1))),
        {"distance": 1.0, "duration": 1.0},
        notes,
        routes,
    )


def _row(track: ET.Element, creator: str) -> dict | None:
    ns = namespace(track)
    points = [p for p in (_point(e, ns) for e in track.iter(ns + "trkpt")) if p]
    timed = [p for p in points if p.time is not None]
    if len(timed) < 2:
        return None
    distance, moving, climb = _totals(timed)
    start, end = timed[0].time, timed[-1].time
    kind = next((_text(e) for e in track if local(e.tag) == "type"), "").strip().lower()
    heart = [p.hr for p in timed if p.hr]
    steps = [p.cadence for p in timed if p.cadence]
    return {
        "workout_date": start.date().isoformat(),
        "started_at": start.replace(tzinfo=None).isoformat(),
        "activity_type": TYPES.get(kind, kind.title() or "Run"),
        "type_assumed": "" if kind else "1",
        "distance": f"{distance:.1f}",
        "duration": f"{(end - start).total_seconds():.0f}",
        "moving_time": f"{moving:.0f}",
        "elevation_gain": f"{climb:.1f}" if any(p.ele is not None for p in timed) else "",
        "avg_hr": f"{sum(heart) / len(heart):.1f}" if heart else "",
        "max_hr": f"{max(heart):.0f}" if heart else "",
        # Garmin's extension counts one foot's strides; steps per minute are twice that.
        "avg_cadence": f"{2 * sum(steps) / len(steps):.1f}" if steps else "",
        "notes": next((_text(e) for e in track if local(e.tag) == "name"), ""),
        "source_app": f"GPX ({creator})" if creator else "GPX",
        "_track": Track.of(
            [p.lat for p in points],
            [p.lon for p in points],
            [math.nan if p.ele is None else p.ele for p in points],
            [math.nan if p.time is None else (p.time - start).total_seconds() for p in points],
        ),
    }


def _totals(points: list[Point]) -> tuple[float, float, float]:
    distance = moving = climb = 0.0
    for a, b in itertools.pairwise(points):
        step = _haversine(a, b)
        seconds = (b.time - a.time).total_seconds()
        distance += step
        if seconds > 0 and step / seconds > MOVING_MPS:
            moving += seconds
        if a.ele is not None and b.ele is not None and b.ele > a.ele:
            climb += b.ele - a.ele
    return distance, moving, climb


def _haversine(a: Point, b: Point) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _point(e: ET.Element, ns: str) -> Point | None:
    try:
        lat, lon = float(e.get("lat", "")), float(e.get("lon", ""))
    except ValueError:
        return None
    extras = {}
    extensions = e.find(ns + "extensions")
    if extensions is not None:  # heart rate and cadence sit in a vendor's own namespace
        extras = {local(c.tag): _text(c) for c in extensions.iter()}
    return Point(
        lat,
        lon,
        _float(e.findtext(ns + "ele")),
        utc_time(e.findtext(ns + "time")),
        _float(extras.get("hr")),
        _float(extras.get("cad")),
    )


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _text(e: ET.Element) -> str:
    return (e.text or "").strip()
