"""The routing table: which Slack traffic goes to which handler.

Every route acks at once and does the work in a lazy listener, so slash commands are acked well
within Slack's 3 seconds in every mode (HTTP, Socket Mode, Lambda). Retried events are
dropped by event id in the store.
"""

from __future__ import annotations

from slack_bolt import App

from bot.slack import handlers
from bot.slack.services import Services
from etl.db.claims import claim


def register(app: App, services: Services) -> None:
    """Wire every listener of the bot to ``app``."""

    def ack_now(ack) -> None:
        ack()

    def command(command, client, respond) -> None:
        handlers.handle_command(services, command=command, client=client, respond=respond)

    def mention(body, event, client) -> None:
        if _first_time(services, body):
            handlers.handle_mention(services, event=event, team_id=body["team_id"], client=client)

    def message(body, event, client) -> None:
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

    def file_shared(body, event, client) -> None:
        if _first_time(services, body):
            handlers.handle_file(
                services,
                file_id=event["file_id"],
                channel_id=event["channel_id"],
                team_id=body["team_id"],
                client=client,
            )

    app.command("/workouts")(ack=ack_now, lazy=[command])
    app.event("app_mention")(ack=ack_now, lazy=[mention])
    app.event("message")(ack=ack_now, lazy=[message])
    app.event("file_shared")(ack=ack_now, lazy=[file_shared])


def _first_time(services: Services, body: dict) -> bool:
    """Slack retries slow events (X-Slack-Retry-Num): only the first delivery counts."""
    event_id = body.get("event_id")
    return event_id is None or claim(services.engine, f"slack-event:{event_id}")
