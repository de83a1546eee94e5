"""The bot's Lambda handler with Lambda-shaped events carrying signed Slack requests; Bolt's
lazy self-invocation goes to a fake Lambda client that runs it as Lambda would."""

from __future__ import annotations

import json
import urllib.parse

import pytest

import bot.aws_lambda as aws_lambda
from bot.slack.emulator import BOT_TOKEN, sign
from etl.db.engine import open_store
from etl.db.owners import slack_key
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.bot.conftest import SECRET


class Context:
    function_name = "workouts-bot"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:workouts-bot"
    aws_request_id = "req-1"


class FakeLambda:
    """Stands in for boto3's Lambda client: an async self-invoke runs the handler again."""

    def __init__(self):
        self.invocations = []

    def invoke(self, FunctionName, InvocationType, Payload):  # boto3's argument names
        self.invocations.append((FunctionName, InvocationType))
        aws_lambda.handle(json.loads(Payload), Context())
        return {"StatusCode": 202}


@pytest.fixture
def lambda_bot(bot, monkeypatch, tmp_path, emulator):
    monkeypatch.setenv("WORKOUTS_DATABASE_URL", str(bot.engine.url))
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    monkeypatch.setenv("SLACK_API_URL", emulator.api_url)
    aws_lambda.reset()
    fake = FakeLambda()
    aws_lambda._handler().app.listener_runner.lazy_listener_runner.lambda_client = fake
    yield fake
    aws_lambda.reset()


def _function_url_event(body: str, headers: dict) -> dict:
    return {
        "version": "2.0",
        "rawPath": "/",
        "rawQueryString": "",
        "isBase64Encoded": False,
        "headers": {k.lower(): v for k, v in headers.items()},
        "body": body,
        "requestContext": {"http": {"method": "POST", "path": "/"}},
    }


def test_a_signed_slash_command_is_acked_then_answered(bot, lambda_bot):
    owner = slack_key(bot.team, bot.alice_id)
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    ingest_file(open_store(str(bot.engine.url)), raw, owner_key=owner, max_bytes=len(raw.data))
    form = {
        "command": "/workouts",
        "text": "compare 2017 and 2023",
        "team_id": bot.team,
        "user_id": bot.alice_id,
        "channel_id": bot.channel,
        "response_url": "http://127.0.0.1:9/x",
    }
    body = urllib.parse.urlencode(form)
    event = _function_url_event(
        body, {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
    )
    response = aws_lambda.handle(event, Context())
    assert response["statusCode"] == 200
    assert lambda_bot.invocations == [(Context.invoked_function_arn, "Event")]
    bot.wait_for(lambda m: "2017 vs 2023" in str(m.get("blocks")), timeout=30)


def test_a_forged_request_is_refused(lambda_bot):
    body = "command=%2Fworkouts&text=records"
    event = _function_url_event(
        body, {"Content-Type": "application/x-www-form-urlencoded", **sign("wrong-secret", body)}
    )
    assert aws_lambda.handle(event, Context())["statusCode"] == 401
    assert lambda_bot.invocations == []


def test_the_briefing_entry_point_runs(lambda_bot):
    assert aws_lambda.briefings({}, Context()) == {"briefings": [], "nudges": []}


def _forged(name: str) -> dict:
    body = "command=%2Fworkouts&text=records"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    events = {
        "timestamp abc": _function_url_event(
            body,
            {**form, "X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=" + "0" * 64},
        ),
        "unsigned": _function_url_event(body, form),
        "bad signature": _function_url_event(body, {**form, **sign("wrong-secret", body)}),
        "body not JSON": _function_url_event(
            "{nope", {"Content-Type": "application/json", **sign(SECRET, "{nope")}
        ),
        "wrong content type": _function_url_event(
            body, {"Content-Type": "text/html", **sign(SECRET, body)}
        ),
        "body not base64": {
            **_function_url_event("%%%not base64", {**form, **sign(SECRET, "x")}),
            "isBase64Encoded": True,
        },
    }
    event = events[name]
    event["requestContext"]["http"]["sourceIp"] = "198.51.100.23"
    return event


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("timestamp abc", 401),
        ("unsigned", 401),
        ("bad signature", 401),
        ("body not JSON", 400),
        ("wrong content type", 400),
        ("body not base64", 400),
    ],
)
def test_forged_requests_are_refused_in_one_line_without_traceback(
    lambda_bot, capsys, name, status
):
    capsys.readouterr()
    assert aws_lambda.handle(_forged(name), Context())["statusCode"] == status
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("workouts: WARNING refused a request from 198.51.100.23: ")
    assert "Traceback" not in err and SECRET not in err and BOT_TOKEN not in err
    assert lambda_bot.invocations == []


def test_a_flood_of_forgeries_is_rate_limited_on_lambda_too(lambda_bot, capsys):
    from bot.logs import PER_CLIENT

    capsys.readouterr()
    for _ in range(2 * PER_CLIENT):
        assert aws_lambda.handle(_forged("timestamp abc"), Context())["statusCode"] == 401
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == PER_CLIENT + 1
    assert "client 198.51.100.23: more than" in lines[-1] and "suppressed" in lines[-1]


def test_a_missing_signing_secret_is_one_line_not_a_crash(lambda_bot, monkeypatch, capsys):
    monkeypatch.delenv("SLACK_SIGNING_SECRET")
    aws_lambda.reset()
    body = "command=%2Fworkouts&text=records"
    event = _function_url_event(
        body, {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
    )
    assert aws_lambda.handle(event, Context())["statusCode"] == 500
    err = capsys.readouterr().err
    assert "the bot cannot start: SLACK_SIGNING_SECRET is not set" in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def _interaction(payload: dict) -> dict:
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
    return _function_url_event(body, headers)


def test_a_button_click_and_a_form_are_handled_on_lambda(bot, lambda_bot):
    from bot.slack.blocks import button_value
    from bot.slack.forms import modal
    from etl.db.corrections import corrections_frame
    from etl.db.life_events import events_frame

    store = open_store(str(bot.engine.url))
    owner = slack_key(bot.team, bot.bob_id)
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    ingest_file(store, raw, owner_key=owner, max_bytes=len(raw.data))
    user = {"id": bot.bob_id, "team_id": bot.team}
    from etl.db.queries import workouts_frame

    workout = int(workouts_frame(store, owner)["id"].iloc[99])  # one of Bob's own
    click = {
        "type": "block_actions",
        "user": user,
        "team": {"id": bot.team},
        "channel": {"id": bot.channel},
        "container": {"type": "message", "channel_id": bot.channel, "is_ephemeral": True},
        "message": {"blocks": []},
        "actions": [
            {
                "type": "button",
                "action_id": "workouts_reply_0",
                "block_id": "workouts_row_0",
                "value": button_value(f"label {workout} outlier", None, bot.bob_id),
            }
        ],
        "response_url": "http://127.0.0.1:9/x",
        "api_app_id": "A1",
    }
    assert aws_lambda.handle(_interaction(click), Context())["statusCode"] == 200
    assert lambda_bot.invocations, "the work runs as a lazy invocation"
    labels = corrections_frame(store, owner)
    assert dict(zip(labels["workout_id"], labels["label"])) == {workout: "outlier"}

    view = modal("event", {}, None, bot.channel)
    values = {
        "name": {"value": {"type": "plain_text_input", "value": "New job"}},
        "date": {"value": {"type": "datepicker", "selected_date": "2099-01-01"}},
        "kind": {"value": {"type": "static_select", "selected_option": {"value": "new_job"}}},
    }
    submission = {
        "type": "view_submission",
        "user": user,
        "team": {"id": bot.team},
        "view": {**view, "id": "V9", "state": {"values": values}},
        "api_app_id": "A1",
    }
    refused = aws_lambda.handle(_interaction(submission), Context())
    assert json.loads(refused["body"])["errors"].keys() == {"date"}
    values["date"]["value"]["selected_date"] = "2021-03-01"
    assert aws_lambda.handle(_interaction(submission), Context())["statusCode"] == 200
    events = events_frame(store, owner)
    assert list(zip(events["name"], events["kind"])) == [("New job", "new_job")]
