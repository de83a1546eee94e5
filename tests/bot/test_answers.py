"""Golden answers on the demo history: the questions a new user asks, answered from the store.

Expected numbers are computed independently from the classified frame, never copied from a run.
"""

from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd
import pytest

from bot.answers import ask
from bot.classification import load_classified
from bot.context import Context
from etl.db.engine import open_store
from etl.db.life_events import add_event
from etl.demo import generate_history
from etl.extract import RawFile
from etl.pipeline import ingest_file
from tests.helpers import export_text, link, row

TODAY = date(2025, 12, 20)
DEMO, BOB = "local:demo", "local:bob"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('answers') / 'w.db'}")
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    ingest_file(engine, raw, owner_key=DEMO, max_bytes=len(raw.data))
    add_event(engine, DEMO, "Choco arrives", date(2018, 6, 1))
    bobs = [row(f"March {d}, 2025", link=link(d)) for d in range(1, 4)]
    ingest_file(engine, RawFile("b.csv", export_text(bobs).encode()), owner_key=BOB,
                max_bytes=10**6)  # fmt: skip
    return engine


@pytest.fixture(scope="module")
def frame(engine):
    return load_classified(engine, DEMO).frame


def _ask(engine, text, owner=DEMO):
    return ask(text, Context(engine, owner, owner.split(":")[1], TODAY))


def _in_year(frame, year, label=None):
    rows = frame[frame["workout_date"].dt.year == year]
    return rows if label is None else rows[rows["label"] == label]


def test_choco_effect_tells_the_story_with_a_chart(engine, frame):
    reply = _ask(engine, "choco-effect")
    assert reply.title == "The Choco arrives effect"
    assert reply.text.startswith("Since Choco arrives (2018-06-01): ")
    assert "dog walks went from 0%" in reply.text
    [chart] = reply.charts
    assert chart.png.startswith(PNG)
    assert "Choco arrives" in chart.alt
    assert not reply.personal, "a story answer goes to the channel"


def test_how_many_runs_in_a_year(engine, frame):
    expected = len(_in_year(frame, 2019, "real_run"))
    reply = _ask(engine, "how many runs in 2019")
    assert reply.text.startswith(f"*{expected}* runs ")
    assert dict(reply.facts)["count"] == str(expected)
    assert "Run" in dict(reply.facts)["logged as"]


def test_compare_two_years(engine, frame):
    reply = _ask(engine, "compare 2017 and 2023")
    rows = {r[0]: r[1:] for r in reply.table.rows}
    assert rows["workouts"] == (str(len(_in_year(frame, 2017))), str(len(_in_year(frame, 2023))))
    assert rows["dog walks"][0] == "0"
    assert rows["dog walks"][1] == str(len(_in_year(frame, 2023, "pup_walk")))


def test_anomalies_this_month(engine):
    reply = _ask(engine, "any anomalies this month?")
    assert "from 2025-12-01 to 2025-12-20" in reply.title
    assert reply.kind == "answer"


def test_pace_trend_since_march(engine):
    reply = _ask(engine, "pace trend since March")
    assert reply.title == "Pace trend, 2025-03-01 to 2025-12-20"
    assert "run pace" in reply.text.lower()
    assert reply.charts[0].png.startswith(PNG)


def test_calendar_for_a_year(engine, frame):
    rows = _in_year(frame, 2020)
    reply = _ask(engine, "show my calendar for 2020")
    days = rows["workout_date"].dt.normalize().nunique()
    assert reply.text.startswith(f"{len(rows)} workouts on {days} days in 2020")
    assert reply.charts[0].png.startswith(PNG)


def test_why_was_a_day_a_walk(engine, frame):
    walks = frame[(frame["label"] == "pup_walk") & (frame["workout_date"].dt.year == 2025)]
    walk = walks[walks["workout_date"] <= pd.Timestamp(TODAY)].iloc[-1]
    day = walk["workout_date"]
    reply = _ask(engine, f"why was {day:%B} {day.day} a walk?")
    assert f"workout {int(walk['id'])}" in reply.text
    assert "Dog walk: " in reply.text and "confidence" in reply.text
    assert reply.personal


def test_sql_counts_match_and_come_as_csv(engine, frame):
    query = "sql SELECT label, count(*) AS n FROM workouts GROUP BY label ORDER BY label"
    reply = _ask(engine, query)
    got = {r[0]: int(r[1]) for r in reply.table.rows}
    assert got == frame["label"].value_counts().to_dict()
    [csv] = reply.attachments
    assert pd.read_csv(io.BytesIO(csv.data))["n"].sum() == len(frame)


def test_sql_refusals_are_words_not_tracebacks(engine):
    for attack in ("sql DROP TABLE workouts", "sql SELECT 1; DELETE FROM workouts"):
        reply = _ask(engine, attack)
        assert reply.kind == "error"
        assert "Traceback" not in reply.text


def test_export_json_for_a_year(engine, frame):
    reply = _ask(engine, "export json 2024")
    [file] = reply.attachments
    assert file.filename.endswith(".json")
    assert len(json.loads(file.data)) == len(_in_year(frame, 2024))


def test_other_owners_see_only_their_own(engine, frame):
    assert _ask(engine, "how many workouts in 2025", owner=BOB).text.startswith("*3* workouts")
    demo_id = int(frame["id"].iloc[0])
    reply = _ask(engine, f"why {demo_id}", owner=BOB)
    assert reply.kind == "error"
    assert f"no workout with id {demo_id}" in reply.text


def test_unknown_input_gets_suggestions(engine):
    reply = _ask(engine, "flibbertigibbet wobble")
    assert reply.kind == "help"
    assert "•" in reply.text and "help" in reply.text


def test_help_lists_every_command(engine):
    reply = _ask(engine, "help")
    commands = {r[0].split()[0] for r in reply.table.rows}
    assert {"choco-effect", "briefing", "anomalies", "sql", "export", "units", "label"} <= commands
