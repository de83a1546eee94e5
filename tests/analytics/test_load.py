"""Training load, fitness, fatigue and form against truth computed here, independently:
the exponential averages in closed form, the loads from their formulas by hand."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from analytics.load import (
    DEFAULT_MAX_HR,
    METHODS,
    compare_fitness,
    form_word,
    load_curves,
    workout_loads,
)

START = date(2024, 1, 1)
THRESHOLD = 300.0  # s/km


def frame(rows: list[dict]) -> pd.DataFrame:
    """A labelled workouts frame: each row's day (an offset from START or a date) and what it
    gives; pace from ``pace`` (s/km) and ``minutes``."""
    out = []
    for row in rows:
        day = row.get("day", 0)
        day = START + timedelta(days=day) if isinstance(day, int) else day
        minutes, pace = row.get("minutes", 60.0), row.get("pace", THRESHOLD)
        out.append(
            {
                "workout_date": pd.Timestamp(day),
                "label": row.get("label", "run"),
                "category": row.get("category", "run"),
                "duration_s": minutes * 60.0,
                "distance_m": minutes * 60.0 / pace * 1000.0,
                "avg_pace_s_per_km": pace,
                "avg_heart_rate": row.get("hr", np.nan),
            }
        )
    return pd.DataFrame(out)


def ewma_truth(daily: list[float], n: int) -> list[float]:
    """x[t] = x[t-1] + (load[t] - x[t-1]) / n from 0, by a plain loop."""
    x, out = 0.0, []
    for load in daily:
        x += (load - x) / n
        out.append(x)
    return out


def test_constant_load_approaches_it_exponentially():
    days = 120
    curves = load_curves(
        frame([{"day": d} for d in range(days)]),
        end=START + timedelta(days=days - 1),
        threshold_pace_s_per_km=THRESHOLD,
    )
    assert curves.load == pytest.approx(np.full(days, 100.0))  # an hour at threshold is 100
    n = np.arange(days)
    assert curves.fitness == pytest.approx(100.0 * (1 - (1 - 1 / 42) ** (n + 1)), rel=1e-12)
    assert curves.fatigue == pytest.approx(100.0 * (1 - (1 - 1 / 7) ** (n + 1)), rel=1e-12)
    expected_form = np.concatenate([[0.0], (curves.fitness - curves.fatigue)[:-1]])
    assert curves.form == pytest.approx(expected_form)
    assert curves.form[1:] == pytest.approx(
        100.0 * ((1 - 1 / 7) ** n[:-1] * (1 - 1 / 7) - (1 - 1 / 42) ** (n[:-1] + 1)), abs=1e-9
    )
    assert curves.fatigue[-1] == pytest.approx(100.0, abs=1e-6)
    assert curves.fitness[-1] < 100.0


def test_a_single_workout_decays_by_one_42nd_a_day_and_rest_days_are_zero():
    end = START + timedelta(days=60)
    curves = load_curves(frame([{"minutes": 90.0}]), end=end, threshold_pace_s_per_km=THRESHOLD)
    load = 150.0
    assert curves.start == START and curves.end == end
    assert len(curves.dates) == 61
    assert curves.dates[-1] == np.datetime64(end, "D")
    assert curves.load[0] == pytest.approx(load)
    assert np.all(curves.load[1:] == 0.0)
    for n in (0, 1, 7, 30, 60):
        assert curves.fitness[n] == pytest.approx(load / 42 * (1 - 1 / 42) ** n, rel=1e-12)
        assert curves.fatigue[n] == pytest.approx(load / 7 * (1 - 1 / 7) ** n, rel=1e-12)
    day = curves.on(START + timedelta(days=8))
    assert day.form == pytest.approx(curves.fitness[7] - curves.fatigue[7])
    assert curves.on(START - timedelta(days=1)) is None
    assert curves.on(end + timedelta(days=1)) is None
    assert curves.current.day == end


def test_irregular_history_matches_a_plain_loop():
    rng = np.random.default_rng(19)
    offsets = sorted(rng.choice(200, size=80, replace=False).tolist())
    rows = [{"day": int(d), "minutes": float(rng.uniform(20, 90))} for d in offsets]
    rows += [{"day": offsets[3], "minutes": 30.0}]  # two workouts on one day add up
    curves = load_curves(
        frame(rows), end=START + timedelta(days=220), threshold_pace_s_per_km=THRESHOLD
    )
    daily = [0.0] * (221 - offsets[0])
    for row in rows:
        daily[row["day"] - offsets[0]] += row["minutes"] / 60 * 100
    assert curves.load == pytest.approx(daily)
    assert curves.fitness == pytest.approx(ewma_truth(daily, 42))
    assert curves.fatigue == pytest.approx(ewma_truth(daily, 7))


def test_workouts_after_end_are_left_out():
    end = START + timedelta(days=10)
    curves = load_curves(
        frame([{"day": 0}, {"day": 30}]), end=end, threshold_pace_s_per_km=THRESHOLD
    )
    assert len(curves.dates) == 11 and len(curves.workouts) == 1
    assert curves.methods["pace"] == 1


def test_heart_rate_wins_over_pace_and_the_rest_is_zero_with_a_reason():
    rows = [
        {"hr": 60 + 0.88 * 120},  # an hour at threshold heart rate: 100
        {"pace": 360.0},
        {"label": "outlier", "category": "run", "hr": 170.0},
        {"label": "cycle", "category": "cycle"},
        {"label": "cycle", "category": "cycle", "hr": 60 + 0.5 * 120, "minutes": 30.0},
    ]
    result = workout_loads(frame(rows), end=START, max_hr=180.0, threshold_pace_s_per_km=THRESHOLD)
    loads = result.loads
    assert loads["method"].tolist() == [
        "heart_rate",
        "pace",
        "outlier",
        "not_on_foot",
        "heart_rate",
    ]
    assert loads["load"].iloc[0] == pytest.approx(100.0)
    assert loads["load"].iloc[1] == pytest.approx(100.0 * (300 / 360) ** 2)
    assert loads["load"].iloc[2] == 0.0 and loads["load"].iloc[3] == 0.0
    trimp = lambda minutes, r: minutes * r * 0.64 * math.exp(1.92 * r)  # noqa: E731
    assert loads["load"].iloc[4] == pytest.approx(100 * trimp(30, 0.5) / trimp(60, 0.88))
    assert loads["intensity"].iloc[0] == pytest.approx(0.88)
    assert result.resting_hr.value == 60.0 and result.resting_hr.source == "default 60"
    assert result.max_hr.source == "given"


def test_a_dog_walk_hour_gives_clearly_less_than_a_run_hour():
    rows = [{"pace": 360.0}, {"label": "walk", "category": "walk", "pace": 720.0}]
    rows += [{"day": d, "minutes": 30.0, "pace": 300.0 + d} for d in range(1, 11)]
    loads = workout_loads(frame(rows), end=START + timedelta(days=11)).loads
    run, walk = loads["load"].iloc[0], loads["load"].iloc[1]
    assert loads["method"].iloc[1] == "pace"
    assert 0 < walk < run / 3
    assert walk / run == pytest.approx((360 / 720) ** 2)


def test_unlabelled_frames_use_the_category():
    rows = frame([{"pace": 360.0}, {"pace": 720.0, "category": "walk"}, {"category": "cycle"}])
    loads = workout_loads(
        rows.drop(columns="label"), end=START, threshold_pace_s_per_km=THRESHOLD
    ).loads
    assert loads["method"].tolist() == ["pace", "pace", "not_on_foot"]
    assert loads["label"].tolist() == ["run", "walk", "cycle"]


def test_threshold_is_the_median_of_the_fastest_fifth_of_recent_sustained_runs():
    rng = np.random.default_rng(7)
    end = date(2025, 6, 30)
    recent = rng.uniform(280, 420, size=40)
    rows = [
        {"day": end - timedelta(days=int(i * 4)), "minutes": 40.0, "pace": float(p)}
        for i, p in enumerate(recent)
    ]
    rows += [{"day": end - timedelta(days=400), "minutes": 40.0, "pace": 200.0}]  # too old
    rows += [{"day": end, "minutes": 10.0, "pace": 210.0}]  # too short
    rows += [{"day": end, "minutes": 90.0, "pace": 220.0}]  # too long
    rows += [{"day": end, "label": "walk", "category": "walk", "minutes": 30.0, "pace": 230.0}]
    estimate = workout_loads(frame(rows), end=end).threshold_pace
    assert estimate.value == pytest.approx(float(np.median(np.sort(recent)[:8])))
    assert "fastest 8 of 40 runs" in estimate.source and "180 days" in estimate.source


def test_threshold_falls_back_to_all_history_then_a_default():
    end = date(2025, 6, 30)
    old = [{"day": date(2020, 1, d), "minutes": 30.0, "pace": 280.0 + d} for d in range(1, 11)]
    estimate = workout_loads(frame(old), end=end).threshold_pace
    assert estimate.value == pytest.approx(281.5) and "all history" in estimate.source
    estimate = workout_loads(frame(old[:2]), end=end).threshold_pace
    assert estimate.value == 330.0 and estimate.source.startswith("default")


def test_max_heart_rate_from_the_owner_s_data_or_190():
    rng = np.random.default_rng(3)
    rows = frame([{"day": d, "hr": float(rng.uniform(120, 170))} for d in range(50)])
    rows["max_heart_rate"] = rng.uniform(150, 195, size=50)
    estimate = workout_loads(rows, end=START).max_hr
    assert estimate.value == pytest.approx(np.percentile(rows["max_heart_rate"], 99))
    assert "max heart rate" in estimate.source
    averages = workout_loads(rows.drop(columns="max_heart_rate"), end=START).max_hr
    assert averages.value == pytest.approx(np.percentile(rows["avg_heart_rate"], 99))
    assert "average heart rate" in averages.source
    few = workout_loads(rows.head(5).drop(columns="max_heart_rate"), end=START).max_hr
    assert few.value == DEFAULT_MAX_HR and few.source.startswith("default 190")
    with pytest.raises(ValueError, match="above resting"):
        workout_loads(rows, end=START, resting_hr=200.0)


def test_compare_fitness_gives_a_plain_verdict():
    rows = [{"day": d} for d in range(0, 90)] + [
        {"day": d, "minutes": 20.0} for d in range(200, 300)
    ]
    end = START + timedelta(days=300)
    curves = load_curves(frame(rows), end=end, threshold_pace_s_per_km=THRESHOLD)
    spring = (START + timedelta(days=60), START + timedelta(days=89))
    result = compare_fitness(curves, spring, end)
    expected_then = float(np.mean(curves.fitness[60:90]))
    assert result.then_fitness == pytest.approx(expected_then)
    assert result.now_fitness == pytest.approx(curves.fitness[300])
    assert result.difference == pytest.approx(curves.fitness[300] - expected_then)
    assert result.verdict == "less fit" and result.then_days == 30 and result.now_days == 1
    assert "less fit" in result.sentence
    assert compare_fitness(curves, end, spring).verdict == "fitter"
    assert compare_fitness(curves, spring, spring).verdict == "about the same"
    before = compare_fitness(curves, date(2023, 1, 1), end)
    assert before.verdict == "not enough data" and before.then_fitness is None


def test_empty_and_frozen():
    curves = load_curves(frame([]).reindex(columns=frame([{}]).columns), end=START)
    assert curves.dates.size == 0 and curves.current is None and curves.start is None
    assert dict(curves.methods) == dict.fromkeys(METHODS, 0)
    assert compare_fitness(curves, START, START).verdict == "not enough data"
    full = load_curves(frame([{}]), end=START, threshold_pace_s_per_km=THRESHOLD)
    with pytest.raises(ValueError, match="read-only"):
        full.fitness[0] = 1.0


def test_form_words():
    assert [form_word(v) for v in (10, 0, -20, -40)] == [
        "fresh",
        "neutral",
        "training",
        "overreaching",
    ]


def test_demo_history_loads(demo_frame):
    curves = load_curves(demo_frame, end=date(2025, 12, 31))
    assert sum(curves.methods.values()) == len(demo_frame)
    walks = curves.workouts.loc[curves.workouts["label"] == "walk", "load"]
    runs = curves.workouts.loc[curves.workouts["label"] == "run", "load"]
    assert walks.median() < runs.median() / 2
    assert np.isfinite(curves.fitness).all() and (curves.fitness >= 0).all()


def test_the_moving_averages_are_lfilters_to_the_last_bit():
    """The fitness and fatigue curves are the first-order filter scipy.signal.lfilter computes
    (which the code no longer imports, for a fresh process's sake), bit for bit."""
    from scipy.signal import lfilter

    from analytics.load import _ewma

    rng = np.random.default_rng(7)
    for _ in range(50):
        n = int(rng.integers(0, 6000))
        daily = rng.random(n) * float(rng.integers(1, 400)) * (rng.random(n) < 0.4)
        for days in (1, 7, 42):
            expected = lfilter([1.0 / days], [1.0, 1.0 / days - 1.0], daily)
            assert np.array_equal(_ewma(daily, days), expected)
