"""The HTTP endpoint ``/slack/events``: a threaded server handing each request to Bolt.

Bolt verifies every request's signature and refuses timestamps older than five minutes. Before
it sees a request, :func:`check_request` refuses what cannot be Slack's and what Bolt would
choke on (a timestamp that is not a number, a body that does not parse): 400 or 401 and one log
line, never a traceback. Lines about a client count against its allowance (bot.logs), so a
flood of forged requests cannot fill the log. A thread per request keeps acks fast when many
commands arrive at once.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from slack_bolt import App, BoltRequest, BoltResponse

from bot.logs import client_scope

PATH = "/slack/events"
MAX_BODY = 1024 * 1024
MAX_SKEW_S = 5 * 60  # Slack's own rule: a request older than five minutes may be a replay
SLACK_TYPES = ("application/json", "application/x-www-form-urlencoded")
IDLE_TIMEOUT_S = 15  # a client that stops sending mid-request does not hold a thread for ever
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
log = logging.getLogger("workouts.slack")


@dataclass(frozen=True)
class Refusal:
    """Why a request was refused: the HTTP status and the reason for the log (no request data
    beyond its shape)."""

    status: int
    reason: str


def check_request(
    headers: Mapping[str, str], body: str, *, now: float | None = None
) -> Refusal | None:
    """Refuse a request that cannot be Slack's before Bolt sees it (None: hand it to Bolt, which
    checks the signature itself). ``headers`` have lower-case names."""
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    if not kind:
        return Refusal(400, "no Content-Type")
    if kind not in SLACK_TYPES:
        return Refusal(400, f"content type {kind[:40]!r} is not one Slack sends")
    stamp = headers.get("x-slack-request-timestamp")
    if stamp is None:
        return Refusal(401, "no X-Slack-Request-Timestamp (not signed)")
    if not _TIMESTAMP.fullmatch(stamp):
        return Refusal(401, "X-Slack-Request-Timestamp is not a number")
    clock = time.time() if now is None else now
    if abs(clock - int(stamp)) > MAX_SKEW_S:
        return Refusal(401, "X-Slack-Request-Timestamp is more than 5 minutes off (a replay?)")
    signature = headers.get("x-slack-signature")
    if signature is None:
        return Refusal(401, "no X-Slack-Signature (not signed)")
    if not _SIGNATURE.fullmatch(signature):
        return Refusal(401, "X-Slack-Signature is not a v0 signature")
    return _body_problem(kind, body)


def _body_problem(kind: str, body: str) -> Refusal | None:
    # Bolt parses the body when it builds its request, before checking the signature, and a
    # parse error there would be a 500 with a traceback.
    try:
        request = BoltRequest(body=body, headers={"content-type": [kind]})
    except Exception:
        return Refusal(400, "the body does not parse as " + kind)
    if not isinstance(request.body, dict):
        return Refusal(400, "the body is not a JSON object")
    return None


def refused(refusal: Refusal, client: str | None) -> None:
    """Log one line about a refused request."""
    log.warning(
        "refused a request from %s: %s (HTTP %s)", client or "?", refusal.reason, refusal.status
    )


def dispatch(
    app: App, headers: dict[str, list[str]], body: str, client: str | None
) -> BoltResponse:
    """Hand a checked request to Bolt; a failure is one log line and a 500, and Bolt's 401 for
    a signature that does not match is logged like the other refusals."""
    try:
        response = app.dispatch(BoltRequest(body=body, headers=headers))
    except Exception:  # a bug in a listener or Bolt: the client gets no details
        log.exception("a Slack request from %s failed", client or "?")
        return BoltResponse(status=500, body="")
    if response.status == 401:
        refused(Refusal(401, "the signature does not match"), client)
    return response


def make_server(app: App, *, host: str = "0.0.0.0", port: int = 3000) -> ThreadingHTTPServer:
    """A server for ``app`` on ``host:port`` (port 0: any free port); call serve_forever()."""

    class Handler(BaseHTTPRequestHandler):
        timeout = IDLE_TIMEOUT_S

        def handle(self) -> None:
            with client_scope(self.client_address[0]):
                super().handle()

        def do_POST(self) -> None:
            client = self.client_address[0]
            if self.path.split("?")[0] != PATH:
                self._refuse(Refusal(404, f"no such path {self.path[:80]!r}"))
                return
            length = self._content_length()
            if isinstance(length, Refusal):
                self._refuse(length)
                return
            raw = self.rfile.read(length)
            if len(raw) < length:
                self._refuse(Refusal(400, "the body is shorter than its Content-Length"))
                return
            try:
                body = raw.decode("utf-8")
            except UnicodeDecodeError:
                self._refuse(Refusal(400, "the body is not UTF-8"))
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            refusal = check_request(headers, body)
            if refusal is not None:
                self._refuse(refusal)
                return
            response = dispatch(app, {k: [v] for k, v in headers.items()}, body, client)
            self._send(response.status, response.body.encode(), response.headers)

        def do_GET(self) -> None:
            if self.path == "/healthz":
                self._send(200, b"ok", {})
            else:
                self._refuse(Refusal(404, f"no such path {self.path[:80]!r}"))

        def _content_length(self) -> int | Refusal:
            if self.headers.get("Transfer-Encoding"):
                return Refusal(400, "a chunked body (Slack sends a Content-Length)")
            text = self.headers.get("Content-Length")
            if text is None:
                return Refusal(400, "no Content-Length")
            if not text.strip().isascii() or not text.strip().isdigit():
                return Refusal(400, "Content-Length is not a number")
            if int(text) > MAX_BODY:
                # Not read: the connection is closed instead of draining a large body.
                self.close_connection = True
                return Refusal(413, f"a body of {int(text):,} bytes (the limit is {MAX_BODY:,})")
            return int(text)

        def _refuse(self, refusal: Refusal) -> None:
            refused(refusal, self.client_address[0])
            self._send(refusal.status, refusal.reason.encode(), {"Content-Type": "text/plain"})

        def _send(self, status: int, body: bytes, headers: dict) -> None:
            self.send_response(status)
            for name, values in headers.items():
                if name.lower() == "content-length":
                    continue
                for value in values if isinstance(values, list) else [values]:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_request(self, code="-", size="-") -> None:  # requests are not news
            log.debug('"%s" %s', self.requestline[:200], code)

        def log_error(self, format: str, *args) -> None:
            # A request line or headers http.server could not read (it answers 400, 414, 431 or
            # 501 itself), or a client that went quiet.
            log.warning("refused a request from %s: %s", self.client_address[0], format % args)

    server = _Server((host, port), Handler)
    server.daemon_threads = True
    return server


class _Server(ThreadingHTTPServer):
    # The default listen backlog of 5 makes a burst of commands wait a second for a TCP retry.
    request_queue_size = 128

    def handle_error(self, request, client_address) -> None:
        """One line instead of socketserver's traceback on stderr."""
        error = sys.exc_info()[1]
        with client_scope(client_address[0]):
            if isinstance(error, TimeoutError):
                log.warning(
                    "a request from %s stalled for %s s and was dropped",
                    client_address[0],
                    IDLE_TIMEOUT_S,
                )
            elif isinstance(error, ConnectionError):  # the client hung up: not news
                log.info("a request from %s broke off (%s)", client_address[0], error)
            else:
                log.error("a request from %s failed", client_address[0], exc_info=True)
