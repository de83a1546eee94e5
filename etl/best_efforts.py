"""Best efforts: the fastest 1 km, mile, 5 km, 10 km, half marathon and marathon inside a track.

A track is read as two arrays, seconds since the start and cumulative metres, joined by straight
lines between samples, so the distance covered is a piecewise linear function of time. The time
a window of ``D`` metres takes, as a function of where it starts, is then piecewise linear too,
with corners only where the window's start or its end falls on a sample: the fastest window
starts on a sample or ends on one. Both families are searched with two pointers moving forward
together (the far pointer is ``np.searchsorted`` over the sorted cumulative distance, which
numpy walks forward from the previous key when the keys are sorted), and the other end's time
is interpolated exactly where the window's distance is crossed. O(n) per distance, in numpy.

GPS teleports are ignored twice over: a step faster than any human runs (:data:`MAX_SPEED_MPS`)
adds no distance, and a window faster than the world record for its distance
(:data:`WORLD_RECORDS_S`) is skipped. The search does not know what the workout was: a ride's
or a walk's track is searched too, and the callers filter by class.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from etl.formats.base import Track

EARTH_RADIUS_M = 6_371_008.8  # the mean radius, as the readers use

# The standard distances, in metres, by the names people use.
STANDARD_DISTANCES: dict[str, float] = {
    "1 km": 1000.0,
    "1 mile": 1609.344,
    "5 km": 5000.0,
    "10 km": 10000.0,
    "half marathon": 21097.5,
    "marathon": 42195.0,
}
# Men's world records (track for 1 km to 10 km, road beyond), in seconds: no window of a
# person's track is faster, whatever the GPS said.
WORLD_RECORDS_S: dict[float, float] = {
    1000.0: 131.96,
    1609.344: 223.13,
    5000.0: 755.36,
    10000.0: 1571.0,
    21097.5: 3402.0,
    42195.0: 7235.0,
}
# Faster than a sprinter's top speed (about 12.4 m/s): a step like this is a GPS jump.
MAX_SPEED_MPS = 12.5


@dataclass(frozen=True)
class BestEffort:
    """The fastest window of ``distance_m`` in one track: its time and when it started
    (seconds since the workout's start)."""

    distance_m: float
    seconds: float
    start_offset_s: float


def best_efforts(
    time_s, distance_m, distances: tuple[float, ...] = tuple(STANDARD_DISTANCES.values())
) -> list[BestEffort]:
    """The fastest window of each of ``distances`` (metres) in a track given as seconds since
    the start and cumulative metres; distances the track is too short for are left out."""
    t, d = _clean(np.asarray(time_s, dtype=float), np.asarray(distance_m, dtype=float))
    found = []
    for target in distances:
        best = _fastest(t, d, float(target))
        if best is not None:
            found.append(best)
    return found


def best_efforts_of_track(track: Track) -> list[BestEffort]:
    """The best efforts of a stored route (points without a time are left out)."""
    return best_efforts(*track_distance(track))


def track_distance(track: Track) -> tuple[np.ndarray, np.ndarray]:
    """Seconds since the start and cumulative great-circle metres of the track's timed points."""
    timed = np.isfinite(track.seconds)
    lat, lon = np.radians(track.lat[timed]), np.radians(track.lon[timed])
    if lat.size < 2:
        return track.seconds[timed], np.zeros(lat.size)
    h = (
        np.sin(np.diff(lat) / 2) ** 2
        + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(np.diff(lon) / 2) ** 2
    )
    steps = 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return track.seconds[timed], np.concatenate([[0.0], np.cumsum(steps)])


def _clean(t: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Finite samples in time order (a clock going back drops the point), with the steps a
    runner cannot make (teleports) adding no distance."""
    ok = np.isfinite(t) & np.isfinite(d)
    t, d = t[ok], d[ok]
    if t.size < 2:
        return t, d
    keep = t >= np.maximum.accumulate(t)
    t, d = t[keep], d[keep]
    steps = np.maximum(np.diff(d), 0.0)
    steps[steps > MAX_SPEED_MPS * np.maximum(np.diff(t), 1.0)] = 0.0
    return t, np.concatenate([[0.0], np.cumsum(steps)])


def _fastest(t: np.ndarray, d: np.ndarray, target: float) -> BestEffort | None:
    """The fastest window of ``target`` metres: starting on a sample (its end interpolated)
    or ending on one (its start interpolated), whichever is quicker."""
    if t.size < 2 or d[-1] < target:
        return None
    # Windows starting on sample i end where d first reaches d[i] + target (j: the far pointer).
    j = np.searchsorted(d, d + target, side="left")
    starts = np.flatnonzero(j < d.size)
    j = j[starts]
    end = _crossing(t, d, j - 1, d[starts] + target)
    start_times, end_times = t[starts], end
    # Windows ending on sample j start where d last is d[j] - target (k: the near pointer).
    ends = np.flatnonzero(d - target >= d[0])
    k = np.searchsorted(d, d[ends] - target, side="right") - 1
    inner = k < d.size - 1  # k is the last sample at or before the start; it has a successor
    ends, k = ends[inner], k[inner]
    begin = _crossing(t, d, k, d[ends] - target)
    start_times = np.concatenate([start_times, begin])
    end_times = np.concatenate([end_times, t[ends]])
    seconds = end_times - start_times
    plausible = seconds >= WORLD_RECORDS_S.get(target, target / MAX_SPEED_MPS)
    if not plausible.any():
        return None
    best = np.flatnonzero(plausible)[np.argmin(seconds[plausible])]
    return BestEffort(target, float(seconds[best]), float(start_times[best]))


def _crossing(t: np.ndarray, d: np.ndarray, before: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The time the distance reaches ``at`` between samples ``before`` and ``before + 1``."""
    d0, d1 = d[before], d[before + 1]
    share = np.where(d1 > d0, (at - d0) / np.where(d1 > d0, d1 - d0, 1.0), 1.0)
    return t[before] + np.clip(share, 0.0, 1.0) * (t[before + 1] - t[before])
