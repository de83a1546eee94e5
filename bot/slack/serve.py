"""``workouts serve``: Socket Mode when an app token is set, else the HTTP endpoint."""

from __future__ import annotations

import logging

from sqlalchemy.engine import Engine

from bot.slack.app import build_app, web_client
from bot.slack.briefings.poster import Runtime
from bot.slack.briefings.scheduler import BriefingScheduler
from bot.slack.http_server import PATH, make_server
from etl.errors import SettingError
from etl.settings import Settings

log = logging.getLogger("workouts.slack")


def serve(settings: Settings, engine: Engine, *, port: int) -> None:
    """Run the bot until interrupted."""
    slack = settings.slack
    if not slack.bot_token:
        raise SettingError("SLACK_BOT_TOKEN is not set: see README, 'Connect to Slack'.")
    if not (slack.app_token or slack.signing_secret):
        raise SettingError("set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP).")
    scheduler = BriefingScheduler(Runtime(engine, web_client(settings), settings.units))
    scheduler.start()
    app = build_app(settings, engine, schedules_changed=scheduler.sync)
    if slack.app_token:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.warning("workouts bot: Socket Mode")
        SocketModeHandler(app, slack.app_token).start()
        return
    server = make_server(app, port=port)
    log.warning("workouts bot: listening on http://0.0.0.0:%s%s", server.server_port, PATH)
    try:
        server.serve_forever()
    finally:
        server.server_close()
