"""Strava's bulk export activities.csv: detection, repeated columns, units, dates, ingest."""

import csv
import io

import pytest
import sqlalchemy as sa

from etl import formats
from etl.db.engine import open_store
from etl.db.schema import workouts
from etl.formats import garmin, mapmyrun, strava
from etl.formats.csv_table import read_table
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.helpers import KM_HEADER, MILES_HEADER

HEADER = [
    "Activity ID",
    "Activity Date",
    "Activity Name",
    "Activity Type",
    "Activity Description",
    "Elapsed Time",
    "Distance",
    "Max Heart Rate",
    "Relative Effort",
    "Commute",
    "Elapsed Time",
    "Moving Time",
    "Distance",
    "Max Speed",
    "Average Speed",
    "Max Heart Rate",
    "Average Heart Rate",
    "Calories",
]
# Only the columns before the repeats: the athlete's distance, no metres column.
SHORT_HEADER = HEADER[:10]
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
]


def srow(
    ident="3123456789",
    when="Feb 26, 2020, 10:15:32 AM",
    kind="Run",
    *,
    description="easy",
    elapsed="1860",
    shown="5.02",
    moving="1800",
    metres="5020.0",
    max_speed="4.1",
    avg_speed="2.79",
    avg_hr="150.0",
    calories="410.0",
):
    """One Strava row in HEADER's layout (km athlete by default)."""
    return [
        ident,
        when,
        "Morning Run",
        kind,
        description,
        elapsed,
        shown,
        "170",
        "40",
        "false",
        elapsed + ".0",
        moving,
        metres,
        max_speed,
        avg_speed,
        "171.0",
        avg_hr,
        calories,
    ]


def text_of(rows, header=HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def detect(rows, header=HEADER):
    return formats.detect(read_table(text_of(rows, header), file_name="a.csv"), file_name="a.csv")


@pytest.mark.parametrize(
    "header",
    [HEADER, SHORT_HEADER, [h.upper() for h in HEADER], [f" {h.lower()} " for h in HEADER]],
    ids=["full", "short", "upper", "lower-padded"],
)
def test_strava_headers_are_recognised(header):
    table = read_table(text_of([srow()[: len(header)]], header), file_name="a.csv")
    found = strava.read(table)
    assert found is not None and found.name == "strava"
    assert formats.detect(table, file_name="a.csv").name == "strava"
    assert garmin.read(table) is None and mapmyrun.read(table) is None


@pytest.mark.parametrize(
    "header",
    [MILES_HEADER, KM_HEADER, GARMIN_HEADER, ["Activity ID", "Activity Date", "Distance"]],
    ids=["mapmyrun-mi", "mapmyrun-km", "garmin", "partial-strava"],
)
def test_other_headers_are_not_strava(header):
    table = read_table(text_of([["1"] * len(header)], header), file_name="a.csv")
    assert strava.read(table) is None


@pytest.mark.parametrize(
    ("when", "day", "start"),
    [
        ("Feb 26, 2020, 10:15:32 AM", "2020-02-26", "2020-02-26T10:15:32"),
        ("Feb 26, 2020, 10:15:32 PM", "2020-02-26", "2020-02-26T22:15:32"),
        ("Dec 1, 2019, 12:05:00 AM", "2019-12-01", "2019-12-01T00:05:00"),
        ("Sept 3, 2021, 12:00:09 PM", "2021-09-03", "2021-09-03T12:00:09"),
        ("Jul 4, 2022, 18:30:00", "2022-07-04", "2022-07-04T18:30:00"),
        ("someday", "someday", ""),
    ],
)
def test_activity_dates_become_iso_date_and_utc_start(when, day, start):
    assert strava.parse_start(when) == (day, start)
    frame = detect([srow(when=when)]).frame
    assert (frame.loc[0, "workout_date"], frame.loc[0, "started_at"]) == (day, start)


@pytest.mark.parametrize(
    ("shown", "metres", "unit"),
    [("5.02", "5020.0", "km"), ("3.12", "5020.9", "mi"), ("10.00", "10001.2", "km")],
)
def test_the_athletes_unit_is_read_from_the_ratio_of_the_two_distances(shown, metres, unit):
    found = detect(
        [
            srow(shown=shown, metres=metres),
            srow("2", kind="Weight Training", shown="0.00", metres="0.0"),
        ]
    )
    assert found.unit == unit and found.notes == ()
    assert found.factors["distance"] == 1.0
    assert list(found.frame["distance"]) == [metres, "0.0"]


def test_repeated_columns_use_the_later_metres_and_moving_time():
    found = detect([srow(elapsed="2000", moving="1800", shown="5.02", metres="5020.0")])
    row = found.frame.loc[0]
    assert (row["distance"], row["duration"]) == ("5020.0", "1800")
    assert (row["max_speed"], row["avg_hr"], row["calories"]) == ("4.1", "150.0", "410.0")
    assert row["source_id"] == "3123456789"
    assert row["link"] == "https://www.strava.com/activities/3123456789"
    assert (row["activity_type"], row["notes"]) == ("Run", "easy")


def test_blank_moving_time_falls_back_to_elapsed_and_blank_metres_to_the_athletes_distance():
    found = detect([srow(), srow("2", moving="", metres="", shown="3.00", elapsed="1200")])
    assert list(found.frame["duration"]) == ["1800", "1200"]
    assert list(found.frame["distance"]) == ["5020.0", "3000"]


@pytest.mark.parametrize(
    ("rows", "unit", "note"),
    [
        (
            [
                srow(shown="5.00", elapsed="1800"),
                srow("2", "Feb 27, 2020, 7:00:00 AM", "Walk", shown="4.00", elapsed="3000"),
            ],
            "km",
            "inferred as km",
        ),  # 6:00/km, 12:30/km
        (
            [
                srow(shown="3.10", elapsed="1800"),
                srow("2", "Feb 27, 2020, 7:00:00 AM", "Walk", shown="2.50", elapsed="3000"),
            ],
            "mi",
            "inferred as mi",
        ),  # 9:41/mi, 20:00/mi
        ([srow(kind="Weight Training", shown="0.00")], "km", "assumed km"),
    ],
    ids=["km-by-pace", "mi-by-pace", "nothing-to-infer"],
)
def test_without_the_metres_column_the_unit_is_inferred_and_noted(rows, unit, note):
    found = detect([r[:10] for r in rows], header=SHORT_HEADER)
    assert found.unit == unit
    assert found.factors["distance"] == pytest.approx(strava.METRES[unit])
    assert any("no distance in metres" in n for n in found.notes)
    assert any(note in n for n in found.notes)
    assert found.frame.loc[0, "duration"] == rows[0][5]


def test_metres_column_without_any_distance_infers_nothing_and_says_so():
    found = detect([srow(kind="Weight Training", shown="0.00", metres="0.0")])
    assert found.unit is None
    assert any("unknown" in n for n in found.notes)


@pytest.fixture
def sqlite_store(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    yield engine
    engine.dispose()


def _ingest(store, text):
    raw = RawFile("activities.csv", text.encode())
    return ingest_file(store, raw, owner_key="local:alice", max_bytes=10 * 1024 * 1024)


@pytest.mark.parametrize(
    ("shown", "unit"), [("5.02", "km"), ("3.12", "mi")], ids=["km-athlete", "mi-athlete"]
)
def test_ingest_stores_si_values_and_reingest_adds_nothing(sqlite_store, shown, unit):
    rows = [
        srow(shown=shown),
        srow(
            "42",
            "Mar 1, 2020, 6:00:00 PM",
            "Weight Training",
            shown="0.00",
            metres="0.0",
            moving="2400",
            elapsed="2500",
        ),
    ]
    report = _ingest(sqlite_store, text_of(rows))
    assert (report.format, report.unit, report.new) == (strava.LABEL, unit, 2)
    with sqlite_store.connect() as conn:
        stored = conn.execute(sa.select(workouts).order_by(workouts.c.source_id)).mappings().all()
    run, lift = sorted(stored, key=lambda r: r["source_id"])
    assert run["source_id"] == "3123456789" and lift["source_id"] == "42"
    assert run["distance_m"] == pytest.approx(5020.0)
    assert run["duration_s"] == 1800
    assert run["avg_pace_s_per_km"] == pytest.approx(1800 / 5.02)
    assert str(run["started_at"]) == "2020-02-26 10:15:32"
    assert str(lift["started_at"]) == "2020-03-01 18:00:00" and lift["duration_s"] == 2400
    again = _ingest(sqlite_store, text_of(rows))
    assert (again.new, again.already_present) == (0, 2)


def test_clean_rows_raise_no_warnings(sqlite_store):
    rows = [srow(str(i), f"Feb {i}, 2020, 7:00:00 AM") for i in range(1, 6)]
    report = _ingest(sqlite_store, text_of(rows))
    assert report.new == 5
    assert report.warnings == ()
