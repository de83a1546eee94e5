"""The briefing's weeks chart: a valid 1200x700 PNG whose alt text carries every week's count,
checked against counts made here from the frame with ISO calendar weeks."""

from __future__ import annotations

import re
import statistics
from datetime import date, timedelta

import pandas as pd
import pytest

from analytics import frame as wf
from analytics.charts import weeks_chart
from analytics.charts.style import PALETTE
from analytics.charts.weeks import weeks_headline
from tests.analytics.charts.conftest import assert_valid_chart, near, over_white

END = date(2025, 12, 31)  # a Wednesday, the demo history's last day
ALT = re.compile(r": (?P<before>(?:\d+, )*)this week (?P<now>\d+)(?P<so_far> so far)?; typical ")


def expected_counts(frame: pd.DataFrame, end: date, weeks: int) -> list[int]:
    """Non-outlier workouts per ISO (year, week), for the ``weeks`` weeks up to ``end``."""
    wanted = []
    for back in range(weeks - 1, -1, -1):
        year, week, _ = (end - timedelta(weeks=back)).isocalendar()
        wanted.append((year, week))
    counts = dict.fromkeys(wanted, 0)
    for day, label in zip(pd.to_datetime(frame["workout_date"]), frame["label"]):
        key = tuple(day.date().isocalendar())[:2]
        if key in counts and label != wf.OUTLIER and day.date() <= end:
            counts[key] += 1
    return [counts[k] for k in wanted]


def parse_alt(alt: str) -> tuple[list[int], bool, str]:
    """Counts (oldest first, this week last), whether "so far" was said, and the typical."""
    match = ALT.search(alt)
    assert match, alt
    before = [int(n) for n in match["before"].split(", ") if n]
    typical = alt[match.end() :].rstrip(".")
    return [*before, int(match["now"])], bool(match["so_far"]), typical


@pytest.mark.parametrize(("end", "weeks"), [(END, 8), (date(2025, 12, 28), 12), (END, 1)])
def test_alt_counts_match_the_frame(demo_frame, end, weeks):
    image = weeks_chart(demo_frame, end=end, weeks=weeks)
    assert_valid_chart(image)
    assert image.filename == f"weeks-{end.isoformat()}.png"
    assert f"{weeks} week" in image.alt and str(end) in image.alt
    if weeks == 1:
        assert image.alt.endswith("no typical week yet.")
        assert f"this week {expected_counts(demo_frame, end, 1)[0]}" in image.alt
        return
    counts, so_far, typical = parse_alt(image.alt)
    expected = expected_counts(demo_frame, end, weeks)
    assert counts == expected
    assert so_far == (end.weekday() < 6)
    assert float(typical) == statistics.median(expected[:-1])


def test_outliers_are_left_out(demo_frame):
    before = parse_alt(weeks_chart(demo_frame, end=END).alt)[0]
    recent = wf.by_day(demo_frame) >= pd.Timestamp(END - timedelta(days=2))
    demo_frame.loc[recent, "label"] = wf.OUTLIER
    after = parse_alt(weeks_chart(demo_frame, end=END).alt)[0]
    assert after[:-1] == before[:-1]
    assert after[-1] == 0 < before[-1]


def test_workouts_after_end_are_ignored(demo_frame):
    end = date(2025, 12, 17)  # a Wednesday with later workouts that same week
    days = wf.by_day(demo_frame)
    later = (days > pd.Timestamp(end)) & (days <= pd.Timestamp(end + timedelta(days=4)))
    assert later.any()
    counts, _, _ = parse_alt(weeks_chart(demo_frame, end=end).alt)
    assert counts == expected_counts(demo_frame, end, 8)


def test_empty_frame(demo_frame):
    image = weeks_chart(demo_frame.iloc[:0], end=END)
    assert_valid_chart(image)
    assert "no workouts" in image.alt
    assert not re.search(r"typical \d", image.alt)


def test_a_week_with_no_workouts_in_the_middle(demo_frame):
    monday = END - timedelta(days=END.weekday(), weeks=4)
    days = wf.by_day(demo_frame)
    gap = (days >= pd.Timestamp(monday)) & (days < pd.Timestamp(monday + timedelta(weeks=1)))
    assert gap.any(), "the demo week should have workouts to remove"
    frame = demo_frame[~gap]
    image = weeks_chart(frame, end=END)
    rgb = assert_valid_chart(image)
    counts, _, typical = parse_alt(image.alt)
    assert counts == expected_counts(frame, END, 8)
    assert counts[3] == 0 and sum(counts) > 0
    assert float(typical) == statistics.median(counts[:-1])
    assert near(rgb, PALETTE[wf.WALK]) > 1000  # complete weeks in full colour


def test_current_week_is_drawn_lighter(demo_frame):
    """The partial week's bar is the palette colour faded on white, not the full colour."""
    recent = wf.by_day(demo_frame) >= pd.Timestamp(END - timedelta(days=END.weekday()))
    frame = demo_frame.copy()
    frame.loc[recent, "label"] = wf.RUN_WALK  # only this week has many run-walks
    old = (~recent) & (frame["label"] == wf.RUN_WALK)
    frame.loc[old, "label"] = wf.RUN
    rgb = assert_valid_chart(weeks_chart(frame, end=END))
    faded = over_white(PALETTE[wf.RUN_WALK], 0.45)
    assert near(rgb, faded, tolerance=20) > 500
    assert near(rgb, PALETTE[wf.RUN_WALK]) < 500  # the legend patch only


def test_typical_ignores_weeks_before_the_first_workout(demo_frame):
    start = END - timedelta(days=END.weekday(), weeks=2)  # history begins two weeks back
    frame = demo_frame[wf.by_day(demo_frame) >= pd.Timestamp(start)]
    counts, _, typical = parse_alt(weeks_chart(frame, end=END).alt)
    assert counts[:5] == [0] * 5
    assert float(typical) == statistics.median(counts[5:7])


@pytest.mark.parametrize("weeks", [0, -1, 105, 2.5, True])
def test_bad_weeks_are_refused(demo_frame, weeks):
    with pytest.raises(ValueError, match="weeks"):
        weeks_chart(demo_frame, end=END, weeks=weeks)


@pytest.mark.parametrize(("end", "weeks"), [(END, 8), (date(2025, 12, 28), 6)])
def test_headline_says_the_charts_counts(demo_frame, end, weeks):
    """The words a reply shows beside the chart: this week's count and the typical week."""
    counts, so_far, typical = parse_alt(weeks_chart(demo_frame, end=end, weeks=weeks).alt)
    now = f"this week {counts[-1]}" + (" so far" if so_far else "")
    expected = f"Workouts per week, last {weeks} weeks: {now}, typically {float(typical):g} a week"
    assert weeks_headline(demo_frame, end=end, weeks=weeks) == expected
