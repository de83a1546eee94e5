"""Synthetic GPS routes for fixtures and demos.

Real tracks are private, yet the document readers need files with their shape: a closed loop run
from the front door, points every second, a little GPS wobble, one hill, a heart-rate strap.
:func:`synthetic_route` makes such a loop whose great-circle length is the distance asked for, so
a test knows the answer a reader must find; :mod:`etl.demo.gpx`, :mod:`etl.demo.tcx` and
:mod:`etl.demo.fit` write it as Strava's GPX, Garmin's TCX and a watch's FIT files do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np

EARTH_RADIUS_M = 6_371_008.8  # the mean radius, as the readers use
GPS_SIGMA_M = 1.0  # typical wobble of a phone or watch fix in open sky
GPS_MEMORY_S = 30.0  # the wobble drifts slowly rather than jumping from fix to fix
TOLERANCE = 1e-5  # relative length error at which the loop stops being rescaled
DEGREES = 7  # decimals of latitude and longitude written (about 1 cm)


@dataclass(frozen=True)
class RoutePoint:
    """One GPS fix: degrees, metres above sea level, an aware UTC time and beats per minute."""

    lat: float
    lon: float
    ele: float
    time: datetime
    hr: float | None


@dataclass(frozen=True)
class Surge:
    """A stretch of a route run at its own pace: ``length_m`` metres from ``start_m`` at
    ``pace_s_per_km`` (a whole number of seconds keeps its time exact)."""

    start_m: float
    length_m: float
    pace_s_per_km: float

    @property
    def seconds(self) -> float:
        """How long the stretch takes: the route's planted best effort over ``length_m``."""
        return self.length_m / 1000 * self.pace_s_per_km

    def shares(self, distance_m: float, total_s: float, times: np.ndarray) -> np.ndarray:
        """The share of the route covered at each of ``times`` (seconds from the start) when
        the surge takes :attr:`seconds` and the rest shares what is left of ``total_s``."""
        rest_m = distance_m - self.length_m
        if self.start_m < 0 or rest_m - self.start_m < 0 or self.seconds >= total_s:
            raise ValueError("the surge must fit inside the route and its time")
        rest_pace = (total_s - self.seconds) / (rest_m / 1000) if rest_m > 0 else 0.0
        if rest_m > 0 and rest_pace <= self.pace_s_per_km:
            raise ValueError("the surge must be faster than the rest of the route")
        begins = self.start_m / 1000 * rest_pace
        knots_s = [0.0, begins, begins + self.seconds, total_s]
        knots_m = [0.0, self.start_m, self.start_m + self.length_m, distance_m]
        return np.interp(times, knots_s, knots_m) / distance_m


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
    surge: Surge | None = None,
) -> list[RoutePoint]:
    """A smooth closed loop from (lat0, lon0) at a steady pace, one point every ``interval_s``.

    Its great-circle length (GPS wobble included) is ``distance_m`` within 0.01%; it climbs
    ``climb_m`` once and comes back down; heart rate wavers around ``heart_rate``. A ``surge``
    is a stretch run faster, the rest slower, so that the whole still takes ``pace_s_per_km``
    on average: its stretch is the run's best effort over its length.
    """
    if min(distance_m, pace_s_per_km, interval_s) <= 0:
        raise ValueError("distance, pace and interval must be positive")
    if start.tzinfo is None:
        raise ValueError("start must be an aware datetime (UTC)")
    rng = np.random.default_rng(seed)
    count = max(2, round(distance_m / 1000 * pace_s_per_km / interval_s) + 1)
    along = np.linspace(0.0, 1.0, count)  # share of the loop covered at each point
    if surge is not None:
        along = surge.shares(distance_m, (count - 1) * interval_s, along * (count - 1) * interval_s)
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


def iso_time(moment: datetime, *, milliseconds: bool = False) -> str:
    """UTC time as the apps write it: "2024-05-03T06:30:00Z" (GPX), ".000Z" (TCX)."""
    utc = moment.astimezone(UTC)
    spec = "milliseconds" if milliseconds or utc.microsecond else "seconds"
    return utc.replace(tzinfo=None).isoformat(timespec=spec) + "Z"
