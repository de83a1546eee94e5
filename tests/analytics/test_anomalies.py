"""Anomalies against seeded synthetic histories with planted truth, and against the demo story."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from analytics.anomalies import METHODS, Thresholds, find_anomalies
from analytics.errors import MissingColumns, UnknownMetric

PACE, DIST, DUR = "avg_pace_s_per_km", "distance_m", "duration_s"
S_PER_MI = 1.609344  # seconds per mile / this = seconds per km
ONLY = {  # thresholds that leave one method switched on
    "iqr": Thresholds(z=np.inf, modified_z=np.inf, sudden_change=np.inf),
    "z": Thresholds(iqr=np.inf, modified_z=np.inf, sudden_change=np.inf),
    "modified_z": Thresholds(iqr=np.inf, z=np.inf, sudden_change=np.inf),
}


def workouts(label: str, paces, distances, *, first_id: int = 1, start=date(2020, 1, 1)):
    """One workout every three days; uniform noise has no tails, so nothing is unusual by luck."""
    paces, distances = np.asarray(paces, dtype=float), np.asarray(distances, dtype=float)
    n = len(paces)
    return pd.DataFrame(
        {
            "id": np.arange(first_id, first_id + n),
            "workout_date": pd.to_datetime([start + timedelta(days=3 * i) for i in range(n)]),
            "label": label,
            PACE: paces,
            DIST: distances,
            DUR: paces * distances / 1000,
        }
    )


def runs(n=60, *, seed=1, first_id=1, start=date(2020, 1, 1)):
    rng = np.random.default_rng(seed)
    paces, distances = rng.uniform(320, 360, n), rng.uniform(7000, 9000, n)
    return workouts("run", paces, distances, first_id=first_id, start=start)


def planted(seed=1):
    """60 ordinary runs; run 40 is three times as long, run 50 twice as slow."""
    frame = runs(seed=seed)
    frame.loc[frame["id"] == 40, DIST] *= 3
    frame.loc[frame["id"] == 50, PACE] *= 2
    frame[DUR] = frame[PACE] * frame[DIST] / 1000
    return frame


def found(report, metric=None):
    return {(a.workout_id, a.metric) for a in report.items if metric in (None, a.metric)}


def test_planted_anomalies_are_found_by_every_method_and_nothing_else():
    report = find_anomalies(planted(), metrics=(PACE, DIST))
    assert found(report) == {(40, DIST), (50, PACE)}
    for item in report.items:
        assert set(item.methods) == set(METHODS), item
        assert item.direction == "high"
        assert item.severity > 1
    assert dict(report.counts) == dict.fromkeys(METHODS, 2)


@pytest.mark.parametrize("method", sorted(ONLY))
def test_each_class_method_alone_finds_exactly_the_planted(method):
    report = find_anomalies(planted(), metrics=(PACE, DIST), thresholds=ONLY[method])
    assert found(report) == {(40, DIST), (50, PACE)}
    assert all(item.methods == (method,) for item in report.items)


def test_scores_carry_the_numbers_behind_the_verdict():
    report = find_anomalies(planted(), metrics=(DIST,))
    (item,) = report.items
    scores = {s.method: s for s in item.scores}
    (stat,) = report.stats
    assert scores["z"].score == pytest.approx((item.value - stat.mean) / stat.std)
    assert scores["modified_z"].score == pytest.approx(
        0.6745 * (item.value - stat.median) / stat.mad
    )
    assert scores["iqr"].high == pytest.approx(stat.q3 + 1.5 * stat.iqr)
    assert item.value > scores["iqr"].high
    assert item.severity == pytest.approx(max(abs(s.score) / s.threshold for s in item.scores))
    assert report.thresholds["z"] == 3.0 and report.thresholds["recent_n"] == 10


def test_reason_reads_like_the_brief():
    offsets = np.linspace(0.2, 30, 20)
    paces = (585 + np.concatenate([-offsets, [0], offsets])) / S_PER_MI  # median 9:45 min/mi
    paces = np.random.default_rng(5).permutation(paces)
    frame = workouts("run", [*paces, 910 / S_PER_MI], [8000] * 42)
    (item,) = find_anomalies(frame, metrics=(PACE,)).items
    assert item.reason.startswith(
        "pace 15:10 min/mi is much slower than your usual run (median 9:45 min/mi; "
    )
    assert "z " in item.reason
    (km,) = find_anomalies(frame, metrics=("pace",), unit="km").items
    assert "min/km" in km.reason and "min/mi" not in km.reason


def test_a_slow_walk_is_ordinary_but_the_same_pace_on_a_run_is_not():
    rng = np.random.default_rng(3)
    walks = workouts("walk", rng.uniform(700, 900, 40), rng.uniform(2000, 4000, 40))
    frame = pd.concat([walks, runs(40, first_id=100)], ignore_index=True)
    frame.loc[frame["id"] == 30, PACE] = 760
    frame.loc[frame["id"] == 130, PACE] = 760
    report = find_anomalies(frame, metrics=(PACE,))
    assert found(report) == {(130, PACE)}
    assert report.items[0].reference == "run"
    assert "slower than your usual run" in report.items[0].reason


@pytest.mark.parametrize("recent_n", [5, 10, 20])
def test_sudden_change_is_measured_against_the_last_runs(recent_n):
    """A runner improving from 420 to 330 s/km over 300 runs, then a 400 s/km run."""
    rng = np.random.default_rng(4)
    paces = np.linspace(420, 330, 300) + rng.uniform(-10, 10, 300)
    frame = workouts("run", [*paces, 400], [8000] * 301)
    report = find_anomalies(frame, metrics=(PACE,), thresholds=Thresholds(recent_n=recent_n))
    assert found(report) == {(301, PACE)}, "ordinary for the class, sudden for the last runs"
    (item,) = report.items
    assert item.methods == ("sudden_change",)
    assert f"than your last {recent_n} runs" in item.reason
    sudden = item.scores[-1]
    assert sudden.n == recent_n
    assert sudden.centre == pytest.approx(np.median(paces[-recent_n:])), "the runs before it"


def test_early_workouts_have_no_window_to_compare_with():
    frame = planted()
    frame.loc[frame["id"] == 3, DIST] = 30000
    item = next(a for a in find_anomalies(frame, metrics=(DIST,)).items if a.workout_id == 3)
    assert "sudden_change" not in item.methods
    assert np.isnan(item.scores[-1].score), "only 2 runs before it: the method abstains"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, {40, 50}),
        (date(2020, 1, 1) + timedelta(days=3 * 39), None, {40, 50}),  # start is inclusive
        (date(2020, 1, 1) + timedelta(days=3 * 39 + 1), None, {50}),
        (None, date(2020, 1, 1) + timedelta(days=3 * 49), {40, 50}),  # end is inclusive
        (None, date(2020, 1, 1) + timedelta(days=3 * 49 - 1), {40}),
        (date(2030, 1, 1), None, set()),
    ],
)
def test_only_workouts_in_the_range_are_listed_but_stats_use_all(start, end, expected):
    everything = find_anomalies(planted(), metrics=(PACE, DIST))
    report = find_anomalies(planted(), start=start, end=end, metrics=(PACE, DIST))
    assert {a.workout_id for a in report.items} == expected
    assert report.stats == everything.stats


@pytest.mark.parametrize("rows", [0, 1, 7])
def test_too_little_data_is_said_in_words(rows):
    report = find_anomalies(runs(60).head(rows))
    assert not report.enough_data
    assert report.items == ()
    assert report.note.startswith("not enough data")


def test_no_workouts_in_range_is_not_enough_data():
    report = find_anomalies(planted(), start=date(2031, 1, 1))
    assert not report.enough_data and "no workouts to check" in report.note


def test_a_small_class_is_skipped_with_a_note():
    frame = pd.concat(
        [planted(), workouts("run_walk", [500] * 4 + [5000], [4000] * 5, first_id=900)]
    )
    report = find_anomalies(frame, metrics=(PACE,))
    assert ("run_walk", PACE, 5) in report.skipped
    assert "run-walk pace (5)" in report.note
    assert all(a.label == "run" for a in report.items)


def test_missing_values_are_ignored():
    frame = planted()
    gaps = runs(10, seed=9, first_id=500).assign(**{PACE: np.nan})
    with_gaps = find_anomalies(pd.concat([frame, gaps]), metrics=(PACE,))
    assert with_gaps.stats == find_anomalies(frame, metrics=(PACE,)).stats
    assert found(with_gaps) == {(50, PACE)}


def test_row_order_does_not_matter():
    frame = planted()
    shuffled = frame.sample(frac=1, random_state=7).set_index(np.arange(100, 160))
    assert repr(find_anomalies(shuffled)) == repr(find_anomalies(frame))


def test_outlier_rows_do_not_shape_statistics_but_are_reported():
    frame = planted()
    frame.loc[frame["id"] == 40, "label"] = "outlier"
    report = find_anomalies(frame, metrics=(DIST,))
    assert report.stats[0].n == 59
    assert [(a.workout_id, a.label, a.reference) for a in report.items] == [(40, "outlier", "run")]
    assert report.items[0].reason.endswith("it is labelled an outlier")
    assert find_anomalies(frame, metrics=(DIST,), outlier_reference=None).items == ()


def test_many_equal_values_do_not_make_everything_unusual():
    distances = [5000.0] * 40 + list(np.linspace(4900, 5100, 20)) + [15000.0]
    frame = workouts("run", [330] * 61, distances)
    report = find_anomalies(frame, metrics=(DIST,), thresholds=ONLY["modified_z"])
    assert report.stats[0].mad == 0
    assert found(report) == {(61, DIST)}


def test_most_severe_first():
    frame = planted()
    frame.loc[frame["id"] == 20, DIST] *= 1.6
    items = find_anomalies(frame, metrics=(DIST,)).items
    assert [a.workout_id for a in items] == [40, 20]
    assert items[0].severity > items[1].severity


@pytest.mark.parametrize(
    ("change", "error"),
    [({"metrics": ("speed",)}, UnknownMetric), ({"unit": "furlong"}, ValueError)],
)
def test_wrong_arguments_raise(change, error):
    with pytest.raises(error):
        find_anomalies(planted(), **change)


def test_missing_columns_raise():
    with pytest.raises(MissingColumns, match="label"):
        find_anomalies(planted().drop(columns="label"))


@pytest.mark.parametrize("glitch_label", ["outlier", "run"])
def test_demo_glitches_with_broken_values_are_reported(demo_frame, glitch_label):
    """Glitches keep their truth label, or pass as runs (a classifier missed them)."""
    glitches = demo_frame[demo_frame["truth"] == "outlier"]
    demo_frame.loc[glitches.index, "label"] = glitch_label
    pace_mi = glitches[PACE] * S_PER_MI / 60
    broken = {(i, PACE) for i in glitches.loc[(pace_mi < 4) | (pace_mi > 16), "id"]}
    broken |= {(i, DIST) for i in glitches.loc[glitches[DIST] > 14 * 1609.344, "id"]}
    assert len(broken) >= 3, "the demo plants spikes and sentinel paces"
    report = find_anomalies(demo_frame)
    assert broken <= found(report)


def test_demo_false_alarms_are_rare(demo_frame):
    report = find_anomalies(demo_frame)
    ordinary = demo_frame.loc[demo_frame["truth"] != "outlier", "id"]
    alarms = {a.workout_id for a in report.items} & set(ordinary)
    assert len(alarms) <= 0.01 * len(ordinary), f"{len(alarms)} of {len(ordinary)}"


def test_demo_2025(demo_frame):
    report = find_anomalies(demo_frame, start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert report.enough_data
    assert report.n_checked == int((demo_frame["workout_date"].dt.year == 2025).sum())
    assert all(a.workout_date.year == 2025 for a in report.items)
