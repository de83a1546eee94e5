"""Synthetic routes and their GPX/TCX files: the loop is what was asked, the readers agree."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta, timezone

import pytest

from etl.demo.gpx import gpx_text
from etl.demo.routes import RoutePoint, path_lengths, synthetic_route
from etl.demo.tcx import tcx_text
from etl.formats import gpx, tcx
from etl.ingest.extract import RawFile
from etl.ingest.parse import frame_of

START = datetime(2024, 5, 3, 6, 30, tzinfo=UTC)
# (distance m, pace s/km, interval s, heart rate): a run, a dog walk, a long run, a strapless jog.
ROUTES = [
    pytest.param(5000, 300, 1.0, 150.0, id="run-5k"),
    pytest.param(2500, 720, 1.0, 100.0, id="walk"),
    pytest.param(21100, 360, 5.0, 145.0, id="half-marathon-5s"),
    pytest.param(800, 420, 2.5, None, id="short-no-hr"),
]


def route(distance=5000.0, pace=300.0, interval=1.0, hr=150.0, seed=3, **options):
    return synthetic_route(
        seed=seed,
        distance_m=distance,
        pace_s_per_km=pace,
        start=START,
        interval_s=interval,
        heart_rate=hr,
        **options,
    )


def length(points: list[RoutePoint]) -> float:
    return float(path_lengths([p.lat for p in points], [p.lon for p in points]).sum())


def mean_hr(points: list[RoutePoint]) -> float:
    return sum(p.hr for p in points) / len(points)


@pytest.mark.parametrize(("distance", "pace", "interval", "hr"), ROUTES)
def test_the_route_is_a_closed_loop_of_the_distance_at_the_pace(distance, pace, interval, hr):
    points = route(distance, pace, interval, hr)
    assert length(points) == pytest.approx(distance, rel=0.005)
    assert length(points[:2]) < 2 * interval * 1000 / pace  # no jump: points follow one another
    assert length([points[0], points[-1]]) < 15  # back at the door, give or take GPS wobble
    gaps = {(b.time - a.time).total_seconds() for a, b in itertools.pairwise(points)}
    assert gaps == {interval}
    duration = (points[-1].time - points[0].time).total_seconds()
    assert duration == pytest.approx(distance / 1000 * pace, abs=interval)
    assert all(p.time.tzinfo == UTC for p in points)
    assert (points[0].lat, points[0].lon) == pytest.approx((51.5, -0.12), abs=1e-4)


def test_the_route_climbs_once_and_the_heart_rate_wavers_around_the_target():
    points = route(climb_m=35.0)
    climbs = sum(max(0.0, b.ele - a.ele) for a, b in itertools.pairwise(points))
    assert climbs == pytest.approx(35.0, abs=0.2)
    assert mean_hr(points) == pytest.approx(150.0, abs=1.0)
    assert min(p.hr for p in points) >= 140 and max(p.hr for p in points) <= 160


def test_routes_are_deterministic_per_seed_and_start_in_utc():
    assert route(seed=7) == route(seed=7)
    assert route(seed=7) != route(seed=8)
    paris = START.astimezone(timezone(timedelta(hours=2)))
    shifted = synthetic_route(seed=7, distance_m=5000, pace_s_per_km=300, start=paris)
    assert shifted[0].time == START and shifted[0].time.tzinfo == UTC
    with pytest.raises(ValueError, match="aware"):
        synthetic_route(seed=1, distance_m=5000, pace_s_per_km=300, start=datetime(2024, 5, 3))
    with pytest.raises(ValueError, match="positive"):
        synthetic_route(seed=1, distance_m=0, pace_s_per_km=300, start=START)


@pytest.mark.parametrize(("distance", "pace", "interval", "hr"), ROUTES)
def test_gpx_round_trips_through_the_reader(distance, pace, interval, hr):
    points = route(distance, pace, interval, hr)
    found = gpx.read_text(gpx_text(points, name="Evening Run & Walk"), file_name="a.gpx")
    row = found.frame.iloc[0]
    assert len(found.frame) == 1 and found.name == "gpx"
    assert row["started_at"] == "2024-05-03T06:30:00"
    assert float(row["distance"]) == pytest.approx(distance, rel=0.01)
    assert float(row["duration"]) == pytest.approx(distance / 1000 * pace, abs=interval)
    assert row["activity_type"] == "Run" and row["notes"] == "Evening Run & Walk"
    if hr is None:
        assert row["avg_hr"] == ""
    else:
        assert float(row["avg_hr"]) == pytest.approx(mean_hr(points), abs=0.1)


def test_gpx_without_a_type_is_taken_as_a_run_and_walks_say_so():
    points = route(2000, 700, hr=None)
    untyped = gpx.read_text(gpx_text(points, kind=None), file_name="a.gpx")
    assert untyped.frame.loc[0, "activity_type"] == "Run" and untyped.notes
    walk = gpx.read_text(gpx_text(points, kind="walking"), file_name="a.gpx")
    assert walk.frame.loc[0, "activity_type"] == "Walk"


@pytest.mark.parametrize(("distance", "pace", "interval", "hr"), ROUTES)
@pytest.mark.parametrize("laps", [1, 3])
def test_tcx_round_trips_through_the_reader(distance, pace, interval, hr, laps):
    points = route(distance, pace, interval, hr)
    found = tcx.read_text(tcx_text(points, calories=413, laps=laps), file_name="a.tcx")
    row = found.frame.iloc[0]
    assert len(found.frame) == 1 and found.name == "tcx"
    assert row["started_at"] == "2024-05-03T06:30:00"
    assert float(row["distance"]) == pytest.approx(distance, rel=0.01)
    assert float(row["duration"]) == pytest.approx(distance / 1000 * pace, abs=interval)
    assert row["calories"] == "413" and row["activity_type"] == "Run"
    if hr is None:
        assert row["avg_hr"] == ""
    else:
        assert float(row["avg_hr"]) == pytest.approx(mean_hr(points), abs=0.1)


def test_tcx_options_sport_no_calories_and_lap_limits():
    points = route(1000, 700, interval=10.0)
    row = tcx.read_text(tcx_text(points, sport="Biking", calories=None), file_name="a.tcx")
    assert row.frame.loc[0, "activity_type"] == "Bike Ride"
    assert row.frame.loc[0, "calories"] == ""
    with pytest.raises(ValueError, match="laps"):
        tcx_text(points, laps=len(points))


@pytest.mark.parametrize(
    ("name", "write"), [("run.gpx", gpx_text), ("run.tcx", tcx_text)], ids=["gpx", "tcx"]
)
def test_the_files_become_workouts_through_the_pipeline(name, write):
    frame = frame_of(RawFile(name, write(route()).encode()))
    row = frame.iloc[0]
    assert len(frame) == 1 and row["category"] == "run"
    assert row["distance_m"] == pytest.approx(5000, rel=0.01)
    assert row["duration_s"] == pytest.approx(1500, abs=1)
    assert row["avg_pace_s_per_km"] == pytest.approx(300, rel=0.01)
