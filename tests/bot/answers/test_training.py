"""Training answers on the demo history (both stores): each says its number, its method and what
it counted; numbers checked against independent computations on the classified frame."""

from __future__ import annotations

from datetime import timedelta

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


def test_best_efforts_from_tracks_in_the_efforts_and_records_answers(store):
    """The demo with its Strava companion (GPS tracks with planted fast 5 km stretches): the best
    5 km inside a run is the fastest planted one, in both answers."""
    from bot.answers import ask
    from bot.context import Context
    from etl.demo.mapmyrun import generate_history
    from etl.demo.strava.bulk_export import companion_activities, strava_companion
    from etl.ingest.extract import RawFile
    from etl.ingest.pipeline import ingest_file

    history = generate_history()
    csv = RawFile("mapmyrun-demo.csv", history.csv_text.encode())
    ingest_file(store, csv, owner_key="local:tracks", max_bytes=len(csv.data))
    export = RawFile("strava-export-demo.zip", strava_companion(history.truth))
    ingest_file(store, export, owner_key="local:tracks", max_bytes=10**8)
    planted = [a for a in companion_activities(history.truth) if a.surge]
    fastest = min(planted, key=lambda a: a.surge.seconds)
    ctx = Context(store, "local:tracks", "tracks", TODAY)

    efforts = ask("my best efforts", ctx)
    assert "inside your runs' GPS tracks" in efforts.text
    five = next(row for row in efforts.table.rows if row[0] == "5 km")
    assert five[3] == f"{fastest.start.date()}"
    records = ask("personal records", Context(store, "local:tracks", "tracks", TODAY))
    row = next(r for r in records.table.rows if r[0] == "fastest 5 km (inside a run)")
    assert row[2] == f"{fastest.start.date()}"


def test_the_briefing_says_a_new_best_effort_and_the_goals(store):
    """The day after a planted fast 5 km that beats every earlier one, the briefing says so; and
    a goal's progress is in it."""
    from bot.answers import ask
    from bot.context import Context
    from etl.db.best_efforts import best_efforts_frame
    from etl.db.goals import set_goal
    from etl.demo.mapmyrun import generate_history
    from etl.demo.strava.bulk_export import strava_companion
    from etl.ingest.extract import RawFile
    from etl.ingest.pipeline import ingest_file

    owner = "local:brief"
    history = generate_history()
    csv = RawFile("mapmyrun-demo.csv", history.csv_text.encode())
    ingest_file(store, csv, owner_key=owner, max_bytes=len(csv.data))
    export = RawFile("strava-export-demo.zip", strava_companion(history.truth))
    ingest_file(store, export, owner_key=owner, max_bytes=10**8)
    fives = best_efforts_frame(store, owner)
    fives = fives[fives["distance_m"] == 5000.0].sort_values("workout_date")
    improving = fives[fives["seconds"] < fives["seconds"].cummin().shift(1)]
    day = improving["workout_date"].iloc[-1]
    set_goal(store, owner, "count", 150, "year")
    reply = ask("briefing", Context(store, owner, "brief", day + timedelta(days=1)))
    assert "New 5 km best inside the " in reply.text and f" run of {day}: " in reply.text
    assert "150 workouts a year:" in reply.text


def test_whole_run_efforts_are_the_ones_a_run_at_a_time_gives():
    """Efforts from whole runs near a standard distance, taken a column at a time, equal the
    same arithmetic done run by run (seeded synthetic runs, some at each distance)."""
    import numpy as np
    import pandas as pd

    from bot.answers.training import EFFORTS, _whole_efforts

    rng = np.random.default_rng(11)
    n = 3000
    standard = np.array([d for d, _ in EFFORTS])[rng.integers(0, len(EFFORTS), n)]
    runs = pd.DataFrame(
        {
            "id": np.arange(10, 10 + n),
            "distance_m": standard * rng.uniform(0.9, 1.1, n),
            "duration_s": standard * rng.uniform(0.18, 0.4, n),
            "workout_date": pd.Timestamp("2015-01-01")
            + pd.to_timedelta(rng.integers(0, 4000, n), "D"),
        }
    )
    expected = []
    for distance, _ in EFFORTS:
        near = runs[(runs["distance_m"] - distance).abs() <= 0.05 * distance]
        for _, run in near.iterrows():
            seconds = float(run["duration_s"]) * distance / float(run["distance_m"])
            expected.append((distance, seconds, int(run["id"]), run["workout_date"].date()))
    expected = pd.DataFrame(expected, columns=["distance_m", "seconds", "workout_id", "date"])
    assert len(expected) > 1000
    pd.testing.assert_frame_equal(_whole_efforts(runs), expected, check_exact=True)
