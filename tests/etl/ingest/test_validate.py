from datetime import date

import pandas as pd
import pytest

from etl import formats
from etl.formats.csv_table import read_table
from etl.ingest.validate import clean_note, validate
from tests.helpers import export_text, row

TODAY = date(2026, 1, 1)
MI = 1609.344


def _validated(*rows):
    table = read_table(export_text(list(rows)), file_name="f.csv")
    detected = formats.detect(table, file_name="f.csv")
    return validate(detected.frame, factors=detected.factors, today=TODAY)


def _value(result, column):
    value = result.frame.loc[0, column]
    return None if pd.isna(value) else value


@pytest.mark.parametrize(
    ("overrides", "column", "stored", "code"),
    [
        ({"calories": "32767"}, "calories", None, "calories_sentinel"),
        ({"calories": "-5"}, "calories", None, "calories_absurd"),
        ({"calories": "0"}, "calories", None, None),
        ({"seconds": "1704734895"}, "duration", None, "duration_absurd"),
        ({"seconds": "0"}, "duration", None, "duration_zero"),
        ({"seconds": "-60"}, "duration", None, "duration_absurd"),
        ({"distance": "0"}, "distance", None, "distance_zero"),
        ({"distance": "-1"}, "distance", None, "distance_absurd"),
        ({"distance": "900"}, "distance", None, "distance_absurd"),
        ({"steps": "4077214578"}, "steps", None, "steps_absurd"),
        ({"steps": "0"}, "steps", None, None),
        ({"steps": ""}, "steps", None, None),
        ({"steps": "many"}, "steps", None, "not_a_number"),
        ({"max_speed": "190"}, "max_speed", None, "max_speed_absurd"),
        ({"max_speed": "0"}, "max_speed", None, None),
        ({"max_pace": "0"}, "max_pace", None, None),
        ({"max_pace": "9999999"}, "max_pace", None, "max_pace_absurd"),
        ({"heart": "400"}, "avg_hr", None, "heart_rate_absurd"),
        ({"heart": "151"}, "avg_hr", 151.0, None),
        ({"calories": "300"}, "calories", 300.0, None),
        ({"steps": "5000"}, "steps", 5000.0, None),
    ],
)
def test_impossible_values_are_stored_missing_with_a_warning(overrides, column, stored, code):
    result = _validated(row(**overrides))
    assert len(result.frame) == 1, "the row is kept"
    assert _value(result, column) == stored
    codes = [w.code for w in result.warnings]
    assert codes == ([code] if code else [])
    if code:
        assert result.warnings[0].line == 2


def test_values_are_converted_to_si():
    result = _validated(row(distance="3.1", seconds="1800", pace="9.677", max_speed="8"))
    assert _value(result, "distance") == pytest.approx(3.1 * MI)
    assert _value(result, "duration") == 1800
    assert _value(result, "avg_pace") == pytest.approx(9.677 * 60 / (MI / 1000))
    assert _value(result, "max_speed") == pytest.approx(8 * MI / 3600)


def test_absurd_pace_is_recomputed_from_distance_and_time():
    result = _validated(row(distance="2", seconds="1800", pace="42554500"))
    assert _value(result, "avg_pace") == pytest.approx(1800 / (2 * MI / 1000))
    assert [w.code for w in result.warnings] == ["avg_pace_recomputed"]
    assert "42554500" in result.warnings[0].message


def test_absurd_pace_without_distance_is_missing():
    result = _validated(row(distance="0", activity="Video Workout", pace="42554500"))
    assert _value(result, "avg_pace") is None
    assert [w.code for w in result.warnings] == ["avg_pace_absurd"]


def test_missing_pace_is_derived_silently():
    result = _validated(row(distance="3", seconds="1800", pace="0", speed="0"))
    assert _value(result, "avg_pace") == pytest.approx(1800 / (3 * MI / 1000))
    assert _value(result, "avg_speed") == pytest.approx(3 * MI / 1800)
    assert result.warnings == []


def test_zero_distance_is_normal_for_a_video_workout():
    result = _validated(row(activity="Video Workout", distance="0", pace="0", speed="0"))
    assert _value(result, "distance") is None
    assert result.warnings == []
    assert _value(result, "category") == "workout"


def test_rows_without_a_readable_workout_date_are_rejected_with_line_and_reason():
    result = _validated(row("Oct. 7, 2025"), row("Smarch 1, 2025"), row(""), row("Feb. 30, 2024"))
    assert [(r.line, r.code) for r in result.rejected] == [
        (3, "bad_workout_date"),
        (4, "bad_workout_date"),
        (5, "bad_workout_date"),
    ]
    assert "unknown month name 'Smarch'" in result.rejected[0].message
    assert "blank" in result.rejected[1].message
    assert "does not exist" in result.rejected[2].message
    assert len(result.frame) == 1
    assert list(result.text["line"]) == [2]


def test_the_workout_date_is_the_workout_date_not_the_submission():
    result = _validated(row("June 26, 2013", submitted="July 1, 2013"))
    assert _value(result, "workout_date") == date(2013, 6, 26)
    assert _value(result, "submitted_date") == date(2013, 7, 1)


def test_unreadable_submission_date_is_a_warning_only():
    result = _validated(row(submitted="whenever"))
    assert _value(result, "submitted_date") is None
    assert [w.code for w in result.warnings] == ["submitted_date_unreadable"]


def test_future_dates_and_blank_types_are_flagged_but_kept():
    result = _validated(row("March 3, 2031", activity=""))
    assert _value(result, "activity_type") == "Unknown"
    assert sorted(w.code for w in result.warnings) == ["future_date", "no_activity_type"]


@pytest.mark.parametrize(
    ("note", "cleaned"),
    [
        ("b''", None),
        ('b""', None),
        ("b'hill repeats'", "hill repeats"),
        ("", None),
        ("  easy  ", "easy"),
        ("bob's run", "bob's run"),
    ],
)
def test_notes_lose_exporter_junk(note, cleaned):
    assert clean_note(note) == cleaned


@pytest.mark.parametrize(
    ("activity", "category"),
    [
        ("Run", "run"),
        ("Indoor Run / Jog", "run"),
        ("Walk", "walk"),
        ("Hike", "hike"),
        ("Bike Ride", "cycle"),
        ("Indoor Bike Ride", "cycle"),
        ("Swim", "swim"),
        ("Video Workout", "workout"),
        ("Machine Workout", "workout"),
        ("Weight Workout", "workout"),
        ("Sport / Other Activity", "other"),
    ],
)
def test_activity_types_get_their_category(activity, category):
    assert _value(_validated(row(activity=activity)), "category") == category
