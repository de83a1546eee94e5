"""``briefing schedule | unschedule | schedules | now | join | leave | nudges | snooze``: the
scheduling
commands.

Times are in the person's Slack time zone (``users.info``), unless WORKOUTS_TZ overrides it. A
channel schedule is an admin's; it briefs the people who joined it (their consent), each in
their own section.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.reply import Reply, Table
from bot.slack.briefings.nudges import nudges_command
from bot.slack.briefings.poster import Runtime, send_personal
from bot.slack.briefings.timing import BadSchedule, next_fire, parse_days, parse_time, zone
from etl.db.briefings import (
    Schedule,
    list_schedules,
    post_records,
    remove_schedules,
    save_schedule,
    set_consent,
)
from etl.db.claims import release
from etl.db.nudges import claim_nudge, nudge_key
from etl.db.owners import slack_key
from etl.db.queries import count_workouts

ACTIONS = (
    "schedule",
    "unschedule",
    "schedules",
    "now",
    "join",
    "leave",
    "nudges",
    "snooze",
    "unsnooze",
)
_CHANNEL = re.compile(r"^<#([A-Z0-9]+)(\|[^>]*)?>$|^#?([A-Z0-9]{6,})$")


def is_briefing_command(text: str) -> bool:
    """Whether ``text`` is one of the scheduling commands (plain `briefing [date]` is not)."""
    words = text.lower().split()
    return len(words) >= 2 and words[0] == "briefing" and words[1] in ACTIONS


def briefing_command(
    text: str,
    *,
    runtime: Runtime,
    client: WebClient,
    team_id: str,
    user_id: str,
    channel_id: str,
    is_admin: bool,
    tz_override: str = "",
) -> Reply:
    """Carry out one scheduling command and say what happened."""
    words = text.split()
    action, args = words[1].lower(), words[2:]
    owner = slack_key(team_id, user_id)
    if action == "schedule":
        return _schedule(args, runtime, client, team_id, user_id, channel_id, is_admin, tz_override)
    if action == "unschedule":
        target = _target(args[0], channel_id) if args else None
        gone = remove_schedules(runtime.engine, owner, target)
        text = (
            f"Stopped {len(gone)} briefing schedule(s)."
            if gone
            else "You had no briefing scheduled."
        )
        return Reply(title="Briefings", text=text, personal=True)
    if action == "schedules":
        return _listing(runtime, owner)
    if action in ("snooze", "unsnooze"):
        today = datetime.now(zone(tz_override or _user_tz(client, user_id))).date()
        return _snooze(runtime, owner, today, snooze=action == "snooze")
    if action == "nudges":
        return nudges_command(
            args,
            runtime,
            owner=owner,
            team_id=team_id,
            tz=lambda: tz_override or _user_tz(client, user_id),
        )
    if action in ("join", "leave"):
        set_consent(
            runtime.engine,
            team_id=team_id,
            user_id=user_id,
            channel_id=channel_id,
            given=action == "join",
        )
        verb = "will be in" if action == "join" else "left"
        return Reply(
            title="Channel briefing",
            text=f"You {verb} this channel's morning briefing.",
            personal=True,
        )
    return _now(runtime, owner, team_id, user_id)


def _snooze(runtime: Runtime, owner: str, today, *, snooze: bool) -> Reply:
    """Snooze: nothing more from me today (today's nudge is taken as given); unsnooze undoes
    it. Tomorrow's briefing comes as usual either way."""
    if snooze:
        claim_nudge(runtime.engine, owner, today)
        text = "Snoozed: no nudge from me today; tomorrow's briefing comes as usual."
    else:
        release(runtime.engine, nudge_key(owner, today))
        text = "Not snoozed any more: today's nudge may come after all."
    return Reply(title="Briefings", text=text, personal=True)


def _schedule(args, runtime, client, team_id, user_id, channel_id, is_admin, tz_override) -> Reply:
    if not args:
        raise BadSchedule(
            "say when: `briefing schedule 07:00 [dm|#channel] [daily|weekdays|mon,wed,fri]`"
        )
    time_of_day = parse_time(args[0])
    target, days = "dm", "daily"
    for word in args[1:]:
        if word.lower() in ("dm", "me") or _CHANNEL.match(word) or word.lower() == "here":
            target = _target(word, channel_id)
        else:
            days = parse_days(word)
    if target != "dm" and not is_admin:
        return Reply(
            title="Briefings",
            kind="error",
            personal=True,
            text="Only workspace admins can schedule a channel briefing; `dm` works for you.",
        )
    tz = tz_override or _user_tz(client, user_id)
    zone(tz)
    schedule_id, new = save_schedule(
        runtime.engine,
        team_id=team_id,
        owner_key=slack_key(team_id, user_id),
        target=target,
        time_of_day=time_of_day,
        days=days,
        tz=tz,
    )
    schedule = Schedule(
        schedule_id, team_id, slack_key(team_id, user_id), target, time_of_day, days, tz
    )
    when = next_fire(schedule, datetime.now(UTC))
    where = (
        "by direct message" if target == "dm" else f"in <#{target}> (people who `briefing join`)"
    )
    verb = "Scheduled" if new else "Changed"
    return Reply(
        title="Briefing scheduled",
        personal=True,
        text=f"{verb}: your briefing {days} at {time_of_day} ({tz}) {where}. "
        f"Next: {when:%A %d %B %H:%M %Z}.",
    )


def _listing(runtime: Runtime, owner: str) -> Reply:
    rows = []
    for s in list_schedules(runtime.engine, owner_key=owner):
        last = next(iter(post_records(runtime.engine, s.id)), None)
        status = "-" if last is None else f"{last['local_date']}: {last['status']}"
        rows.append(
            ("dm" if s.target == "dm" else f"<#{s.target}>", s.time_of_day, s.days, s.tz, status)
        )
    if not rows:
        return Reply(
            title="Briefings",
            personal=True,
            text="No briefing scheduled. Try `briefing schedule 07:00`.",
        )
    note = ""
    if count_workouts(runtime.engine, owner) == 0:
        note = " You have no workouts yet, so you are not briefed: upload your export first."
    return Reply(
        title="Your briefings",
        personal=True,
        text=f"{len(rows)} schedule(s).{note}",
        table=Table(("where", "time", "days", "time zone", "last post"), tuple(rows)),
    )


def _now(runtime: Runtime, owner: str, team_id: str, user_id: str) -> Reply:
    today = datetime.now(UTC).date()
    schedule = Schedule(0, team_id, owner, "dm", "00:00", "daily", "UTC")
    outcome, _ = send_personal(
        runtime,
        schedule,
        today,
        "Sent now on request · `/workouts briefing schedule 07:00` for every morning",
    )
    text = (
        "Sent you today's briefing by direct message."
        if outcome == "posted"
        else ("No workouts yet, so there is nothing to brief: upload your export first.")
    )
    return Reply(title="Briefing", text=text, personal=True)


def _target(word: str, channel_id: str) -> str:
    if word.lower() in ("dm", "me"):
        return "dm"
    if word.lower() == "here":
        return channel_id
    m = _CHANNEL.match(word)
    if not m:
        raise BadSchedule(f"'{word}' is not a channel: pick it with # so Slack links it.")
    return m[1] or m[3]


def _user_tz(client: WebClient, user_id: str) -> str:
    try:
        return client.users_info(user=user_id)["user"].get("tz") or "UTC"
    except Exception:
        return "UTC"
