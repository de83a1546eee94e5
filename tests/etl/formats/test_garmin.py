"""Garmin Connect's Activities.csv: detection, dates, clock times, `--`, units, ingest."""

import pytest
import sqlalchemy as sa

from etl import formats
from etl.db.engine import open_store
from etl.db.schema import workouts
from etl.formats import garmin, mapmyrun, strava
from etl.formats.csv_table import read_table
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.etl.formats.test_strava import HEADER as STRAVA_HEADER
from tests.etl.formats.test_strava import text_of
from tests.helpers import KM_HEADER, MILES_HEADER

HEADER = [
    "Activity Type",
    "Date",
    "Favorite",
    "Title",
    "Distance",
    "Calories",
    "Time",
    "Avg HR",
    "Max HR",
    "Aerobic TE",
    "Avg Run Cadence",
    "Avg Cadence",
    "Avg Pace",
    "Best Pace",
    "Avg Cadence",
    "Steps",
]


def grow(
    kind="Running",
    when="5/2/2025 16:42",
    *,
    title="Seattle Running",
    distance="5.00",
    calories="1,234",
    time="0:30:00",
    hr="150",
    pace="6:00",
    best="4:30",
    steps="5,100",
):
    """One Garmin row in HEADER's layout (a 6:00/km run by default)."""
    return [
        kind,
        when,
        "false",
        title,
        distance,
        calories,
        time,
        hr,
        "170",
        "3.1",
        "164",
        "80",
        pace,
        best,
        "82",
        steps,
    ]


def detect(rows, header=HEADER):
    return formats.detect(read_table(text_of(rows, header), file_name="a.csv"), file_name="a.csv")


@pytest.mark.parametrize(
    "header",
    [HEADER, HEADER[:7], [h.upper() for h in HEADER], [f" {h.lower()} " for h in HEADER]],
    ids=["full", "required-only", "upper", "lower-padded"],
)
def test_garmin_headers_are_recognised(header):
    table = read_table(text_of([grow()[: len(header)]], header), file_name="a.csv")
    assert garmin.read(table) is not None
    assert formats.detect(table, file_name="a.csv").name == "garmin"
    assert strava.read(table) is None and mapmyrun.read(table) is None


@pytest.mark.parametrize(
    "header",
    [MILES_HEADER, KM_HEADER, STRAVA_HEADER, ["Activity Type", "Date", "Distance", "Time"]],
    ids=["mapmyrun-mi", "mapmyrun-km", "strava", "no-title"],
)
def test_other_headers_are_not_garmin(header):
    table = read_table(text_of([["1"] * len(header)], header), file_name="a.csv")
    assert garmin.read(table) is None


@pytest.mark.parametrize(
    ("when", "day", "start"),
    [
        ("5/2/2025 16:42", "2025-05-02", "2025-05-02T16:42:00"),
        ("12/31/2024 7:05", "2024-12-31", "2024-12-31T07:05:00"),
        ("2025-05-02 16:42:11", "2025-05-02", "2025-05-02T16:42:11"),
        ("5/2/2025", "2025-05-02", ""),
        ("soon", "soon", ""),
    ],
)
def test_dates_are_month_first_and_become_iso(when, day, start):
    assert garmin.parse_start(when) == (day, start)
    frame = detect([grow(when=when)]).frame
    assert (frame.loc[0, "workout_date"], frame.loc[0, "started_at"]) == (day, start)


@pytest.mark.parametrize(
    ("clock", "secs"),
    [
        ("1:02:03", "3723"),
        ("25:30", "1530"),
        ("01:00:00.5", "3600.5"),
        ("0:45", "45"),
        ("--", ""),
        ("", ""),
    ],
)
def test_clock_times_become_seconds(clock, secs):
    assert garmin.seconds(clock) == secs
    assert detect([grow(time=clock)]).frame.loc[0, "duration"] == secs


@pytest.mark.parametrize(
    ("pace", "minutes"), [("6:00", "6"), ("5:30", "5.5"), ("10:15", "10.25"), ("--", "")]
)
def test_paces_become_decimal_minutes(pace, minutes):
    assert detect([grow(pace=pace)]).frame.loc[0, "avg_pace"] == minutes


def test_missing_values_and_thousands_separators():
    row = grow(calories="1,234", steps="12,345", hr="--", distance="1,002.50", best="--")
    frame = detect([row]).frame
    assert (frame.loc[0, "calories"], frame.loc[0, "steps"]) == ("1234", "12345")
    assert (frame.loc[0, "avg_hr"], frame.loc[0, "max_pace"]) == ("", "")
    assert frame.loc[0, "distance"] == "1002.50"
    assert frame.loc[0, "notes"] == "Seattle Running" and frame.loc[0, "source_id"] == ""


def test_repeated_columns_do_not_confuse_the_layout():
    header = [*HEADER, "Avg HR", "Time"]
    found = detect([[*grow(), "99", "9:99:99"]], header=header)
    assert (found.frame.loc[0, "avg_hr"], found.frame.loc[0, "duration"]) == ("150", "1800")


@pytest.mark.parametrize(
    ("rows", "unit"),
    [
        ([grow(), grow("Walking", distance="4.00", time="0:50:00", pace="12:30")], "km"),
        (
            [
                grow(distance="3.10", time="0:30:00", pace="9:41"),
                grow("Walking", distance="2.50", time="0:50:00", pace="20:00"),
            ],
            "mi",
        ),
        ([grow("Treadmill Running", distance="10.00", time="0:48:00", pace="4:48")], "km"),
        ([grow("Hiking", distance="6.20", time="2:40:00", pace="25:48")], "mi"),
    ],
    ids=["km", "mi", "fast-treadmill-km", "hike-mi"],
)
def test_the_distance_unit_is_inferred_from_pace_and_time_and_noted(rows, unit):
    found = detect(rows)
    assert found.unit == unit
    assert found.notes == (f"distance unit inferred as {unit} from pace and time",)
    size = 1000.0 if unit == "km" else 1609.344
    assert found.factors["distance"] == pytest.approx(size)
    assert found.factors["avg_pace"] == pytest.approx(60 * 1000 / size)


def test_a_unit_in_the_header_wins_and_no_inference_is_noted():
    header = [h.replace("Distance", "Distance (mi)") for h in HEADER]
    found = detect([grow()], header=header)
    assert (found.unit, found.notes) == ("mi", ())


def test_without_any_distance_activity_km_is_assumed_and_said():
    found = detect([grow("Strength Training", distance="0.00", pace="--", best="--")])
    assert found.unit == "km"
    assert found.notes == ("distance unit assumed km (no activity to infer it from)",)


@pytest.fixture
def sqlite_store(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    yield engine
    engine.dispose()


def _ingest(store, text):
    raw = RawFile("Activities.csv", text.encode())
    return ingest_file(store, raw, owner_key="local:alice", max_bytes=10 * 1024 * 1024)


@pytest.mark.parametrize(
    ("distance", "time", "pace", "unit", "metres"),
    [("5.00", "0:30:00", "6:00", "km", 5000.0), ("3.10", "0:30:00", "9:41", "mi", 4988.97)],
)
def test_ingest_stores_si_values_and_reingest_adds_nothing(
    sqlite_store, distance, time, pace, unit, metres
):
    rows = [
        grow(distance=distance, time=time, pace=pace),
        grow(
            "Strength Training",
            "5/3/2025 7:15",
            distance="0.00",
            time="45:00",
            pace="--",
            best="--",
        ),
    ]
    report = _ingest(sqlite_store, text_of(rows, HEADER))
    assert (report.format, report.unit, report.new) == (garmin.LABEL, unit, 2)
    assert report.notes == (f"distance unit inferred as {unit} from pace and time",)
    with sqlite_store.connect() as conn:
        stored = conn.execute(sa.select(workouts).order_by(workouts.c.workout_date)).mappings()
        run, lift = stored.all()
    assert run["distance_m"] == pytest.approx(metres, rel=1e-4)
    assert run["duration_s"] == 1800 and lift["duration_s"] == 2700
    size = 1000.0 if unit == "km" else 1609.344
    minutes = int(pace.split(":")[0]) + int(pace.split(":")[1]) / 60
    assert run["avg_pace_s_per_km"] == pytest.approx(minutes * 60 * 1000 / size)
    assert run["calories_kcal"] == 1234
    assert str(run["started_at"]) == "2025-05-02 16:42:00"
    assert str(lift["started_at"]) == "2025-05-03 07:15:00"
    again = _ingest(sqlite_store, text_of(rows, HEADER))
    assert (again.new, again.already_present) == (0, 2)


def test_clean_rows_raise_no_warnings_but_the_derived_id(sqlite_store):
    rows = [grow(when=f"5/{day}/2025 7:00") for day in range(1, 6)]
    report = _ingest(sqlite_store, text_of(rows, HEADER))
    assert report.new == 5
    # Garmin's CSV has no activity id: the transform derives one and says so on every row.
    assert [w for w in report.warnings if w.code != "no_workout_id"] == []
