"""Best efforts stored at ingest, read back per owner and searched lazily for older routes,
on SQLite and MySQL; the demo's planted 5 km found through the real ingest."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from etl.db.best_efforts import best_efforts_frame, compute_missing_best_efforts
from etl.db.schema import best_efforts, workouts
from etl.demo.gpx import gpx_text
from etl.demo.routes import Surge, synthetic_route
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file

ALICE, BOB = "local:alice", "local:bob"


def _ingest_run(store, owner: str, *, day: int, surge: Surge | None, distance_m=8000.0):
    route = synthetic_route(
        seed=day,
        distance_m=distance_m,
        pace_s_per_km=330.0,
        start=datetime(2025, 5, day, 7, 0, tzinfo=UTC),
        interval_s=2.0,
        surge=surge,
    )
    data = gpx_text(route, name=f"Run {day}", kind="running").encode()
    return ingest_file(store, RawFile(f"run{day}.gpx", data), owner_key=owner, max_bytes=10**7)


def _row(frame, distance_m: float):
    found = frame[frame["distance_m"] == distance_m]
    assert len(found) == 1
    return found.iloc[0]


def test_a_route_gets_its_best_efforts_at_ingest(store):
    surge = Surge(1500.0, 5000.0, 280.0)
    assert _ingest_run(store, ALICE, day=3, surge=surge).tracks == 1
    with store.connect() as conn:  # written by the ingest, before any read
        assert conn.execute(sa.select(sa.func.count()).select_from(best_efforts)).scalar() == 3
    frame = best_efforts_frame(store, ALICE)
    assert list(frame.columns) == [
        "workout_id",
        "workout_date",
        "distance_m",
        "seconds",
        "start_offset_s",
    ]
    assert sorted(frame["distance_m"]) == [1000.0, 1609.344, 5000.0], "8 km: not 10 km"
    five = _row(frame, 5000.0)
    assert five["seconds"] == pytest.approx(surge.seconds, abs=1.0)
    # The surge starts after 1.5 km at the pace of the rest: (8 x 330 - 5 x 280) / 3 s/km.
    assert five["start_offset_s"] == pytest.approx(1.5 * (8 * 330 - 5 * 280) / 3, abs=1.0)
    assert _row(frame, 1000.0)["seconds"] == pytest.approx(280.0, abs=1.0)
    assert str(five["workout_date"]) == "2025-05-03"
    assert best_efforts_frame(store, BOB).empty, "one owner's efforts are not another's"


def test_a_short_route_has_none_and_is_not_searched_again(store):
    _ingest_run(store, ALICE, day=4, surge=None, distance_m=800.0)
    assert best_efforts_frame(store, ALICE).empty
    assert compute_missing_best_efforts(store, ALICE) == 0


def test_routes_stored_before_the_table_are_searched_lazily(store):
    _ingest_run(store, ALICE, day=5, surge=Surge(1000.0, 5000.0, 290.0))
    _ingest_run(store, BOB, day=6, surge=None)
    before = best_efforts_frame(store, ALICE)
    with store.begin() as conn:  # as if stored before migration 0011
        conn.execute(best_efforts.delete())
    assert compute_missing_best_efforts(store, BOB) == 1, "one owner at a time"
    again = best_efforts_frame(store, ALICE)  # the read searches Alice's missing route
    assert again[["distance_m", "seconds"]].equals(before[["distance_m", "seconds"]])
    assert compute_missing_best_efforts(store) == 0, "nothing left for anyone"
    with store.begin() as conn:
        conn.execute(best_efforts.delete())
    assert compute_missing_best_efforts(store) == 2, "every owner's routes"
    assert len(best_efforts_frame(store, BOB)) == 3


def test_the_demo_runs_planted_best_5k_is_found_through_the_real_ingest(store):
    from etl.demo.mapmyrun import generate_history
    from etl.demo.strava.bulk_export import companion_activities, strava_companion

    history = generate_history()
    csv = RawFile("mapmyrun-demo.csv", history.csv_text.encode())
    ingest_file(store, csv, owner_key=ALICE, max_bytes=len(csv.data))
    export = RawFile("strava-export-demo.zip", strava_companion(history.truth))
    assert ingest_file(store, export, owner_key=ALICE, max_bytes=10**8).tracks > 0
    planted = {a.start.date(): a.surge for a in companion_activities(history.truth) if a.surge}
    assert len(planted) >= 3
    frame = best_efforts_frame(store, ALICE)
    five = frame[frame["distance_m"] == 5000.0].set_index("workout_date")
    for day, surge in planted.items():
        assert five.loc[day, "seconds"] == pytest.approx(surge.seconds, abs=1.0), day
    # Routes are stored for walks too: efforts are searched whatever the workout turns out to be.
    walks = [a for a in companion_activities(history.truth) if a.kind == "Walk"]
    with store.connect() as conn:
        dates = set(
            conn.execute(
                sa.select(workouts.c.workout_date).join(
                    best_efforts, best_efforts.c.workout_id == workouts.c.id
                )
            ).scalars()
        )
    assert any(a.start.date() in dates for a in walks if a.distance_m >= 1000)
