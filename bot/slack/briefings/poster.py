"""Posting a morning briefing exactly once, from APScheduler or from a serverless schedule.

Both paths end in :func:`post_briefing`, which claims the (schedule, local date) record before
anything is sent: a second replica, a restart or a late duplicate trigger finds it claimed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy.engine import Engine

from analytics import charts as draw
from analytics.briefing import daily_briefing
from bot.answers.story import briefing_extras
from bot.classification import load_classified
from bot.context import Context, owner_names
from bot.conversation import slack_place
from bot.reply import Button, Row
from bot.slack.blocks import button_block, escape
from bot.slack.briefings.blocks import briefing_blocks
from bot.slack.briefings.timing import last_fire
from bot.slack.delivery import dm_channel
from etl.db.briefings import (
    Schedule,
    claim_post,
    consenting_users,
    finish_post,
    get_schedule,
    list_schedules,
)
from etl.db.owners import owner_units, slack_key

log = logging.getLogger("workouts.briefings")
ATTEMPTS = 3
GRACE = timedelta(hours=3)  # back at 07:20 still posts; back the next day does not post late


@dataclass(frozen=True)
class Runtime:
    """What posting needs: the store, a Slack client and the default units."""

    engine: Engine
    client: WebClient
    default_units: str = "mi"
    retry_pause_s: float = 1.0


def post_due_briefings(now: datetime, runtime: Runtime) -> list[tuple[int, str]]:
    """Post every briefing whose latest fire time is within the grace period before ``now``.

    The serverless entry point (an EventBridge schedule every few minutes calls it); returns
    (schedule id, outcome) for each schedule that was due.
    """
    outcomes = []
    for schedule in list_schedules(runtime.engine):
        fired = last_fire(schedule, now)
        if fired is not None and now - fired <= GRACE:
            outcomes.append((schedule.id, post_briefing(runtime, schedule, fired.date())))
    return outcomes


def run_scheduled(schedule_id: int, runtime: Runtime, now: datetime | None = None) -> str:
    """What an APScheduler job does when its trigger fires (the schedule may be gone)."""
    schedule = get_schedule(runtime.engine, schedule_id)
    if schedule is None:
        return "gone"
    fired = last_fire(schedule, now or datetime.now(UTC))
    local = fired.date() if fired else datetime.now(UTC).date()
    return post_briefing(runtime, schedule, local)


def post_briefing(runtime: Runtime, schedule: Schedule, local_date: date) -> str:
    """Post the schedule's briefing for ``local_date`` once; returns the outcome in a word."""
    if not claim_post(runtime.engine, schedule.id, local_date):
        return "already"
    attempts, error = 0, ""
    while attempts < ATTEMPTS:
        attempts += 1
        try:
            outcome, ts = _send(runtime, schedule, local_date)
            finish_post(
                runtime.engine, schedule.id, local_date, status=outcome, attempts=attempts, ts=ts
            )
            return outcome
        except Exception as exc:  # a Slack or data error: try again, then give up in words
            error = f"{type(exc).__name__}: {exc}"
            log.warning(
                "briefing %s for %s, attempt %s failed: %s",
                schedule.id,
                local_date,
                attempts,
                error,
            )
            time.sleep(runtime.retry_pause_s * attempts)
    finish_post(
        runtime.engine, schedule.id, local_date, status="failed", attempts=attempts, error=error
    )
    log.error("briefing %s for %s failed after %s attempts", schedule.id, local_date, attempts)
    _tell_owner(runtime, schedule, f"Your {local_date} briefing could not be posted ({error}).")
    return "failed"


def _send(runtime: Runtime, schedule: Schedule, day: date) -> tuple[str, str | None]:
    note = (
        f"Scheduled {_days(schedule.days)} at {schedule.time_of_day} {schedule.tz} · "
        "`/workouts briefing unschedule` to stop"
    )
    if schedule.target == "dm":
        return send_personal(runtime, schedule, day, note)
    people = []
    for user in consenting_users(
        runtime.engine, team_id=schedule.team_id, channel_id=schedule.target
    ):
        brief, _ = _briefing(runtime, slack_key(schedule.team_id, user), day)
        if brief.status != "new_owner":
            people.append((user, brief))
    if not people:
        return "skipped", None
    blocks, text = briefing_blocks(
        people[0][1], unit=runtime.default_units, schedule_note=note, people=tuple(people)
    )
    return "posted", runtime.client.chat_postMessage(
        channel=schedule.target, blocks=blocks, text=text
    )["ts"]


def send_personal(runtime: Runtime, schedule: Schedule, day: date, note: str):
    brief, (frame, unit) = _briefing(runtime, schedule.owner_key, day)
    if brief.status == "new_owner":
        return "no_data", None  # a person with no data is not briefed
    user = schedule.owner_key.split(":")[2]
    channel = dm_channel(runtime.client, user)
    blocks, text = briefing_blocks(brief, unit=unit, schedule_note=note)
    ctx = Context(runtime.engine, schedule.owner_key, user, day, runtime.default_units)
    extra = briefing_extras(ctx, day, unit)
    if extra:  # best efforts and goals, before the closing context line
        section = {"type": "section", "text": {"type": "mrkdwn", "text": escape(extra)}}
        blocks = [*blocks[:-1], section, blocks[-1]]
    blocks = [*blocks, briefing_buttons(schedule, channel, user)]
    posted = runtime.client.chat_postMessage(channel=channel, blocks=blocks, text=text)
    chart = draw.weeks_chart(frame, end=day - timedelta(days=1), names=brief.names)
    runtime.client.files_upload_v2(
        channel=channel,
        file=chart.png,
        filename=chart.filename,
        title="Last 8 weeks",
        alt_txt=chart.alt[:1000],
    )
    return "posted", posted["ts"]


def briefing_buttons(schedule: Schedule, channel: str, user: str) -> dict:
    """What a person does with their own briefing: snooze today (no nudge), change its time
    (a form, filled with the schedule as it is), or stop it (asks first)."""
    fill = (("time", schedule.time_of_day), ("days", schedule.days), ("where", "dm"))
    buttons = (
        Button("Snooze today", "snooze today"),
        Button("Change time", "change my briefing time", form="briefing", fill=fill),
        Button("Stop", "stop my briefings", "danger"),
    )
    return button_block(Row("", buttons), slack_place(channel), asker=user)


def _briefing(runtime: Runtime, owner_key: str, day: date):
    unit = owner_units(runtime.engine, owner_key) or runtime.default_units
    frame = load_classified(runtime.engine, owner_key).frame
    names = owner_names(runtime.engine, owner_key)  # "walk" unless the owner has a dog event
    return daily_briefing(frame, day=day, unit=unit, names=names), (frame, unit)


def _tell_owner(runtime: Runtime, schedule: Schedule, text: str) -> None:
    try:
        channel = dm_channel(runtime.client, schedule.owner_key.split(":")[2])
        runtime.client.chat_postMessage(channel=channel, text=f":warning: {text}")
    except Exception:
        log.exception("could not tell the owner of briefing %s", schedule.id)


def _days(days: str) -> str:
    return {"daily": "daily", "weekdays": "on weekdays", "weekends": "on weekends"}.get(
        days, "on " + days.replace(",", ", ")
    )
