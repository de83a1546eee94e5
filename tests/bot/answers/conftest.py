"""The demo history in one store for every answer test (built once for the package), and
Bob's three workouts beside it.

Expected numbers are computed independently from the classified frame, never copied from a run.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.answers import ask
from bot.classification import load_classified
from bot.context import Context
from etl.db.engine import open_store
from etl.db.life_events import add_event
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.helpers import export_text, link, row

TODAY = date(2025, 12, 20)
DEMO, BOB = "local:demo", "local:bob"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="package")
def engine(tmp_path_factory):
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('answers') / 'w.db'}")
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    ingest_file(engine, raw, owner_key=DEMO, max_bytes=len(raw.data))
    add_event(engine, DEMO, "Choco arrives", date(2018, 6, 1), kind="dog")
    bobs = [row(f"March {d}, 2025", link=link(d)) for d in range(1, 4)]
    ingest_file(
        engine, RawFile("b.csv", export_text(bobs).encode()), owner_key=BOB, max_bytes=10**6
    )
    return engine


@pytest.fixture(scope="package")
def frame(engine):
    return load_classified(engine, DEMO).frame


def ask_as(engine, text, owner=DEMO):
    return ask(text, Context(engine, owner, owner.split(":")[1], TODAY))


def in_year(frame, year, label=None):
    rows = frame[frame["workout_date"].dt.year == year]
    return rows if label is None else rows[rows["label"] == label]
