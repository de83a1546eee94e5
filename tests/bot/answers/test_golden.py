"""Golden answers: questions on the demo history, on SQLite and on MariaDB/MySQL, each number
checked against a pandas computation of its own (tests/bot/answers/golden_cases.py) from the
classified frame, never against the analytics that produced the answer.

The demo store is built once per backend for the module; every question is asked the way a
person asks it (read, answered, with a fresh context as of TODAY).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import pytest
from sqlalchemy.engine import Engine

from bot.answers import ask
from bot.classification import load_classified
from bot.context import Context
from etl.db.engine import open_store
from etl.db.life_events import add_event
from etl.db.schema import metadata
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.bot.answers.golden_cases import CASES, TODAY, Case

DEMO = "local:demo"


@dataclass(frozen=True)
class Demo:
    backend: str
    engine: Engine
    frame: pd.DataFrame  # the classified history the expectations are computed from


def _empty(engine: Engine) -> None:
    """Delete the project's rows (the migration record stays): the MySQL database is shared by
    the session."""
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(scope="module", params=["sqlite", pytest.param("mysql", marks=pytest.mark.mysql)])
def demo(request, tmp_path_factory):
    """The demo history with its dog event, in a store of each backend, built once."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('golden') / 'w.db'}"
    else:
        url = request.getfixturevalue("mysql_server_url")
    engine = open_store(url)
    _empty(engine)
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    ingest_file(engine, raw, owner_key=DEMO, max_bytes=len(raw.data))
    add_event(engine, DEMO, "Choco arrives", date(2018, 6, 1), kind="dog")
    # Trains and stores the model now: every question then reads the same labels.
    frame = load_classified(engine, DEMO).frame
    yield Demo(request.param, engine, frame)
    _empty(engine)
    engine.dispose()


def test_there_are_sixty_golden_questions():
    questions = [c.question for c in CASES]
    assert len(questions) == 60
    assert len(set(questions)) == len(questions)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.question)
def test_golden_answer(demo: Demo, case: Case):
    expected = case.expect(demo.frame)
    reply = ask(case.question, Context(demo.engine, DEMO, "demo", TODAY))
    problems = expected.problems(reply)
    table = reply.table.rows[:8] if reply.table else ()
    assert not problems, (
        f"{case.question!r} on {demo.backend}:\n  "
        + "\n  ".join(problems)
        + f"\nreading: {reply.reading}\ntext: {reply.text}\nfacts: {reply.facts}\ntable: {table}"
    )
