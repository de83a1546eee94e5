"""The routing table: which Slack traffic goes to which handler.

Every route acks at once and does the work afterwards, so slash commands are acked well within
Slack's 3 seconds in every mode: on a server the work goes to ``workers`` (a small pool of its
own), on FaaS (no ``workers``) to Bolt's lazy listeners. Retried events are dropped by event id.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from concurrent.futures import Executor

from slack_bolt import App

from bot.slack import handlers, home, modals
from bot.slack.blocks import BUTTON_ACTION, FORM_ACTION
from bot.slack.forms import CALLBACK
from bot.slack.services import Services
from etl.db.claims import claim

log = logging.getLogger("workouts.slack")
Work = Callable[[dict, object, object], None]  # (body, client, respond)


def register(app: App, services: Services, *, workers: Executor | None = None) -> None:
    """Wire every listener of the bot to ``app``."""
    routes: tuple[tuple[Callable, Work], ...] = (
        (app.command("/workouts"), _command(services)),
        (app.event("app_mention"), _mention(services)),
        (app.event("message"), _message(services)),
        (app.event("file_shared"), _file_shared(services)),
        (app.event("app_home_opened"), _home(services)),
        (app.action(re.compile(rf"^{BUTTON_ACTION}_\d+$")), _action(services)),
    )
    for listen, work in routes:
        if workers is None:
            listen(ack=_ack, lazy=[work])
        else:
            listen(_handoff(work, workers))
    # Answered while Slack waits: a modal opens on a trigger id that lives 3 s, and a form's
    # field errors go back in the ack itself. Carrying a good form out is work like any other.
    app.action(re.compile(rf"^{FORM_ACTION}_\d+$"))(_open_form(services))
    submitted = _submitted(services)
    if workers is None:
        app.view(CALLBACK)(ack=_checked(services), lazy=[submitted])
    else:
        app.view(CALLBACK)(_checked_then(services, submitted, workers))


def _ack(ack) -> None:
    ack()


def _handoff(work: Work, workers: Executor) -> Callable:
    def handoff(ack, body, client, respond) -> None:
        ack()
        workers.submit(_logged, work, body, client, respond)

    return handoff


def _open_form(services: Services) -> Callable:
    def listener(ack, body, client) -> None:
        ack()
        try:
            modals.open_form(services, body=body, client=client)
        except Exception:  # the click is lost, not the app; say so in the log only
            log.exception("opening a form failed")

    return listener


def _checked(services: Services) -> Callable:
    def listener(ack, body) -> None:
        errors = modals.check_submission(services, body)
        ack(**errors) if errors else ack()

    return listener


def _checked_then(services: Services, work: Work, workers: Executor) -> Callable:
    check = _checked(services)

    def listener(ack, body, client) -> None:
        check(ack, body)
        if modals.check_submission(services, body) is None:
            workers.submit(_logged, work, body, client, None)

    return listener


def _submitted(services: Services) -> Work:
    def work(body, client, respond=None) -> None:
        modals.handle_submission(services, body=body, client=client)

    return work


def _logged(work: Work, body, client, respond) -> None:
    try:
        work(body, client, respond)
    except Exception:  # handlers report to the person; this is the last line of defence
        log.exception("slack %s failed", body.get("type") or body.get("command"))


def _command(services: Services) -> Work:
    def work(body, client, respond) -> None:
        handlers.handle_command(services, command=body, client=client, respond=respond)

    return work


def _mention(services: Services) -> Work:
    def work(body, client, respond) -> None:
        if _first_time(services, body):
            handlers.handle_mention(
                services, event=body["event"], team_id=body["team_id"], client=client
            )

    return work


def _message(services: Services) -> Work:
    def work(body, client, respond) -> None:
        event = body["event"]
        if (
            event.get("channel_type") == "im"
            and not event.get("subtype")
            and not event.get("bot_id")
        ):
            if _first_time(services, body):
                handlers.handle_direct_message(
                    services, event=event, team_id=body["team_id"], client=client
                )
        elif event.get("subtype") == "file_share" and _first_time(services, body):
            for shared in event.get("files", []):
                handlers.handle_file(
                    services,
                    file_id=shared["id"],
                    channel_id=event["channel"],
                    team_id=body["team_id"],
                    client=client,
                )

    return work


def _file_shared(services: Services) -> Work:
    def work(body, client, respond) -> None:
        event = body["event"]
        if _first_time(services, body):
            handlers.handle_file(
                services,
                file_id=event["file_id"],
                channel_id=event["channel_id"],
                team_id=body["team_id"],
                client=client,
            )

    return work


def _home(services: Services) -> Work:
    def work(body, client, respond) -> None:
        event = body["event"]
        if event.get("tab", "home") == "home" and _first_time(services, body):
            home.publish_home(services, client, body["team_id"], event["user"])

    return work


def _action(services: Services) -> Work:
    def work(body, client, respond) -> None:
        handlers.handle_action(services, body=body, client=client, respond=respond)

    return work


def _first_time(services: Services, body: dict) -> bool:
    """Slack retries slow events (X-Slack-Retry-Num): only the first delivery counts."""
    event_id = body.get("event_id")
    return event_id is None or claim(services.engine, f"slack-event:{event_id}")
