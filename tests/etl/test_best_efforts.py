"""The best-effort search on tracks with a known answer."""

from __future__ import annotations

import numpy as np
import pytest

from etl.best_efforts import (
    STANDARD_DISTANCES,
    WORLD_RECORDS_S,
    best_efforts,
    best_efforts_of_track,
    track_distance,
)
from etl.formats.base import Track


def _run(*stretches: tuple[float, float], interval_s: float = 1.0):
    """Seconds and cumulative metres of a run made of (metres, pace s/km) stretches, sampled
    every ``interval_s`` seconds."""
    knots_m = np.concatenate([[0.0], np.cumsum([m for m, _ in stretches])])
    knots_s = np.concatenate([[0.0], np.cumsum([m / 1000 * p for m, p in stretches])])
    t = np.arange(0.0, knots_s[-1] + 1e-9, interval_s)
    return t, np.interp(t, knots_s, knots_m)


def _by_distance(found):
    return {e.distance_m: e for e in found}


def test_the_planted_fastest_window_is_found_with_its_start():
    # 2 km easy at 6:00/km, 5 km at 4:00/km, 3 km at 6:30/km: the best 5 km is the middle.
    t, d = _run((2000, 360), (5000, 240), (3000, 390))
    found = _by_distance(best_efforts(t, d))
    assert found[5000.0].seconds == pytest.approx(1200.0, abs=1e-6)
    assert found[5000.0].start_offset_s == pytest.approx(720.0, abs=1e-6)
    assert found[1000.0].seconds == pytest.approx(240.0, abs=1e-6)
    assert found[1609.344].seconds == pytest.approx(1.609344 * 240, abs=1e-6)
    # 10 km is the whole run: 720 + 1200 + 1170 s.
    assert found[10000.0].seconds == pytest.approx(3090.0, abs=1e-6)
    assert set(found) == {1000.0, 1609.344, 5000.0, 10000.0}, "too short for a half marathon"


def test_crossing_times_are_interpolated_exactly_between_sparse_samples():
    # Points every 7 s; the pace changes fall on samples (420 s, 1680 s), but a mile at
    # 4:12/km takes 405.55 s, so its end falls between two samples.
    t, d = _run((1400, 300), (5000, 252), (2000, 399), interval_s=7.0)
    found = _by_distance(best_efforts(t, d, (5000.0, 1609.344)))
    assert found[5000.0].seconds == pytest.approx(1260.0, abs=1e-6)
    assert found[5000.0].start_offset_s == pytest.approx(420.0, abs=1e-6)
    assert found[1609.344].seconds == pytest.approx(1.609344 * 252, abs=1e-6)
    assert 420.0 <= found[1609.344].start_offset_s <= 1680.0 - 1.609344 * 252


def test_irregular_samples_of_a_steady_pace_give_the_pace_exactly():
    times = np.sort(np.random.default_rng(3).uniform(0.0, 3000.0, 700))
    t = np.concatenate([[0.0], times, [3000.0]])
    d = t / 240 * 1000  # 4:00/km all the way: 12.5 km
    found = _by_distance(best_efforts(t, d))
    for distance, effort in found.items():
        assert effort.seconds == pytest.approx(distance / 1000 * 240, abs=1e-6)
    assert set(found) == {1000.0, 1609.344, 5000.0, 10000.0}


def test_a_window_ending_on_a_sample_can_be_the_fastest():
    # Only two samples inside the fast stretch's ends: brute force over start positions agrees.
    t = np.array([0.0, 10.0, 20.0, 30.0, 40.0])
    d = np.array([0.0, 20.0, 70.0, 80.0, 120.0])
    (effort,) = best_efforts(t, d, (55.0,))
    starts = np.linspace(0.0, d[-1] - 55.0, 20001)
    brute = min(np.interp(x + 55.0, d, t) - np.interp(x, d, t) for x in starts)
    assert effort.seconds == pytest.approx(brute, abs=1e-3)
    assert effort.seconds < 20.0


def test_standing_still_is_not_counted_in_a_window():
    # A 5 km at 4:00/km with a 10-minute stop halfway: the best 1 km skips the stop.
    t1, d1 = _run((2500, 240))
    t2, d2 = _run((2500, 240))
    t = np.concatenate([t1, t1[-1] + 600 + t2])
    d = np.concatenate([d1, d1[-1] + d2])
    found = _by_distance(best_efforts(t, d))
    assert found[1000.0].seconds == pytest.approx(240.0, abs=1e-6)
    assert found[5000.0].seconds == pytest.approx(1800.0, abs=1e-6)


def test_gps_teleports_are_ignored():
    t, d = _run((3000, 300), (1000, 270), (3000, 300))
    clean = _by_distance(best_efforts(t, d))
    jumped = d.copy()
    jumped[500:] += 3000.0  # a jump of 3 km in one second, the rest of the track shifted
    jumped[2000] += 800.0  # a spike out and back
    found = _by_distance(best_efforts(t, jumped))
    assert found.keys() == clean.keys()
    for distance, effort in clean.items():
        assert found[distance].seconds == pytest.approx(effort.seconds, abs=1e-6)


def test_windows_faster_than_the_world_record_are_skipped():
    # 10 m/s is under the teleport speed, but 1 km in 100 s beats the record: not an effort.
    t = np.arange(0.0, 201.0)
    d = t * 10.0  # 10 m/s: 1 km in 100 s, under the record of 131.96 s
    assert best_efforts(t, d, (1000.0,)) == []
    assert WORLD_RECORDS_S[1000.0] > 100.0


def test_a_track_shorter_than_the_distance_has_no_effort():
    t, d = _run((999, 300))
    assert best_efforts(t, d) == []
    assert best_efforts([0.0], [0.0]) == []
    assert best_efforts([], []) == []


def test_points_without_time_are_left_out_and_coordinates_give_the_distance():
    # 1.2 km due north along a meridian at 5:00/km, one point a second; two untimed points.
    metres = np.arange(0.0, 1200.1, 1200 / 360)
    lat = 51.0 + np.degrees(metres / 6_371_008.8)
    seconds = metres / 1000 * 300
    seconds[[10, 20]] = np.nan
    track = Track.of(lat, np.full(lat.size, -0.1), None, seconds)
    t, d = track_distance(track)
    assert t.size == lat.size - 2 and d[-1] == pytest.approx(1200.0, rel=1e-6)
    (effort,) = best_efforts_of_track(track)
    assert effort.distance_m == 1000.0 and effort.seconds == pytest.approx(300.0, abs=0.01)


def test_the_standard_distances_are_the_usual_ones():
    assert STANDARD_DISTANCES == {
        "1 km": 1000.0,
        "1 mile": 1609.344,
        "5 km": 5000.0,
        "10 km": 10000.0,
        "half marathon": 21097.5,
        "marathon": 42195.0,
    }
    assert set(WORLD_RECORDS_S) == set(STANDARD_DISTANCES.values())
