"""Cross-source dedupe on real stores: the same workout from two apps is kept once, with both
sources recorded, the richer record's fields, and the report saying how many were merged."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from etl.db.corrections import corrections_frame, set_label
from etl.db.schema import workout_sources, workouts
from etl.demo.gpx import gpx_text
from etl.demo.routes import synthetic_route
from etl.ingest.dedupe import merged_values, richness
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.etl.formats.test_strava import srow, text_of
from tests.helpers import export_text, row

GARMIN_HEADER = [
    "Activity Type",
    "Date",
    "Favorite",
    "Title",
    "Distance",
    "Calories",
    "Time",
    "Avg HR",
    "Max HR",
    "Avg Pace",
    "Best Pace",
    "Total Ascent",
]
TODAY = date(2030, 1, 1)


def garmin_text(rows: list[list[str]]) -> str:
    lines = [",".join(GARMIN_HEADER)] + [",".join(f'"{v}"' for v in r) for r in rows]
    return "\n".join(lines) + "\n"


def grow(when="2/26/2020 10:16", kind="Running", km="5.00", time="0:30:00", hr="151", peak="172"):
    """One Garmin row (km): a run that is Strava's default ``srow`` seen by another app."""
    return [kind, when, "false", "Morning Run", km, "410", time, hr, peak, "6:12", "5:01", "35"]


def ingest(store, name: str, text: str, owner: str = "local:alice"):
    raw = RawFile(name, text.encode())
    return ingest_file(store, raw, owner_key=owner, max_bytes=10**7, today=TODAY)


def stored(store, owner_id_filter=None):
    with store.connect() as conn:
        return conn.execute(sa.select(workouts).order_by(workouts.c.id)).mappings().all()


def sources(store):
    with store.connect() as conn:
        return conn.execute(sa.select(workout_sources)).mappings().all()


def test_the_same_run_from_strava_and_garmin_is_kept_once(store):
    ingest(store, "activities.csv", text_of([srow()]))
    report = ingest(store, "Activities.csv", garmin_text([grow()]))
    assert (report.new, report.merged, report.already_present) == (0, 1, 0)
    assert report.rows_read == report.new + report.already_present + report.merged
    (workout,) = stored(store)
    (extra,) = sources(store)
    assert (workout["source"], extra["source"], extra["workout_id"]) == (
        "strava",
        "garmin",
        workout["id"],
    )
    # Strava's record says more (speeds, moving time): its fields win; Garmin adds the climb.
    assert workout["max_heart_rate"] == 170 and workout["avg_heart_rate"] == 150
    assert workout["elevation_gain_m"] == 35
    assert workout["link"] == "https://www.strava.com/activities/3123456789"


def test_merging_again_finds_the_second_source_present(store):
    ingest(store, "activities.csv", text_of([srow()]))
    ingest(store, "Activities.csv", garmin_text([grow()]))
    again = ingest(store, "Activities.csv", garmin_text([grow()]))
    assert (again.new, again.merged, again.already_present) == (0, 0, 1)
    assert len(stored(store)) == 1 and len(sources(store)) == 1


def gpx_of(*, late_s: float = 0, longer: float = 1.0) -> str:
    """Strava's default ``srow`` run (5,020 m from 10:15:32 UTC) as another app's GPX track."""
    start = datetime(2020, 2, 26, 10, 15, 32, tzinfo=UTC) + timedelta(seconds=late_s)
    route = synthetic_route(
        seed=3, distance_m=5020 * longer, pace_s_per_km=358.6, start=start, interval_s=5.0
    )
    return gpx_text(route, kind="running")


@pytest.mark.parametrize(
    ("gpx", "merged"),
    [
        (gpx_of(late_s=90), 1),  # 1.5 minutes later: the same run
        (gpx_of(late_s=150), 0),  # 2.5 minutes: another workout
        (gpx_of(longer=1.026), 1),  # 2.6% longer: GPS disagreement
        (gpx_of(longer=1.036), 0),  # 3.6% longer: another workout
        (gpx_of(late_s=86_400), 0),  # the next day
    ],
    ids=["start-1.5min", "start-2.5min", "distance+2.6%", "distance+3.6%", "next-day"],
)
def test_start_within_two_minutes_and_distance_within_3_percent(store, gpx, merged):
    ingest(store, "activities.csv", text_of([srow()]))
    report = ingest(store, "track.gpx", gpx)
    assert report.merged == merged
    assert len(stored(store)) == 2 - merged


def test_garmins_local_clock_is_matched_by_day_not_by_minute(store):
    # Garmin writes the athlete's clock (London summer: UTC+1); Strava writes UTC.
    ingest(store, "activities.csv", text_of([srow(when="Jun 26, 2020, 10:15:32 AM")]))
    report = ingest(store, "Activities.csv", garmin_text([grow(when="6/26/2020 11:16")]))
    assert (report.new, report.merged) == (0, 1)
    # Two same-length runs that day in Garmin's file: which one Strava's is, nobody can say.
    ingest(store, "activities.csv", text_of([srow("3999", when="Jun 28, 2020, 7:00:00 AM")]))
    twice = [grow(when="6/28/2020 08:00"), grow(when="6/28/2020 19:00")]
    report = ingest(store, "Activities2.csv", garmin_text(twice))
    assert (report.new, report.merged) == (2, 0)


def test_a_date_only_record_merges_only_when_unambiguous(store):
    # MapMyRun has no start time: the day, distance and duration must agree, with one candidate.
    ingest(store, "Activities.csv", garmin_text([grow(), grow(when="2/26/2020 18:00")]))
    mapmy = export_text([row("Feb. 26, 2020", distance="3.107", seconds="1860", link=None)])
    report = ingest(store, "mapmyrun.csv", mapmy)
    assert report.merged == 0 and report.new == 1  # two same-day runs of that length: ambiguous

    other = ingest(store, "activities.csv", text_of([srow(when="Mar 1, 2020, 9:00:00 AM")]))
    assert other.new == 1
    single = export_text([row("Mar. 1, 2020", distance="3.119", seconds="1800", link=None)])
    assert ingest(store, "later.csv", single).merged == 1


def test_labels_survive_a_merge_and_the_persons_activity_type_wins(store):
    first = ingest(store, "activities.csv", text_of([srow(kind="Walk")]))
    assert first.new == 1
    (workout,) = stored(store)
    set_label(store, "local:alice", workout["id"], "walk", source="user")
    ingest(store, "Activities.csv", garmin_text([grow(kind="Walking")]))
    (merged,) = stored(store)
    assert merged["id"] == workout["id"] and merged["activity_type"] == "Walk"
    assert corrections_frame(store, "local:alice")["workout_id"].tolist() == [workout["id"]]


def test_another_owners_workout_is_never_merged(store):
    ingest(store, "activities.csv", text_of([srow()]), owner="local:alice")
    report = ingest(store, "Activities.csv", garmin_text([grow()]), owner="local:bob")
    assert (report.new, report.merged) == (1, 0)
    assert len(stored(store)) == 2


@pytest.mark.parametrize(
    ("stored_fields", "incoming_fields", "stored_track", "incoming_track", "winner"),
    [
        ({"distance_m": 5000.0}, {"distance_m": 5100.0, "duration_s": 1800.0}, False, False, 5100),
        ({"distance_m": 5000.0, "duration_s": 1800.0}, {"distance_m": 5100.0}, False, False, 5000),
        ({"distance_m": 5000.0, "duration_s": 1800.0}, {"distance_m": 5100.0}, False, True, 5100),
        ({"distance_m": 5000.0}, {"distance_m": 5100.0, "duration_s": 1800.0}, True, False, 5000),
    ],
    ids=["more-fields", "fewer-fields", "track-outweighs", "stored-track"],
)
def test_the_richer_record_wins(
    stored_fields, incoming_fields, stored_track, incoming_track, winner
):
    base = {"workout_date": date(2020, 2, 26), "activity_type": "Run", "source": "strava"}
    mine = {**base, **stored_fields}
    theirs = {**base, "source": "gpx", **incoming_fields}
    values = merged_values(mine, theirs, stored_track=stored_track, incoming_track=incoming_track)
    assert values["distance_m"] == winner
    assert values["duration_s"] == 1800.0  # the gap is filled from whichever record has it
    assert richness(mine, has_track=stored_track) >= 1
