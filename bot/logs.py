"""Logging for entry points: one line per problem for users, full tracebacks only when asked."""

from __future__ import annotations

import logging


class _NoTraceback(logging.Formatter):
    """Formats a record without its traceback, so none reaches a user's terminal."""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_info = None
        record.exc_text = None
        return super().format(record)


def configure(*, debug: bool) -> None:
    """Send the project's log to stderr: warnings in one line, or everything with tracebacks
    when ``debug`` (WORKOUTS_DEBUG=1)."""
    handler = logging.StreamHandler()
    fmt = "workouts: %(levelname)s %(message)s"
    handler.setFormatter(logging.Formatter(fmt) if debug else _NoTraceback(fmt))
    logger = logging.getLogger("workouts")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if debug else logging.WARNING)
    logger.propagate = False
