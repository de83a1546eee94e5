"""The transport-neutral answer: what the terminal prints and what Slack turns into Block Kit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analytics.charts.spec import ChartImage

_BOLD = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_([^_\n]+)_(?![\w_])")


@dataclass(frozen=True)
class Table:
    """A small table of text cells (the first ``columns`` name them)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Attachment:
    """A file that comes with the reply (a CSV of a query, an export)."""

    filename: str
    mime: str
    data: bytes
    title: str = ""


@dataclass(frozen=True)
class Button:
    """A reply offered to the asker: clicking it (Slack) or typing its number (terminal) is the
    same as typing ``reply`` ("yes", "no", "2")."""

    text: str
    reply: str
    style: str = ""  # "primary", "danger" or "" (Slack's button styles)
    # A form to fill instead (Slack opens it as a modal: "event", "briefing", "relabel"), with
    # its fields filled in ahead; where there are no forms (the terminal), ``reply`` is said.
    form: str = ""
    fill: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Row:
    """One line of a reply with buttons of its own (a workout to relabel: Run, Walk...)."""

    text: str
    buttons: tuple[Button, ...]


@dataclass(frozen=True)
class Reply:
    """One answer. ``text`` is Slack mrkdwn compatible (*bold*, _italic_, `code`, bullets).

    ``personal`` answers (sql, export, label, why...) are shown only to the asker by default in
    Slack; story answers (choco-effect, briefing, calendar) go to the channel.
    """

    title: str
    text: str
    facts: tuple[tuple[str, str], ...] = ()
    table: Table | None = None
    charts: tuple[ChartImage, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    kind: str = "answer"  # answer, help or error
    personal: bool = False
    reading: str = ""  # how the question was read: shown first, so every word is accounted for
    buttons: tuple[Button, ...] = ()  # replies offered: yes/no to a write, readings to choose
    rows: tuple[Row, ...] = ()  # lines with their own buttons, after the text


def error_reply(message: str, *, hint: str = "") -> Reply:
    """A reply saying what went wrong and what to do, in words."""
    text = message if not hint else f"{message}\n{hint}"
    return Reply(title="Sorry", text=text, kind="error", personal=True)


def plain(text: str) -> str:
    """Reply text without its mrkdwn: *bold* and _italic_ markers and backticks dropped, for
    places where they mean nothing (a terminal, a code block, a notification)."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text)).replace("`", "")
