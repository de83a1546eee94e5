"""Synthetic GPS routes written as GPX and TCX files, for fixtures and demos.

Real tracks are private, yet the document readers need files with their shape: a closed loop run
from the front door, points every second, a little GPS wobble, one hill, a heart-rate strap.
:func:`synthetic_route` makes such a loop whose great-circle length is the distance asked for, so
a test knows the answer a reader must find; :func:`gpx_text` and :func:`tcx_text` write it as
Strava's GPX and Garmin's TCX exports do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape, quoteattr

import numpy as np

EARTH_RADIUS_M = 6_371_008.8  # the mean radius, as the readers use
GPS_SIGMA_M = 1.0  # typical wobble of a phone or watch fix in open sky
GPS_MEMORY_S = 30.0  # the wobble drifts slowly rather than jumping from fix to fix
TOLERANCE = 1e-5  # relative length error at which the loop stops being rescaled
DEGREES = 7  # decimals of latitude and longitude written (about 1 cm)
GPX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gpx creator={creator} version="1.1" xmlns="http://www.topografix.com/GPX/1/1" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 '
    'http://www.topografix.com/GPX/1/1/gpx.xsd" '
    'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
)
TCX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
)


@dataclass(frozen=True)
class RoutePoint:
    """One GPS fix: degrees, metres above sea level, an aware UTC time and beats per minute."""

    lat: float
    lon: float
    ele: float
    time: datetime
    hr: float | None


def synthetic_route(
    *,
    seed: int,
    distance_m: float,
    pace_s_per_km: float,
    start: datetime,
    lat0: float = 51.5,
    lon0: float = -0.12,
    interval_s: float = 1.0,
    heart_rate: float | None = 150.0,
    climb_m: float = 20.0,
) -> list[RoutePoint]:
    """A smooth closed loop from (lat0, lon0) at a steady pace, one point every ``interval_s``.

    Its great-circle length (GPS wobble included) is ``distance_m`` within 0.01%; it climbs
    ``climb_m`` once and comes back down; heart rate wavers around ``heart_rate``.
    """
    if min(distance_m, pace_s_per_km, interval_s) <= 0:
        raise ValueError("distance, pace and interval must be positive")
    if start.tzinfo is None:
        raise ValueError("start must be an aware datetime (UTC)")
    rng = np.random.default_rng(seed)
    count = max(2, round(distance_m / 1000 * pace_s_per_km / interval_s) + 1)
    along = np.linspace(0.0, 1.0, count)  # share of the loop covered at each point
    east, north = _loop(rng, along)
    # Scale the wobble down on tiny loops, where a metre of it would be a large share.
    wobble = _wobble(rng, count, interval_s) * min(1.0, distance_m / 2000)
    lat, lon = _fit_length(east, north, wobble, distance_m, lat0, lon0)
    ele = np.round(rng.uniform(10, 40) + climb_m * (1 - np.cos(2 * np.pi * along)) / 2, 1)
    hr = _heart(rng, along, heart_rate)
    first = start.astimezone(UTC)
    return [
        RoutePoint(lat[i], lon[i], float(ele[i]), first + timedelta(seconds=i * interval_s), hr[i])
        for i in range(count)
    ]


def _loop(rng, along: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A star-shaped loop of unit scale through (0, 0), sampled evenly by arc length."""
    a2, a3 = rng.uniform(0.1, 0.25), rng.uniform(0.03, 0.1)
    p2, p3, turn = rng.uniform(0, 2 * np.pi, 3)
    theta = np.linspace(0.0, 2 * np.pi, 4097)
    radius = 1 + a2 * np.sin(2 * theta + p2) + a3 * np.sin(3 * theta + p3)
    x, y = radius * np.cos(theta + turn), radius * np.sin(theta + turn)
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(x), np.diff(y)))])
    # Even steps along the curve, not in angle: a steady pace on every stretch of the loop.
    x, y = np.interp(along * arc[-1], arc, x), np.interp(along * arc[-1], arc, y)
    return x - x[0], y - y[0]


def _wobble(rng, count: int, interval_s: float) -> np.ndarray:
    """Slowly drifting GPS error in metres (east, north): an AR(1) process per axis."""
    keep = math.exp(-interval_s / GPS_MEMORY_S)
    shocks = rng.normal(0.0, GPS_SIGMA_M * math.sqrt(1 - keep**2), (count, 2))
    error = np.empty((count, 2))
    error[0] = rng.normal(0.0, GPS_SIGMA_M, 2)
    for i in range(1, count):
        error[i] = keep * error[i - 1] + shocks[i]
    return error


def _fit_length(east, north, wobble, distance_m: float, lat0: float, lon0: float):
    """Latitudes and longitudes of the loop scaled until its measured length is ``distance_m``.

    The wobble adds length that does not scale with the loop, so the scale is found by
    repeating "scale by target over measured" until the two agree.
    """
    scale = distance_m / _unit_length(east, north)
    for _ in range(20):
        lat, lon = _degrees(east * scale + wobble[:, 0], north * scale + wobble[:, 1], lat0, lon0)
        length = float(path_lengths(lat, lon).sum())
        if abs(length / distance_m - 1) < TOLERANCE:
            break
        scale *= distance_m / length
    return lat.tolist(), lon.tolist()


def _unit_length(east: np.ndarray, north: np.ndarray) -> float:
    return float(np.hypot(np.diff(east), np.diff(north)).sum())


def _degrees(east, north, lat0: float, lon0: float) -> tuple[np.ndarray, np.ndarray]:
    lat = lat0 + np.degrees(north / EARTH_RADIUS_M)
    lon = lon0 + np.degrees(east / (EARTH_RADIUS_M * math.cos(math.radians(lat0))))
    return np.round(lat, DEGREES), np.round(lon, DEGREES)  # exactly what the files will say


def _heart(rng, along: np.ndarray, heart_rate: float | None) -> list[float | None]:
    if heart_rate is None:
        return [None] * along.size
    waves = rng.uniform(2, 6)  # surges on hills and at crossings, averaging out
    beats = heart_rate + 4 * np.sin(2 * np.pi * waves * along) + rng.normal(0, 1, along.size)
    return np.round(beats).tolist()


def path_lengths(lat, lon) -> np.ndarray:
    """Great-circle (haversine) metres between consecutive points."""
    p, lam = np.radians(np.asarray(lat)), np.radians(np.asarray(lon))
    h = np.sin(np.diff(p) / 2) ** 2 + np.cos(p[:-1]) * np.cos(p[1:]) * np.sin(np.diff(lam) / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def gpx_text(
    points: list[RoutePoint],
    *,
    name: str = "Morning Run",
    kind: str | None = "running",
    creator: str = "StravaGPX",
) -> str:
    """The route as a GPX 1.1 track, heart rate in Garmin's TrackPointExtension (as Strava)."""
    kind_tag = f"  <type>{escape(kind)}</type>\n" if kind else ""
    body = "".join(_trkpt(p) for p in points)
    return (
        GPX_HEAD.format(creator=quoteattr(creator))
        + f" <metadata>\n  <time>{_iso(points[0].time)}</time>\n </metadata>\n"
        + f" <trk>\n  <name>{escape(name)}</name>\n{kind_tag}  <trkseg>\n{body}"
        + "  </trkseg>\n </trk>\n</gpx>\n"
    )


def _trkpt(p: RoutePoint) -> str:
    hr = (
        "    <extensions><gpxtpx:TrackPointExtension>"
        f"<gpxtpx:hr>{p.hr:.0f}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>\n"
        if p.hr is not None
        else ""
    )
    return (
        f'   <trkpt lat="{p.lat:.{DEGREES}f}" lon="{p.lon:.{DEGREES}f}">\n'
        f"    <ele>{p.ele:.1f}</ele>\n    <time>{_iso(p.time)}</time>\n{hr}   </trkpt>\n"
    )


def tcx_text(
    points: list[RoutePoint],
    *,
    sport: str = "Running",
    calories: int | None = 300,
    laps: int = 1,
) -> str:
    """The route as a TCX activity split into ``laps`` laps of equal point counts (as Garmin)."""
    if not 1 <= laps < len(points):
        raise ValueError(f"laps must be from 1 to {len(points) - 1}")
    covered = np.concatenate(
        [[0.0], np.cumsum(path_lengths([p.lat for p in points], [p.lon for p in points]))]
    )
    bounds = [len(part) for part in np.array_split(np.arange(len(points) - 1), laps)]
    edges = np.concatenate([[0], np.cumsum(bounds)])  # lap k runs from point edges[k] to edges[k+1]
    kcal = [None] * laps if calories is None else _shares(calories, laps)
    body = "".join(
        _lap(points, covered, int(edges[k]), int(edges[k + 1]), kcal[k]) for k in range(laps)
    )
    return (
        TCX_HEAD
        + f" <Activities>\n  <Activity Sport={quoteattr(sport)}>\n"
        + f"   <Id>{_iso(points[0].time, milliseconds=True)}</Id>\n{body}"
        + "   <Creator><Name>Forerunner 255</Name></Creator>\n"
        + "  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n"
    )


def _shares(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` whole numbers that add up to it."""
    return [total // parts + (1 if k < total % parts else 0) for k in range(parts)]


def _lap(points, covered, first: int, last: int, calories: int | None) -> str:
    """One <Lap> from point ``first`` to ``last``; the boundary point opens the next lap."""
    seconds = (points[last].time - points[first].time).total_seconds()
    inside = points[first:last] if last < len(points) - 1 else points[first:]
    beats = [p.hr for p in inside if p.hr is not None]
    heart = (
        f"    <AverageHeartRateBpm><Value>{round(sum(beats) / len(beats))}</Value>"
        f"</AverageHeartRateBpm>\n    <MaximumHeartRateBpm><Value>{max(beats):.0f}</Value>"
        "</MaximumHeartRateBpm>\n"
        if beats
        else ""
    )
    kcal = f"    <Calories>{calories}</Calories>\n" if calories is not None else ""
    track = "".join(_trackpoint(p, covered[first + i]) for i, p in enumerate(inside))
    return (
        f'   <Lap StartTime="{_iso(points[first].time, milliseconds=True)}">\n'
        f"    <TotalTimeSeconds>{seconds:.1f}</TotalTimeSeconds>\n"
        f"    <DistanceMeters>{covered[last] - covered[first]:.2f}</DistanceMeters>\n"
        f"{kcal}{heart}    <Intensity>Active</Intensity>\n"
        f"    <TriggerMethod>Manual</TriggerMethod>\n    <Track>\n{track}    </Track>\n   </Lap>\n"
    )


def _trackpoint(p: RoutePoint, covered: float) -> str:
    hr = (
        f"      <HeartRateBpm><Value>{p.hr:.0f}</Value></HeartRateBpm>\n"
        if p.hr is not None
        else ""
    )
    return (
        f"     <Trackpoint>\n      <Time>{_iso(p.time, milliseconds=True)}</Time>\n"
        f"      <Position><LatitudeDegrees>{p.lat:.{DEGREES}f}</LatitudeDegrees>"
        f"<LongitudeDegrees>{p.lon:.{DEGREES}f}</LongitudeDegrees></Position>\n"
        f"      <AltitudeMeters>{p.ele:.1f}</AltitudeMeters>\n"
        f"      <DistanceMeters>{covered:.2f}</DistanceMeters>\n{hr}     </Trackpoint>\n"
    )


def _iso(moment: datetime, *, milliseconds: bool = False) -> str:
    """UTC time as the apps write it: "2024-05-03T06:30:00Z" (GPX), ".000Z" (TCX)."""
    utc = moment.astimezone(UTC)
    spec = "milliseconds" if milliseconds or utc.microsecond else "seconds"
    return utc.replace(tzinfo=None).isoformat(timespec=spec) + "Z"
