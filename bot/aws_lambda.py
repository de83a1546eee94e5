"""The bot on AWS Lambda: Slack through a Function URL, and the briefing schedule.

``handle`` serves Slack with Bolt's Lambda adapter: the app is built with
``process_before_response=True``, so each request is acked by its own invocation and the slow
work runs as a lazy listener (Bolt invokes this same function again, asynchronously).
``briefings`` is what an EventBridge schedule calls every few minutes instead of APScheduler.

Logging is the CLI's (bot.logs): one line per problem, secrets masked, and the Lambda runtime's
own handler removed so nothing is printed twice or with a traceback. A request that cannot be
Slack's is refused by the same checks as the HTTP endpoint, with one line per client and minute
at most a few.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache

from slack_bolt.adapter.aws_lambda import SlackRequestHandler

from bot.logs import client_scope, secrets_of
from bot.logs import configure as configure_logging
from bot.slack.app import build_app, require_signing_secret, web_client
from bot.slack.briefings.nudges import post_due_nudges
from bot.slack.briefings.poster import Runtime, post_due_briefings
from bot.slack.http_server import Refusal, check_request, refused
from etl.aws.secrets import database_url
from etl.db.engine import open_store
from etl.errors import SettingError, WorkoutsError
from etl.settings import Settings, load_settings

log = logging.getLogger("workouts.lambda")


def handle(event: dict, context) -> dict:
    """Lambda entry point for Slack requests (and Bolt's own lazy re-invocations)."""
    context_info = event.get("requestContext") or {}
    http = context_info.get("http") or {}
    client = http.get("sourceIp") or (context_info.get("identity") or {}).get("sourceIp")
    with client_scope(client):
        try:
            _settings()
        except Exception as exc:
            return _cannot_start(exc)
        if http.get("method", event.get("httpMethod")) == "POST":
            refusal = _refusal(event)
            if refusal is not None:
                refused(refusal, client)
                return _response(refusal.status, refusal.reason)
        try:
            handler = _handler()
        except Exception as exc:
            return _cannot_start(exc)
        try:
            response = handler.handle(event, context)
        except Exception:  # a bug: one line (the traceback with WORKOUTS_DEBUG), no details out
            log.exception("a Slack request from %s failed", client or "?")
            return _response(500, "")
        if response.get("statusCode") == 401:
            refused(Refusal(401, "the signature does not match"), client)
        return response


def _cannot_start(exc: Exception) -> dict:
    if isinstance(exc, WorkoutsError):  # a setting or Slack itself: say which and what to do
        log.error("the bot cannot start: %s", exc)
    else:
        log.error("the bot cannot start", exc_info=True)
    return _response(500, "the bot is not configured")


def _refusal(event: dict) -> Refusal | None:
    headers = {str(k).lower(): str(v) for k, v in (event.get("headers") or {}).items()}
    body = event.get("body") or ""
    try:
        if event.get("isBase64Encoded"):
            body = base64.b64decode(body, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return Refusal(400, "the body is not base64-encoded UTF-8")
    return check_request(headers, body)


def _response(status: int, body: str) -> dict:
    return {"statusCode": status, "body": body, "headers": {"Content-Type": "text/plain"}}


def briefings(event: dict, context) -> dict:
    """Lambda entry point for the EventBridge schedule: post every due briefing and nudge once."""
    try:
        settings = _settings()
        runtime = Runtime(_engine(), web_client(settings), default_units=settings.units)
    except WorkoutsError as exc:
        log.error("briefings cannot start: %s", exc)
        return {"briefings": [], "nudges": [], "error": str(exc)}
    outcomes = post_due_briefings(datetime.now(UTC), runtime)
    nudged = post_due_nudges(datetime.now(UTC), runtime)
    log.info("briefings: %s; nudges: %s", outcomes, nudged)
    return {
        "briefings": [{"schedule": s, "outcome": o} for s, o in outcomes],
        "nudges": [{"owner": k, "outcome": o} for k, o in nudged],
    }


@cache
def _handler() -> SlackRequestHandler:
    settings = _settings()
    require_signing_secret(settings)
    return SlackRequestHandler(app=build_app(settings, _engine(), process_before_response=True))


@cache
def _engine():
    return open_store(database_url(_settings()))


@cache
def _settings() -> Settings:
    """Settings from the environment, with Slack's secrets from Secrets Manager when named;
    logging is configured here, once per cold start."""
    # Quiet from the first line on; again below with the debug setting and the secrets.
    configure_logging(debug=False, replace=True)
    settings = load_settings()
    arn = settings.aws.slack_secret_arn
    if arn:
        settings = _with_slack_secret(settings, arn)
    configure_logging(debug=settings.debug, secrets=secrets_of(settings), replace=True)
    return settings


def _with_slack_secret(settings: Settings, arn: str) -> Settings:
    import boto3

    secret = json.loads(
        boto3.client("secretsmanager").get_secret_value(SecretId=arn)["SecretString"]
    )
    missing = [key for key in ("bot_token", "signing_secret") if not secret.get(key)]
    if missing:
        raise SettingError(
            f"the secret named by WORKOUTS_SLACK_SECRET_ARN has no {' or '.join(missing)}: store "
            'both in it as JSON ({"bot_token": "xoxb-...", "signing_secret": "..."})'
        )
    slack = replace(
        settings.slack, bot_token=secret["bot_token"], signing_secret=secret["signing_secret"]
    )
    return replace(settings, slack=slack)


def reset() -> None:
    """Forget the cached app, store and settings (a new configuration, or a test)."""
    for cached in (_handler, _engine, _settings):
        cached.cache_clear()
