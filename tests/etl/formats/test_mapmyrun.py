import pytest

from etl import formats
from etl.errors import UnknownFormat
from etl.formats import mapmyrun
from etl.formats.csv_table import read_table
from tests.helpers import KM_HEADER, MILES_HEADER, export_text


def _layout(header):
    layout, missing = mapmyrun.match_header(header)
    assert missing == []
    return layout


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        (MILES_HEADER, "mi"),
        (KM_HEADER, "km"),
        ([h.upper() for h in MILES_HEADER], "mi"),
        ([h.replace("(kcal)", "(kCal)") for h in KM_HEADER], "km"),
        ([f"  {h} " for h in MILES_HEADER], "mi"),
    ],
    ids=["miles", "km", "upper-case", "kCal", "padded"],
)
def test_header_variants_are_recognised_with_their_unit(header, unit):
    layout = _layout(header)
    assert layout.unit == unit
    assert set(layout.positions) == set(mapmyrun.COLUMNS)


@pytest.mark.parametrize(
    ("unit", "distance", "pace", "speed"),
    [("mi", 1609.344, 60 * 1000 / 1609.344, 1609.344 / 3600), ("km", 1000.0, 60.0, 1 / 3.6)],
)
def test_si_factors_follow_the_header_unit(unit, distance, pace, speed):
    layout = _layout(MILES_HEADER if unit == "mi" else KM_HEADER)
    factors = layout.si_factors()
    assert factors["distance"] == pytest.approx(distance)
    assert factors["avg_pace"] == pytest.approx(pace)
    assert factors["max_speed"] == pytest.approx(speed)


def test_only_required_columns_is_enough_and_the_rest_read_blank():
    header = ["Workout Date", "Activity Type", "Distance (km)", "Workout Time (seconds)"]
    table = read_table(
        export_text([["Oct. 7, 2025", "Run", "5", "1500"]], header=header), file_name="f.csv"
    )
    detected = formats.detect(table, file_name="f.csv")
    assert (detected.name, detected.unit) == ("mapmyrun", "km")
    frame = detected.frame
    assert frame.loc[0, "distance"] == "5"
    assert frame.loc[0, "calories"] == ""
    assert frame.loc[0, "line"] == 2


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        (["Date", "Type", "Distance", "Duration"], "Workout Date, Activity Type, Distance"),
        ([h for h in MILES_HEADER if h != "Workout Date"], "Workout Date"),
        ([h.replace("(mi)", "(leagues)") for h in MILES_HEADER], "Distance (mi) or Distance (km)"),
    ],
)
def test_unknown_header_names_what_is_missing_and_shows_the_file(header, missing):
    table = read_table(",".join(header) + "\n1,2,3,4\n", file_name="strava.csv")
    with pytest.raises(UnknownFormat) as caught:
        formats.detect(table, file_name="strava.csv")
    message = str(caught.value)
    assert missing in message
    assert "first line reads: " + header[0] in message
    assert "MapMyRun" in caught.value.hint
