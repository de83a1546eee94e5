"""Conversations on SQLite and MySQL: follow-ups, changes confirmed and undone, readings chosen
and remembered, the local model asked last. Each message gets a fresh Context, as in the
terminal and Slack, so everything remembered comes from the store."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest

from bot.context import Context
from bot.conversation import TERMINAL, converse, slack_place
from bot.terminal.chat import run_chat
from etl.db.conversations import load_conversation, save_conversation
from etl.db.corrections import corrections_frame, set_label
from etl.db.life_events import add_event, events_frame
from etl.db.owners import owner_units
from etl.db.queries import workouts_frame
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from etl.settings import LlmSettings
from tests.helpers import export_text, link, row

TODAY = date(2025, 12, 20)
ALICE, BOB = "local:alice", "local:bob"
RUN_DAY, WALK_DAY, BOTH_DAY = date(2025, 10, 6), date(2025, 10, 7), date(2025, 10, 8)


def _history() -> list[list[str]]:
    """Runs (3-6 mi at 8-9 min/mi) and walks (1.5-2.5 mi at 19-21 min/mi) through 2025, and
    one day with both."""
    rows, n = [], 0
    day = date(2025, 1, 2)
    while day < date(2025, 12, 15):
        n += 1
        if n % 2:
            miles, pace = 3 + n % 4, 8 + (n % 3) / 2
        else:
            miles, pace = 1.5 + (n % 3) / 2, 19 + n % 3
        rows.append(_row(day, miles, pace, n))
        day += timedelta(days=4)
    rows.append(_row(RUN_DAY, 4.0, 8.5, 9001))
    rows.append(_row(WALK_DAY, 2.0, 20.0, 9002))
    rows.append(_row(BOTH_DAY, 5.0, 8.2, 9003))
    rows.append(_row(BOTH_DAY, 1.8, 19.5, 9004))
    return rows


def _row(day: date, miles: float, pace: float, n: int) -> list[str]:
    seconds = miles * pace * 60
    return row(
        f"{day:%b}. {day.day}, {day.year}",
        distance=f"{miles:.2f}",
        seconds=f"{seconds:.0f}",
        pace=f"{pace:.2f}",
        speed=f"{60 / pace:.2f}",
        link=link(n),
    )


@pytest.fixture
def engine(store):
    data = export_text(_history()).encode()
    ingest_file(store, RawFile("a.csv", data), owner_key=ALICE, max_bytes=len(data))
    bobs = export_text([row("March 3, 2025", link=link(1))]).encode()
    ingest_file(store, RawFile("b.csv", bobs), owner_key=BOB, max_bytes=len(bobs))
    return store


def say(engine, text, place=TERMINAL, owner=ALICE, **options):
    ctx = Context(engine, owner, owner.split(":")[1], TODAY, **options)
    return converse(text, ctx, place).reply


def _id_on(engine, day: date, owner=ALICE) -> int:
    frame = workouts_frame(engine, owner)
    return int(frame[frame["workout_date"].dt.date == day]["id"].iloc[0])


def _labels(engine, owner=ALICE) -> dict[int, str]:
    frame = corrections_frame(engine, owner)
    return dict(zip(frame["workout_id"], frame["label"]))


# --- Follow-ups ------------------------------------------------------------------------------


def test_a_follow_up_reads_the_last_question_from_the_store(engine):
    say(engine, "how many runs in 2025")
    reply = say(engine, "and walks?")
    assert "walks" in reply.reading and "2025" in reply.reading


def test_follow_ups_are_kept_per_place(engine):
    say(engine, "how many runs in 2025", place=slack_place("C1", "1.1"))
    say(engine, "how many walks last month", place=slack_place("C1", "2.2"))
    reply = say(engine, "by month", place=slack_place("C1", "1.1"))
    assert "runs" in reply.reading and "2025" in reply.reading and "by month" in reply.reading


def test_a_write_or_help_is_no_context_for_a_follow_up(engine):
    say(engine, "my events")
    reply = say(engine, "outliers")
    assert reply.title == "Which one did you mean?"


# --- Changes in plain words: echoed, confirmed, undone ----------------------------------------


def test_a_label_in_plain_words_waits_for_yes_then_can_be_undone(engine):
    walk = _id_on(engine, WALK_DAY)
    asked = say(engine, f"that workout on {WALK_DAY} was actually a run, please fix")
    assert asked.title == "Shall I?"
    assert f"I will label workout {walk} (" in asked.text and "as a run." in asked.text
    assert [b.reply for b in asked.buttons] == ["yes", "no"]
    assert _labels(engine) == {}  # nothing changed before the yes
    done = say(engine, "yes")
    assert done.title == "Label saved" and _labels(engine) == {walk: "run"}
    undone = say(engine, "undo")
    assert undone.title == "Undone" and _labels(engine) == {}
    assert say(engine, "undo").title == "Nothing to undo"


def test_undo_puts_back_the_label_there_was(engine):
    walk = _id_on(engine, WALK_DAY)
    set_label(engine, ALICE, walk, "run_walk", source="user")
    say(engine, f"label {walk} run")  # a command: done at once
    assert _labels(engine) == {walk: "run"}
    say(engine, "undo")
    assert _labels(engine) == {walk: "run_walk"}


def test_the_class_said_picks_the_workout_of_a_busy_day(engine):
    asked = say(engine, f"mark my walk on {BOTH_DAY} as a run")
    frame = workouts_frame(engine, ALICE)
    that_day = frame[frame["workout_date"].dt.date == BOTH_DAY]
    walk = int(that_day.sort_values("distance_m")["id"].iloc[0])
    assert f"workout {walk}" in asked.text


def test_no_leaves_everything_as_it_was(engine):
    say(engine, "use km")
    left = say(engine, "no")
    assert left.title == "Left as it was" and "answer in kilometres" in left.text
    assert owner_units(engine, ALICE) is None
    assert say(engine, "yes").title == "Nothing to confirm"


def test_another_question_drops_the_change_waiting(engine):
    say(engine, "use km")
    say(engine, "how many runs in 2025")
    assert say(engine, "yes").title == "Nothing to confirm"
    assert owner_units(engine, ALICE) is None


def test_a_change_waits_only_so_long(engine):
    say(engine, "use km")
    state = load_conversation(engine, ALICE, TERMINAL)
    save_conversation(engine, state.but(pending_at=state.pending_at - timedelta(hours=1)))
    assert say(engine, "yes").title == "Nothing to confirm"
    assert owner_units(engine, ALICE) is None


def test_units_are_set_and_undone(engine):
    say(engine, "switch to kilometres")
    assert "km" in say(engine, "yep, do it").text
    assert owner_units(engine, ALICE) == "km"
    say(engine, "undo")
    assert owner_units(engine, ALICE) is None


def test_a_correction_replaces_the_change_waiting(engine):
    say(engine, "add an event: started marathon training on 2019-01-15")
    asked = say(engine, "actually it was 2019-01-22")
    assert "2019-01-22" in asked.text and asked.title == "Shall I?"
    say(engine, "yes")
    events = events_frame(engine, ALICE)
    assert list(events.itertuples(index=False, name=None)) == [
        ("started marathon training", date(2019, 1, 22), "training_plan")
    ]
    say(engine, "undo")
    assert events_frame(engine, ALICE).empty


def test_an_event_removed_by_any_case_comes_back_on_undo(engine):
    add_event(engine, ALICE, "Choco arrives", date(2018, 6, 1), kind="dog")
    asked = say(engine, "delete the event choco arrives")
    assert "Choco arrives" in asked.text
    say(engine, "yes")
    assert events_frame(engine, ALICE).empty
    say(engine, "undo")
    assert list(events_frame(engine, ALICE).itertuples(index=False, name=None)) == [
        ("Choco arrives", date(2018, 6, 1), "dog")
    ]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("mark my walk on 2025-12-01 as a run", "no workout on 2025-12-01"),
        ("remove the event Moving house", "no life event called"),
        ("add an event: got a new bike", "say when"),
    ],
)
def test_a_change_that_cannot_be_made_says_why_and_waits_for_nothing(engine, text, says):
    reply = say(engine, text)
    assert reply.kind == "error" and says in reply.text.lower()
    assert say(engine, "yes").title == "Nothing to confirm"


def test_one_owner_cannot_confirm_anothers_change(engine):
    place = slack_place("C1", "9.9")
    walk = _id_on(engine, WALK_DAY)
    say(engine, f"mark my walk on {WALK_DAY} as a run", place=place)
    assert say(engine, "yes", place=place, owner=BOB).title == "Nothing to confirm"
    assert _labels(engine) == {}
    assert _labels(engine, BOB) == {}
    say(engine, "yes", place=place)
    assert _labels(engine) == {walk: "run"}


# --- Choosing between readings ---------------------------------------------------------------


def test_a_reading_is_chosen_by_number_and_remembered(engine):
    asked = say(engine, "outliers")
    assert asked.title == "Which one did you mean?" and len(asked.buttons) == 2
    assert [b.reply for b in asked.buttons] == ["1", "2"]
    first = say(engine, "1")
    again = say(engine, "outliers")
    assert again.title == first.title and not again.buttons
    assert say(engine, "outliers", place=slack_place("C2")).buttons  # elsewhere: asked again


def test_the_terminal_maps_a_typed_number_to_the_button(engine, tmp_path):
    stdin = io.StringIO("use km\n1\n")
    stdout = io.StringIO()

    def make():
        return Context(engine, ALICE, "alice", TODAY)

    run_chat(make, stdin=stdin, stdout=stdout, out_dir=tmp_path, interactive=False)
    assert "[1] Yes, do it   [2] No" in stdout.getvalue()
    assert owner_units(engine, ALICE) == "km"


# --- The local model, when the grammar cannot read ---------------------------------------------


def test_the_local_model_reads_what_the_grammar_cannot(engine, stub):
    stub.reply({"kind": "summary", "measure": "count", "aggregate": "total"})
    llm = LlmSettings(url=stub.url, model="m", key="")
    reply = say(engine, "zorbulate my quixotic gallivanting", llm=llm)
    assert len(stub.requests) == 1
    assert reply.title != "Not sure what you mean"
    assert "local language model" in reply.reading and "how many" in reply.reading
    say(engine, "how many runs in 2025", llm=llm)
    assert len(stub.requests) == 1  # a question the grammar reads never goes to the model
