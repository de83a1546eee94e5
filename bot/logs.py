"""Logging for entry points: one line per problem, secrets masked, tracebacks only when asked.

Every logger (the project's ``workouts``, Slack's ``slack_bolt`` and ``slack_sdk``, APScheduler,
SQLAlchemy, Alembic, Python's warnings and uncaught exceptions in threads) reaches one handler on
the root logger. Without ``WORKOUTS_DEBUG`` it writes warnings and errors, each as one line
without its traceback (the exception's type and first line are kept), with control characters
escaped so that text from a request cannot forge lines. With it, the project logs at DEBUG, the
libraries at INFO, and tracebacks are shown. Both ways, tokens (``xoxb-``, ``xoxp-``, ``xapp-``
...), the configured secrets and passwords in URLs are masked.

What remote clients cause is rate-limited per client: code handling a request runs inside
:func:`client_scope`, and every line logged there counts against that client's allowance
(:class:`ClientLimiter`); the first line over it says that the rest are suppressed.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TextIO

from etl.db.urls import mask_url_passwords, url_password
from etl.settings import Settings

MAX_LINE = 500  # characters of one log line without debug; the rest is cut
PER_CLIENT = 10  # lines a minute one remote client may cause
ALL_CLIENTS = 100  # lines a minute all remote clients together may cause
WINDOW_S = 60.0
BOLT_APP = "workouts-bot"  # the Bolt app's name, which Bolt also gives its per-request loggers
_MIN_SECRET = 4  # shorter configured "secrets" would mask ordinary words

_TOKENS = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")
_BEARER = re.compile(r"(?i)\b(bearer\s+)[^\s'\",]+")
# token=... in form bodies and query strings, "token": "..." in JSON and dicts.
_SECRET_NAMES = r"(?:token|signing_secret|client_secret|password|passwd|secret)"
_NAMED = re.compile(rf"(?i)(\b{_SECRET_NAMES}=)[^\s&'\",}}]+")
_QUOTED = re.compile(rf"(?i)(['\"]{_SECRET_NAMES}['\"]\s*:\s*['\"])[^'\"]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
_client: ContextVar[str | None] = ContextVar("workouts_log_client", default=None)
_secrets: tuple[str, ...] = ()


def mask(text: str) -> str:
    """``text`` with every secret replaced by ``***``: Slack tokens, bearer tokens, named
    secrets (``token=...``), passwords in URLs and the values given to :func:`configure`."""
    for secret in _secrets:
        text = text.replace(secret, "***")
    text = _TOKENS.sub(r"\1-***", text)
    text = _BEARER.sub(r"\1***", text)
    text = _NAMED.sub(r"\1***", text)
    text = _QUOTED.sub(r"\1***", text)
    return mask_url_passwords(text)


def secrets_of(settings: Settings) -> list[str]:
    """The configured secrets, so they are masked wherever they turn up in a log or message."""
    slack = settings.slack
    found = [slack.bot_token, slack.app_token, slack.signing_secret]
    found.append(url_password(settings.database_url))
    return [s for s in found if s]


@contextmanager
def client_scope(address: str | None) -> Iterator[None]:
    """Count the lines logged in this block (in this thread) against remote client
    ``address``, so that one client cannot fill the log."""
    token = _client.set(address)
    try:
        yield
    finally:
        _client.reset(token)


class ClientLimiter:
    """At most ``per_client`` lines per ``window_s`` from one client and ``overall`` from all
    clients together; the first line over a limit becomes a notice, later ones are dropped."""

    MAX_CLIENTS = 10_000  # clients remembered at once; beyond, expired ones are forgotten

    def __init__(
        self,
        *,
        per_client: int = PER_CLIENT,
        overall: int = ALL_CLIENTS,
        window_s: float = WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_client, self.overall, self.window_s, self.clock = (
            per_client,
            overall,
            window_s,
            clock,
        )
        self._lock = threading.Lock()
        self._clients: dict[str, list[float]] = {}  # client -> [window start, lines]
        self._all = [0.0, 0]

    def admit(self, client: str) -> str | None:
        """ "log", "notice" (the first line over a limit: say so) or None (drop it)."""
        with self._lock:
            now = self.clock()
            if now - self._all[0] >= self.window_s:
                self._all = [now, 0]
            entry = self._clients.get(client)
            if entry is None or now - entry[0] >= self.window_s:
                self._forget_expired(now)
                entry = self._clients[client] = [now, 0]
            entry[1] += 1
            self._all[1] += 1
            if entry[1] <= self.per_client and self._all[1] <= self.overall:
                return "log"
            if entry[1] == self.per_client + 1 or self._all[1] == self.overall + 1:
                return "notice"
            return None

    def notice(self, client: str) -> str:
        """The line that replaces the first one over a limit."""
        with self._lock:
            over_client = self._clients.get(client, [0, 0])[1] > self.per_client
        if over_client:
            return (
                f"client {client}: more than {self.per_client} log lines within "
                f"{self.window_s:g} s; its further lines are suppressed until the minute is over"
            )
        return (
            f"more than {self.overall} log lines from remote clients within {self.window_s:g} s; "
            "further ones are suppressed until the minute is over"
        )

    def _forget_expired(self, now: float) -> None:
        if len(self._clients) < self.MAX_CLIENTS:
            return
        for client, (start, _) in list(self._clients.items()):
            if now - start >= self.window_s:
                del self._clients[client]
        if len(self._clients) >= self.MAX_CLIENTS:  # all active: the overall limit still holds
            self._clients.clear()


class OneLineFormatter(logging.Formatter):
    """``workouts: LEVEL message`` (other libraries' lines name their logger), masked. Without
    debug: one line, no traceback, control characters escaped, at most MAX_LINE characters."""

    def __init__(self, *, debug: bool) -> None:
        super().__init__()
        self.debug = debug

    def format(self, record: logging.LogRecord) -> str:
        """The record as the line (or, in debug, the lines) to write."""
        message = record.getMessage()
        source = "" if record.name.split(".")[0] in ("workouts", "root") else f"({record.name}) "
        head = f"workouts: {record.levelname} {source}"
        if self.debug:
            text = head + message
            if record.exc_info:
                text += "\n" + self.formatException(record.exc_info)
            if record.stack_info:
                text += "\n" + self.formatStack(record.stack_info)
            return _escape(mask(text))
        lines = message.strip().splitlines() or [""]
        text = lines[0]
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None:
            detail = str(exc).strip().splitlines()
            text += f" [{type(exc).__name__}{': ' + detail[0] if detail else ''}]"
        text = _escape(mask(head + text))
        return text if len(text) <= MAX_LINE else text[: MAX_LINE - len(" [...]")] + " [...]"


class _Handler(logging.Handler):
    """Writes formatted lines to a stream (stderr, looked up at each line, by default), through
    the per-client limiter; a record that cannot be formatted says so in one line."""

    def __init__(self, stream: TextIO | None, limiter: ClientLimiter) -> None:
        super().__init__()
        self._stream = stream
        self.limiter = limiter

    def emit(self, record: logging.LogRecord) -> None:
        client = getattr(record, "client", None) or _client.get()
        if client is not None:
            verdict = self.limiter.admit(client)
            if verdict is None:
                return
            if verdict == "notice":
                record = logging.makeLogRecord(
                    {
                        "name": "workouts.logs",
                        "levelno": logging.WARNING,
                        "levelname": "WARNING",
                        "msg": self.limiter.notice(client),
                    }
                )
        try:
            line = self.format(record)
            stream = self._stream or sys.stderr
            stream.write(line + "\n")
            stream.flush()
        except Exception:
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """One line instead of logging's own traceback of the failure."""
        try:
            stream = self._stream or sys.stderr
            stream.write(f"workouts: ERROR a log line from {record.name} could not be written\n")
        except Exception:  # nowhere left to say it
            pass


def configure(
    *,
    debug: bool,
    secrets: Iterable[str] = (),
    stream: TextIO | None = None,
    limiter: ClientLimiter | None = None,
    replace: bool = False,
) -> logging.Handler:
    """Send every logger's lines to ``stream`` (default: stderr) in the one-line format:
    warnings and up without tracebacks, or everything with tracebacks when ``debug``
    (WORKOUTS_DEBUG=1). ``secrets`` are masked wherever they appear. ``replace`` drops every
    other handler of the root logger (AWS Lambda installs one that would print each line again,
    with its traceback). Calling it again replaces the previous configuration."""
    global _secrets
    _secrets = tuple(sorted({s for s in secrets if len(s) >= _MIN_SECRET}, key=len, reverse=True))
    handler = _Handler(stream, limiter or ClientLimiter())
    handler.setFormatter(OneLineFormatter(debug=debug))
    root = logging.getLogger()
    for old in list(root.handlers):
        if replace or isinstance(old, _Handler):
            root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.INFO if debug else logging.WARNING)
    for name, existing in logging.root.manager.loggerDict.items():
        # Bolt copies the root's level into each logger it makes: those made before this call
        # would keep the old one.
        if isinstance(existing, logging.Logger) and name.startswith(("slack_bolt", BOLT_APP)):
            existing.setLevel(logging.NOTSET)
    project = logging.getLogger("workouts")
    # Before this module owned the root logger, the project's logger had a handler of its own.
    project.handlers.clear()
    project.propagate = True
    project.setLevel(logging.DEBUG if debug else logging.NOTSET)
    logging.captureWarnings(True)
    threading.excepthook = _thread_excepthook
    return handler


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    # A thread that dies of an exception would print its traceback to stderr past the handler.
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    logging.getLogger("workouts").error(
        "%s stopped", name, exc_info=(args.exc_type, args.exc_value, args.exc_traceback)
    )


def _escape(text: str) -> str:
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
