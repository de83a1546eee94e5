"""Briefing schedules asked for in plain words ("brief me every weekday at 7", "stop the
briefings", "add me to this channel's briefing"), planned as changes the conversation confirms
and can undo. Each change is carried out as the scheduling command it amounts to, so plain words
and ``briefing schedule 07:00 dm weekdays`` do exactly the same thing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.answers.writes import Change, NothingToChange
from bot.context import Context
from bot.language.query import Query
from bot.reply import Reply
from bot.slack.briefings.timing import BadSchedule, parse_time
from etl.db.briefings import Schedule, list_schedules

_TIME = re.compile(
    r"\b(?:at|for|to|around)\s+(\d{1,2}(?::\d\d)?\s*(?:am|pm)?)\b"
    r"|\b(\d{1,2}(?::\d\d)?\s*(?:am|pm))\b|\b(\d{1,2}:\d\d)\b",
    re.I,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_HERE = re.compile(r"\b(?:here|this channel|the channel|in <#|#\w)", re.I)
_CHANNEL = re.compile(r"<#([A-Z0-9]+)(?:\|[^>]*)?>|(?<![\w<])#([A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class Where:
    """The Slack place a plain-words schedule is said in."""

    team_id: str
    user_id: str
    channel_id: str
    is_admin: bool = False


def plan_schedule(query: Query, ctx: Context, where: Where) -> Change:
    """The scheduling command(s) a plain-words schedule request amounts to, and their inverse."""
    text = query.text
    mine = list_schedules(ctx.engine, owner_key=ctx.owner_key)
    if query.action == "snooze":
        return Change(
            "snooze today: no nudge from me until tomorrow's briefing",
            _commands("briefing snooze"),
            _commands("briefing unsnooze"),
        )
    if query.action == "join":
        return Change(
            "add you to this channel's morning briefing",
            _commands("briefing join"),
            _commands("briefing leave"),
        )
    if query.action == "leave":
        return Change(
            "take you off this channel's morning briefing",
            _commands("briefing leave"),
            _commands("briefing join"),
        )
    if query.action == "remove":
        if not mine:
            raise NothingToChange("you have no briefing scheduled")
        return Change(
            f"stop your {_count(mine)}",
            _commands("briefing unschedule"),
            _commands(*(_schedule_command(s) for s in mine)),
        )
    target = _target(text, where)
    if target != "dm" and not where.is_admin:
        raise BadSchedule(
            "only workspace admins can schedule a channel briefing; say `brief me every "
            "weekday at 7am` for your own, by direct message."
        )
    before = next((s for s in mine if s.target == target), None)
    time_of_day = _time(text) or (before.time_of_day if before else None)
    if time_of_day is None:
        raise BadSchedule("say when, e.g. `brief me every weekday at 7am`.")
    days = _days(text) or (before.days if before else "daily")
    where_said = "by direct message" if target == "dm" else f"in <#{target}>"
    command = f"briefing schedule {time_of_day} {_target_word(target)} {days}"
    if before is not None and (before.time_of_day, before.days) == (time_of_day, days):
        raise NothingToChange(f"your briefing is already {days} at {time_of_day} {where_said}")
    undo = (
        _commands(_schedule_command(before))
        if before
        else _commands(f"briefing unschedule {_target_word(target)}")
    )
    verb = "move your briefing to" if before else "brief you"
    return Change(f"{verb} {days} at {time_of_day} {where_said}", _commands(command), undo)


def perform_schedule(action: dict, run: Callable[[str], Reply]) -> Reply:
    """Run the action's scheduling commands in order; the reply of the last one says what was
    done (an error stops there)."""
    reply = None
    for command in action["commands"]:
        reply = run(command)
        if reply.kind == "error":
            break
    return reply


def _commands(*commands: str) -> dict:
    return {"action": "briefing", "commands": list(commands)}


def _schedule_command(schedule: Schedule) -> str:
    target = _target_word(schedule.target)
    return f"briefing schedule {schedule.time_of_day} {target} {schedule.days}"


def _target_word(target: str) -> str:
    return "dm" if target == "dm" else f"<#{target}>"


def _target(text: str, where: Where) -> str:
    channel = _CHANNEL.search(text)
    if channel and channel[1]:
        return channel[1]
    if _HERE.search(text):
        return where.channel_id
    return "dm"


def _time(text: str) -> str | None:
    found = _TIME.search(text)
    if not found:
        return None
    said = next(g for g in found.groups() if g)
    return parse_time(said.replace(" ", ""))


def _days(text: str) -> str | None:
    lower = text.lower()
    if re.search(r"\bweekdays?\b|\bworkdays?\b|\bmonday to friday\b", lower):
        return "weekdays"
    if re.search(r"\bweekends?\b", lower):
        return "weekends"
    named = [d[:3] for d in _WEEKDAYS if re.search(rf"\b{d}s?\b", lower)]
    if named:
        return ",".join(named)
    if re.search(r"\bdaily\b|\bevery (?:day|morning)\b|\beach (?:day|morning)\b", lower):
        return "daily"
    return None


def _count(schedules: list[Schedule]) -> str:
    return "morning briefing" if len(schedules) == 1 else f"{len(schedules)} briefing schedules"
