"""Schedules fire at the right instants in every time zone, across daylight-saving changes."""

from datetime import UTC, datetime

import pytest

from bot.slack.briefings.timing import BadSchedule, last_fire, next_fire, parse_days, parse_time
from etl.db.briefings import Schedule


def _schedule(time="07:00", days="daily", tz="Europe/Paris"):
    return Schedule(1, "T1", "slack:T1:U1", "dm", time, days, tz)


@pytest.mark.parametrize(
    ("tz", "now", "expected_next_utc"),
    [
        ("Europe/Paris", "2026-01-15T05:00", "2026-01-15T06:00"),  # winter: UTC+1
        ("Europe/Paris", "2026-07-15T04:00", "2026-07-15T05:00"),  # summer: UTC+2
        ("Europe/Paris", "2026-03-28T07:00", "2026-03-29T05:00"),  # the night clocks go forward
        ("Europe/Paris", "2026-10-24T06:00", "2026-10-25T06:00"),  # the night clocks go back
        ("America/New_York", "2026-03-07T13:00", "2026-03-08T11:00"),  # US spring forward
        ("America/New_York", "2026-11-01T10:00", "2026-11-01T12:00"),  # US fall back, same day
        ("Asia/Tokyo", "2026-06-01T00:00", "2026-06-01T22:00"),  # no DST, ahead of UTC
        ("Australia/Sydney", "2026-04-04T19:00", "2026-04-04T21:00"),  # DST ended 03:00 that day
        ("UTC", "2026-06-01T07:00", "2026-06-02T07:00"),  # exactly at the time: next day
    ],
)
def test_next_fire_is_seven_local(tz, now, expected_next_utc):
    now = datetime.fromisoformat(now).replace(tzinfo=UTC)
    fired = next_fire(_schedule(tz=tz), now)
    assert fired.astimezone(UTC).replace(tzinfo=None) == datetime.fromisoformat(expected_next_utc)
    assert (fired.hour, fired.minute) == (7, 0), "07:00 local, whatever the offset"


@pytest.mark.parametrize(
    ("days", "now", "expected_local_day"),
    [
        ("weekdays", "2026-03-07T12:00", "2026-03-06"),  # Saturday: last fire was Friday
        ("mon,wed,fri", "2026-03-10T12:00", "2026-03-09"),  # Tuesday: Monday's
        ("weekends", "2026-03-09T12:00", "2026-03-08"),  # Monday: Sunday's
        ("daily", "2026-03-09T05:59", "2026-03-08"),  # before 07:00 Paris: yesterday's
    ],
)
def test_last_fire_respects_the_days(days, now, expected_local_day):
    now = datetime.fromisoformat(now).replace(tzinfo=UTC)
    fired = last_fire(_schedule(days=days), now)
    assert str(fired.date()) == expected_local_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07:00", "07:00"),
        ("7", "07:00"),
        ("7:30am", "07:30"),
        ("7pm", "19:00"),
        ("19h15", "19:15"),
        ("12am", "00:00"),
        ("12:05pm", "12:05"),
    ],
)
def test_times(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("daily", "daily"),
        ("weekdays", "weekdays"),
        ("fri,mon,WED", "mon,wed,fri"),
        ("monday,tuesday", "mon,tue"),
    ],
)
def test_days(text, expected):
    assert parse_days(text) == expected


@pytest.mark.parametrize("bad", ["25:00", "7:61", "noon-ish", ""])
def test_bad_times_are_refused_in_words(bad):
    with pytest.raises(BadSchedule, match="is not a time"):
        parse_time(bad)


def test_bad_days_are_refused_in_words():
    with pytest.raises(BadSchedule, match="not a day list"):
        parse_days("someday")
