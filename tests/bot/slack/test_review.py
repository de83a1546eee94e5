"""Fixing labels with buttons, end to end against the emulator: the least sure workouts each
with a button per class; a click saves the label, updates the message in place (chat.update),
says what else changed and offers Undo; the same click twice changes nothing twice; another
person's click changes nothing of the asker's and is told so."""

from __future__ import annotations

import time

import pytest

from bot.slack.blocks import ROW_BLOCK, read_button_value
from etl.db.corrections import corrections_frame
from etl.db.owners import slack_key
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file


@pytest.fixture(scope="module")
def alice(bot):
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    owner = slack_key(bot.team, bot.alice_id)
    ingest_file(bot.engine, raw, owner_key=owner, max_bytes=len(raw.data))
    return owner


def _ask(bot, text: str, event_id: str) -> None:
    posted = bot.alice.chat_postMessage(channel=bot.channel, text=f"<@BOT> {text}")
    event = {
        "type": "app_mention",
        "user": bot.alice_id,
        "channel": bot.channel,
        "text": posted["message"]["text"],
        "ts": posted["ts"],
    }
    assert bot.event(event, event_id=event_id)[0] == 200


def _message(bot, channel: str, title: str) -> dict:
    seen = bot.wait_for(lambda m: title in str(m.get("blocks")), channel=channel)
    return next(m for m in seen if title in str(m.get("blocks")))


def _press(bot, channel: str, message: dict, block_id: str, reply: str, user: str, url=""):
    block = next(b for b in message["blocks"] if b.get("block_id") == block_id)
    button = next(e for e in block["elements"] if read_button_value(e["value"])[0] == reply)
    payload = {
        "type": "block_actions",
        "user": {"id": user, "team_id": bot.team},
        "team": {"id": bot.team},
        "channel": {"id": channel},
        "container": {
            "type": "message",
            "message_ts": message["ts"],
            "channel_id": channel,
            "is_ephemeral": False,
        },
        "message": message,
        "actions": [
            {
                "type": "button",
                "action_id": button["action_id"],
                "block_id": block_id,
                "value": button["value"],
                "action_ts": f"{time.time():.6f}",
            }
        ],
        "response_url": url or "http://127.0.0.1:9/unused",
        "trigger_id": "1.2.3",
        "api_app_id": "A1",
    }
    status, _, seconds = bot.interact(payload)
    assert status == 200 and seconds < 3
    return payload


def _labels(bot, owner) -> dict:
    frame = corrections_frame(bot.engine, owner)
    return dict(zip(frame["workout_id"], frame["label"]))


def test_three_labels_fixed_with_buttons_and_one_undone(bot, alice, sink):
    dm = bot.bot.conversations_open(users=bot.alice_id)["channel"]["id"]
    _ask(bot, "review uncertain labels", "Ev-review-1")
    review = _message(bot, dm, "Labels to check")
    rows = [b for b in review["blocks"] if b.get("block_id", "").startswith(ROW_BLOCK)]
    assert len(rows) == 10
    chosen = {}
    for i in range(3):
        # Slack sends the message as it is now: the rows clicked before are already settled.
        review = next(m for m in bot.history(dm) if m["ts"] == review["ts"])
        block = next(b for b in review["blocks"] if b.get("block_id") == rows[i]["block_id"])
        replies = [read_button_value(e["value"])[0] for e in block["elements"]]
        assert [r.split()[-1] for r in replies] == ["run", "walk", "run-walk", "outlier"]
        reply = replies[2]  # run-walk, whatever the model said
        workout = int(reply.split()[1])
        chosen[workout] = "run_walk"
        _press(bot, dm, review, block["block_id"], reply, bot.alice_id)
        bot.wait_for(lambda m, w=workout: f"Workout {w} is now" in str(m.get("blocks")), channel=dm)
    assert _labels(bot, alice) == chosen

    # The review message was updated in place: the rows clicked now say what was chosen.
    updated = next(m for m in bot.history(dm) if m["ts"] == review["ts"])
    said = [b for b in updated["blocks"] if "You chose: label" in str(b)]
    assert len(said) == 3
    assert sum(b.get("block_id", "").startswith(ROW_BLOCK) for b in updated["blocks"]) == 7

    # The same click again (a double click, a stale copy of the message) changes nothing twice.
    first = rows[0]
    again = read_button_value(first["elements"][2]["value"])[0]
    stale = {**review, "blocks": [*review["blocks"][:-1], first]}
    _press(bot, dm, stale, first["block_id"], again, bot.alice_id)
    bot.wait_for(lambda m: "Nothing to change" in str(m.get("blocks")), channel=dm)
    assert _labels(bot, alice) == chosen

    last = list(chosen)[-1]
    saved = _message(bot, dm, f"Workout {last} is now")
    assert "Undo" in str(saved["blocks"])
    _press(bot, dm, saved, "workouts_replies", "undo", bot.alice_id)
    bot.wait_for(lambda m: "Undone" in str(m.get("blocks")) or "undid" in str(m), channel=dm)
    del chosen[last]
    assert _labels(bot, alice) == chosen

    # Bob clicks Alice's buttons: nothing of hers changes, and he is told so.
    url, received = sink
    second = next(b for b in updated["blocks"] if b.get("block_id", "").startswith(ROW_BLOCK))
    reply = read_button_value(second["elements"][0]["value"])[0]
    _press(bot, dm, updated, second["block_id"], reply, bot.bob_id, url=url)
    deadline = time.monotonic() + 10
    while not received and time.monotonic() < deadline:
        time.sleep(0.1)
    assert received and "Those buttons are" in received[-1]["text"]
    assert _labels(bot, alice) == chosen
