"""The Choco story out of the box in the terminal, on both stores: with no event the story at the
strongest change, its choices numbered; the other changes and another date a number away; the
event named in plain words, confirmed, and the story told under its name."""

from __future__ import annotations

import io
from datetime import date

import pytest

from bot.context import Context
from bot.terminal.chat import run_chat
from etl.db.life_events import events_frame
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file

OWNER = "local:new"
TODAY = date(2025, 12, 20)


@pytest.fixture
def new_user(store):
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    ingest_file(store, raw, owner_key=OWNER, max_bytes=len(raw.data))
    return store


def _chat(store, tmp_path, *lines: str) -> str:
    stdout = io.StringIO()
    run_chat(
        lambda: Context(store, OWNER, "new", TODAY),
        stdin=io.StringIO("\n".join(lines) + "\n"),
        stdout=stdout,
        out_dir=tmp_path,
        interactive=False,
    )
    return stdout.getvalue()


def test_the_story_without_setup_and_its_numbered_choices(new_user, tmp_path):
    said = _chat(new_user, tmp_path, "choco-effect", "3", "1", "2")
    assert "BEFORE AND AFTER JUNE 2018" in said
    assert "[1] That's it: name it   [2] Pick another date   [3] Show other changes" in said
    assert "WHERE YOUR TRAINING CHANGED" in said and "June 2018" in said
    second = said.split("WHERE YOUR TRAINING CHANGED")[1]
    assert "BEFORE AND AFTER " in second, "a change's number tells its story"
    assert "BEFORE AND AFTER WHICH DATE?" in said
    assert events_frame(new_user, OWNER).empty, "nothing is saved by looking"


def test_naming_the_change_in_plain_words_tells_the_story_under_its_name(new_user, tmp_path):
    said = _chat(
        new_user,
        tmp_path,
        "choco-effect",
        "1",
        "we got our dog Choco in June 2018",
        "yes",
        "choco-effect",
    )
    assert "WHAT HAPPENED THEN?" in said and "in June 2018" in said
    events = events_frame(new_user, OWNER)
    assert list(events["kind"]) == ["dog"]
    assert events["event_date"].iloc[0] == date(2018, 6, 1)
    assert f"THE {events['name'].iloc[0].upper()} EFFECT" in said
    assert "dog walks went from 0% to" in said
