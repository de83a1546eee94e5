from datetime import date

import pandas as pd

from analytics.totals import counts_by_type_and_year
from etl.demo.mapmyrun import generate_history


def test_counts_match_a_known_history():
    frame = pd.DataFrame(
        {
            "workout_date": pd.to_datetime(
                ["2019-01-01", "2019-06-01", "2020-01-01", "2020-02-01", "2020-03-01"]
            ),
            "activity_type": ["Run", "Walk", "Run", "Run", "Swim"],
        }
    )
    table = counts_by_type_and_year(frame)
    assert table.years == (2019, 2020)
    assert table.types == ("Run", "Swim", "Walk"), "most common first, ties by name"
    assert table.type_total("Run") == 3
    assert table.year_total(2020) == 3
    assert table.total == 5
    assert (table.first_date, table.last_date) == (date(2019, 1, 1), date(2020, 3, 1))


def test_empty_history_gives_an_empty_table():
    table = counts_by_type_and_year(pd.DataFrame({"workout_date": [], "activity_type": []}))
    assert table.total == 0
    assert table.years == ()


def test_demo_history_totals_agree_with_the_truth():
    history = generate_history()
    truth = history.truth
    table = counts_by_type_and_year(truth)
    assert table.total == len(truth)
    expected = truth["activity_type"].value_counts()
    assert {t: table.type_total(t) for t in table.types} == expected.to_dict()
    assert table.types[0] == "Run", "most common type first"
