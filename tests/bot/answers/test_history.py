"""History answers on the demo history: counts and the calendar."""

from __future__ import annotations

from tests.bot.answers.conftest import PNG, ask_as, in_year


def test_how_many_runs_in_a_year(engine, frame):
    expected = len(in_year(frame, 2019, "run"))
    reply = ask_as(engine, "how many runs in 2019")
    assert reply.text.startswith(f"*{expected}* runs ")
    assert dict(reply.facts)["count"] == str(expected)
    assert "Run" in dict(reply.facts)["logged as"]


def test_calendar_for_a_year(engine, frame):
    rows = in_year(frame, 2020)
    reply = ask_as(engine, "show my calendar for 2020")
    days = rows["workout_date"].dt.normalize().nunique()
    assert reply.text.startswith(f"{len(rows)} workouts on {days} days in 2020")
    assert reply.charts[0].png.startswith(PNG)
