"""Answers about the asker's own workouts: why a workout got its label, and only their own."""

from __future__ import annotations

import pandas as pd

from tests.bot.answers.conftest import BOB, TODAY, ask_as


def test_why_was_a_day_a_walk(engine, frame):
    walks = frame[(frame["label"] == "walk") & (frame["workout_date"].dt.year == 2025)]
    walk = walks[walks["workout_date"] <= pd.Timestamp(TODAY)].iloc[-1]
    day = walk["workout_date"]
    reply = ask_as(engine, f"why was {day:%B} {day.day} a walk?")
    assert f"workout {int(walk['id'])}" in reply.text
    assert "Dog walk: " in reply.text and "confidence" in reply.text
    assert reply.personal


def test_other_owners_see_only_their_own(engine, frame):
    assert ask_as(engine, "how many workouts in 2025", owner=BOB).text.startswith("*3* workouts")
    demo_id = int(frame["id"].iloc[0])
    reply = ask_as(engine, f"why {demo_id}", owner=BOB)
    assert reply.kind == "error"
    assert f"no workout with id {demo_id}" in reply.text
