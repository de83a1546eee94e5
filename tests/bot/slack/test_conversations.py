"""Conversations in Slack, end to end against the emulator: a change asked in plain words waits
for the Yes button, follow-ups in a thread, a reading chosen by clicking."""

from __future__ import annotations

import time
from datetime import date

import pytest

from etl.db.corrections import corrections_frame
from etl.db.life_events import add_event
from etl.db.owners import slack_key
from etl.db.queries import workouts_frame
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file


@pytest.fixture(scope="module")
def alice(bot):
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    owner = slack_key(bot.team, bot.alice_id)
    ingest_file(bot.engine, raw, owner_key=owner, max_bytes=len(raw.data))
    add_event(bot.engine, owner, "Choco arrives", date(2018, 6, 1), kind="dog")
    return owner


def _mention(bot, text: str, *, thread: str | None = None, event_id: str) -> str:
    """Alice mentions the bot (in ``thread`` when given); returns the thread's ts."""
    posted = bot.alice.chat_postMessage(
        channel=bot.channel, text=f"<@BOT> {text}", thread_ts=thread
    )
    event = {
        "type": "app_mention",
        "user": bot.alice_id,
        "channel": bot.channel,
        "text": posted["message"]["text"],
        "ts": posted["ts"],
    }
    if thread:
        event["thread_ts"] = thread
    assert bot.event(event, event_id=event_id)[0] == 200
    return thread or posted["ts"]


def _with_buttons(messages: list[dict], title: str) -> dict:
    return next(
        m
        for m in messages
        if any(b.get("type") == "actions" for b in m.get("blocks", []))
        and title in str(m.get("blocks"))
    )


def _one_walk_day(engine, owner) -> tuple[int, date]:
    frame = workouts_frame(engine, owner)
    days = frame["workout_date"].dt.date
    single = days[~days.duplicated(keep=False)]
    walks = frame.loc[single.index][frame.loc[single.index]["activity_type"] == "Walk"]
    row = walks.iloc[-1]
    return int(row["id"]), row["workout_date"].date()


def test_a_label_in_plain_words_waits_for_the_yes_button(bot, alice):
    workout, day = _one_walk_day(bot.engine, alice)
    dm = bot.bot.conversations_open(users=bot.alice_id)["channel"]["id"]
    # The DM is shared with other test modules' bots: only what comes after this question counts.
    since = max((float(m["ts"]) for m in bot.history(dm)), default=0.0)
    _mention(bot, f"mark my walk on {day} as a run", event_id="Ev-conv-1")
    wanted = f"label workout {workout}"
    seen = bot.wait_for(
        lambda m: float(m["ts"]) > since and wanted in str(m.get("blocks")), channel=dm
    )
    asked = _with_buttons([m for m in seen if float(m["ts"]) > since], wanted)
    asked["channel"] = dm
    assert f"label workout {workout}" in str(asked["blocks"])
    assert corrections_frame(bot.engine, alice).empty  # nothing before the yes
    assert bot.click(asked, "yes")[0] == 200
    bot.wait_for(
        lambda m: float(m["ts"]) > since and f"Workout {workout} is now" in str(m.get("blocks")),
        channel=dm,
    )
    labels = corrections_frame(bot.engine, alice)
    assert dict(zip(labels["workout_id"], labels["label"])) == {workout: "run"}
    # The buttons were taken off the message clicked (chat.update), which says what was chosen.
    seen = bot.wait_for(
        lambda m: m.get("ts") == asked["ts"] and "You chose: yes." in str(m.get("blocks")),
        channel=dm,
        timeout=10,
    )
    clicked = next(m for m in seen if m.get("ts") == asked["ts"])
    assert not any(b["type"] == "actions" for b in clicked["blocks"])


def test_another_persons_click_confirms_nothing_of_mine(bot, alice):
    _, day = _one_walk_day(bot.engine, alice)
    dm = bot.bot.conversations_open(users=bot.alice_id)["channel"]["id"]
    before = len(corrections_frame(bot.engine, alice))
    thread = _mention(bot, f"mark my walk on {day} as a run-walk", event_id="Ev-conv-2")
    seen = bot.wait_for(lambda m: "as a run-walk" in str(m.get("blocks")), channel=dm)
    asked = _with_buttons(seen, "as a run-walk")
    asked["channel"] = dm
    assert thread
    assert bot.click(asked, "yes", user=bot.bob_id)[0] == 200
    time.sleep(2)
    assert len(corrections_frame(bot.engine, alice)) == before
    labels = corrections_frame(bot.engine, alice)
    assert "run_walk" not in set(labels["label"])


def test_a_follow_up_in_a_thread_reads_the_question_before(bot, alice):
    thread = _mention(bot, "how many runs in 2019", event_id="Ev-conv-3")
    bot.wait_for(lambda m: "in 2019" in str(m.get("blocks")), thread=thread)
    _mention(bot, "and in 2020?", thread=thread, event_id="Ev-conv-4")
    replies = bot.wait_for(lambda m: "2020" in str(m.get("blocks")), thread=thread)
    answer = next(m for m in replies if "2020" in str(m.get("blocks")))
    assert "runs" in str(answer["blocks"]) and "2020-01-01 to 2020-12-31" in str(answer["blocks"])


def test_a_reading_is_chosen_by_clicking_it(bot, alice):
    thread = _mention(bot, "outliers", event_id="Ev-conv-5")
    dm = bot.bot.conversations_open(users=bot.alice_id)["channel"]["id"]
    seen = bot.wait_for(lambda m: "Which one did you mean?" in str(m.get("blocks")), channel=dm)
    asked = _with_buttons(seen, "Which one did you mean?")
    asked["channel"] = dm
    assert bot.click(asked, "1")[0] == 200
    answered = bot.wait_for(lambda m: "anomal" in str(m.get("blocks")).lower(), thread=thread)
    assert answered
