from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics.errors import MissingColumns, UnknownMetric
from analytics.records import period_totals, personal_records, records_broken

MI = 1609.344


def frame_of(*rows: tuple) -> pd.DataFrame:
    """A frame of ``(day, label, distance_m, duration_s)`` rows, ids 1, 2... and pace = s/km."""
    frame = pd.DataFrame(list(rows), columns=["workout_date", "label", "distance_m", "duration_s"])
    frame.insert(0, "id", range(1, len(frame) + 1))
    frame["workout_date"] = pd.to_datetime(frame["workout_date"])
    frame[["distance_m", "duration_s"]] = frame[["distance_m", "duration_s"]].astype(float)
    frame["avg_pace_s_per_km"] = frame["duration_s"] / (frame["distance_m"] / 1000.0)
    return frame


def run(day: str, miles: float, minutes_per_mile: float = 9.0) -> tuple:
    return (day, "run", miles * MI, miles * minutes_per_mile * 60.0)


def shuffled(frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    return frame.sample(frac=1.0, random_state=seed)


def by_name(records: tuple) -> dict:
    return {record.name: record for record in records}


HISTORY_ROWS = (
    run("2019-05-03", 7.1, 10.0),  # id 1
    run("2019-05-10", 3.0, 8.5),  # id 2
    run("2020-02-01", 6.0, 11.0),  # id 3
    run("2021-03-04", 7.4, 9.5),  # id 4
    run("2021-03-05", 0.5, 6.0),  # id 5: fastest by far, but too short for a pace record
    ("2021-06-01", "outlier", 60 * MI, 900.0),  # id 6: GPS spike
)
HISTORY = frame_of(*HISTORY_ROWS)


def test_known_history_gives_known_records_and_what_they_beat():
    records = personal_records(HISTORY)
    longest = records.longest_run
    assert (longest.name, longest.unit, longest.workout_id) == ("longest_run", "m", 4)
    assert longest.value == pytest.approx(7.4 * MI)
    assert longest.date == longest.start == longest.end == date(2021, 3, 4)
    assert longest.previous.value == pytest.approx(7.1 * MI)
    assert (longest.previous.workout_id, longest.previous.date) == (1, date(2019, 5, 3))
    time = records.longest_run_time
    assert (time.workout_id, time.value) == (1, pytest.approx(71 * 60.0)), "71:00 beats 70:18"
    assert time.previous is None
    pace = records.fastest_run_pace
    assert (pace.workout_id, pace.unit) == (2, "s/km")
    assert pace.value == pytest.approx(8.5 * 60 / MI * 1000), "8:30 min/mi in s/km"
    assert pace.previous.workout_id == 1, "the 7.1 mi at 10:00 was the only run before it"
    assert (records.runs, records.outliers_excluded) == (5, 1)


@pytest.mark.parametrize(("record", "best"), [("longest_run", 8e3), ("longest_run_time", 4e3)])
def test_outliers_never_count(record, best):
    frame = frame_of(
        ("2020-01-01", "run", 5000.0, 4000.0),
        ("2020-01-02", "run", 8000.0, 2400.0),
        ("2020-01-03", "outlier", 90000.0, 20000.0),
        ("2020-01-04", "outlier", 1, 1),
    )
    records = personal_records(frame)
    assert getattr(records, record).value == best
    assert records.longest_daily_streak.value == 2, "outlier days do not extend a streak"
    assert records.most_workouts_in_week.value == 2


def test_runs_shorter_than_the_pace_distance_are_ignored_for_pace():
    frame = frame_of(run("2020-01-01", 3, 9), run("2020-01-02", 0.9, 6), run("2020-01-03", 1, 7))
    assert personal_records(frame).fastest_run_pace.workout_id == 3, "a mile exactly is enough"
    near = personal_records(frame, min_pace_distance_m=0.5 * MI).fastest_run_pace
    assert near.workout_id == 2


def test_nan_distances_and_paces_are_ignored():
    frame = frame_of(
        run("2020-01-01", 3.0),
        ("2020-01-02", "run", np.nan, 9000.0),  # no distance, so no pace either
        run("2020-01-03", 2.0, 10.0),
    )
    frame.loc[0, "avg_pace_s_per_km"] = np.nan
    records = personal_records(frame)
    assert records.longest_run.workout_id == 1
    assert records.longest_run_time.workout_id == 2, "a missing distance keeps its duration"
    assert records.fastest_run_pace.workout_id == 3


def test_a_lone_run_beats_nothing_and_zero_metres_is_no_distance():
    records = personal_records(frame_of(("2020-01-01", "run", 0.0, 600.0)))
    assert records.longest_run is None
    assert (records.longest_run_time.value, records.longest_run_time.previous) == (600.0, None)
    assert records.longest_daily_streak.value == 1


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ties_go_to_the_first_occurrence_whatever_the_row_order(seed):
    frame = frame_of(
        run("2020-03-01", 5.0, 9.0),  # id 1: tied for distance, later day
        run("2020-02-01", 5.0, 9.0),  # id 2: tied, earliest day: wins everything
        run("2020-02-01", 5.0, 9.0),  # id 3: tied, same day, higher id
    )
    records = personal_records(shuffled(frame, seed))
    for record in (records.longest_run, records.longest_run_time, records.fastest_run_pace):
        assert (record.workout_id, record.previous) == (2, None), record.name
    day = date(2020, 3, 1)
    assert records_broken(frame, start=day, end=day) == (), "equalling the best breaks nothing"


def test_walk_records_per_foot_label_and_runs_apart():
    frame = frame_of(
        ("2020-01-01", "walk", 3000.0, 2400.0),
        ("2020-01-02", "walk", 4000.0, 3000.0),
        ("2020-01-03", "run_walk", 5000.0, 2500.0),
        ("2020-01-04", "cycle", 40000.0, 5000.0),
        run("2020-01-05", 1.0),
    )
    records = personal_records(frame)
    walk = records.longest_walk["walk"]
    assert (walk.name, walk.workout_id, walk.previous.workout_id) == ("longest_walk", 2, 1)
    assert records.longest_walk["run_walk"].workout_id == 3
    assert records.longest_run.workout_id == 5, "walks and rides are no runs"
    assert [r.name for r in records.all][-2:] == ["longest_walk", "longest_run_walk"]


def test_busiest_iso_week_runs_monday_to_sunday_across_the_new_year():
    frame = frame_of(
        run("2020-12-26", 3.0),  # Saturday: ISO week 2020-52
        run("2020-12-27", 3.0),  # Sunday: still 2020-52
        run("2020-12-28", 3.0),  # Monday: ISO week 2020-53, to Sunday 2021-01-03
        ("2020-12-28", "walk", 2000.0, 1500.0),
        run("2021-01-03", 3.0),
        run("2021-01-04", 3.0),  # Monday: ISO week 2021-01
    )
    week = personal_records(frame).most_workouts_in_week
    assert (week.value, week.unit, week.workout_id) == (3, "workouts", None)
    assert (week.start, week.end, week.date) == (date(2020, 12, 28), date(2021, 1, 3), week.end)
    assert (week.previous.value, week.previous.start) == (2, date(2020, 12, 21))


@pytest.mark.parametrize("unit", ["s", "us", "ns"])
def test_longest_daily_streak_counts_days_not_workouts(unit):
    # Jan 1-2: 2 days; Jan 10-12: 3 days and 4 workouts (two on the 11th); Jan 20: 1 day
    runs = (run(f"2020-01-{day:02d}", 3.0) for day in (1, 2, 10, 11, 11, 20))
    frame = frame_of(*runs, ("2020-01-12", "walk", 2000.0, 1500.0))
    frame["workout_date"] = frame["workout_date"].astype(f"datetime64[{unit}]")
    streak = personal_records(frame).longest_daily_streak
    assert (streak.value, streak.unit, streak.date) == (3, "days", date(2020, 1, 12))
    assert (streak.start, streak.end) == (date(2020, 1, 10), date(2020, 1, 12))
    assert (streak.previous.value, streak.previous.start) == (2, date(2020, 1, 1))


@pytest.mark.parametrize("seed", [0, 1])
def test_records_broken_in_a_range_beat_everything_before_it(seed):
    frame = frame_of(
        *HISTORY_ROWS,
        run("2021-07-01", 6.0),  # id 7: inside, but short of the 7.4 mi
        run("2021-07-02", 7.6),  # id 8: inside, the new record
        run("2021-07-03", 7.5),  # id 9: inside, beaten by the 7.6
        run("2021-08-01", 9.0),  # id 10: after the range
    ).pipe(shuffled, seed)
    broken = records_broken(frame, start=date(2021, 7, 1), end=date(2021, 7, 31))
    longest = by_name(broken)["longest_run"]
    assert (longest.workout_id, longest.value) == (8, pytest.approx(7.6 * MI))
    assert (longest.previous.workout_id, longest.previous.date) == (4, date(2021, 3, 4))
    assert "fastest_run_pace" not in by_name(broken)
    march = records_broken(frame, start=date(2021, 3, 1), end=date(2021, 6, 30))
    assert by_name(march)["longest_run"].workout_id == 4
    later = records_broken(frame, start=date(2021, 3, 5), end=date(2021, 6, 30))
    assert "longest_run" not in by_name(later), "the 7.4 mi is before the range"


def test_first_workouts_are_not_broken_records():
    runs = (run("2020-01-01", 3.0), run("2020-01-02", 4.0))
    frame = frame_of(*runs)
    assert records_broken(frame, start=date(2020, 1, 1), end=date(2020, 1, 2)) == ()
    walk = frame_of(*runs, ("2020-01-08", "walk", 3000.0, 2000.0))
    first_walk = records_broken(walk, start=date(2020, 1, 8), end=date(2020, 1, 8))
    assert first_walk == (), "a first-ever dog walk has no walk to beat"
    second = records_broken(frame, start=date(2020, 1, 2), end=date(2020, 1, 2))
    assert by_name(second)["longest_run"].workout_id == 2


def test_a_streak_running_into_the_range_is_compared_with_its_own_start():
    frame = frame_of(*(run(f"2020-01-{d:02d}", 3.0) for d in (1, 2, 5, 6, 7, 8)))
    broken = records_broken(frame, start=date(2020, 1, 8), end=date(2020, 1, 8))
    streak = by_name(broken)["longest_daily_streak"]
    assert (streak.value, streak.start, streak.end) == (4, date(2020, 1, 5), date(2020, 1, 8))
    assert (streak.previous.value, streak.previous.end) == (3, date(2020, 1, 7))


TOTALS = frame_of(
    run("2020-01-15", 3.0),
    run("2020-03-01", 5.0),
    ("2020-03-02", "walk", np.nan, 1800.0),
    ("2020-03-03", "walk", 2000.0, np.nan),
    ("2020-03-04", "outlier", 90000.0, 600.0),
    ("2021-01-01", "cycle", 20000.0, 3600.0),
)


def test_monthly_totals_match_hand_sums_with_empty_months_included():
    totals = period_totals(TOTALS, period="month", start=date(2020, 1, 1), end=date(2020, 3, 31))
    assert totals.names == ("2020-01", "2020-02", "2020-03")
    assert totals.starts == (date(2020, 1, 1), date(2020, 2, 1), date(2020, 3, 1))
    assert totals.labels == ("run", "walk", "outlier")
    walks = totals.cell("2020-03", "walk")
    assert (walks.count, walks.distance_m, walks.duration_s) == (2, 2000.0, 1800.0)
    assert (walks.with_distance, walks.with_duration) == (1, 1)
    assert totals.cell("2020-02", "run").count == 0
    assert totals.by_period[2].count == 3, "outliers are not in the period totals"
    assert totals.by_period[2].distance_m == pytest.approx(5 * MI + 2000.0)
    assert totals.by_label[2].distance_m == 90000.0, "but are shown as their own label"
    assert totals.total.distance_m == pytest.approx(8 * MI + 2000.0)
    assert totals.total.duration_s == pytest.approx(8 * 9 * 60 + 1800.0)


@pytest.mark.parametrize("seed", [0, 1])
def test_yearly_totals_in_chronological_order_whatever_the_row_order(seed):
    totals = period_totals(shuffled(TOTALS, seed), period="year")
    assert totals.names == ("2020", "2021")
    assert (totals.start, totals.end) == (date(2020, 1, 15), date(2021, 1, 1))
    assert totals.labels == ("run", "walk", "cycle", "outlier")
    assert [t.count for t in totals.by_period] == [4, 1]
    assert totals.cell("2021", "cycle").distance_m == 20000.0
    assert sum(t.count for t in totals.by_label) == len(TOTALS)


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2020, 1, 15), date(2020, 3, 4), 5),  # both ends inclusive
        (date(2020, 1, 16), date(2020, 3, 3), 3),
        (date(2020, 3, 2), None, 4),
        (None, date(2020, 3, 1), 2),
    ],
)
def test_totals_count_workouts_from_start_to_end_inclusive(start, end, count):
    totals = period_totals(TOTALS, period="month", start=start, end=end)
    assert sum(t.count for t in totals.by_label) == count
    assert totals.start == (start if start is not None else date(2020, 1, 15))
    assert totals.end == (end if end is not None else date(2021, 1, 1))


NO_DISTANCE = HISTORY.drop(columns=["distance_m"])
DAY, NEXT = date(2021, 1, 1), date(2021, 1, 2)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: personal_records(NO_DISTANCE), MissingColumns, "distance_m"),
        (lambda: records_broken(NO_DISTANCE, start=DAY, end=DAY), MissingColumns, "distance_m"),
        (lambda: period_totals(NO_DISTANCE), MissingColumns, "distance_m"),
        (lambda: period_totals(TOTALS, period="week"), UnknownMetric, "week"),
        (lambda: period_totals(TOTALS, start=NEXT, end=DAY), ValueError, "after"),
        (lambda: records_broken(HISTORY, start=NEXT, end=DAY), ValueError, "after"),
    ],
)
def test_wrong_input_raises(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_empty_frame_gives_empty_answers():
    empty = frame_of()
    records = personal_records(empty)
    assert records.all == ()
    assert records.longest_walk["walk"] is None
    assert records_broken(empty, start=date(2020, 1, 1), end=date(2020, 12, 31)) == ()
    totals = period_totals(empty)
    assert (totals.names, totals.total.count, totals.total.distance_m) == ((), 0, 0.0)
    ranged = period_totals(empty, period="month", start=date(2020, 1, 1), end=date(2020, 2, 1))
    assert ranged.names == ("2020-01", "2020-02")
    assert ranged.cells == ((), ())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_demo_records_are_from_the_real_runs(demo_frame, seed):
    frame = shuffled(demo_frame, seed)
    spikes = frame[(frame["label"] == "outlier") & (frame["distance_m"] > 26 * MI * 0.99)]
    assert not spikes.empty, "the demo has GPS spikes that would be the longest run"
    records = personal_records(frame)
    by_id = frame.set_index("id")
    for record in (records.longest_run, records.longest_run_time, records.fastest_run_pace):
        assert by_id.loc[record.workout_id, "truth"] == "run", record.name
    assert 3 * MI <= records.longest_run.value <= 7 * MI
    assert 8.0 <= records.fastest_run_pace.value * MI / 1000 / 60 <= 11.0, "min/mi"
    assert records == personal_records(demo_frame)
