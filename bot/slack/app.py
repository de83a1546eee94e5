"""Building the Slack app: a Bolt App wired to the routing table, separate from starting it.

The same ``build_app`` serves Socket Mode, the HTTP endpoint and (later) AWS Lambda, which
needs ``process_before_response=True`` and lazy listeners; the routes use lazy listeners
everywhere so the ack is always sent before the slow work.

Before anything is built the bot token is checked, by its shape and then with Slack
(``auth.test``): a token that is malformed, revoked or for an unreachable API stops the start
with a :class:`SlackStartError` that names the setting and what to do.
"""

from __future__ import annotations

import http.client
import logging
import re
import urllib.error
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from sqlalchemy.engine import Engine

from bot.logs import BOLT_APP
from bot.slack.listeners import register
from bot.slack.services import Services
from etl.db.urls import mask_url_passwords
from etl.errors import SettingError, WorkoutsError
from etl.settings import Settings

ANSWER_WORKERS = 2
# Slack's answers that mean "this token is no good" (revoked, uninstalled app, mistyped...).
REFUSED_TOKEN = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "not_allowed_token_type",
        "ekm_access_denied",
    }
)
_TOKEN_SHAPE = re.compile(r"x[a-z]{3}-[A-Za-z0-9-]+")
_KINDS = {
    "xoxb": "a bot token",
    "xoxp": "a user token",
    "xapp": "an app-level token",
    "xoxe": "a refresh token",
}
# The start-up probe's own failures are reported by the SlackStartError that follows; the
# client's line about the same failure would only say it twice.
_probe_log = logging.getLogger("workouts.slack.probe")
_probe_log.addHandler(logging.NullHandler())
_probe_log.propagate = False


class SlackStartError(WorkoutsError):
    """Slack could not be reached, or refused the bot's token: the bot did not start."""


def web_client(settings: Settings) -> WebClient:
    """A Web API client for the configured base URL, retrying rate limits and dropped
    connections (Slack answers 429 with Retry-After when a channel gets >1 message/s)."""
    return _configured(WebClient(token=settings.slack.bot_token), settings)


def _configured(client: WebClient, settings: Settings) -> WebClient:
    client.base_url = settings.slack.api_url
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=3))
    client.retry_handlers.append(ConnectionErrorRetryHandler(max_retry_count=2))
    return client


def check_bot_token(token: str) -> None:
    """Refuse a SLACK_BOT_TOKEN that cannot be a bot token, before asking Slack."""
    if not token:
        raise SettingError(
            "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-...) from your "
            "app's OAuth & Permissions page at api.slack.com/apps (README, 'Connect to Slack')"
        )
    if token.startswith("xoxb-") and _TOKEN_SHAPE.fullmatch(token):
        return
    hint = (
        " (did you swap SLACK_BOT_TOKEN and SLACK_APP_TOKEN?)" if token.startswith("xapp-") else ""
    )
    raise SettingError(
        f"SLACK_BOT_TOKEN is not a bot token: {_describe(token)}{hint}. Copy the Bot User "
        "OAuth Token (xoxb-...) from your app's OAuth & Permissions page at api.slack.com/apps"
    )


def check_app_token(token: str) -> None:
    """Refuse a SLACK_APP_TOKEN that cannot be an app-level token, before asking Slack."""
    if token.startswith("xapp-") and _TOKEN_SHAPE.fullmatch(token):
        return
    raise SettingError(
        f"SLACK_APP_TOKEN is not an app-level token: {_describe(token)}. Make one under "
        "Basic Information -> App-Level Tokens with the connections:write scope (xapp-...), "
        "or unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET to use HTTP mode"
    )


def require_signing_secret(settings: Settings) -> None:
    """HTTP mode (and Lambda) cannot tell Slack's requests from forged ones without it."""
    if not settings.slack.signing_secret:
        raise SettingError(
            "SLACK_SIGNING_SECRET is not set: HTTP mode needs it to check that requests come "
            "from Slack (Basic Information -> App Credentials -> Signing Secret). Or set "
            "SLACK_APP_TOKEN (xapp-...) to use Socket Mode, which needs no public URL"
        )


def _describe(token: str) -> str:
    if token != token.strip(" \"'") or any(c.isspace() for c in token):
        return "it has quotes or spaces in it"
    kind = _KINDS.get(token[:4]) if token[4:5] == "-" else None
    if kind:
        return f"it is {kind} ({token[:4]}-...)"
    return "it does not have the shape of a Slack token"


def bot_user_id(settings: Settings) -> str:
    """The bot's user id from ``auth.test``: proves the API answers and takes the token."""
    check_bot_token(settings.slack.bot_token)
    probe = WebClient(
        token=settings.slack.bot_token, base_url=settings.slack.api_url, logger=_probe_log
    )
    return _ask(probe, "auth.test", settings, "SLACK_BOT_TOKEN", probe.auth_test).get("user_id", "")


def check_socket_mode(settings: Settings) -> None:
    """Ask Slack for a Socket Mode connection once, so a refused SLACK_APP_TOKEN is reported
    in words instead of by the Socket Mode client's retries."""
    token = settings.slack.app_token
    check_app_token(token)
    probe = WebClient(base_url=settings.slack.api_url, logger=_probe_log)
    _ask(
        probe,
        "apps.connections.open",
        settings,
        "SLACK_APP_TOKEN",
        lambda: probe.apps_connections_open(app_token=token),
    )


def _ask(client: WebClient, method: str, settings: Settings, setting: str, call: Callable):
    api = mask_url_passwords(settings.slack.api_url)
    try:
        return call()
    except SlackApiError as exc:
        data = exc.response.data if isinstance(exc.response.data, dict) else {}
        error = str(data.get("error") or "")
        status = exc.response.status_code
        if error in REFUSED_TOKEN:
            raise SlackStartError(
                f"Slack refused {setting} ({error}): it was revoked, mistyped, or the app was "
                f"uninstalled. {_where(setting)}"
            ) from None
        if error == "missing_scope":
            needed = data.get("needed") or "?"
            raise SlackStartError(
                f"{setting} lacks the scope {needed} ({method}): add it in the app's settings "
                "at api.slack.com/apps and reinstall the app"
            ) from None
        if not error or status >= 400 or "non-JSON" in error:
            raise SlackStartError(
                f"{api} does not answer {method} like the Slack Web API (HTTP {status}"
                f"{', ' + error[:80] if error else ''}): check SLACK_API_URL (unset, it is "
                "https://slack.com/api/)"
                + (
                    "; the bot did not start. Socket Mode needs Slack itself: unset "
                    "SLACK_APP_TOKEN to use HTTP mode"
                    if setting == "SLACK_APP_TOKEN"
                    else ""
                )
            ) from None
        raise SlackStartError(f"Slack answered {method} with {error!r} for {setting}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise SlackStartError(
            f"cannot reach the Slack Web API at {api} ({reason}): check the network and any "
            "proxy, or SLACK_API_URL if you set it; the bot did not start"
        ) from None
    except ValueError as exc:
        if "url" in str(exc).lower():  # urllib: "unknown url type"
            raise SettingError(
                f"SLACK_API_URL is not a URL ({api}): unset it for https://slack.com/api/"
            ) from None
        raise SlackStartError(
            f"{api} does not answer {method} like the Slack Web API ({_first_line(exc)}): "
            "check SLACK_API_URL (unset, it is https://slack.com/api/)"
        ) from None
    except SlackClientError as exc:
        raise SlackStartError(f"Slack's client refused {method} ({exc})") from None


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or ["?"])[0][:120]


def _where(setting: str) -> str:
    if setting == "SLACK_APP_TOKEN":
        return (
            "Make a new one under Basic Information -> App-Level Tokens (scope connections:write)"
        )
    return (
        "Copy the Bot User OAuth Token (xoxb-...) again from OAuth & Permissions; reinstall "
        "the app to your workspace if it is gone"
    )


def build_app(
    settings: Settings,
    engine: Engine,
    *,
    process_before_response: bool = False,
    schedules_changed: Callable[[], None] | None = None,
) -> App:
    """The Bolt app with every listener registered (nothing started); raises
    :class:`SlackStartError` or SettingError when Slack is unreachable or refuses the token."""
    bot_user = bot_user_id(settings)
    app = App(
        # Bolt names its per-request loggers after the app: not "workouts", whose level Bolt
        # would overwrite with the root's. Given, it also spares Bolt inspecting the stack.
        name=BOLT_APP,
        # The token goes to Bolt, which builds its client: given a client instead, Bolt reads
        # SLACK_BOT_TOKEN from the environment itself and warns that it is unused.
        token=settings.slack.bot_token,
        # Never None: Bolt would read SLACK_SIGNING_SECRET from the environment. Socket Mode
        # does not use it; HTTP mode refuses to start without it (require_signing_secret).
        signing_secret=settings.slack.signing_secret,
        process_before_response=process_before_response,
        token_verification_enabled=False,
        # Events retried by Slack are deduplicated by event id in the store instead.
        ignoring_self_events_enabled=True,
    )
    _configured(app.client, settings)
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
