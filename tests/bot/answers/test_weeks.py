"""The weeks chart from the conversation: "show my last 8 weeks", "my weeks chart" and their
kin answer with the briefing's chart of workouts per week, its counts made here from the frame."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.bot.answers.conftest import PNG, TODAY, ask_as


def week_counts(frame, weeks: int) -> list[int]:
    """Non-outlier workouts per ISO week, the ``weeks`` weeks up to TODAY, oldest first."""
    wanted = [(TODAY - timedelta(weeks=back)).isocalendar()[:2] for back in range(weeks)][::-1]
    counts = dict.fromkeys(wanted, 0)
    for day, label in zip(frame["workout_date"], frame["label"]):
        key = day.date().isocalendar()[:2]
        if key in counts and label != "outlier" and day.date() <= TODAY:
            counts[key] += 1
    return [counts[k] for k in wanted]


def alt_counts(alt: str) -> list[int]:
    match = re.search(r": ((?:\d+, )*)this week (\d+)", alt)
    assert match, alt
    return [int(n) for n in match[1].split(", ") if n] + [int(match[2])]


@pytest.mark.parametrize(
    ("question", "weeks"),
    [
        ("show my last 8 weeks", 8),
        ("last 8 weeks", 8),
        ("my weeks chart", 8),
        ("how were my last few weeks", 8),
        ("how were the past 6 weeks?", 6),
    ],
)
def test_the_weeks_chart_answers(engine, frame, question, weeks):
    reply = ask_as(engine, question)
    [chart] = reply.charts
    assert chart.png.startswith(PNG)
    assert chart.filename == f"weeks-{TODAY.isoformat()}.png"
    assert f"{weeks} weeks to {TODAY}" in chart.alt
    counts = week_counts(frame, weeks)
    assert alt_counts(chart.alt) == counts
    assert f"last {weeks} weeks: this week {counts[-1]}" in reply.text  # Saturday: "so far"
    assert reply.table is None  # the chart is the answer, not a list of workouts


def test_a_past_range_by_week_keeps_the_breakdown(engine):
    reply = ask_as(engine, "workouts by week in november 2025 as a chart")
    [chart] = reply.charts
    assert not chart.filename.startswith("weeks-")
    assert reply.table is not None


def test_runs_by_week_keep_the_breakdown(engine):
    reply = ask_as(engine, "runs by week over the last 8 weeks as a chart")
    [chart] = reply.charts
    assert not chart.filename.startswith("weeks-")
