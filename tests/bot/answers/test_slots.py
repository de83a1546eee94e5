"""Every answer honours the workouts, period, measure and unit asked, or says which it could
not use: anomalies, streaks, records, calendars, exports and explanations of a selection."""

from __future__ import annotations

import json

from tests.bot.answers.conftest import ask_as, in_year


def test_anomalies_count_the_class_and_period_asked(engine, frame):
    walks = len(in_year(frame, 2019, "walk"))
    reply = ask_as(engine, "anomalies in walks in 2019")
    assert reply.title == "Anomalies in dog walks from 2019-01-01 to 2019-12-31"
    if "No anomalies" in reply.text:
        assert f"{walks:,} dog walks checked" in reply.text
    else:
        dates = [row[0] for row in reply.table.rows]
        assert all(d.startswith("2019") for d in dates)
        classes = {row[2] for row in reply.table.rows}
        assert classes == {"dog walk"}


def test_records_of_a_class_in_the_unit_asked(engine, frame):
    walks = frame[frame["label"] == "walk"]
    longest = walks.loc[walks["distance_m"].idxmax()]
    reply = ask_as(engine, "records of walks in km")
    expected = f"{longest['distance_m'] / 1000:.1f} km"
    assert f"longest dog walk *{expected}* on {longest['workout_date'].date()}" in reply.text


def test_a_calendar_of_one_class(engine, frame):
    runs = in_year(frame, 2021, "run")
    reply = ask_as(engine, "calendar of runs 2021")
    days = runs["workout_date"].dt.normalize().nunique()
    assert reply.text.startswith(f"{len(runs)} runs on {days} days in 2021")


def test_an_explanation_of_the_workout_a_question_picks(engine, frame):
    runs = in_year(frame, 2019, "run")
    longest = int(runs.loc[runs["distance_m"].idxmax(), "id"])
    reply = ask_as(engine, "why was my longest run in 2019 a run")
    assert reply.title == f"Why workout {longest}"


def test_an_export_of_a_class_in_a_year(engine, frame):
    walks = in_year(frame, 2019, "walk")
    reply = ask_as(engine, "export walks in 2019 as json")
    assert reply.text.startswith(f"{len(walks)} dog walks in 2019")
    (upload,) = reply.attachments
    rows = json.loads(upload.data)
    assert len(rows) == len(walks)
    assert {r["label"] for r in rows} == {"dog walk"}


def test_a_unit_a_streak_cannot_use_is_said_back(engine):
    reply = ask_as(engine, "streaks in km")
    assert "I ignored the unit 'km'" in reply.text
