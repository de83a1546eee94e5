"""End to end against the Slack emulator: uploads, slash commands, security and retries."""

from __future__ import annotations

import time
from datetime import date

import pytest

from etl.db.corrections import corrections_frame
from etl.db.life_events import add_event
from etl.db.owners import slack_key
from etl.db.queries import count_workouts, workouts_frame
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.bot.conftest import SECRET
from tests.helpers import export_text, link, row


def _texts(messages) -> str:
    parts = []
    for m in messages:
        parts.append(m.get("text", ""))
        for block in m.get("blocks", []) or []:
            for key in ("text",):
                if isinstance(block.get(key), dict):
                    parts.append(block[key].get("text", ""))
            for field in block.get("fields", []) or []:
                parts.append(field.get("text", ""))
            for element in block.get("elements", []) or []:
                text = element.get("text", "") if isinstance(element, dict) else ""
                # A button's text is itself an object (plain_text), a context element's a string.
                parts.append(text.get("text", "") if isinstance(text, dict) else text)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def alice_has_history(bot):
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    owner = slack_key(bot.team, bot.alice_id)
    ingest_file(bot.engine, raw, owner_key=owner, max_bytes=len(raw.data))
    add_event(bot.engine, owner, "Choco arrives", date(2018, 6, 1), kind="dog")
    return owner


def test_an_uploaded_export_is_ingested_once_and_reported_in_its_thread(bot):
    rows = [row(f"Oct. {d}, 2025", link=link(d)) for d in range(1, 11)] + [row("Smarch 3, 2025")]
    file, event, share_ts = bot.share(export_text(rows), "bob-export.csv", event_id="Ev-file-1")
    thread = bot.wait_for(lambda m: "Classified" in m.get("text", ""), thread=share_ts)
    report = _texts(thread)
    assert "bob-export.csv" in report
    assert "10" in report and "line 12" in report, "new count and the rejected line"
    # The same upload's other event, and Slack retrying the first: nothing more happens.
    twin = {
        "type": "message",
        "subtype": "file_share",
        "channel": bot.channel,
        "user": bot.bob_id,
        "files": [{"id": file["id"]}],
        "ts": share_ts,
        "channel_type": "channel",
    }
    assert bot.event(twin, event_id="Ev-file-2")[0] == 200
    assert bot.event(event, event_id="Ev-file-1", retry=1)[0] == 200
    time.sleep(2)
    assert len(bot.history(thread=share_ts)) == len(thread)
    assert count_workouts(bot.engine, slack_key(bot.team, bot.bob_id)) == 10


def test_a_non_csv_upload_gets_the_etls_refusal(bot):
    _, _, share_ts = bot.share(b"PK\x03\x04zipzip", "export.zip", event_id="Ev-zip")
    text = _texts(bot.wait_for(lambda m: True, thread=share_ts))
    assert "export.zip" in text and "ZIP archive" in text


def test_choco_effect_posts_the_story_and_chart_to_the_channel(bot, alice_has_history):
    before = len(bot.history())
    status, _, seconds = bot.slash("choco-effect")
    assert status == 200 and seconds < 3
    messages = bot.wait_for(lambda m: "Choco arrives" in _texts([m]) and m.get("blocks"))
    assert "Since Choco arrives (2018-06-01)" in _texts(messages)
    bot.wait_for(lambda m: any(f.get("name", "").endswith(".png") for f in m.get("files", [])))
    assert len(bot.history()) >= before + 2


def test_anomalies_this_month_is_answered(bot, alice_has_history):
    status, _, seconds = bot.slash("anomalies this month")
    assert status == 200 and seconds < 3
    bot.wait_for(lambda m: "Anomalies" in _texts([m]))


def test_sql_answers_privately(bot, alice_has_history, sink):
    url, received = sink
    before = len(bot.history())
    status, _, _ = bot.slash(
        "sql SELECT label, count(*) AS n FROM workouts GROUP BY label", response_url=url
    )
    assert status == 200
    deadline = time.monotonic() + 30
    while not received and time.monotonic() < deadline:
        time.sleep(0.2)
    assert received and received[0]["response_type"] == "ephemeral"
    assert "direct message" in received[0]["text"]
    dm = bot.bot.conversations_open(users=bot.alice_id)["channel"]["id"]
    bot.wait_for(lambda m: "Query result" in _texts([m]), channel=dm)
    assert len(bot.history()) == before, "nothing personal in the channel"


def test_a_malformed_command_gets_help_not_silence(bot, sink):
    url, received = sink
    assert bot.slash("wibble wobble", response_url=url)[0] == 200
    deadline = time.monotonic() + 30
    while not received and time.monotonic() < deadline:
        time.sleep(0.2)
    assert received, "an answer, never silence"
    assert "help" in str(received[0]).lower()


@pytest.mark.parametrize("forgery", ["bad_signature", "stale", "unsigned"])
def test_forged_and_stale_requests_are_refused(bot, forgery):
    from bot.slack.emulator import sign

    body = "command=%2Fworkouts&text=records&team_id=T1&user_id=U1&channel_id=C1"
    headers = {
        "bad_signature": {**sign("not-the-secret", body)},
        "stale": sign(SECRET, body, timestamp=int(time.time()) - 6 * 60),
        "unsigned": {},
    }[forgery]
    status, _, _ = bot.post(body, "application/x-www-form-urlencoded", headers, signed=False)
    assert status == 401


def test_one_user_cannot_touch_anothers_workouts(bot, alice_has_history, sink):
    url, received = sink
    alice_id = int(workouts_frame(bot.engine, alice_has_history)["id"].iloc[0])
    bot.slash(f"label {alice_id} walk", user=bot.bob_id, response_url=url)
    deadline = time.monotonic() + 30
    while not received and time.monotonic() < deadline:
        time.sleep(0.2)
    assert received and f"no workout with id {alice_id}" in str(received[0])
    assert corrections_frame(bot.engine, alice_has_history).empty


def test_a_mention_is_answered_in_its_thread(bot, alice_has_history):
    posted = bot.alice.chat_postMessage(channel=bot.channel, text="<@BOT> how many runs in 2019")
    event = {
        "type": "app_mention",
        "user": bot.alice_id,
        "channel": bot.channel,
        "text": posted["message"]["text"],
        "ts": posted["ts"],
    }
    assert bot.event(event, event_id="Ev-mention-1")[0] == 200
    thread = bot.wait_for(lambda m: "runs" in _texts([m]), thread=posted["ts"])
    assert "in 2019" in _texts(thread)


def test_a_direct_message_is_answered_in_the_dm(bot, alice_has_history):
    dm = bot.bot.conversations_open(users=bot.alice_id)["channel"]["id"]
    event = {
        "type": "message",
        "channel_type": "im",
        "user": bot.alice_id,
        "channel": dm,
        "text": "records",
        "ts": f"{time.time():.6f}",
    }
    assert bot.event(event, event_id="Ev-dm-1")[0] == 200
    bot.wait_for(lambda m: "Personal records" in _texts([m]), channel=dm)


def test_a_crash_is_logged_with_context_without_tokens(
    bot, alice_has_history, caplog, monkeypatch, sink
):
    import bot.slack.handlers as handlers

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    url, received = sink
    monkeypatch.setattr(handlers, "converse", explode)
    with caplog.at_level("DEBUG"):
        bot.slash("records", response_url=url)
        deadline = time.monotonic() + 30
        while not received and time.monotonic() < deadline:
            time.sleep(0.2)
    assert received and "something went wrong" in received[0]["text"]
    assert "Traceback" not in received[0]["text"]
    assert f"slack command for user {bot.alice_id}" in caplog.text
    assert "xoxb-test-bot" not in caplog.text and SECRET not in caplog.text


def test_the_faas_build_acks_and_answers_through_lazy_listeners(bot, alice_has_history, emulator):
    import urllib.parse

    from slack_bolt import BoltRequest

    from bot.slack.app import build_app
    from bot.slack.emulator import BOT_TOKEN, sign
    from etl.settings import load_settings

    settings = load_settings(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": emulator.api_url,
        }
    )
    app = build_app(settings, bot.engine, process_before_response=True)
    form = {
        "command": "/workouts",
        "text": "stats 2019",
        "team_id": bot.team,
        "user_id": bot.alice_id,
        "channel_id": bot.channel,
        "response_url": "http://127.0.0.1:9/x",
    }
    body = urllib.parse.urlencode(form)
    headers = {k.lower(): [v] for k, v in sign(SECRET, body).items()}
    headers["content-type"] = ["application/x-www-form-urlencoded"]
    response = app.dispatch(BoltRequest(body=body, headers=headers))
    assert response.status == 200
    bot.wait_for(lambda m: "Stats" in _texts([m]) and "2019" in _texts([m]))
