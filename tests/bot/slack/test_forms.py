"""The Choco story out of the box, and forms, end to end against the emulator: a new user's
`choco-effect` tells the story at the strongest change with buttons; "name it" opens a modal (a
trigger id the bot exchanges); a submission with wrong fields is refused in the modal and
changes nothing; a good one saves the event (a dog: walks become dog walks) and re-posts the
story under its name; a forged submission is refused."""

from __future__ import annotations

import json
import time
import urllib.parse

import pytest
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import FORM_ACTION, read_form_value
from bot.slack.emulator import sign
from bot.slack.forms import modal
from etl.db.life_events import events_frame
from etl.db.owners import slack_key
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.bot.conftest import SECRET


@pytest.fixture(scope="module")
def bob(bot):
    """Bob has the demo history and no life event yet."""
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    owner = slack_key(bot.team, bot.bob_id)
    ingest_file(bot.engine, raw, owner_key=owner, max_bytes=len(raw.data))
    return owner


def _mention(bot, user: str, client, text: str, event_id: str) -> str:
    posted = client.chat_postMessage(channel=bot.channel, text=f"<@BOT> {text}")
    event = {
        "type": "app_mention",
        "user": user,
        "channel": bot.channel,
        "text": posted["message"]["text"],
        "ts": posted["ts"],
    }
    assert bot.event(event, event_id=event_id)[0] == 200
    return posted["ts"]


def _story(bot, thread: str, title: str) -> dict:
    messages = bot.wait_for(lambda m: title in str(m.get("blocks")), thread=thread)
    return next(m for m in messages if title in str(m.get("blocks")))


def _form_button(message: dict) -> dict:
    return next(
        element
        for block in message.get("blocks", [])
        if block.get("type") == "actions"
        for element in block["elements"]
        if element["action_id"].startswith(FORM_ACTION)
    )


def _click_form(bot, message: dict, button: dict, user: str) -> str:
    trigger = bot.trigger(user)
    payload = {
        "type": "block_actions",
        "user": {"id": user, "team_id": bot.team},
        "team": {"id": bot.team},
        "channel": {"id": bot.channel},
        "container": {"type": "message", "channel_id": bot.channel},
        "message": message,
        "trigger_id": trigger,
        "actions": [{"type": "button", "action_id": button["action_id"], "value": button["value"]}],
        "api_app_id": "A1",
    }
    status, _, seconds = bot.interact(payload)
    assert status == 200 and seconds < 3
    return trigger


def _exchanged(bot, trigger: str) -> bool:
    """Whether the bot used ``trigger`` to open a modal (it does so before it acks the click):
    an exchanged trigger id cannot open another."""
    view = {"type": "modal", "title": {"type": "plain_text", "text": "x"}, "blocks": []}
    try:
        bot.bot.views_open(trigger_id=trigger, view=view)
    except SlackApiError as exc:
        return exc.response["error"] == "exchanged_trigger_id"
    return False


def _submission(bot, user: str, view: dict, values: dict) -> dict:
    state = {
        "name": {"value": {"type": "plain_text_input", "value": values.get("name")}},
        "date": {"value": {"type": "datepicker", "selected_date": values.get("date")}},
        "kind": {
            "value": {"type": "static_select", "selected_option": {"value": values.get("kind")}}
        },
    }
    return {
        "type": "view_submission",
        "user": {"id": user, "team_id": bot.team},
        "team": {"id": bot.team},
        "view": {**view, "id": "V1", "state": {"values": state}},
        "api_app_id": "A1",
    }


def test_a_new_user_clicks_to_a_named_event_and_its_story(bot, bob):
    thread = _mention(bot, bot.bob_id, bot.bob, "choco-effect", "Ev-form-1")
    story = _story(bot, thread, "Before and after June 2018")
    assert "Nothing is named at June 2018 yet" in str(story["blocks"])
    button = _form_button(story)
    form, fill, conversation = read_form_value(button["value"])
    assert (form, fill) == ("event", {"date": "2018-06-01"})

    trigger = _click_form(bot, story, button, bot.bob_id)
    assert _exchanged(bot, trigger), "the bot exchanged the trigger id for its modal"

    view = modal("event", fill, conversation, bot.channel)
    wrong = _submission(bot, bot.bob_id, view, {"name": "", "date": "2099-01-01", "kind": "dog"})
    status, body, _ = bot.interact(wrong)
    answer = json.loads(body)
    assert status == 200 and answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"name", "date"}
    assert events_frame(bot.engine, bob).empty, "a refused form changes nothing"

    good = {"name": "Choco arrives", "date": "2018-06-01", "kind": "dog"}
    status, body, _ = bot.interact(_submission(bot, bot.bob_id, view, good))
    assert status == 200 and not body
    named = _story(bot, thread, "The Choco arrives effect")
    assert "dog walks went from 0% to" in str(named["blocks"])
    events = events_frame(bot.engine, bob)
    assert list(zip(events["name"], events["kind"])) == [("Choco arrives", "dog")]


def test_a_forged_submission_is_refused(bot, bob):
    view = modal("event", {}, None, bot.channel)
    good = {"name": "Forged", "date": "2018-06-01", "kind": "other"}
    body = json.dumps(_submission(bot, bot.bob_id, view, good))
    status, _, _ = bot.post(f"payload={body}", "application/x-www-form-urlencoded", signed=False)
    assert status in (400, 401)
    assert "Forged" not in set(events_frame(bot.engine, bob)["name"])


def test_another_persons_click_opens_no_form_and_a_stale_action_is_refused(bot, bob):
    thread = _mention(bot, bot.bob_id, bot.bob, "before and after march 2019", "Ev-form-2")
    story = _story(bot, thread, "Before and after March 2019")
    button = _form_button(story)
    trigger = _click_form(bot, story, button, bot.alice_id)  # Alice clicks Bob's button
    assert not _exchanged(bot, trigger), "no modal opened for Alice on Bob's answer"
    before = len(events_frame(bot.engine, bob))

    payload = {
        "type": "block_actions",
        "user": {"id": bot.bob_id, "team_id": bot.team},
        "team": {"id": bot.team},
        "channel": {"id": bot.channel},
        "trigger_id": bot.trigger(bot.bob_id),
        "actions": [{"type": "button", "action_id": button["action_id"], "value": button["value"]}],
    }
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    stale = sign(SECRET, body, timestamp=int(time.time()) - 600)
    status, _, _ = bot.post(body, "application/x-www-form-urlencoded", stale, signed=False)
    assert status in (400, 401)
    assert len(events_frame(bot.engine, bob)) == before
