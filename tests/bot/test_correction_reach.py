"""A correction is local and visible, on both stores: it says how many other workouts changed
with it, a correction that would move more than twenty asks first (even typed as a command), and
undo takes all of it back; `model` lists the corrections and their reach."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.context import Context
from bot.conversation import TERMINAL, converse
from etl.db.corrections import corrections_frame
from etl.db.queries import workouts_frame
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.helpers import export_text, link, row

OWNER = "local:cora"
TODAY = date(2025, 12, 20)
HILLS = 24  # run-walks up one hill, alike, between her runs and her walks


def _row(day: date, miles: float, pace: float, n: int) -> list[str]:
    return row(
        f"{day:%b}. {day.day}, {day.year}",
        distance=f"{miles:.2f}",
        seconds=f"{miles * pace * 60:.0f}",
        pace=f"{pace:.2f}",
        speed=f"{60 / pace:.2f}",
        link=link(n),
    )


def _history() -> list[list[str]]:
    """Runs (3-6 mi, 8-9.5 min/mi) and walks (1.5-2.5 mi, 19-22 min/mi) every day or so from
    2022, and HILLS run-walks of 3.0-3.1 mi at 16.0-16.2 min/mi among them."""
    rows, n, day = [], 0, date(2022, 1, 1)
    while day < date(2025, 12, 1):
        n += 1
        if n % 3 == 0:
            rows.append(_row(day, 3 + n % 4, 8 + (n % 4) / 2, n))
        else:
            rows.append(_row(day, 1.5 + (n % 5) / 4, 19 + n % 4, n))
        if n % 45 == 0 and n // 45 <= HILLS:
            rows.append(_row(day, 3.0 + (n % 2) / 10, 16.0 + (n % 3) / 10, 100_000 + n))
        day += timedelta(days=1)
    return rows


@pytest.fixture
def cora(store):
    data = export_text(_history()).encode()
    ingest_file(store, RawFile("c.csv", data), owner_key=OWNER, max_bytes=len(data))
    return store


def say(engine, text):
    return converse(text, Context(engine, OWNER, "cora", TODAY), TERMINAL).reply


def _hills(engine) -> list[int]:
    frame = workouts_frame(engine, OWNER)
    hills = frame[frame["source_id"].str.extract(r"(\d+)$")[0].astype(int) >= 100_000]
    return list(hills["id"].astype(int))


def test_a_correction_that_reaches_far_asks_first_and_undo_takes_it_all_back(cora):
    hills = _hills(cora)
    assert len(hills) == HILLS
    asked = say(cora, f"label {hills[0]} run")
    assert asked.title == "Shall I?"
    others = HILLS - 1
    assert (
        f"{others} other workouts would change with it ({others} run-walks to runs)" in asked.text
    )
    assert corrections_frame(cora, OWNER).empty, "nothing changes before the yes"
    done = say(cora, "yes")
    assert f"{others} other workouts changed with it ({others} run-walks to runs)" in done.text
    assert "undo" in done.text
    shown = say(cora, "model")
    assert f"workout {hills[0]} as a run ({others} following)" in shown.text
    say(cora, "undo")
    assert corrections_frame(cora, OWNER).empty
    after = say(cora, "model")
    assert "You have corrected no labels." in after.text


def test_a_typical_workout_corrected_moves_nothing_else(cora):
    frame = workouts_frame(cora, OWNER)
    walk = int(frame[frame["distance_m"] < 3000]["id"].iloc[10])
    done = say(cora, f"label {walk} run")
    assert done.title == "Label saved"
    assert "changed with it" not in done.text
    assert dict(zip(*corrections_frame(cora, OWNER)[["workout_id", "label"]].T.values)) == {
        walk: "run"
    }
