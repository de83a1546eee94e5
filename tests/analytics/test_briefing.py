"""The daily briefing on known histories: the demo, a quiet day, a brand-new owner."""

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from analytics.briefing import daily_briefing, week_so_far
from analytics.frame import RUN, WALK

MI = 1609.344


def history(days: list[str], labels=None, pace_min_mi=9.0, miles=4.0) -> pd.DataFrame:
    labels = labels or [RUN] * len(days)
    pace = pace_min_mi * 60 / MI * 1000
    return pd.DataFrame(
        {
            "id": np.arange(1, len(days) + 1),
            "workout_date": pd.to_datetime(days),
            "label": labels,
            "activity_type": "Run",
            "category": "run",
            "distance_m": miles * MI,
            "duration_s": pace * miles * MI / 1000,
            "avg_pace_s_per_km": pace,
            "confidence": 0.99,
        }
    )


def test_an_active_day_lists_yesterday_and_counts_the_week():
    frame = history(["2025-03-03", "2025-03-05", "2025-03-06"], [RUN, WALK, RUN])
    brief = daily_briefing(frame, day=date(2025, 3, 7))
    assert brief.status == "active"
    assert [w.workout_id for w in brief.yesterday] == [3]
    assert brief.week.count == 3
    assert dict(brief.week.by_label) == {RUN: 2, WALK: 1}
    assert brief.headline.startswith("Yesterday: run 4.0 mi at 9:00 min/mi.")
    assert brief.streaks.current_daily.length == 2
    assert 1 <= len(brief.recommendations) <= 3


def test_a_quiet_day_still_briefs_with_the_numbers():
    days = [str(date(2025, 1, 6) + timedelta(days=d)) for d in range(0, 56, 2)]
    brief = daily_briefing(history(days), day=date(2025, 3, 20))
    assert brief.status == "quiet_day"
    assert brief.yesterday == ()
    assert brief.headline.startswith("Yesterday was a rest day.")
    assert brief.consistency is not None and brief.consistency.workouts >= 0
    kinds = {r.kind for r in brief.recommendations}
    assert kinds & {"behind_week", "weekly_streak", "run_gap", "weak_dimension"}
    for advice in brief.recommendations:
        assert advice.numbers, "every suggestion carries its numbers"


def test_a_new_owner_gets_a_welcome():
    brief = daily_briefing(history([]), day=date(2025, 3, 7))
    assert brief.status == "new_owner"
    assert brief.consistency is None and brief.trend is None
    [advice] = brief.recommendations
    assert "export" in advice.text


def test_workouts_after_yesterday_are_ignored():
    frame = history(["2025-03-03", "2025-03-04", "2025-03-10"])
    early = daily_briefing(frame, day=date(2025, 3, 5))
    assert [w.workout_id for w in early.yesterday] == [2]
    assert early.week.count == 2


def test_week_so_far_compares_with_the_same_weekday_of_recent_weeks():
    # Three workouts every Monday-Wednesday for 12 weeks, then one this week by Wednesday.
    start = date(2025, 1, 6)
    days = [str(start + timedelta(weeks=w, days=d)) for w in range(12) for d in range(3)]
    days.append(str(start + timedelta(weeks=12)))
    week = week_so_far(history(days), yesterday=start + timedelta(weeks=12, days=2))
    assert (week.count, week.typical, week.weeks_compared) == (1, 3.0, 12)
    brief = daily_briefing(history(days), day=start + timedelta(weeks=12, days=3))
    assert brief.recommendations[0].kind == "behind_week"
    assert "by Wednesday you usually have 3" in brief.recommendations[0].text


def test_week_so_far_has_the_distance_and_its_typical_value():
    # 4-mile workouts Monday and Tuesday for 12 weeks; this week one by Tuesday.
    start = date(2025, 1, 6)
    days = [str(start + timedelta(weeks=w, days=d)) for w in range(12) for d in range(2)]
    days.append(str(start + timedelta(weeks=12, days=1)))
    week = week_so_far(history(days), yesterday=start + timedelta(weeks=12, days=1))
    assert week.distance_m == pytest.approx(4 * MI)
    assert week.typical_distance_m == pytest.approx(8 * MI)


def test_a_streak_close_to_the_record_is_mentioned():
    days = [str(date(2025, 5, 1) + timedelta(days=d)) for d in range(5)]
    brief = daily_briefing(history(days), day=date(2025, 5, 6))
    streak = [r for r in brief.recommendations if r.kind == "daily_streak"]
    assert streak and "5 days in a row" in streak[0].text and "new record" in streak[0].text


def test_a_record_broken_yesterday_is_reported():
    frame = history(["2025-05-01", "2025-05-03", "2025-05-05"])
    frame.loc[2, "distance_m"] = 8 * MI
    brief = daily_briefing(frame, day=date(2025, 5, 6))
    assert any(r.name == "longest_run" for r in brief.records)


@pytest.mark.parametrize("day", [date(2018, 6, 2), date(2025, 12, 31), date(2026, 1, 1)])
def test_demo_briefings_are_complete(demo_frame, day):
    brief = daily_briefing(demo_frame, day=day)
    assert brief.status in {"active", "quiet_day"}
    assert brief.consistency is not None and 0 <= brief.consistency.score <= 100
    assert brief.trend is not None
    assert 1 <= len(brief.recommendations) <= 3
    assert len({r.kind for r in brief.recommendations}) == len(brief.recommendations)
