"""The bot on AWS Lambda: Slack through a Function URL, and the briefing schedule.

``handle`` serves Slack with Bolt's Lambda adapter: the app is built with
``process_before_response=True``, so each request is acked by its own invocation and the slow
work runs as a lazy listener (Bolt invokes this same function again, asynchronously).
``briefings`` is what an EventBridge schedule calls every few minutes instead of APScheduler.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache

from slack_bolt.adapter.aws_lambda import SlackRequestHandler

from bot.slack.app import build_app, web_client
from bot.slack.briefings.poster import Runtime, post_due_briefings
from etl.aws.secrets import database_url
from etl.db.engine import open_store
from etl.settings import Settings, load_settings

log = logging.getLogger("workouts.lambda")


def handle(event: dict, context) -> dict:
    """Lambda entry point for Slack requests (and Bolt's own lazy re-invocations)."""
    return _handler().handle(event, context)


def briefings(event: dict, context) -> dict:
    """Lambda entry point for the EventBridge schedule: post every due briefing once."""
    settings = _settings()
    runtime = Runtime(_engine(), web_client(settings), default_units=settings.units)
    outcomes = post_due_briefings(datetime.now(UTC), runtime)
    log.info("briefings: %s", outcomes)
    return {"briefings": [{"schedule": s, "outcome": o} for s, o in outcomes]}


@cache
def _handler() -> SlackRequestHandler:
    return SlackRequestHandler(app=build_app(_settings(), _engine(), process_before_response=True))


@cache
def _engine():
    return open_store(database_url(_settings()))


@cache
def _settings() -> Settings:
    """Settings from the environment, with Slack's secrets from Secrets Manager when named."""
    settings = load_settings()
    arn = settings.aws.slack_secret_arn
    if not arn:
        return settings
    import boto3

    secret = json.loads(
        boto3.client("secretsmanager").get_secret_value(SecretId=arn)["SecretString"]
    )
    slack = replace(
        settings.slack, bot_token=secret["bot_token"], signing_secret=secret["signing_secret"]
    )
    return replace(settings, slack=slack)


def reset() -> None:
    """Forget the cached app, store and settings (a new configuration, or a test)."""
    for cached in (_handler, _engine, _settings):
        cached.cache_clear()
