"""Answers that belong to a conversation rather than to the data: yes, no, undo, and briefing
schedules asked for in plain words."""

from __future__ import annotations

from bot.context import Context
from bot.language.query import Query
from bot.reply import Reply


def answer_confirm(query: Query, ctx: Context) -> Reply:
    """A "yes" with nothing waiting for one."""
    return Reply(
        title="Nothing to confirm",
        text="Nothing is waiting for a yes. Ask me to change something first, e.g. "
        "`mark yesterday's walk as a run`.",
        kind="help",
        personal=True,
    )


def answer_cancel(query: Query, ctx: Context) -> Reply:
    """A "no" with nothing waiting for one."""
    return Reply(
        title="Nothing to cancel",
        text="Nothing was waiting; nothing changed.",
        kind="help",
        personal=True,
    )


def answer_undo(query: Query, ctx: Context) -> Reply:
    """An "undo" with nothing to undo."""
    return Reply(
        title="Nothing to undo",
        text="There is no change of yours to undo in this conversation.",
        kind="help",
        personal=True,
    )


def answer_schedule(query: Query, ctx: Context) -> Reply:
    """Briefing schedules live in Slack; say how to set one."""
    return Reply(
        title="Morning briefings",
        text="Schedules are set in Slack: `/workouts briefing schedule 07:00 dm weekdays` "
        "(times in your Slack time zone); `briefing unschedule` stops them; "
        "`briefing nudges on` adds one evening nudge by DM when there is news. Here, "
        "`briefing` shows today's.",
        kind="help",
        personal=True,
    )
