"""Class names in anomaly reasons, trend texts and chart words: the owner's ("walk", or "dog
walk" with a dog), never an internal code; without names, the default names as before."""

import re
from datetime import date

import pandas as pd
import pytest

from analytics.anomalies import find_anomalies
from analytics.charts import (
    anomalies_chart,
    calendar_heatmap,
    choco_timeline,
    classification_scatter,
    style,
    trend_chart,
)
from analytics.classifier.training import train
from analytics.frame import DISPLAY_NAMES, DOG_NAMES, RUN_WALK, WALK, WALK_NAMES
from analytics.trends import trend

CODES = re.compile(r"real_run|pup_walk|run_walk|\bmixed\b|\bcycle\b|non_foot")
NAMES = pytest.mark.parametrize(
    ("names", "walk"), [(DOG_NAMES, "dog walk"), (WALK_NAMES, "walk")], ids=["dog", "no-dog"]
)
PUPPY = date(2018, 6, 1)


def _says(text: str, walk: str) -> None:
    """``text`` names the walks as ``walk`` and never as the other owner's word or a code."""
    assert re.search(rf"\b{walk}", text), text
    if walk == "walk":
        assert "dog walk" not in text, text
    assert not CODES.search(text), text


@NAMES
def test_anomaly_reasons_name_the_class_as_the_owner_does(demo_frame, names, walk):
    report = find_anomalies(demo_frame, names=names)
    walks = [a for a in report.items if a.label == WALK]
    assert walks, "the demo history has unusual walks"
    for item in walks:
        _says(item.reason, walk)
        assert f"your usual {walk} " in item.reason or f" {walk}s (" in item.reason
    assert report.names == names
    for item in report.items:
        assert not CODES.search(item.reason), item.reason


@NAMES
def test_anomaly_notes_and_sudden_changes_use_the_plural(demo_frame, names, walk):
    # Too few run-walks to judge: the note names them, not their code.
    few = demo_frame[demo_frame["label"] != RUN_WALK]
    tiny = demo_frame[demo_frame["label"] == RUN_WALK].head(3)
    report = find_anomalies(pd.concat([few, tiny]), names=names)
    assert "run-walk pace (3)" in report.note and "run_walk" not in report.note
    # The sudden-change test speaks of "your last 10 walks".
    sudden = [
        a
        for a in find_anomalies(demo_frame, names=names).items
        if a.label == WALK and "your last" in a.reason
    ]
    for item in sudden:
        assert f"your last 10 {walk}s (" in item.reason


def test_anomalies_without_names_keep_the_default_names(demo_frame):
    report = find_anomalies(demo_frame)
    assert report.names == DISPLAY_NAMES
    assert any("your last 10 dog walks (" in a.reason for a in report.items)


@NAMES
def test_trend_texts_name_the_class_as_the_owner_does(demo_frame, names, walk):
    result = trend(demo_frame, metric="pace", label=WALK, names=names)
    assert result.enough_data and result.names == names
    assert result.headline.startswith(f"Your {walk} pace ")
    _says(result.headline, walk)
    weekly = trend(demo_frame, metric="workouts_per_week", label=WALK, names=names)
    assert weekly.headline.startswith(f"Your weekly {walk} count ")
    early = trend(demo_frame, metric="pace", label=WALK, end=date(2012, 1, 1), names=names)
    assert not early.enough_data
    assert early.note.startswith(f"need at least 8 {walk}s between ")
    _says(early.headline, walk)
    assert trend_chart(result).alt.count(walk) >= 1
    _says(trend_chart(result).alt, walk)


def test_a_trend_without_names_keeps_the_default_names(demo_frame):
    result = trend(demo_frame, metric="pace", label=WALK)
    assert result.names == DISPLAY_NAMES and result.headline.startswith("Your dog walk pace ")


@NAMES
def test_chart_words_name_the_classes_as_the_owner_does(demo_frame, names, walk):
    report = find_anomalies(demo_frame, start=date(2024, 1, 1), names=names)
    # The chart names classes as its report does, unless told otherwise.
    drawn = anomalies_chart(demo_frame, report, metric="duration").alt
    _says(drawn, walk)
    assert f"({walk}): " in drawn
    other = DOG_NAMES if names is WALK_NAMES else WALK_NAMES
    relabelled = anomalies_chart(demo_frame, report, metric="duration", names=other).alt
    assert f"({other[WALK]}): " in relabelled
    timeline = choco_timeline(demo_frame, event_date=PUPPY, event_name="Choco", names=names)
    _says(timeline.alt.replace("Choco", ""), walk)
    _says(calendar_heatmap(demo_frame, year=2020, names=names).alt, walk)
    model = train(demo_frame, event_date=PUPPY)
    _says(classification_scatter(demo_frame, model, names=names).alt, walk)


@NAMES
def test_chart_legends_name_the_classes_as_the_owner_does(names, walk):
    shown = style.group_names(names)
    assert shown[WALK] == walk and shown[style.NON_FOOT] == "other activity"
    patches = style.legend_handles(style.GROUPS, names=names)
    markers = style.marker_handles(style.GROUPS, names=names)
    for handles in (patches, markers):
        labels = [h.get_label() for h in handles]
        assert walk in labels and "run-walk" in labels
        assert not any(CODES.search(label) for label in labels)
    assert style.group_names() == style.GROUP_NAMES
    assert style.GROUP_NAMES[WALK] == "dog walk"  # the default where no owner is known
