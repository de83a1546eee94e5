"""Building the Slack app: a Bolt App wired to the routing table, separate from starting it.

The same ``build_app`` serves Socket Mode, the HTTP endpoint and (later) AWS Lambda, which
needs ``process_before_response=True`` and lazy listeners; the routes use lazy listeners
everywhere so the ack is always sent before the slow work.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from sqlalchemy.engine import Engine

from bot.slack.listeners import register
from bot.slack.services import Services
from etl.settings import Settings

ANSWER_WORKERS = 2


def web_client(settings: Settings) -> WebClient:
    """A Web API client for the configured base URL, retrying rate limits and dropped
    connections (Slack answers 429 with Retry-After when a channel gets >1 message/s)."""
    client = WebClient(token=settings.slack.bot_token, base_url=settings.slack.api_url)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=3))
    client.retry_handlers.append(ConnectionErrorRetryHandler(max_retry_count=2))
    return client


def build_app(
    settings: Settings,
    engine: Engine,
    *,
    process_before_response: bool = False,
    schedules_changed: Callable[[], None] | None = None,
) -> App:
    """The Bolt app with every listener registered (nothing started)."""
    client = web_client(settings)
    app = App(
        client=client,
        signing_secret=settings.slack.signing_secret or None,
        process_before_response=process_before_response,
        token_verification_enabled=False,
        # Events retried by Slack are deduplicated by event id in the store instead.
        ignoring_self_events_enabled=True,
    )
    bot_user = client.auth_test().get("user_id", "")
    services = Services(
        settings=settings,
        engine=engine,
        bot_user_id=bot_user,
        schedules_changed=schedules_changed or (lambda: None),
    )
    # On a server, slow work goes to a small pool of its own: with the GIL, fifty busy answer
    # threads would starve the threads that ack, and acks are what Slack times. On FaaS the
    # work runs as Bolt's lazy listeners (a fresh invocation each) instead.
    workers = None if process_before_response else ThreadPoolExecutor(max_workers=ANSWER_WORKERS)
    register(app, services, workers=workers)
    return app
