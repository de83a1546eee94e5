"""Training answers on the demo history (both stores): each says its number, its method and what
it counted; numbers checked against independent computations on the classified frame."""

from __future__ import annotations

import numpy as np

from analytics.load import load_curves
from tests.bot.answers.conftest import DEMO, PNG, TODAY, ask_as, in_year

MI = 1609.344


def _eddington(days: np.ndarray) -> int:
    """The largest E with E days of at least E (brute force, as the definition says)."""
    return max((e for e in range(len(days) + 1) if (days >= e).sum() >= e), default=0)


def test_the_eddington_number_of_runs(engine, frame):
    runs = frame[frame["label"] == "run"]
    daily = runs.groupby(runs["workout_date"].dt.normalize())["distance_m"].sum() / MI
    expected = _eddington(daily.to_numpy())
    reply = ask_as(engine, "what's my eddington number for runs")
    assert reply.text.startswith(f"Your Eddington number for runs: *{expected}* ")
    assert {row[1] for row in reply.table.rows} == {"mi", "km"}


def test_form_says_its_numbers_and_method_with_a_chart(engine, frame):
    curves = load_curves(frame, end=TODAY)
    now = curves.on(TODAY)
    reply = ask_as(engine, "how's my form?")
    assert f"fitness *{now.fitness:.0f}*" in reply.text and f"form *{now.form:+.0f}*" in reply.text
    assert "by pace" in reply.text and "threshold pace" in reply.text
    assert reply.charts[0].png.startswith(PNG)


def test_fitter_than_a_period_compares_the_two(engine):
    reply = ask_as(engine, "am I fitter than last spring?")
    assert "2025-03-01 to 2025-05-31" in reply.text
    assert any(word in reply.text for word in ("fitter", "less fit", "about the same"))


def test_best_efforts_without_tracks_say_they_use_whole_runs(engine):
    reply = ask_as(engine, "my best efforts")
    assert "whole runs only" in reply.text and "Without GPS tracks" in reply.text
    assert reply.table.rows and reply.table.rows[0][0] in ("1 km", "1 mile", "5 km", "10 km")


def test_race_predictions_name_their_method(engine):
    reply = ask_as(engine, "predict my marathon time")
    assert "Riegel with k = " in reply.text and "VDOT" in reply.text
    assert "whole workouts" in reply.text
    races = {row[0] for row in reply.table.rows}
    assert {"5 km", "10 km", "half marathon", "marathon"} <= races


def test_a_year_in_review_counts_the_year(engine, frame):
    workouts = len(in_year(frame, 2024))
    reply = ask_as(engine, "year in review 2024")
    assert reply.title == "Your 2024 in review"
    assert reply.text.startswith(f"Your 2024: {workouts} workouts on ")
    assert reply.charts[0].png.startswith(PNG)


def test_a_goal_is_confirmed_listed_and_undone(engine):
    from bot.context import Context
    from bot.conversation import TERMINAL, converse

    def say(text):
        return converse(text, Context(engine, DEMO, "demo", TODAY), TERMINAL + ":goals").reply

    asked = say("goal 20 km a week of running")
    assert asked.title == "Shall I?" and "20.0 km of runs a week" in asked.text
    assert "No goals yet" in say("my goals").text  # nothing before the yes
    say("goal 20 km a week of running")
    saved = say("yes")
    assert saved.title == "Goals" and "12.4 mi of runs a week:" in saved.text
    assert any(status in saved.text for status in ("on track", "behind", "reached"))
    say("undo")
    assert "No goals yet" in say("my goals").text
