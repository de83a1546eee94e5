"""Terminal renderings of classes: the owner's class names, counts that agree."""

import pandas as pd

from analytics.frame import WALK_NAMES
from analytics.totals import counts_by_type_and_year
from bot.terminal.report import render_classes, render_retrain, render_type_year


def _labelled(*labels: str) -> pd.DataFrame:
    days = pd.date_range("2024-01-01", periods=len(labels), freq="D")
    return pd.DataFrame({"workout_date": days, "label": labels, "activity_type": "Run"})


def test_classes_are_shown_in_the_owners_words():
    table = counts_by_type_and_year(_labelled("run", "walk", "walk", "run_walk"), column="label")
    text = render_classes(table, owner="ann", version=2, kind="mixture", names=WALK_NAMES)
    rows = [line.split("  ")[0].strip() for line in text.splitlines()[3:-2]]
    assert rows == ["walk", "run", "run-walk"]  # most first, ties by code
    assert "_" not in text and "dog" not in text
    assert text.startswith("Classified by your own clustering model (model v2):")


def test_classes_without_names_use_the_default_names():
    table = counts_by_type_and_year(_labelled("walk", "outlier"), column="label")
    text = render_classes(table, owner="ann", version=1, kind="pace_rules")
    assert "dog walk" in text and "outlier" in text and "_" not in text


def test_a_retrain_line_counts_each_class_in_its_number():
    counts = {"run": 1, "walk": 46, "run_walk": 2, "outlier": 1, "cycle": 1234}
    line = render_retrain(3, counts, names=WALK_NAMES)
    assert line == (
        "classifier: trained model v3: 1 run, 46 walks, 2 run-walks, 1 outlier, 1,234 rides"
    )
    assert "46 dog walks" in render_retrain(3, counts)


def test_one_workout_of_one_type_is_singular():
    text = render_type_year(counts_by_type_and_year(_labelled("x")), owner="ann")
    assert text.startswith("ann: 1 workout from 2024-01-01 to 2024-01-01, 1 activity type\n")
