"""Race predictions against known truth: efforts planted on Riegel's curve with k = 1.08 give
k = 1.08 and exact predictions; VDOT matches Daniels' published table."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from analytics.predictions import (
    DEFAULT_K,
    RACES,
    RIEGEL_MIN_SPREAD,
    predict_races,
    vdot,
    vdot_time,
    whole_workout_efforts,
)

TODAY = date(2025, 6, 30)
K = 1.08
T5K = 1200.0  # 20:00


def riegel_time(distance_m: float, k: float = K) -> float:
    return T5K * (distance_m / 5000.0) ** k


def efforts(rows) -> pd.DataFrame:
    """Rows of (distance_m, seconds, days before TODAY)."""
    return pd.DataFrame(
        {
            "distance_m": [r[0] for r in rows],
            "seconds": [r[1] for r in rows],
            "workout_id": range(1, len(rows) + 1),
            "date": [pd.Timestamp(TODAY - timedelta(days=r[2])) for r in rows],
        }
    )


def planted(seed: int = 0) -> pd.DataFrame:
    """Best efforts on the k = 1.08 curve, each with slower efforts at the same distance."""
    rng = np.random.default_rng(seed)
    rows = []
    for d in (1609.344, 3000.0, 5000.0, 10000.0, 15000.0, 21097.5):
        rows.append((d, riegel_time(d), int(rng.integers(0, 300))))
        for _ in range(3):
            rows.append(
                (d, riegel_time(d) * (1 + rng.uniform(0.02, 0.3)), int(rng.integers(0, 300)))
            )
    return efforts(rows).sample(frac=1.0, random_state=seed).reset_index(drop=True)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_planted_k_is_recovered_and_predictions_are_exact(seed):
    result = predict_races(planted(seed), source="tracks", today=TODAY)
    assert result.source == "tracks"
    assert result.k_source == "fitted"
    assert result.k == pytest.approx(K, abs=0.005)
    assert len(result.efforts) == 6  # one best per distance
    assert all(e.seconds == pytest.approx(riegel_time(e.distance_m)) for e in result.efforts)
    for race, distance in RACES:
        p = result.get(race, "riegel")
        assert p.seconds == pytest.approx(riegel_time(distance), rel=1e-9)
        assert p.low_s < p.seconds < p.high_s
        assert p.low_s == pytest.approx(p.seconds * (1 - RIEGEL_MIN_SPREAD), rel=1e-6)
        assert "fitted" in p.basis and p.method == "riegel" and p.uncertainty


@pytest.mark.parametrize(
    ("distance", "seconds", "expected"),
    [
        (5000, 20 * 60, 49.8),  # Daniels' table: VDOT 49.8 runs 5 km in 20:00
        (5000, 19 * 60 + 57, 50.0),
        (5000, 24 * 60 + 8, 40.0),
        (10000, 41 * 60 + 21, 50.0),
        (42195, 3 * 3600 + 10 * 60 + 49, 50.0),
        (21097.5, 3600 + 18 * 60 + 9, 60.0),
    ],
)
def test_vdot_matches_daniels_table(distance, seconds, expected):
    assert vdot(distance, seconds) == pytest.approx(expected, abs=0.3)


@pytest.mark.parametrize(
    ("value", "distance", "table"),
    [(40, 42195, 3 * 3600 + 49 * 60 + 45), (50, 10000, 41 * 60 + 21), (60, 5000, 17 * 60 + 3)],
)
def test_vdot_time_inverts_vdot(value, distance, table):
    seconds = vdot_time(value, distance)
    assert vdot(distance, seconds) == pytest.approx(value, abs=1e-6)
    assert seconds == pytest.approx(table, rel=0.005)


def test_vdot_predictions_come_from_the_best_effort():
    rows = [(5000.0, 1200.0, 10), (10000.0, 2700.0, 20), (3000.0, 900.0, 5)]
    result = predict_races(efforts(rows), source="tracks", today=TODAY)
    assert result.vdot == pytest.approx(vdot(5000, 1200))
    assert result.vdot_effort.distance_m == 5000.0
    five = result.get("5 km", "vdot")
    assert five.seconds == pytest.approx(1200.0, abs=0.01)
    marathon = result.get("marathon", "vdot")
    assert vdot(42195, marathon.seconds) == pytest.approx(result.vdot, abs=1e-6)
    assert marathon.high_s - marathon.low_s > five.high_s - five.low_s  # further, wider


def test_one_distance_falls_back_to_riegel_default():
    rows = [(5000.0, 1200.0, 3), (5000.0, 1300.0, 40)]
    result = predict_races(efforts(rows), source="tracks", today=TODAY)
    assert (result.k, result.k_source, result.k_fitted) == (DEFAULT_K, "default", None)
    assert result.get("10 km").seconds == pytest.approx(1200.0 * 2**DEFAULT_K)


def test_implausible_fit_falls_back_and_says_so():
    # a faster pace over the longer distance: k below 1
    rows = [(5000.0, 1500.0, 3), (10000.0, 2800.0, 5)]
    result = predict_races(efforts(rows), source="tracks", today=TODAY)
    assert result.k == DEFAULT_K and result.k_source == "default"
    assert result.k_fitted == pytest.approx(np.log(2800 / 1500) / np.log(2))
    assert "outside the plausible" in result.k_note


def test_old_and_short_efforts_do_not_count():
    rows = [
        (5000.0, 1200.0, 10),
        (10000.0, 2000.0, 400),  # older than the 365-day window
        (800.0, 150.0, 2),  # under 3.5 minutes
        (10000.0, 1900.0, -3),  # after today
    ]
    result = predict_races(efforts(rows), source="tracks", today=TODAY)
    assert [e.distance_m for e in result.efforts] == [5000.0]
    assert result.efforts_considered == 1
    assert result.start == TODAY - timedelta(days=364)


def test_no_efforts_no_predictions():
    result = predict_races(efforts([]), source="whole workouts", today=TODAY)
    assert result.predictions == () and result.vdot is None
    assert "nothing to predict" in result.note


def test_whole_workouts_are_runs_only_and_banded():
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5, 6],
            "workout_date": pd.to_datetime(["2025-06-01"] * 6),
            "label": ["run", "run", "run", "walk", "outlier", "run"],
            "distance_m": [5000.0, 5100.0, 10000.0, 5000.0, 5000.0, np.nan],
            "duration_s": [1500.0, 1400.0, 3000.0, 3000.0, 600.0, 1000.0],
        }
    )
    made = whole_workout_efforts(frame)
    assert made["workout_id"].tolist() == [1, 2, 3]
    assert made["seconds"].tolist() == [1500.0, 1400.0, 3000.0]
    result = predict_races(made, source="whole workouts", today=TODAY)
    assert result.source == "whole workouts"
    # 5,000 and 5,100 m share a 10% band: the faster pace (5,100 m in 1,400 s) is kept
    assert [(e.distance_m, e.workout_id) for e in result.efforts] == [(5100.0, 2), (10000.0, 3)]
    with pytest.raises(ValueError, match="source"):
        predict_races(made, source="gps", today=TODAY)
