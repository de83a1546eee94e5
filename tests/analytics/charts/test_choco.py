"""The life-event timeline: the event's name, as said, in the alt text and safe in the file name;
pace limits that one absurd month cannot stretch, lines only between consecutive months, every
class share labelled, walks named "dog walks" only from the dog on, the month in progress
marked."""

from __future__ import annotations

import re
from datetime import date

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest

from analytics.charts import choco_timeline, style
from analytics.charts.style import pace_minutes
from analytics.frame import DOG_NAMES, WALK
from tests.analytics.charts.captured import Drawn, recording

EVENT = date(2018, 6, 1)
TODAY = date(2025, 10, 7)
ABSURD = 42 * 60 / 1.609344  # 42:00 min/mi in s/km


@pytest.fixture
def drawn(monkeypatch) -> Drawn:
    return recording(monkeypatch)


def _with_absurd_month(frame: pd.DataFrame) -> pd.DataFrame:
    """The demo history with one lone walk at 42:00 min/mi in March 2016 (before the dog)."""
    row = frame[frame["label"] == WALK].iloc[[0]].copy()
    row["workout_date"] = pd.Timestamp("2016-03-15")
    row["avg_pace_s_per_km"] = ABSURD
    return pd.concat([frame, row], ignore_index=True)


def test_event_name_becomes_a_safe_filename(demo_frame):
    image = choco_timeline(demo_frame, event_date=EVENT, event_name="Chöco arrives!")
    assert image.filename == "timeline-choco-arrives-2018-06-01.png"
    assert "Chöco arrives!" in image.alt


def test_pace_limits_ignore_one_absurd_month(demo_frame, drawn):
    choco_timeline(_with_absurd_month(demo_frame), event_date=EVENT, event_name="Choco")
    pace = drawn.last.axes[1]
    slowest = pace.get_ylim()[0]  # inverted: slower at the bottom
    walks = demo_frame.loc[demo_frame["label"] == WALK, "avg_pace_s_per_km"]
    monthly = walks.groupby(demo_frame["workout_date"].dt.to_period("M")).median()
    assert slowest < 42 * 0.75  # the 42:00 month does not set the scale...
    assert slowest >= pace_minutes(monthly.max(), "mi")  # ...every ordinary month fits
    assert any(t.startswith("1 month off the scale") for t in drawn.texts())


def test_pace_lines_join_consecutive_months_only(demo_frame, drawn):
    choco_timeline(demo_frame, event_date=EVENT, event_name="Choco")
    pace = drawn.last.axes[1]
    joined = 0
    for line in pace.lines:
        if line.get_linestyle() in ("None", "none", ""):
            continue
        x = np.asarray(line.get_xdata(), float)
        y = np.asarray(line.get_ydata(), float)
        both = np.isfinite(y[:-1]) & np.isfinite(y[1:])
        gaps = np.diff(x)[both]
        joined += both.sum()
        assert (gaps <= 31.1).all(), mdates.num2date(x[:-1][both][gaps > 31.1][0])
    assert joined > 100


def test_every_class_share_is_labelled(demo_frame, drawn):
    choco_timeline(demo_frame, event_date=EVENT, event_name="Choco")
    mix = drawn.last.axes[2]
    shares = [t.get_text() for t in mix.texts if re.fullmatch(r"<?\d+%", t.get_text())]
    groups = style.groups(demo_frame["label"].astype(str))
    before = demo_frame["workout_date"] < pd.Timestamp(EVENT)
    expected = groups[before].nunique() + groups[~before].nunique()
    assert len(shares) == expected
    assert "<1%" in shares


def test_walks_are_dog_walks_only_from_the_dog_on(demo_frame, drawn):
    image = choco_timeline(
        _with_absurd_month(demo_frame),
        event_date=EVENT,
        event_name="Choco",
        names=DOG_NAMES,
        dog_since=EVENT,
    )
    before, after = image.alt.split("After:")
    assert "dog walk" not in before and re.search(r"\bwalk <1%", before)
    assert "dog walk 68%" in after
    assert "walk 42:00 min/mi before, dog walk " in image.alt
    texts = drawn.texts()
    assert "1 month off the scale, at the edge (▼▲): walk 42:00" in texts
    assert "dog walk (walk before Jun 2018)" in texts
    labels = [line.get_label() for line in drawn.last.axes[1].lines]
    assert "walk" in labels and "dog walk" in labels


def test_the_month_in_progress_is_marked(demo_frame, drawn):
    frame = demo_frame[demo_frame["workout_date"] <= pd.Timestamp(TODAY)]
    image = choco_timeline(frame, event_date=EVENT, event_name="Choco", today=TODAY)
    assert "October 2025 is in progress (7 of 31 days)" in image.alt
    assert "Oct 2025 so far:\n7 of 31 days" in drawn.texts()


def test_a_whole_last_month_is_not_marked(demo_frame, drawn):
    image = choco_timeline(
        demo_frame, event_date=EVENT, event_name="Choco", today=date(2025, 12, 31)
    )
    assert "in progress" not in image.alt
    assert not any("so far" in t for t in drawn.texts())
