"""Every persona is deterministic, shaped like the store's frame, and has the properties its
description promises: the benchmark's truth is only worth what these checks make it."""

import numpy as np
import pandas as pd
import pytest

from etl.activities import category_of
from etl.db.queries import ANALYTIC_COLUMNS
from etl.demo.personas import PERSONAS, TRUTHS, persona, persona_frame

MI = 1609.344
NAMES = (
    "fast_runner slow_runner run_walker dog_walker honest_strava hiker treadmill rides_as_run "
    "km_user mi_user few_workouts ultra_runner glitchy_watch brisk_walker slow_dog_jogger"
).split()
TOLERANCE = 1.0  # s/km: times are whole seconds and distances tenths of a metre


def mmss(text: str) -> float:
    minutes, seconds = text.split(":")
    return 60 * int(minutes) + int(seconds)


def pace_of(frame: pd.DataFrame) -> pd.Series:
    """The average pace the store holds: the moving pace, for either style of export."""
    return frame["avg_pace_s_per_km"]


def stopped_share(frame: pd.DataFrame) -> pd.Series:
    """Time stopped over moving time, as a MapMyRun-style duration (the workout time) shows it."""
    moving = frame["avg_pace_s_per_km"] * frame["distance_m"] / 1000
    return frame["duration_s"] / moving - 1


def overlap(faster: pd.Series, slower: pd.Series) -> int:
    """How many workouts of each side are past the other side's edge (0: a threshold splits)."""
    return int((slower < faster.max()).sum() + (faster > slower.min()).sum())


def within(values: pd.Series, low: str, high: str) -> bool:
    return bool(values.between(mmss(low) - TOLERANCE, mmss(high) + TOLERANCE).all())


@pytest.fixture(scope="module")
def frames():
    return {name: persona_frame(name) for name in PERSONAS}


def test_every_persona_asked_for_is_there_and_says_who_it_is():
    assert set(NAMES) <= set(PERSONAS)
    for name, spec in PERSONAS.items():
        assert spec.name == name
        assert spec.description and "\n" not in spec.description


def test_an_unknown_persona_is_refused_naming_the_real_ones():
    with pytest.raises(KeyError, match="fast_runner"):
        persona("nobody")


@pytest.mark.parametrize("name", NAMES)
def test_the_same_seed_gives_the_same_frame_and_another_seed_another(name, frames):
    pd.testing.assert_frame_equal(persona_frame(name, seed=0), frames[name])
    other = persona_frame(name, seed=1)
    assert not other["distance_m"].equals(frames[name]["distance_m"])


@pytest.mark.parametrize("name", NAMES)
def test_each_frame_is_shaped_like_the_store(name, frames):
    frame = frames[name]
    assert set(ANALYTIC_COLUMNS) | {"moving_time_s", "truth"} <= set(frame.columns)
    assert set(frame["truth"]) <= set(TRUTHS)
    assert frame["id"].is_unique and frame["source_id"].is_unique
    assert frame["workout_date"].is_monotonic_increasing
    assert frame["started_at"].is_monotonic_increasing
    assert pd.api.types.is_datetime64_any_dtype(frame["workout_date"])
    assert (frame["workout_date"] == frame["started_at"].dt.normalize()).all()
    assert (frame["category"] == frame["activity_type"].map(category_of)).all()
    if name == "few_workouts":
        assert len(frame) == 60
    else:
        assert 300 <= len(frame) <= 1500
        years = (frame["workout_date"].max() - frame["workout_date"].min()).days / 365.25
        assert years > 4
    style = persona(name).style
    ordinary = frame[frame["flags"].isna()]
    assert ordinary["avg_pace_s_per_km"].notna().all() and ordinary["duration_s"].notna().all()
    km = ordinary["distance_m"] / 1000
    if style == "strava":
        # The store keeps moving time as the duration and derives the pace from it.
        assert ordinary["duration_s"].equals(ordinary["moving_time_s"])
        derived = ordinary["duration_s"] / km
        assert np.allclose(ordinary["avg_pace_s_per_km"], derived, rtol=1e-9)
        assert ordinary["max_pace_s_per_km"].isna().all()
    else:
        # The workout time includes the stops; the app's pace is over the moving time.
        assert frame["moving_time_s"].isna().all()
        moving = ordinary["avg_pace_s_per_km"] * km
        assert (ordinary["duration_s"] >= moving - 0.5 * km - 1).all()  # pace shown rounded
        assert (ordinary["duration_s"] > moving + 0.5 * km + 1).mean() > 0.5


def test_paces_vary_day_to_day_and_are_slower_in_summer(frames):
    runs = frames["honest_strava"].query("truth == 'run'")
    pace = pace_of(runs)
    month = runs["workout_date"].dt.month
    assert pace.std() > 15
    assert pace[month.isin([6, 7, 8])].mean() > pace[month.isin([12, 1, 2])].mean() + 5


def test_fast_runner_runs_near_five_minutes_with_easy_and_long_runs(frames):
    frame = frames["fast_runner"]
    runs = frame[frame["truth"] == "run"]
    assert (runs["activity_type"] == "Run").all()
    pace, km = pace_of(runs), runs["distance_m"] / 1000
    tempo = pace.between(mmss("4:30") - TOLERANCE, mmss("5:20") + TOLERANCE)
    easy = pace.between(mmss("5:40") - TOLERANCE, mmss("6:50") + TOLERANCE)
    assert (tempo | easy).all()
    assert tempo.mean() > 0.5 and easy.mean() > 0.2
    assert km.between(4, 25).all() and (km[easy] > 14).sum() > 20
    walks = frame[frame["truth"] == "walk"]
    assert 0.03 < len(walks) / len(frame) < 0.1
    assert within(pace_of(walks), "9:00", "12:00")
    assert (walks["distance_m"] / 1000).between(1, 4).all()
    assert 0.3 < (walks["activity_type"] == "Walk").mean() < 0.7
    assert set(walks["activity_type"]) == {"Walk", "Run"}


def test_slow_runner_logs_everything_as_run_in_mapmyrun_style(frames):
    frame = frames["slow_runner"]
    assert (frame["activity_type"] == "Run").all() and (frame["source"] == "mapmyrun").all()
    runs, walks = frame[frame["truth"] == "run"], frame[frame["truth"] == "walk"]
    assert within(pace_of(runs), "8:00", "11:00")
    assert (runs["distance_m"] / 1000).between(4, 8).all()
    assert within(pace_of(walks), "10:30", "17:00")
    assert (walks["distance_m"] / 1000).between(2, 6).all()
    assert set(frame["truth"]) == {"run", "walk"}
    # Runs and walks overlap at 10:30-11:00: no pace threshold splits them.
    assert (pace_of(walks) < mmss("11:00")).sum() >= 10
    assert (pace_of(runs) > mmss("10:30")).sum() >= 10


def test_run_walker_has_run_walks_between_runs_and_walks(frames):
    frame = frames["run_walker"]
    by_truth = {t: pace_of(frame[frame["truth"] == t]) for t in ("run", "run_walk", "walk")}
    assert within(by_truth["run_walk"], "8:00", "10:30")
    assert within(by_truth["run"], "6:30", "8:15")
    assert within(by_truth["walk"], "10:00", "14:00")
    assert all(len(p) > 100 for p in by_truth.values())
    # Run-walks overlap the slowest runs and the brisk walks.
    assert overlap(by_truth["run"], by_truth["run_walk"]) >= 10
    assert overlap(by_truth["run_walk"], by_truth["walk"]) >= 10


def test_dog_walker_only_runs_until_the_dog_then_mostly_walks_typed_run(frames):
    frame = frames["dog_walker"]
    arrives = pd.Timestamp(persona("dog_walker").event_date)
    before, after = frame[frame["workout_date"] < arrives], frame[frame["workout_date"] >= arrives]
    assert (before["truth"] == "run").all() and len(before) > 100
    assert (after["truth"] == "walk").mean() > 0.6
    walks = frame[frame["truth"] == "walk"]
    assert (walks["activity_type"] == "Run").all()
    assert within(pace_of(walks), "11:30", "25:00")
    assert (pace_of(walks) < mmss("14:00")).mean() > 0.1  # brisk dog walks
    assert (walks["distance_m"] / 1000).between(1, 5).all()
    runs = frame[frame["truth"] == "run"]
    assert within(pace_of(runs), "5:45", "8:30")
    assert (pace_of(runs[runs["workout_date"] >= arrives]) > mmss("7:15")).sum() > 20
    assert_dog_walks_stop_a_lot(walks)


def assert_dog_walks_stop_a_lot(walks: pd.DataFrame) -> None:
    """10-40% of the moving time stopped (a few longer, with a coffee or a chat)."""
    share = stopped_share(walks)  # within 0.01 of the truth, though the pace shown is rounded
    assert (share >= 0.1 - 0.01).all()
    assert (share <= 0.4 + 0.01).mean() > 0.9
    assert share.median() > 0.2


def test_honest_strava_types_say_the_truth_and_some_walks_are_brisk(frames):
    frame = frames["honest_strava"]
    assert (frame["activity_type"].str.lower() == frame["truth"]).all()
    walks = pace_of(frame[frame["truth"] == "walk"])
    assert within(walks, "8:30", "13:00")
    assert (walks < mmss("9:30")).sum() > 30
    runs = pace_of(frame[frame["truth"] == "run"])
    assert within(runs, "5:30", "8:15")
    assert (runs > mmss("7:30")).sum() > 30  # slow recovery runs


def test_hiker_hikes_long_slow_and_steep(frames):
    frame = frames["hiker"]
    hikes = frame[frame["activity_type"] == "Hike"]
    assert (hikes["truth"] == "walk").all() and (hikes["category"] == "hike").all()
    assert within(pace_of(hikes), "12:00", "22:00")
    assert (hikes["distance_m"] / 1000).between(8, 25).all()
    assert (hikes["elevation_gain_m"] / hikes["distance_m"] * 1000 >= 39).all()
    assert (frame["truth"] == "run").sum() > 100


def test_treadmill_runs_are_steady_and_a_few_have_no_distance(frames):
    frame = frames["treadmill"]
    indoor = frame["activity_type"].isin(["Treadmill Running", "Indoor Run"])
    assert (frame.loc[indoor, "category"] == "run").all()
    measured = indoor & frame["distance_m"].notna()
    assert within(pace_of(frame[measured]), "6:00", "7:00")
    empty = indoor & frame["distance_m"].isna()
    assert 1 <= empty.sum() <= 10 and (frame.loc[empty, "truth"] == "outlier").all()
    assert (frame["truth"] == "outlier").sum() == empty.sum()
    assert ((~indoor) & (frame["truth"] == "run")).sum() > 100
    assert (frame["truth"] == "walk").sum() > 50


def test_rides_as_run_are_typed_run_at_cycling_speed(frames):
    frame = frames["rides_as_run"]
    rides = frame[frame["truth"] == "outlier"]
    assert len(rides) > 50 and (rides["activity_type"] == "Run").all()
    kmh = rides["distance_m"] / rides["moving_time_s"] * 3.6
    assert kmh.between(19.9, 28.1).all()
    assert (rides["distance_m"] / 1000).between(15, 60).all()
    assert {"run", "walk"} <= set(frame["truth"])


@pytest.mark.parametrize(
    ("name", "unit", "other"), [("km_user", 1000.0, MI), ("mi_user", MI, 1000.0)]
)
def test_unit_users_have_round_distances_and_the_exports_rounded_pace(name, unit, other, frames):
    frame = frames[name]
    tenths = frame["distance_m"] / unit * 10

    def share_round(values):
        return float((np.abs(values - np.round(values)) < 1e-3).mean())

    assert share_round(tenths) == 1.0
    assert share_round(frame["distance_m"] / other * 10) < 0.5
    assert share_round(frame["distance_m"] / unit) > 0.3  # whole routes: 5.0 km, 3.0 mi
    shown = frame["avg_pace_s_per_km"] / 60 * (unit / 1000) * 100  # min/unit, hundredths
    assert share_round(shown) == 1.0
    assert {"run", "walk"} == set(frame["truth"])
    runs, walks = frame[frame["truth"] == "run"], frame[frame["truth"] == "walk"]
    assert within(pace_of(runs), "6:00", "8:45") and within(pace_of(walks), "9:00", "14:00")
    assert (pace_of(runs) > mmss("8:00")).sum() > 10 and (pace_of(walks) < mmss("9:45")).sum() > 10


def test_few_workouts_is_sixty_runs_and_walks(frames):
    frame = frames["few_workouts"]
    assert len(frame) == 60 and set(frame["truth"]) == {"run", "walk"}


def test_ultra_runner_runs_ultras_slower_than_some_walks(frames):
    frame = frames["ultra_runner"]
    runs = frame[frame["truth"] == "run"]
    ultras = runs[runs["distance_m"] >= 50_000]
    assert len(ultras) >= 5 and (ultras["distance_m"] <= 100_000).all()
    assert within(pace_of(ultras), "7:00", "12:00")
    assert within(pace_of(runs.drop(ultras.index)), "5:30", "6:30")
    walks = frame[frame["truth"] == "walk"]
    assert 0 < len(walks) < 0.15 * len(frame)
    assert pace_of(ultras).max() > pace_of(walks).min()


def test_glitchy_watch_has_blips_teleports_and_zero_durations(frames):
    frame = frames["glitchy_watch"]
    outliers = frame[frame["truth"] == "outlier"]
    blips = outliers["distance_m"] < 100
    zero = outliers["duration_s"].isna()
    teleports = pace_of(outliers) < 60  # faster than anyone runs
    assert blips.sum() >= 5 and teleports.sum() >= 5 and zero.sum() >= 3
    assert (blips | zero | teleports).all()
    assert (outliers.loc[zero, "flags"] == "duration_zero").all()
    teleported = outliers[teleports]
    assert (teleported["distance_m"] > 20_000).all()
    assert (teleported["moving_time_s"] < 4000).all()  # the time of a 3-5 km run
    assert (frame["truth"] == "outlier").mean() < 0.1


def test_brisk_walker_walks_briskly_typed_at_random_and_jogs_a_handful_of_times(frames):
    frame = frames["brisk_walker"]
    walks, runs = frame[frame["truth"] == "walk"], frame[frame["truth"] == "run"]
    assert len(walks) > 0.95 * len(frame) and 5 <= len(runs) <= 20
    assert within(pace_of(walks), "8:45", "11:00")
    assert (walks["distance_m"] / 1000).between(3, 8).all()
    assert 0.4 < (walks["activity_type"] == "Walk").mean() < 0.6
    assert set(walks["activity_type"]) == {"Walk", "Run"}
    assert within(pace_of(runs), "7:00", "8:00")


def test_slow_dog_jogger_jogs_then_walks_the_dog_all_typed_run(frames):
    frame = frames["slow_dog_jogger"]
    assert (frame["activity_type"] == "Run").all() and (frame["source"] == "mapmyrun").all()
    arrives = pd.Timestamp(persona("slow_dog_jogger").event_date)
    before, after = frame[frame["workout_date"] < arrives], frame[frame["workout_date"] >= arrives]
    assert (before["truth"] == "run").all() and len(before) > 100
    assert (after["truth"] == "walk").mean() > 0.6 and (after["truth"] == "run").sum() > 100
    runs, walks = frame[frame["truth"] == "run"], frame[frame["truth"] == "walk"]
    assert within(pace_of(runs), "7:30", "9:30")
    assert within(pace_of(walks), "11:00", "16:00")
    assert_dog_walks_stop_a_lot(walks)
