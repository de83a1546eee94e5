"""Exports of an owner's labelled workouts: the range, the columns, and spreadsheet safety."""

import csv
import io
import json
import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics.errors import MissingColumns
from analytics.frame import class_names
from bot.export import export_frame, to_csv, to_json

COLUMNS = [
    "date",
    "activity_type",
    "label",
    "label_code",
    "confidence",
    "distance_km",
    "distance_mi",
    "duration_min",
    "pace_min_per_km",
    "pace_min_per_mi",
    "calories",
    "avg_heart_rate",
    "steps",
    "source",
    "source_id",
    "id",
]


@pytest.fixture
def frame() -> pd.DataFrame:
    """Four workouts, deliberately out of order, as ``workouts_frame`` plus labels gives them."""
    return pd.DataFrame(
        {
            "id": [3, 1, 4, 2],
            "source": ["mapmyrun"] * 4,
            "source_id": ["c", "a", "d", "b"],
            "workout_date": pd.to_datetime(
                ["2024-01-31", "2024-01-01", "2024-02-01", "2024-01-15"]
            ),
            "activity_type": ["Run", "Run", "Walk", "Løb 🏃"],
            "category": ["run", "run", "walk", "run"],
            "label": ["run", "run", "walk", "run_walk"],
            "confidence": [0.9, np.nan, 0.75, 0.5],
            "distance_m": [5000.0, 10000.0, 1609.344, np.nan],
            "duration_s": [1500.0, 3300.0, 1200.0, 600.0],
            "avg_pace_s_per_km": [300.0, 330.0, 1200 / 1.609344, np.nan],
            "calories_kcal": [400.0, 800.0, np.nan, 50.0],
            "avg_heart_rate": [150.0, np.nan, np.nan, np.nan],
            "steps": [6000.0, np.nan, 2100.0, np.nan],
        }
    )


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize(
    ("start", "end", "ids"),
    [
        (None, None, [1, 2, 3, 4]),
        (date(2024, 1, 15), date(2024, 1, 31), [2, 3]),
        (date(2024, 1, 16), None, [3, 4]),
        (None, date(2024, 1, 1), [1]),
        (date(2024, 3, 1), None, []),
    ],
)
def test_the_range_is_inclusive_and_rows_are_oldest_first(frame, start, end, ids):
    assert export_frame(frame, start=start, end=end)["id"].tolist() == ids


def test_a_time_of_day_does_not_push_a_workout_out_of_its_day(frame):
    frame["workout_date"] = frame["workout_date"] + pd.Timedelta(hours=23)
    chosen = export_frame(frame, start=None, end=date(2024, 1, 15))
    assert chosen["id"].tolist() == [1, 2]
    assert chosen["date"].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-15")]


def test_columns_are_in_a_stable_order_with_readable_units(frame):
    chosen = export_frame(frame, start=None, end=None)
    assert chosen.columns.tolist() == COLUMNS
    first = chosen.iloc[0]  # id 1: 10 km in 55 min
    assert first["distance_km"] == pytest.approx(10.0)
    assert first["distance_mi"] == pytest.approx(10 / 1.609344)
    assert first["duration_min"] == pytest.approx(55.0)
    assert first["pace_min_per_km"] == pytest.approx(5.5)
    assert first["pace_min_per_mi"] == pytest.approx(5.5 * 1.609344)
    assert first["calories"] == 800.0 and first["label"] == "run"
    assert first["label_code"] == "run"
    assert str(chosen["steps"].dtype) == "Int64"
    assert chosen["steps"].fillna(-1).tolist() == [-1, -1, 6000, 2100]


def test_whole_numbers_stay_whole_and_missing_columns_are_empty(frame):
    chosen = export_frame(frame.drop(columns=["confidence", "source"]), start=None, end=None)
    assert chosen.columns.tolist() == COLUMNS
    assert chosen["confidence"].isna().all() and chosen["source"].isna().all()
    rows = _csv_rows(to_csv(chosen))
    assert rows[0] == COLUMNS
    by_id = {r[-1]: dict(zip(COLUMNS, r)) for r in rows[1:]}
    assert by_id["3"]["steps"] == "6000" and by_id["1"]["steps"] == ""
    assert by_id["2"]["date"] == "2024-01-15" and by_id["2"]["distance_km"] == ""


def test_a_frame_without_labels_is_refused(frame):
    with pytest.raises(MissingColumns, match="label"):
        export_frame(frame.drop(columns=["label"]), start=None, end=None)


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (" =1", "' =1"),
        ("\n@x", "'\n@x"),
        ("\tplain", "'\tplain"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("e-mail", "e-mail"),
        ("two\r\nlines; one cell", "two\r\nlines; one cell"),
        ("", ""),
    ],
)
def test_text_that_a_spreadsheet_would_run_is_quoted(cell, written):
    rows = _csv_rows(to_csv(pd.DataFrame({"notes": [cell], "n": [1]})))
    assert rows == [["notes", "n"], [written, "1"]]


def test_numbers_are_never_quoted_even_negative_ones():
    frame = pd.DataFrame({"x": [-3.5, 2.0], "run_walk": pd.Series([-3.5, "=x"], dtype=object)})
    assert _csv_rows(to_csv(frame)) == [["x", "run_walk"], ["-3.5", "-3.5"], ["2.0", "'=x"]]


def test_a_header_that_would_run_is_quoted_too():
    frame = pd.DataFrame({'=HYPERLINK("http://x")': [1]})
    assert _csv_rows(to_csv(frame))[0] == ['\'=HYPERLINK("http://x")']


def test_csv_is_utf8_without_a_bom_and_keeps_unicode_notes():
    frame = pd.DataFrame({"notes": ["Café ☕ — 5 km, «vite»", "=🏃"]})
    data = to_csv(frame)
    assert not data.startswith(b"\xef\xbb\xbf")
    assert _csv_rows(data)[1:] == [["Café ☕ — 5 km, «vite»"], ["'=🏃"]]


def test_csv_writes_times_when_a_date_column_has_them():
    stamps = pd.to_datetime(["2024-01-15 07:30:00", None])
    assert _csv_rows(to_csv(pd.DataFrame({"t": stamps}))) == [["t"], ["2024-01-15T07:30:00"], [""]]


def test_json_round_trips_with_iso_dates_nulls_and_unicode(frame):
    chosen = export_frame(frame, start=None, end=None)
    data = to_json(chosen)
    assert "Løb 🏃".encode() in data and b"\\u" not in data and b"\n" not in data
    assert b"NaN" not in data
    records = json.loads(data)
    assert [list(r) for r in records] == [COLUMNS] * 4
    mixed = records[1]
    assert mixed["date"] == "2024-01-15" and mixed["activity_type"] == "Løb 🏃"
    assert mixed["distance_km"] is None and mixed["steps"] is None and mixed["id"] == 2
    walk = records[3]
    assert walk["steps"] == 2100 and isinstance(walk["steps"], int)
    assert walk["distance_mi"] == pytest.approx(1.0) and walk["confidence"] == 0.75
    assert math.isclose(records[0]["pace_min_per_km"], 5.5)


def test_json_keeps_notes_and_times_as_given():
    frame = pd.DataFrame(
        {"notes": ["=not a formula in JSON", None], "t": pd.to_datetime(["2024-01-15 07:30", None])}
    )
    assert json.loads(to_json(frame)) == [
        {"notes": "=not a formula in JSON", "t": "2024-01-15T07:30:00"},
        {"notes": None, "t": None},
    ]


@pytest.mark.parametrize(
    ("has_dog", "walk"), [(True, "dog walk"), (False, "walk")], ids=["dog", "no-dog"]
)
def test_the_class_is_exported_in_the_owners_words_with_its_code(frame, has_dog, walk):
    chosen = export_frame(frame, start=None, end=None, names=class_names(has_dog=has_dog))
    by_id = chosen.set_index("id")
    assert by_id.loc[[1, 2, 4], "label"].tolist() == ["run", "run-walk", walk]
    assert by_id.loc[[1, 2, 4], "label_code"].tolist() == ["run", "run_walk", "walk"]
    rows = _csv_rows(to_csv(chosen))
    label, code = rows[0].index("label"), rows[0].index("label_code")
    assert [(r[label], r[code]) for r in rows[1:]] == [
        ("run", "run"),
        ("run-walk", "run_walk"),
        ("run", "run"),
        (walk, "walk"),
    ]
    records = json.loads(to_json(chosen))
    assert {(r["label"], r["label_code"]) for r in records} == {
        ("run", "run"),
        ("run-walk", "run_walk"),
        (walk, "walk"),
    }


def test_without_names_the_default_names_are_exported(frame):
    chosen = export_frame(frame, start=None, end=None)
    assert set(chosen["label"]) == {"run", "run-walk", "dog walk"}
    assert not set(chosen["label"]) & {"walk", "run_walk"}  # codes, not the names
