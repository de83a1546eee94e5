"""A real Slack round trip: the Web API emulator, the bot's real HTTP endpoint, and Slack's side
played by signed requests. The emulator must run in CI (CI=true): missing, the tests fail."""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from slack_sdk import WebClient

from bot.slack.emulator import (
    BOT_TOKEN,
    USER_TOKEN,
    EmulatorMissing,
    channel_id,
    sign,
    start_emulator,
    start_local_bot,
)

SECRET = "test-signing-secret"
REQUIRED = (
    os.environ.get("CI", "").lower() == "true" or os.environ.get("WORKOUTS_REQUIRE_SLACK") == "1"
)


@pytest.fixture(scope="session")
def emulator():
    try:
        emu = start_emulator()
    except EmulatorMissing as exc:
        if REQUIRED:
            pytest.fail(str(exc))
        pytest.skip(f"{exc} (the Slack end-to-end tests need it)")
    yield emu
    emu.stop()


@dataclass
class Bot:
    """The running bot and the people and places of the test workspace."""

    url: str
    engine: object
    bot: WebClient
    alice: WebClient
    bob: WebClient
    team: str
    alice_id: str
    bob_id: str
    channel: str

    def post(self, body: str, content_type: str, headers: dict | None = None, signed=True):
        """POST to the bot's endpoint as Slack would; returns (status, body, seconds)."""
        all_headers = {"Content-Type": content_type, **(sign(SECRET, body) if signed else {})}
        all_headers.update(headers or {})
        request = urllib.request.Request(self.url, data=body.encode(), headers=all_headers)
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode(), time.perf_counter() - start
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(), time.perf_counter() - start

    def slash(self, text: str, *, user: str | None = None, response_url: str = "", **headers):
        form = {
            "command": "/workouts",
            "text": text,
            "team_id": self.team,
            "user_id": user or self.alice_id,
            "channel_id": self.channel,
            "response_url": response_url or "http://127.0.0.1:9/unused",
            "trigger_id": "1.2.3",
        }
        return self.post(urllib.parse.urlencode(form), "application/x-www-form-urlencoded", headers)

    def click(self, message: dict, reply: str, *, user: str | None = None, response_url=""):
        """Click the button of ``message`` whose reply is ``reply`` ("yes", "2"), as Slack
        posts a block_actions interaction; returns the POST's (status, body, seconds)."""
        from bot.slack.blocks import read_button_value

        buttons = [
            element
            for block in message.get("blocks", [])
            if block.get("type") == "actions"
            for element in block["elements"]
        ]
        button = next(b for b in buttons if read_button_value(b["value"])[0] == reply)
        who = user or self.alice_id
        payload = {
            "type": "block_actions",
            "user": {"id": who, "team_id": self.team},
            "team": {"id": self.team},
            "channel": {"id": message["channel"]},
            "container": {
                "type": "message",
                "message_ts": message["ts"],
                "channel_id": message["channel"],
                "is_ephemeral": False,
            },
            "message": message,
            "actions": [
                {
                    "type": "button",
                    "action_id": button["action_id"],
                    "block_id": "workouts_replies",
                    "value": button["value"],
                    "action_ts": f"{time.time():.6f}",
                }
            ],
            "response_url": response_url or "http://127.0.0.1:9/unused",
            "trigger_id": "1.2.3",
            "api_app_id": "A1",
        }
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        return self.post(body, "application/x-www-form-urlencoded")

    def interact(self, payload: dict):
        """POST an interaction payload (block_actions, view_submission) as Slack does, signed;
        returns the POST's (status, body, seconds)."""
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        return self.post(body, "application/x-www-form-urlencoded")

    def trigger(self, user: str) -> str:
        """A fresh trigger id for ``user``, as a click gives one (the emulator makes it)."""
        return self.bot.api_call("views.generateTriggerId", params={"user_id": user})["trigger_id"]

    def share(self, content, name: str, *, event_id: str) -> tuple[dict, dict, str]:
        """Bob uploads a file to the channel and Slack tells the bot: the file, the event and
        the sharing message's ts (the thread the bot answers in)."""
        uploaded = self.bob.files_upload_v2(channel=self.channel, content=content, filename=name)
        file = uploaded["files"][0]
        share_ts = file["shares"]["public"][self.channel][0]["ts"]
        event = {
            "type": "file_shared",
            "file_id": file["id"],
            "user_id": self.bob_id,
            "channel_id": self.channel,
            "event_ts": share_ts,
        }
        status, _, seconds = self.event(event, event_id=event_id)
        assert status == 200 and seconds < 3, "acknowledged at once"
        return file, event, share_ts

    def event(self, event: dict, *, event_id: str, retry: int | None = None):
        envelope = {
            "type": "event_callback",
            "team_id": self.team,
            "api_app_id": "A1",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
        }
        headers = (
            {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
            if retry
            else {}
        )
        return self.post(json.dumps(envelope), "application/json", headers)

    def history(self, channel: str | None = None, thread: str | None = None) -> list[dict]:
        """The channel's messages, or a thread's replies (without its parent)."""
        where = channel or self.channel
        if thread:
            replies = self.bot.conversations_replies(channel=where, ts=thread)["messages"]
            return [m for m in replies if m.get("ts") != thread]
        return self.bot.conversations_history(channel=where, limit=200)["messages"]

    def wait_for(self, predicate, *, channel=None, thread=None, timeout: float = 60) -> list[dict]:
        """Poll until some message satisfies ``predicate``; return all the messages seen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = self.history(channel, thread)
            if any(predicate(m) for m in messages):
                return messages
            time.sleep(0.3)
        last = self.history(channel, thread)[:3]
        raise AssertionError(f"nothing arrived in time; last messages: {last}")


@pytest.fixture(scope="module")
def bot(emulator, tmp_path_factory):
    local = start_local_bot(emulator, tmp_path_factory.mktemp("slackbot"), secret=SECRET)
    bot = WebClient(token=BOT_TOKEN, base_url=emulator.api_url)
    alice = WebClient(token=USER_TOKEN, base_url=emulator.api_url)
    bob = WebClient(token="xoxp-bob", base_url=emulator.api_url)
    channel = channel_id(bot, "workouts")
    who = alice.auth_test()
    yield Bot(
        local.url,
        local.engine,
        bot,
        alice,
        bob,
        who["team_id"],
        who["user_id"],
        bob.auth_test()["user_id"],
        channel,
    )
    local.stop()


@pytest.fixture
def sink():
    """A stand-in for Slack's response_url: collects what the bot posts there."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            size = int(self.headers.get("Content-Length") or 0)
            received.append(json.loads(self.rfile.read(size)))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/response", received
    server.shutdown()


# A local language model server, stubbed (tests/bot/language/test_llm.py, the conversation).


@dataclass
class Stub:
    """A chat-completions endpoint that records requests and plays the reply it is given."""

    url: str = ""
    content: str = ""
    status: int = 200
    delay: float = 0.0
    body: bytes | None = None  # the whole response body, instead of a chat completion
    headers: dict = field(default_factory=dict)
    requests: list = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def reply(self, reading) -> None:
        """Answer with ``reading`` as the message content (a dict is sent as JSON)."""
        self.content = reading if isinstance(reading, str) else json.dumps(reading)


@pytest.fixture
def stub() -> Iterator[Stub]:
    state = Stub()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            state.requests.append(
                {"path": self.path, "headers": dict(self.headers), "body": self.rfile.read(length)}
            )
            if state.delay:
                state.release.wait(state.delay)  # set at teardown so no thread lingers
            if state.body is not None:
                payload = state.body
            else:
                message = {"role": "assistant", "content": state.content}
                payload = json.dumps(
                    {"object": "chat.completion", "choices": [{"index": 0, "message": message}]}
                ).encode()
            try:
                self.send_response(state.status)
                for name, value in state.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up at its deadline, as it should

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # A short poll keeps shutdown quick (the default waits up to half a second per test).
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
