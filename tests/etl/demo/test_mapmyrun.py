"""The synthetic MapMyRun export (etl.demo.mapmyrun) is deterministic, realistic and labelled.

The CSV is read back with the csv module only, never with the project's own readers, so a bug
shared by the generator and a parser cannot hide itself.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter
from datetime import date

import pandas as pd
import pytest

from etl.demo.mapmyrun import DemoHistory, generate_export, generate_history

HEADER_MI = (
    "Date Submitted,Workout Date,Activity Type,Calories Burned (kcal),Distance (mi),"
    "Workout Time (seconds),Avg Pace (min/mi),Max Pace (min/mi),Avg Speed (mi/h),"
    "Max Speed (mi/h),Avg Heart Rate,Steps,Notes,Source,Link"
)
HEADER_KM = (
    "Date Submitted,Workout Date,Activity Type,Calories Burned (kcal),Distance (km),"
    "Workout Time (seconds),Avg Pace (min/km),Max Pace (min/km),Avg Speed (km/h),"
    "Max Speed (km/h),Avg Heart Rate,Steps,Notes,Source,Link"
)
KM = 1.609344
START, END, EVENT = date(2011, 1, 1), date(2025, 12, 31), date(2018, 6, 1)
MONTHS = {"Jan.": 1, "Feb.": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7}
MONTHS |= {"Aug.": 8, "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12}
DATE_RE = re.compile(r"^(?P<month>[A-Z][a-z]+\.?) (?P<day>[1-9]\d?), (?P<year>\d{4})$")
FOOT_TYPES = {"Run", "Walk", "Hike", "Indoor Run / Jog"}


def parse_date(text: str) -> date:
    match = DATE_RE.match(text)
    assert match, f"not a MapMyRun date: {text!r}"
    return date(int(match["year"]), MONTHS[match["month"]], int(match["day"]))


def read(text: str) -> tuple[list[str], list[list[str]]]:
    header, *rows = csv.reader(io.StringIO(text))
    return header, rows


def records(history: DemoHistory) -> list[dict]:
    """CSV rows as dicts keyed by header, with parsed numbers and the true label attached."""
    header, rows = read(history.csv_text)
    out = []
    for row, label in zip(rows, history.truth["label"], strict=True):
        rec = dict(zip(header, row, strict=True))
        rec["label"] = label
        rec["date"] = parse_date(rec["Workout Date"])
        rec["submitted"] = parse_date(rec["Date Submitted"])
        rec["dist"] = float(rec[header[4]])
        rec["secs"] = int(rec["Workout Time (seconds)"])
        rec["pace"] = float(rec[header[6]])
        rec["speed"] = float(rec[header[8]])
        rec["max_speed"] = float(rec[header[9]])
        out.append(rec)
    return out


@pytest.fixture(scope="module")
def history() -> DemoHistory:
    return generate_history()


@pytest.fixture(scope="module")
def recs(history: DemoHistory) -> list[dict]:
    return records(history)


def months(first: date, last: date) -> float:
    return ((last - first).days + 1) / (365.25 / 12)


# --- determinism and shape --------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda seed: generate_history(seed=seed).csv_text,
        lambda seed: generate_export(500, seed=seed),
    ],
    ids=["history", "export"],
)
def test_same_seed_gives_identical_text_and_other_seeds_differ(make):
    assert make(7) == make(7)
    assert make(7) != make(8)


def test_same_seed_gives_identical_truth():
    pd.testing.assert_frame_equal(generate_history(seed=3).truth, generate_history(seed=3).truth)


@pytest.mark.parametrize(("unit", "header"), [("mi", HEADER_MI), ("km", HEADER_KM)])
def test_header_is_exact_for_both_units(unit, header):
    assert generate_history(unit=unit).csv_text.split("\n", 1)[0] == header
    assert generate_export(3, unit=unit).split("\n", 1)[0] == header


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="unit"):
        generate_export(3, unit="furlong")


@pytest.mark.parametrize(
    "make",
    [lambda: generate_history().csv_text, lambda: generate_export(3000, seed=4, unit="km")],
    ids=["history", "export-km"],
)
def test_text_is_what_the_csv_module_writes(make):
    text = make()
    header, rows = read(text)
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows([header, *rows])
    assert out.getvalue() == text
    assert '"Jan. ' in text  # dates hold a comma, so they come quoted


@pytest.mark.parametrize(
    "make",
    [lambda: generate_history(seed=11).csv_text, lambda: generate_export(5000, seed=11, unit="km")],
    ids=["history", "export-km"],
)
def test_numbers_are_plain_decimals_without_exponents(make):
    _, rows = read(make())
    numbers = [cell for row in rows for cell in row[3:12]]  # Calories .. Steps
    bad = [cell for cell in numbers if not re.fullmatch(r"(\d+(\.\d+)?)?", cell)]
    assert not bad
    assert any(len(cell.partition(".")[2]) > 10 for cell in numbers)  # old rows keep full floats


def test_truth_matches_the_csv_row_for_row(history, recs):
    truth = history.truth
    assert list(truth.columns) == [
        "source_id",
        "workout_date",
        "activity_type",
        "label",
        "distance_mi",
        "duration_s",
    ]
    assert len(truth) == len(recs) > 1000
    assert list(truth["source_id"]) == [r["Link"].rsplit("/", 1)[1] for r in recs]
    assert all(sid.isdigit() for sid in truth["source_id"])
    assert list(truth["workout_date"]) == [r["date"] for r in recs]
    assert list(truth["activity_type"]) == [r["Activity Type"] for r in recs]
    assert list(truth["distance_mi"]) == [r["dist"] for r in recs]
    assert list(truth["duration_s"]) == [r["secs"] for r in recs]
    assert set(truth["label"]) == {"run", "walk", "run_walk", "outlier", "other"}


def test_rows_are_chronological_with_growing_ids(recs):
    dates = [r["date"] for r in recs]
    ids = [int(r["Link"].removeprefix("http://www.mapmyfitness.com/workout/")) for r in recs]
    assert dates == sorted(dates)
    assert dates[0] >= START
    assert dates[-1] <= END
    assert all(a < b for a, b in itertools.pairwise(ids))
    assert 300_000_000 <= ids[0] < 400_000_000


def test_dates_use_mapmyrun_month_names(history):
    _, rows = read(history.csv_text)
    cells = [cell for row in rows for cell in row[:2]]
    assert all(DATE_RE.match(cell) for cell in cells)
    used = {DATE_RE.match(cell)["month"] for cell in cells}
    assert used == set(MONTHS)  # every month name shows up, in MapMyRun's spelling
    assert not any(re.search(r" 0\d,", cell) for cell in cells)


def test_submitted_is_usually_the_workout_date_else_a_few_days_later(recs):
    lags = [(r["submitted"] - r["date"]).days for r in recs]
    assert 0.75 <= lags.count(0) / len(lags) <= 0.85
    assert set(lags) <= set(range(7))


def test_text_columns_look_like_a_real_export(recs):
    for r in recs:
        if r["date"] < date(2016, 1, 1):
            assert r["Source"] == ""
        else:
            assert re.fullmatch(r"Map My Fitness [a-z0-9]{32}", r["Source"]), r["Source"]
    assert Counter(r["Notes"] for r in recs).keys() == {"", "b''"}
    assert sum(r["Avg Heart Rate"] == "" for r in recs) / len(recs) > 0.8
    assert sum(r["Max Speed (mi/h)"] == "0" for r in recs) / len(recs) == pytest.approx(
        0.3, abs=0.05
    )


# --- the story ----------------------------------------------------------------------------------


def test_about_four_workouts_a_month_before_the_puppy_and_sixteen_after(recs):
    before = [r for r in recs if r["date"] < EVENT]
    after = [r for r in recs if r["date"] >= EVENT]
    assert 3.5 <= len(before) / months(START, EVENT) <= 4.5
    assert 14.5 <= len(after) / months(EVENT, END) <= 17.5
    assert sum(r["label"] == "run" for r in before) / len(before) > 0.9
    assert not any(r["label"] in {"walk", "run_walk"} for r in before)
    shares = Counter(r["label"] for r in after)
    assert shares["walk"] / len(after) == pytest.approx(0.70, abs=0.05)
    assert shares["run"] / len(after) == pytest.approx(0.27, abs=0.05)
    assert shares["run_walk"] / len(after) == pytest.approx(0.03, abs=0.02)


@pytest.mark.parametrize(
    ("label", "miles", "pace", "kcal_per_mile"),
    [
        ("run", (3, 7), (8, 11), (85, 115)),
        ("walk", (1, 3), (18, 28), (70, 95)),
        ("run_walk", (1.5, 4), (12.5, 16), (85, 115)),
    ],
)
def test_distance_pace_and_calories_stay_in_each_labels_range(
    recs, label, miles, pace, kcal_per_mile
):
    rows = [r for r in recs if r["label"] == label]
    assert len(rows) > 20
    for r in rows:
        assert miles[0] <= r["dist"] <= miles[1]
        assert pace[0] - 0.01 <= r["pace"] <= pace[1] + 0.01  # whole seconds shift it a hair
        assert r["pace"] == pytest.approx(r["secs"] / 60 / r["dist"], rel=1e-5)
        assert r["speed"] == pytest.approx(60 / r["pace"], rel=1e-5)
        kcal = int(r["Calories Burned (kcal)"]) / r["dist"]
        assert kcal_per_mile[0] - 1 <= kcal <= kcal_per_mile[1] + 1  # whole kcal, like pace


def test_other_workouts_are_rare_non_foot_activities(recs):
    others = [r for r in recs if r["label"] == "other"]
    assert 0 < len(others) / len(recs) < 0.05
    assert not {r["Activity Type"] for r in others} & FOOT_TYPES
    bikes = [r for r in others if r["Activity Type"] == "Bike Ride"]
    assert bikes
    assert all(8 - 0.01 <= r["speed"] <= 18 + 0.01 for r in bikes)
    assert all(r["dist"] == 0 for r in others if r["Activity Type"] == "Video Workout")


def test_runs_cluster_on_some_weekdays_and_walks_spread_over_all(recs):
    runs = Counter(r["date"].weekday() for r in recs if r["label"] == "run")
    walks = Counter(r["date"].weekday() for r in recs if r["label"] == "walk")
    favourite = sum(runs[d] for d in (1, 3, 5, 6)) / sum(runs.values())  # Tue, Thu, Sat, Sun
    assert favourite > 0.7
    assert all(walks[d] / sum(walks.values()) > 0.1 for d in range(7))


def test_activity_type_does_not_reveal_the_label(recs):
    walks = Counter(r["Activity Type"] for r in recs if r["label"] == "walk")
    assert walks["Run"] / sum(walks.values()) == pytest.approx(0.75, abs=0.06)
    assert walks["Walk"] > 0
    assert walks["Hike"] > 0
    logged_as_run = {r["label"] for r in recs if r["Activity Type"] == "Run"}
    assert {"run", "walk", "run_walk", "outlier"} <= logged_as_run
    assert {r["Activity Type"] for r in recs if r["label"] == "run_walk"} == {"Run"}
    indoor = [r for r in recs if r["Activity Type"] == "Indoor Run / Jog"]
    assert indoor
    assert all(r["date"] < EVENT and r["label"] == "run" for r in indoor)


GLITCHES = {
    "gps_distance_spike": lambda r: r["dist"] >= 26 and 0 < r["secs"] <= 40 * 60,
    "gps_pace_spike": lambda r: 0 < r["pace"] < 2.5 and r["dist"] < 26,
    "zero_duration": lambda r: r["secs"] == 0 and r["dist"] > 0,
    "sentinel_duration": lambda r: (
        r["secs"] == 1704734895 and r["Calories Burned (kcal)"] == "32767"
    ),
    "sentinel_pace": lambda r: r["pace"] == 42554500,
    "absurd_steps": lambda r: r["Steps"] == "4077214578",
    "max_speed_190": lambda r: r["max_speed"] == 190,
}


@pytest.mark.parametrize("kind", list(GLITCHES))
def test_each_glitch_kind_is_present_and_labelled_outlier(recs, kind):
    hits = [r for r in recs if GLITCHES[kind](r)]
    assert hits, f"no {kind} row"
    assert {r["label"] for r in hits} == {"outlier"}


def test_outliers_are_few_spread_over_the_years_and_all_glitches(recs):
    outliers = [r for r in recs if r["label"] == "outlier"]
    assert 8 <= len(outliers) <= 12
    assert len({r["date"].year for r in outliers}) >= 6
    assert all(any(is_glitch(r) for is_glitch in GLITCHES.values()) for r in outliers)


def test_a_few_rows_are_repeated_under_a_new_id(history, recs):
    _, rows = read(history.csv_text)
    pairs = [i for i in range(1, len(rows)) if rows[i][:-1] == rows[i - 1][:-1]]
    assert 2 <= len(pairs) <= 3
    for i in pairs:
        assert rows[i][-1] != rows[i - 1][-1]
        assert recs[i]["label"] == recs[i - 1]["label"] in {"run", "walk"}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_other_seeds_keep_the_story(seed):
    truth = generate_history(seed=seed).truth
    assert 8 <= (truth["label"] == "outlier").sum() <= 12
    after = truth[truth["workout_date"] >= EVENT]
    assert (after["label"] == "walk").mean() == pytest.approx(0.70, abs=0.05)


# --- units --------------------------------------------------------------------------------------


def test_km_variant_converts_the_same_workouts(recs):
    km = generate_history(unit="km")
    pd.testing.assert_frame_equal(km.truth, generate_history().truth)
    km_recs = records(km)
    assert len(km_recs) == len(recs)
    for mi, k in zip(recs, km_recs, strict=True):
        assert k["dist"] == pytest.approx(mi["dist"] * KM, abs=1e-5)
        assert k["speed"] == pytest.approx(mi["speed"] * KM, rel=1e-4, abs=1e-5)
        assert k["max_speed"] == pytest.approx(mi["max_speed"] * KM, rel=1e-4)
        assert k["pace"] == pytest.approx(mi["pace"] / KM, rel=1e-4, abs=1e-5)
        for name in ("Workout Date", "Activity Type", "Workout Time (seconds)", "Steps", "Link"):
            assert k[name] == mi[name]


# --- benchmark exports --------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [0, 1, 2, 3, 719, 1500])
def test_export_has_exactly_the_rows_asked_for(rows):
    text = generate_export(rows, seed=rows)
    header, data = read(text)
    assert header == HEADER_MI.split(",")
    assert len(data) == rows
    assert all(len(row) == 15 for row in data)


def test_export_keeps_the_history_mix_and_order():
    _, rows = read(generate_export(20_000, seed=5, start=date(2020, 1, 1)))
    dates = [parse_date(row[1]) for row in rows]
    ids = [int(row[-1].rsplit("/", 1)[1]) for row in rows]
    assert dates == sorted(dates)
    assert dates[0] >= date(2020, 1, 1)
    assert all(a < b for a, b in itertools.pairwise(ids))
    paces = [float(row[6]) for row in rows]
    walks = sum(18 - 0.01 <= p <= 28 + 0.01 for p in paces) / len(paces)
    runs = sum(8 - 0.01 <= p <= 11 + 0.01 for p in paces) / len(paces)
    assert walks == pytest.approx(0.55, abs=0.05)
    assert runs == pytest.approx(0.41, abs=0.05)
    assert any(row[3] == "32767" for row in rows)  # glitches come along too


def test_a_large_export_stays_within_its_dates():
    _, rows = read(generate_export(100_000, seed=1, start=date(2015, 1, 1)))
    assert len(rows) == 100_000
    dates = {parse_date(row[1]) for row in rows}
    assert min(dates) >= date(2015, 1, 1)
    assert max(dates) <= date(2025, 12, 31)
    assert len(dates) > 3000, "spread over the years, several workouts a day"
