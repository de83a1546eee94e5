"""The HTTP endpoint ``/slack/events``: a threaded server handing each request to Bolt.

Bolt verifies every request's signature and refuses timestamps older than five minutes. A
thread per request keeps acks fast when many commands arrive at once.
"""

from __future__ import annotations

import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from slack_bolt import App, BoltRequest

PATH = "/slack/events"
MAX_BODY = 1024 * 1024
log = logging.getLogger("workouts.slack")


def make_server(app: App, *, host: str = "0.0.0.0", port: int = 3000) -> ThreadingHTTPServer:
    """A server for ``app`` on ``host:port`` (port 0: any free port); call serve_forever()."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            if self.path.split("?")[0] != PATH:
                self._send(404, b"not found", {})
                return
            size = int(self.headers.get("Content-Length") or 0)
            if size > MAX_BODY:
                self._send(413, b"request too large", {})
                return
            body = self.rfile.read(size).decode("utf-8", errors="replace")
            headers = {k.lower(): [v] for k, v in self.headers.items()}
            response = app.dispatch(BoltRequest(body=body, headers=headers))
            self._send(response.status, response.body.encode(), response.headers)

        def do_GET(self) -> None:
            self._send(200 if self.path == "/healthz" else 404, b"ok", {})

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

        def log_message(self, format: str, *args) -> None:  # requests are not news
            log.debug(format, *args)

    server = _Server((host, port), Handler)
    server.daemon_threads = True
    return server


class _Server(ThreadingHTTPServer):
    # The default listen backlog of 5 makes a burst of commands wait a second for a TCP retry.
    request_queue_size = 128
