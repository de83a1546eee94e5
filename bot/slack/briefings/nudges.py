"""``briefing nudges [on|off]``, and posting an evening nudge exactly once, by DM only.

An owner who opted in is checked once a day at :data:`NUDGE_TIME` in their time zone (the
briefings' zone: WORKOUTS_TZ, else their Slack ``users.info`` tz, kept at opt-in). The check
claims (owner, local date) first, then posts the most important nudge due
(:func:`analytics.nudges.due_nudge`) to the owner's DM, or nothing when none is; a second
check, replica or restart the same day finds the claim and posts nothing. APScheduler runs one
cron job per opted-in owner (``BriefingScheduler.sync``); without a long-running process
:func:`post_due_nudges` does the same from a periodic call, within the briefings' grace.
"""

from __future__ import annotations

import logging
import time as clock
from collections.abc import Callable
from datetime import UTC, date, datetime, time

from apscheduler.triggers.cron import CronTrigger

from analytics.frame import WALK, display_name
from analytics.nudges import GAP, RECORD, STREAK, Nudge, due_nudge
from bot import wording as fmt
from bot.classification import load_classified
from bot.context import owner_names
from bot.reply import Reply
from bot.slack.briefings.poster import ATTEMPTS, GRACE, Runtime
from bot.slack.briefings.timing import BadSchedule, zone
from bot.slack.delivery import dm_channel
from etl.db.nudges import (
    OptIn,
    claim_nudge,
    list_optins,
    nudge_claimed,
    nudge_optin,
    set_nudges,
)
from etl.db.owners import owner_units

log = logging.getLogger("workouts.briefings")
NUDGE_TIME = time(18, 0)  # early enough to get out before the day ends
STOP_NOTE = "`/workouts briefing nudges off` to stop"
WHAT = "a record yesterday, a daily streak that ends tonight, or a tenth day without a workout"


def nudges_command(
    args: list[str], runtime: Runtime, *, owner: str, team_id: str, tz: Callable[[], str]
) -> Reply:
    """``briefing nudges`` says the state; ``on`` (in the zone ``tz()`` gives) or ``off``."""
    if not args:
        optin = nudge_optin(runtime.engine, owner)
        text = (
            f"Nudges are on: at most one a day, by direct message, at {NUDGE_TIME:%H:%M} "
            f"({optin.tz}) when there is something to say. `briefing nudges off` stops them."
            if optin
            else "Nudges are off (the default). `briefing nudges on` sends at most one a day, "
            f"by direct message, at {NUDGE_TIME:%H:%M} your time: {WHAT}."
        )
        return Reply(title="Nudges", text=text, personal=True)
    word = args[0].lower()
    if word not in ("on", "off") or len(args) > 1:
        raise BadSchedule(
            "say `briefing nudges on` or `briefing nudges off`; nudges come by direct message only."
        )
    if word == "off":
        was_on = set_nudges(runtime.engine, owner_key=owner, team_id=team_id, tz="UTC", on=False)
        text = "Nudges off." if was_on else "Nudges were already off."
        return Reply(title="Nudges", text=text, personal=True)
    where = tz()
    zone(where)
    set_nudges(runtime.engine, owner_key=owner, team_id=team_id, tz=where, on=True)
    return Reply(
        title="Nudges",
        personal=True,
        text=f"Nudges on: at most one a day, by direct message, at {NUDGE_TIME:%H:%M} ({where}), "
        f"only when there is something to say: {WHAT}. `briefing nudges off` stops them.",
    )


def nudge_trigger(tz: str) -> CronTrigger:
    """The daily check, at :data:`NUDGE_TIME` in ``tz``."""
    return CronTrigger(hour=NUDGE_TIME.hour, minute=NUDGE_TIME.minute, timezone=zone(tz))


def post_due_nudges(now: datetime, runtime: Runtime) -> list[tuple[str, str]]:
    """Check every opted-in owner whose evening check time passed less than the grace ago.

    The serverless entry point (called every few minutes); returns (owner, outcome) for each
    owner who was due and not yet checked today.
    """
    outcomes = []
    for optin in list_optins(runtime.engine):
        local = now.astimezone(zone(optin.tz))
        check = datetime.combine(local.date(), NUDGE_TIME, tzinfo=local.tzinfo)
        due = check <= local and local - check <= GRACE
        if due and not nudge_claimed(runtime.engine, optin.owner_key, local.date()):
            outcomes.append((optin.owner_key, post_nudge(runtime, optin, local.date())))
    return outcomes


def run_scheduled_nudge(owner_key: str, runtime: Runtime, now: datetime | None = None) -> str:
    """What the owner's APScheduler job does when it fires (they may have opted out since)."""
    optin = nudge_optin(runtime.engine, owner_key)
    if optin is None:
        return "gone"
    local = (now or datetime.now(UTC)).astimezone(zone(optin.tz))
    return post_nudge(runtime, optin, local.date())


def post_nudge(runtime: Runtime, optin: OptIn, local_date: date) -> str:
    """Check the owner's evening of ``local_date`` once: posted, nothing (none due), already
    (checked before) or failed (after :data:`ATTEMPTS` tries; the day is not tried again)."""
    if not claim_nudge(runtime.engine, optin.owner_key, local_date):
        return "already"
    error = ""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _send(runtime, optin.owner_key, local_date)
        except Exception as exc:  # a Slack or data error: try again, then log it
            error = f"{type(exc).__name__}: {exc}"
            log.warning("nudge for %s, attempt %s failed: %s", local_date, attempt, error)
            clock.sleep(runtime.retry_pause_s * attempt)
    log.error("nudge for %s failed after %s attempts: %s", local_date, ATTEMPTS, error)
    return "failed"


def nudge_text(nudge: Nudge, *, unit: str, names) -> str:
    """The nudge in one line, in the owner's units and class names."""
    if nudge.kind == RECORD:
        first, *more = nudge.records
        also = f" (and {fmt.count(len(more), 'more record')})" if more else ""
        return f"A new record yesterday: {first.title}, {fmt.record_value(first, unit)}{also}."
    if nudge.kind == STREAK:
        return f"Your {nudge.streak_days}-day streak ends tonight unless you get out today."
    if nudge.kind == GAP:
        walk = display_name(WALK, names)
        return f"No workout for {nudge.days_since} days — a short {walk} counts."
    raise ValueError(f"unknown nudge kind {nudge.kind!r}")


def _send(runtime: Runtime, owner_key: str, day: date) -> str:
    names = owner_names(runtime.engine, owner_key)
    frame = load_classified(runtime.engine, owner_key).frame
    nudge = due_nudge(frame, today=day, names=names)
    if nudge is None:
        return "nothing"
    unit = owner_units(runtime.engine, owner_key) or runtime.default_units
    text = nudge_text(nudge, unit=unit, names=names)
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": text}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": f"Nudge · {STOP_NOTE}"}]},
    ]
    channel = dm_channel(runtime.client, owner_key.split(":")[2])  # a DM, never a channel
    runtime.client.chat_postMessage(channel=channel, text=text, blocks=blocks)
    return "posted"
