"""When a schedule fires: its cron trigger in the person's time zone, and the fire times around
a moment. APScheduler's CronTrigger does the calendar and DST arithmetic."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

from etl.db.briefings import Schedule
from etl.errors import WorkoutsError

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]?([0-5]\d)?\s*(am|pm)?$")


class BadSchedule(WorkoutsError):
    """A time, day list or time zone that cannot be scheduled."""


def parse_time(text: str) -> str:
    """ "7", "07:00", "7:30am", "19h15" -> "HH:MM" (24 h)."""
    m = _TIME.match(text.strip().lower())
    if not m:
        raise BadSchedule(f"'{text}' is not a time: say 07:00 or 7:30am.")
    hour, minute = int(m[1]), int(m[2] or 0)
    if m[3] == "pm" and hour < 12:
        hour += 12
    if m[3] == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def parse_days(text: str) -> str:
    """ "daily", "weekdays", "weekends" or a list like "mon,wed,fri" (normalised)."""
    word = text.strip().lower()
    if word in {"daily", "everyday", "every day"}:
        return "daily"
    if word in {"weekdays", "weekends"}:
        return word
    days = [d.strip()[:3] for d in re.split(r"[,\s]+", word) if d.strip()]
    if not days or any(d not in DAY_NAMES for d in days):
        raise BadSchedule(f"'{text}' is not a day list: say daily, weekdays or mon,wed,fri.")
    return ",".join(sorted(set(days), key=DAY_NAMES.index))


def zone(name: str) -> ZoneInfo:
    """The IANA time zone called ``name``."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadSchedule(f"'{name}' is not a time zone (like Europe/Paris).") from None


def trigger(schedule: Schedule) -> CronTrigger:
    """The schedule as a cron trigger in its own time zone."""
    hour, minute = schedule.time_of_day.split(":")
    days = {"daily": "*", "weekdays": "mon-fri", "weekends": "sat,sun"}.get(
        schedule.days, schedule.days
    )
    return CronTrigger(
        day_of_week=days, hour=int(hour), minute=int(minute), timezone=zone(schedule.tz)
    )


def last_fire(schedule: Schedule, now: datetime) -> datetime | None:
    """The latest fire time at or before ``now`` (within the last eight days)."""
    cron = trigger(schedule)
    moment = cron.get_next_fire_time(None, now - timedelta(days=8))
    latest = None
    while moment is not None and moment <= now:
        latest = moment
        moment = cron.get_next_fire_time(moment, moment + timedelta(seconds=1))
    return latest


def next_fire(schedule: Schedule, now: datetime) -> datetime | None:
    """The first fire time after ``now``."""
    return trigger(schedule).get_next_fire_time(None, now + timedelta(seconds=1))
