"""``workouts serve``: Socket Mode when an app token is set, else the HTTP endpoint.

Everything that can be wrong with the surroundings is checked before the bot starts (the
tokens' shapes, Slack answering and taking them, the signing secret in HTTP mode, the port),
and each problem is one :class:`~etl.errors.WorkoutsError` naming the setting and what to do.
The briefing scheduler starts last, so a bot that cannot start posts nothing.
"""

from __future__ import annotations

import errno
import logging

from sqlalchemy.engine import Engine

from bot.slack.app import (
    build_app,
    check_app_token,
    check_bot_token,
    check_socket_mode,
    require_signing_secret,
    web_client,
)
from bot.slack.briefings.poster import Runtime
from bot.slack.briefings.scheduler import BriefingScheduler
from bot.slack.http_server import PATH, make_server
from etl.errors import SettingError
from etl.settings import Settings

log = logging.getLogger("workouts.slack")


def serve(settings: Settings, engine: Engine, *, port: int) -> None:
    """Run the bot until interrupted."""
    slack = settings.slack
    # The settings first, in the order a person fills them in; then Slack itself.
    check_bot_token(slack.bot_token)
    if slack.app_token:
        check_app_token(slack.app_token)
    else:
        require_signing_secret(settings)
        if not 0 <= port <= 65535:
            raise SettingError(f"--port {port} is not a TCP port: use 1 to 65535 (default 3000)")
    scheduler = BriefingScheduler(Runtime(engine, web_client(settings), settings.units))
    app = build_app(settings, engine, schedules_changed=scheduler.sync)
    if slack.app_token:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        check_socket_mode(settings)
        scheduler.start()
        log.warning("workouts bot: Socket Mode")
        try:
            SocketModeHandler(app, slack.app_token).start()
        finally:
            scheduler.shutdown()
        return
    server = _bind(app, port)
    scheduler.start()
    log.warning("workouts bot: listening on http://0.0.0.0:%s%s", server.server_port, PATH)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        scheduler.shutdown()


def _bind(app, port: int):
    try:
        return make_server(app, port=port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            why = "another program already listens there"
            what = "stop it, or choose another port with --port"
        elif exc.errno == errno.EACCES:
            why = "ports below 1024 need privileges"
            what = "use a port from 1024 up (the default is 3000) behind your proxy"
        else:
            why, what = exc.strerror or str(exc), "choose another port with --port"
        raise SettingError(f"cannot listen on port {port}: {why}; {what}") from None
