"""Hostile traffic at the bot's real HTTP endpoint (talking to the Slack emulator): every
malformed or forged request is refused with 400, 401 (or 413 for a body over the limit) and
one log line without a traceback or a secret, and one client cannot fill the log."""

from __future__ import annotations

import http.client
import io
import json
import logging
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

import bot.logs as logs
from bot.logs import ClientLimiter, configure
from bot.slack.emulator import BOT_TOKEN, free_port, sign
from tests.bot.conftest import SECRET

FORM = "application/x-www-form-urlencoded"
BODY = "command=%2Fworkouts&text=records&team_id=T1&user_id=U1&channel_id=C1"
ZERO_SIGNATURE = "v0=" + "0" * 64


@pytest.fixture
def log_lines():
    """The one-line log in a buffer, with a fresh per-client allowance; put back afterwards."""
    root = logging.getLogger()
    saved = list(root.handlers), root.level, threading.excepthook, logs._secrets
    buffer = io.StringIO()
    configure(debug=False, secrets=[SECRET, BOT_TOKEN], stream=buffer, limiter=ClientLimiter())
    yield buffer
    root.handlers[:], root.level = saved[0], saved[1]
    threading.excepthook, logs._secrets = saved[2], saved[3]
    logging.captureWarnings(False)


def _signed(body: str, content_type: str = FORM, **extra) -> tuple[bytes, dict]:
    return body.encode(), {"Content-Type": content_type, **sign(SECRET, body), **extra}


def _forgery(name: str) -> tuple[bytes, dict, int]:
    """A hostile request: (body, headers, the status it must get)."""
    now = int(time.time())
    stamp = {"Content-Type": FORM, "X-Slack-Signature": ZERO_SIGNATURE}
    cases = {
        "timestamp abc": (BODY.encode(), {**stamp, "X-Slack-Request-Timestamp": "abc"}, 401),
        "timestamp missing": (BODY.encode(), stamp, 401),
        "timestamp negative": (BODY.encode(), {**stamp, "X-Slack-Request-Timestamp": "-5"}, 401),
        # int() would take it; Slack never sends it.
        "timestamp with underscores": (
            BODY.encode(),
            {**stamp, "X-Slack-Request-Timestamp": f"{now:_}"},
            401,
        ),
        "timestamp stale": (
            BODY.encode(),
            {"Content-Type": FORM, **sign(SECRET, BODY, timestamp=now - 6 * 60)},
            401,
        ),
        "timestamp in the future": (
            BODY.encode(),
            {"Content-Type": FORM, **sign(SECRET, BODY, timestamp=now + 3600)},
            401,
        ),
        "signature missing": (
            BODY.encode(),
            {"Content-Type": FORM, "X-Slack-Request-Timestamp": str(now)},
            401,
        ),
        "signature malformed": (
            BODY.encode(),
            {
                "Content-Type": FORM,
                "X-Slack-Request-Timestamp": str(now),
                "X-Slack-Signature": "v0=<script>",
            },
            401,
        ),
        "signature wrong": (
            BODY.encode(),
            {"Content-Type": FORM, **sign("not-the-secret", BODY)},
            401,
        ),
        "content type wrong": (*_signed(BODY, "text/plain"), 400),
        "content type missing": (BODY.encode(), sign(SECRET, BODY), 400),
        "body not JSON": (*_signed('{"type": "event_callback", ', "application/json"), 400),
        "body a JSON list": (*_signed("[1, 2, 3]", "application/json"), 400),
        "payload not JSON": (*_signed("payload=%7Bnot+json", FORM), 400),
        "body not UTF-8": (b"text=\xff\xfe", {"Content-Type": FORM, **sign(SECRET, "x")}, 400),
        "content length not a number": (b"", {"Content-Type": FORM, "Content-Length": "abc"}, 400),
        "content length negative": (b"", {"Content-Type": FORM, "Content-Length": "-1"}, 400),
        "content length missing": (b"", {"Content-Type": FORM}, 400),
        # Not read: the server answers at once and closes the connection.
        "body over the limit": (b"", {"Content-Type": FORM, "Content-Length": "2000000"}, 413),
    }
    return cases[name]


FORGERIES = [
    "timestamp abc",
    "timestamp missing",
    "timestamp negative",
    "timestamp with underscores",
    "timestamp stale",
    "timestamp in the future",
    "signature missing",
    "signature malformed",
    "signature wrong",
    "content type wrong",
    "content type missing",
    "body not JSON",
    "body a JSON list",
    "payload not JSON",
    "body not UTF-8",
    "content length not a number",
    "content length negative",
    "content length missing",
    "body over the limit",
]


def _send(url: str, body: bytes, headers: dict) -> int:
    """POST exactly these bytes and headers (no Content-Length added when one is given)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest("POST", parts.path, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        given = any(name.lower() in ("content-length", "transfer-encoding") for name in headers)
        if body and not given:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body or None)
        return connection.getresponse().status
    finally:
        connection.close()


def _raw(url: str, data: bytes) -> int:
    """Write raw bytes to the server and return the status it answers with."""
    parts = urllib.parse.urlsplit(url)
    answer = b""
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(data)
        while chunk := sock.recv(4096):  # all of it: a hang-up mid-answer is a line of its own
            answer += chunk
    return int(answer.decode("latin-1").split()[1])


def _check_one_line(buffer: io.StringIO, status: int) -> str:
    text = buffer.getvalue()
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert lines[0].startswith("workouts: WARNING refused a request from 127.0.0.1: ")
    assert "Traceback" not in text
    assert SECRET not in text and BOT_TOKEN not in text
    if status:
        assert f"(HTTP {status})" in lines[0]
    return lines[0]


@pytest.mark.parametrize("name", FORGERIES)
def test_a_forged_or_malformed_request_is_refused_in_one_line(bot, log_lines, name):
    body, headers, status = _forgery(name)
    assert _send(bot.url, body, headers) == status
    _check_one_line(log_lines, status)


def test_a_non_numeric_timestamp_says_so(bot, log_lines):
    assert _send(bot.url, *_forgery("timestamp abc")[:2]) == 401
    assert "X-Slack-Request-Timestamp is not a number" in _check_one_line(log_lines, 401)


@pytest.mark.parametrize(
    ("data", "status"),
    [
        (b"POST /slack/\x1b[31mevents extra HTTP/1.1\r\n\r\n", 400),  # not a request line
        (b"POST /slack/events HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        (b"PUT /slack/events HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 501),
        (b"POST /elsewhere HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 404),
    ],
)
def test_what_is_not_even_http_for_slack_is_one_line_too(bot, log_lines, data, status):
    assert _raw(bot.url, data) == status
    # http.server answers some of these itself: its line says the code, not "(HTTP n)".
    line = _check_one_line(log_lines, 0)
    assert str(status) in line


def test_debug_off_keeps_bolts_own_chatter_out(bot, log_lines):
    body, headers, _ = _forgery("signature wrong")
    assert _send(bot.url, body, headers) == 401
    assert "Invalid request signature" not in log_lines.getvalue()
    assert "the signature does not match" in _check_one_line(log_lines, 401)


def test_a_flood_from_one_client_is_rate_limited(bot, log_lines):
    for n in range(3 * logs.PER_CLIENT):
        body, headers, status = _forgery(FORGERIES[n % 9])  # the 401s
        assert _send(bot.url, body, headers) == status, "every request is still answered"
    lines = log_lines.getvalue().splitlines()
    refused = [line for line in lines if "refused a request" in line]
    assert len(refused) == logs.PER_CLIENT
    assert lines[-1] == (
        f"workouts: WARNING client 127.0.0.1: more than {logs.PER_CLIENT} log lines within 60 s; "
        "its further lines are suppressed until the minute is over"
    )
    assert len(lines) == logs.PER_CLIENT + 1


def test_a_genuine_request_still_gets_through(bot, log_lines):
    body = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "legacy"})
    assert _send(bot.url, *_signed(body, "application/json")) == 200
    assert log_lines.getvalue() == ""


def _read_lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line.rstrip("\n"))
    into.put(None)


def test_the_serve_command_stays_quiet_under_attack(emulator, tmp_path):
    """``workouts serve`` as an operator runs it (tokens in the environment, debug off): the
    only lines are its start, one per forged request up to the allowance, one "suppressed"."""
    port = free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": emulator.api_url,
        "WORKOUTS_DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "WORKOUTS_DATA_DIR": str(tmp_path),
    }
    for name in ("WORKOUTS_DEBUG", "SLACK_APP_TOKEN"):
        env.pop(name, None)
    script = Path(sys.executable).with_name("workouts")
    process = subprocess.Popen(
        [str(script), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_read_lines, args=(process.stderr, lines), daemon=True).start()
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while not any("listening on" in line for line in seen):
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line is not None, f"serve stopped: {seen}"
            seen.append(line)
        url = f"http://127.0.0.1:{port}/slack/events"
        for n in range(2 * logs.PER_CLIENT):
            body, headers, status = _forgery(FORGERIES[n % len(FORGERIES)])
            assert _send(url, body, headers) == status
    finally:
        process.send_signal(signal.SIGINT)
        status = process.wait(timeout=30)
    while (line := lines.get(timeout=10)) is not None:
        seen.append(line)
    text = "\n".join(seen)
    assert status == 130
    assert "Traceback" not in text
    assert "As you gave `client`" not in text
    assert BOT_TOKEN not in text and SECRET not in text
    assert all(line.startswith("workouts: ") for line in seen), text
    assert (
        seen[0]
        == f"workouts: WARNING workouts bot: listening on http://0.0.0.0:{port}/slack/events"
    )
    assert sum("refused a request" in line for line in seen) == logs.PER_CLIENT
    assert sum("suppressed" in line for line in seen) == 1
