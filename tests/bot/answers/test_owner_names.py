"""Every answer names classes in the asker's words, on SQLite and MySQL: "walk" for an owner
without a dog event, "dog walk" once they add one (and "walk" again when it goes), and never an
internal code (run_walk, cycle...)."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pandas as pd
import pytest

from analytics.anomalies import find_anomalies
from analytics.frame import WALK
from bot.answers import answer
from bot.classification import load_classified
from bot.context import Context
from bot.language.intent import DateRange, WorkoutRef
from bot.language.query import Query
from etl.db.life_events import events_frame
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file

OWNER = "local:ann"
TODAY = date(2025, 12, 20)
EVENT, EVENT_DAY = "Choco arrives", date(2018, 6, 1)
CODES = re.compile(r"real_run|pup_walk|run_walk|\bmixed\b|\bcycle\b|_")


@pytest.fixture
def ann(store):
    """Ann's demo history on a fresh store, and an unusual walk of hers (id, date)."""
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    ingest_file(store, raw, owner_key=OWNER, max_bytes=len(raw.data))
    frame = load_classified(store, OWNER).frame
    walks = [a for a in find_anomalies(frame).items if a.label == WALK]
    return store, walks[0].workout_id, walks[0].workout_date


def _questions(walk_id: int, day: date) -> dict[str, Query]:
    """A question of each kind that names classes, about the unusual walk where it can."""
    that_day = (DateRange(day, day, "that day"),)
    return {
        "anomalies": Query("anomalies", periods=that_day),
        "records": Query("records"),
        "compare": Query(
            "compare",
            periods=(
                DateRange(date(2017, 1, 1), date(2017, 12, 31), "2017"),
                DateRange(date(2023, 1, 1), date(2023, 12, 31), "2023"),
            ),
        ),
        "story": Query("story"),
        "briefing": Query("briefing", periods=(DateRange(day + timedelta(days=1), None, "x"),)),
        "model": Query("model"),
        "calendar": Query("calendar", year=day.year),
        "why": Query("why", workout=WorkoutRef(id=walk_id, label="run")),
        "trend": Query("trend", measure="pace", classes=(WALK,)),
        "streak": Query("streak", classes=(WALK,)),
        "consistency": Query("consistency"),
        "routes": Query("routes", classes=(WALK,), periods=that_day),  # none: MapMyRun
    }


def _words(reply) -> str:
    """Everything a person reads in a reply: title, text, reading, facts, table, chart alts."""
    parts = [reply.title, reply.text, reply.reading, *(x for fact in reply.facts for x in fact)]
    if reply.table is not None:
        parts += [*reply.table.columns, *(str(c) for row in reply.table.rows for c in row)]
    return "\n".join([*parts, *(chart.alt for chart in reply.charts)])


def _event(ctx: Context, action: str, kind: str | None = None):
    return answer(
        Query("events", action=action, event_name=EVENT, event_date=EVENT_DAY, event_kind=kind),
        ctx,
    )


def _answers(ctx: Context, walk_id: int, day: date) -> dict[str, str]:
    said = {}
    for name, query in _questions(walk_id, day).items():
        reply = answer(query, ctx)
        assert reply.kind != "error" or name == "routes", (name, reply.text)
        said[name] = _words(reply)
    return said


def test_an_owner_without_a_dog_never_reads_dog_walk_or_a_code(ann):
    store, walk_id, day = ann
    ctx = Context(store, OWNER, "ann", TODAY)
    said = {"no event": _words(answer(Query("story"), ctx))}
    # "Choco arrives" of kind other ("events add" without a kind): still no dog.
    assert "Added *Choco arrives*" in _event(ctx, "add", "other").text
    said |= _answers(ctx, walk_id, day)
    for name, words in said.items():
        assert "dog walk" not in words.lower(), (name, words)
        assert not CODES.search(words), (name, CODES.search(words).group(), words)
    assert re.search(r"your (usual walk \(|last \d+ walks)", said["anomalies"])
    assert "longest walk\n" in said["records"]
    assert "\nwalks\n" in said["compare"]  # the class row, in the owner's words
    assert "; walks went from 0% to " in said["story"]
    assert (
        "Before and after " in said["no event"] and "; walks went from 0% to " in said["no event"]
    )
    assert "Yesterday: walk " in said["briefing"]
    assert " walks, " in said["model"] and " walks, " in said["calendar"]
    assert "It was not labelled a run." in said["why"] and "Walk: " in said["why"]
    assert "Your walk pace " in said["trend"] and "Your walks as of " in said["streak"]
    assert "none of your walks that day" in said["routes"]


def test_a_dog_event_makes_dog_walks_until_it_goes(ann):
    store, walk_id, day = ann
    ctx = Context(store, OWNER, "ann", TODAY)
    assert ctx.names[WALK] == "walk"
    added = _event(ctx, "add", "dog").text
    assert added.startswith("Added *Choco arrives* on 2018-06-01. ")
    assert "Your walks are now called dog walks." in added
    assert ctx.names[WALK] == "dog walk", "the names were read again after the change"
    said = _answers(ctx, walk_id, day)
    for name, words in said.items():
        assert not CODES.search(words), (name, CODES.search(words).group(), words)
    assert re.search(r"your (usual dog walk \(|last \d+ dog walks)", said["anomalies"])
    assert "longest dog walk\n" in said["records"]
    assert "\ndog walks\n" in said["compare"]
    assert "; dog walks went from 0% to " in said["story"]
    assert "Yesterday: dog walk " in said["briefing"]
    assert "Your dog walk pace " in said["trend"]
    removed = _event(ctx, "remove").text
    assert removed == "Removed *Choco arrives*. Your dog walks are now called walks."
    assert ctx.names[WALK] == "walk"
    assert "longest walk\n" in _words(answer(Query("records"), ctx))


def test_moving_a_dog_event_keeps_it_a_dog(ann):
    store, _, _ = ann
    ctx = Context(store, OWNER, "ann", TODAY)
    _event(ctx, "add", "dog")
    # The reader fills an unspecified kind as "other": a move must not undo the dog.
    moved = answer(
        Query(
            "events",
            action="add",
            event_name=EVENT,
            event_date=date(2018, 6, 2),
            event_kind="other",
        ),
        ctx,
    )
    assert moved.text.startswith("Moved *Choco arrives* on 2018-06-02. Try ")
    assert list(events_frame(store, OWNER)["kind"]) == ["dog"]
    assert ctx.names[WALK] == "dog walk"
    listed = answer(Query("events", action="list"), ctx)
    assert listed.text.startswith("1 life event.")


def test_the_sql_explorer_and_exports_speak_the_owners_words(ann):
    store, _, _ = ann
    ctx = Context(store, OWNER, "ann", TODAY)
    missed = answer(Query("sql", sql="SELECT id FROM workouts WHERE label = 'dog walk'"), ctx)
    assert missed.text.startswith("0 rows. The labels in your workouts are: run, walk, ")
    exported = answer(Query("export"), ctx)
    [csv] = exported.attachments
    labels = set(pd.read_csv(io.BytesIO(csv.data))["label"])
    assert "walk" in labels and "dog walk" not in labels
    _event(ctx, "add", "dog")
    [csv] = answer(Query("export"), ctx).attachments
    assert "dog walk" in set(pd.read_csv(io.BytesIO(csv.data))["label"])
