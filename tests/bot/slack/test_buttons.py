"""Buttons where people act, end to end against the emulator: after an upload's classification
summary (review the uncertain ones), on a briefing (snooze today, change time, stop), and on
`why` (This is wrong: the relabel form)."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest

from bot.slack.blocks import FORM_ACTION, read_button_value, read_form_value
from bot.slack.briefings.poster import Runtime, post_briefing
from bot.slack.forms import modal
from etl.db.briefings import list_schedules, save_schedule
from etl.db.corrections import corrections_frame
from etl.db.nudges import nudge_claimed
from etl.db.owners import slack_key
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.helpers import export_text, link, row


@pytest.fixture(scope="module")
def alice(bot):
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    owner = slack_key(bot.team, bot.alice_id)
    ingest_file(bot.engine, raw, owner_key=owner, max_bytes=len(raw.data))
    return owner


def _buttons(message: dict) -> list[dict]:
    return [
        element
        for block in message.get("blocks", [])
        if block.get("type") == "actions"
        for element in block["elements"]
    ]


def _press(bot, channel: str, message: dict, button: dict, user: str, **extra) -> None:
    block = next(b for b in message["blocks"] if button in b.get("elements", []))
    payload = {
        "type": "block_actions",
        "user": {"id": user, "team_id": bot.team},
        "team": {"id": bot.team},
        "channel": {"id": channel},
        "container": {"type": "message", "message_ts": message["ts"], "channel_id": channel},
        "message": message,
        "actions": [
            {
                "type": "button",
                "action_id": button["action_id"],
                "block_id": block["block_id"],
                "value": button["value"],
            }
        ],
        "response_url": "http://127.0.0.1:9/unused",
        "api_app_id": "A1",
        **extra,
    }
    status, _, seconds = bot.interact(payload)
    assert status == 200 and seconds < 3


def _said(button: dict) -> str:
    return read_button_value(button["value"])[0]


def test_an_uploads_summary_offers_a_review_of_the_uncertain_ones(bot):
    rows = [row(f"March {d}, 2025", link=link(700 + d)) for d in range(1, 4)]
    _, _, share_ts = bot.share(export_text(rows), "bob-three.csv", event_id="Ev-btn-up")
    seen = bot.wait_for(lambda m: "Classified what came in" in m.get("text", ""), thread=share_ts)
    summary = next(m for m in seen if "Classified what came in" in m.get("text", ""))
    [review] = _buttons(summary)
    assert _said(review) == "review uncertain labels"
    _press(bot, bot.channel, summary, review, bot.bob_id)
    dm = bot.bot.conversations_open(users=bot.bob_id)["channel"]["id"]
    bot.wait_for(lambda m: "Labels to check" in str(m.get("blocks")), channel=dm)


def test_a_briefing_can_be_snoozed_and_stopped_with_its_buttons(bot, alice):
    schedule_id, _ = save_schedule(
        bot.engine,
        team_id=bot.team,
        owner_key=alice,
        target="dm",
        time_of_day="07:00",
        days="daily",
        tz="Europe/Paris",
    )
    schedule = next(s for s in list_schedules(bot.engine, owner_key=alice) if s.id == schedule_id)
    runtime = Runtime(bot.engine, bot.bot, retry_pause_s=0)
    assert post_briefing(runtime, schedule, date(2025, 12, 10)) == "posted"
    dm = bot.bot.conversations_open(users=bot.alice_id)["channel"]["id"]
    seen = bot.wait_for(lambda m: "Morning briefing" in str(m.get("blocks")), channel=dm)
    briefing = next(m for m in seen if "Morning briefing" in str(m.get("blocks")))
    snooze, change, stop = _buttons(briefing)
    assert (_said(snooze), _said(stop)) == ("snooze today", "stop my briefings")
    assert read_form_value(change["value"])[:2] == (
        "briefing",
        {"time": "07:00", "days": "daily", "where": "dm"},
    )

    _press(bot, dm, briefing, snooze, bot.alice_id)
    bot.wait_for(lambda m: "snooze today" in str(m.get("blocks")), channel=dm)
    asked = next(m for m in bot.history(dm) if "snooze today" in str(m.get("blocks")))
    yes = next(b for b in _buttons(asked) if _said(b) == "yes")
    _press(bot, dm, asked, yes, bot.alice_id)
    bot.wait_for(lambda m: "Snoozed" in str(m.get("blocks")), channel=dm)
    days = [date.today() + timedelta(days=d) for d in (-1, 0, 1)]  # today in Paris
    assert any(nudge_claimed(bot.engine, alice, day) for day in days)

    settled = next(m for m in bot.history(dm) if m["ts"] == briefing["ts"])
    assert not _buttons(settled) and "You chose: snooze today." in str(settled["blocks"])
    _press(bot, dm, briefing, stop, bot.alice_id)  # as clicked on a device not yet updated
    bot.wait_for(lambda m: "stop your" in str(m.get("blocks")), channel=dm)
    asked = next(m for m in bot.history(dm) if "stop your" in str(m.get("blocks")))
    assert list_schedules(bot.engine, owner_key=alice), "nothing stops before the yes"
    yes = next(b for b in _buttons(asked) if _said(b) == "yes")
    _press(bot, dm, asked, yes, bot.alice_id)
    deadline = time.monotonic() + 20
    while list_schedules(bot.engine, owner_key=alice) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not list_schedules(bot.engine, owner_key=alice)


def test_this_is_wrong_on_why_relabels_in_a_form(bot, alice):
    dm = bot.bot.conversations_open(users=bot.alice_id)["channel"]["id"]
    posted = bot.alice.chat_postMessage(channel=bot.channel, text="<@BOT> why 100")
    event = {
        "type": "app_mention",
        "user": bot.alice_id,
        "channel": bot.channel,
        "text": posted["message"]["text"],
        "ts": posted["ts"],
    }
    assert bot.event(event, event_id="Ev-btn-why")[0] == 200
    seen = bot.wait_for(lambda m: "Why workout 100" in str(m.get("blocks")), channel=dm)
    why = next(m for m in seen if "Why workout 100" in str(m.get("blocks")))
    [wrong] = _buttons(why)
    assert wrong["action_id"].startswith(FORM_ACTION)
    form, fill, conversation = read_form_value(wrong["value"])
    assert form == "relabel" and fill["workout"] == "100"
    _press(bot, dm, why, wrong, bot.alice_id, trigger_id=bot.trigger(bot.alice_id))

    new = "outlier" if fill["label"] != "outlier" else "walk"
    view = modal("relabel", fill, conversation, dm)
    state = {"label": {"value": {"type": "static_select", "selected_option": {"value": new}}}}
    submission = {
        "type": "view_submission",
        "user": {"id": bot.alice_id, "team_id": bot.team},
        "team": {"id": bot.team},
        "view": {**view, "id": "V2", "state": {"values": state}},
        "api_app_id": "A1",
    }
    status, body, _ = bot.interact(submission)
    assert status == 200 and not body, json.loads(body or "{}")
    bot.wait_for(lambda m: "Workout 100 is now" in str(m.get("blocks")), channel=dm)
    labels = corrections_frame(bot.engine, alice)
    assert dict(zip(labels["workout_id"], labels["label"])) == {100: new}


def test_a_briefing_is_scheduled_in_its_form(bot, alice):
    dm = bot.bot.conversations_open(users=bot.alice_id)["channel"]["id"]
    view = modal("briefing", {"time": "07:00"}, None, dm)
    state = {
        "time": {"value": {"type": "timepicker", "selected_time": "25:99"}},
        "days": {"value": {"type": "static_select", "selected_option": {"value": "weekdays"}}},
        "where": {"value": {"type": "static_select", "selected_option": {"value": "dm"}}},
    }
    submission = {
        "type": "view_submission",
        "user": {"id": bot.alice_id, "team_id": bot.team},
        "team": {"id": bot.team},
        "view": {**view, "id": "V3", "state": {"values": state}},
        "api_app_id": "A1",
    }
    status, body, _ = bot.interact(submission)
    assert status == 200 and set(json.loads(body)["errors"]) == {"time"}
    state["time"]["value"]["selected_time"] = "06:30"
    status, body, _ = bot.interact(submission)
    assert status == 200 and not body
    deadline = time.monotonic() + 20
    while not list_schedules(bot.engine, owner_key=alice) and time.monotonic() < deadline:
        time.sleep(0.2)
    [schedule] = list_schedules(bot.engine, owner_key=alice)
    assert (schedule.time_of_day, schedule.days, schedule.target) == ("06:30", "weekdays", "dm")
