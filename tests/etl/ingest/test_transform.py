import json
from datetime import date

import pytest

from etl import formats
from etl.formats.csv_table import read_table
from etl.ingest.transform import transform
from etl.ingest.validate import validate
from tests.helpers import export_text, link, row


def _transformed(*rows):
    table = read_table(export_text(list(rows)), file_name="f.csv")
    detected = formats.detect(table, file_name="f.csv")
    return transform(validate(detected.frame, factors=detected.factors, today=date(2026, 1, 1)))


@pytest.mark.parametrize(
    ("link_text", "expected"),
    [
        ("http://www.mapmyfitness.com/workout/8685587529", "8685587529"),
        ("https://www.mapmyrun.com/workout/316272521?ref=x", "316272521"),
        ("http://www.mapmyfitness.com/workouts/42", "42"),
    ],
)
def test_workout_id_comes_from_the_link(link_text, expected):
    assert _transformed(row(link=link_text)).frame.loc[0, "source_id"] == expected


def test_rows_without_a_link_get_a_stable_content_id():
    first = _transformed(row(link=None), row("Oct. 8, 2025", link=None))
    again = _transformed(row("Oct. 8, 2025", link=None), row(link=None), row("Oct. 9, 2025"))
    ids = list(first.frame["source_id"])
    assert ids[0] != ids[1]
    assert all(i.startswith("c") and len(i) <= 64 for i in ids)
    assert set(ids) <= set(again.frame["source_id"]), "same content, same id, any order"
    assert [w.code for w in first.warnings] == [], "a file without any ids: no row-by-row noise"
    mixed = _transformed(row(link=link(5)), row("Oct. 8, 2025", link=None))
    assert [(w.line, w.code) for w in mixed.warnings] == [(3, "no_workout_id")]


def test_identical_linkless_rows_are_both_kept_with_distinct_ids():
    result = _transformed(row(link=None), row(link=None))
    assert result.frame["source_id"].nunique() == 2
    assert result.repeated_in_file == 0
    assert "same_as_other_row" in {w.code for w in result.warnings}


def test_a_row_repeating_an_id_in_the_same_file_counts_once():
    result = _transformed(row(link=link(7)), row("Oct. 9, 2025", link=link(7)))
    assert list(result.frame["source_id"]) == ["7"]
    assert result.repeated_in_file == 1
    [warning] = result.warnings
    assert (warning.line, warning.code) == (3, "repeated_in_file")
    assert warning.message == "same workout id as line 2"


def test_rows_identical_except_for_the_id_are_kept_and_flagged():
    result = _transformed(row(link=link(1)), row(link=link(2)), row("Oct. 9, 2025", link=link(3)))
    assert len(result.frame) == 3
    [warning] = result.warnings
    assert (warning.line, warning.code) == (3, "same_as_other_row")
    assert "line 2" in warning.message


def test_text_keeps_the_row_as_written_aligned_with_the_frame():
    result = _transformed(row(calories="32767", notes="b'hill'", link=link(5)))
    assert list(result.text["line"]) == list(result.frame["line"])
    assert result.text.loc[0, "calories"] == "32767"
    from etl.ingest.transform import raw_json

    raw = json.loads(raw_json(result.text)[0])
    assert raw["calories"] == "32767"
    assert raw["notes"] == "b'hill'"
    assert "heart" not in raw and "avg_hr" not in raw, "blank fields are left out"
