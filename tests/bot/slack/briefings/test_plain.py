"""Briefing schedules asked for in plain words: echoed, done on yes, undone, on both stores,
through the Slack handlers and the emulator (for the person's time zone)."""

from __future__ import annotations

import pytest

from bot.slack.briefings.timing import BadSchedule
from bot.slack.handlers import handle_command
from bot.slack.services import Services
from etl.db.briefings import consenting_users, list_schedules
from etl.settings import load_settings


@pytest.fixture
def say(runtime, alice, store_url, emulator):
    settings = load_settings(
        {
            "WORKOUTS_DATABASE_URL": store_url,
            "WORKOUTS_TZ": "Europe/Paris",
            "SLACK_API_URL": emulator.api_url,
        }
    )
    services = Services(settings=settings, engine=runtime.engine, bot_user_id="UBOT")
    said: list[dict] = []

    def run(text: str) -> str:
        command = {
            "text": text,
            "team_id": alice["team"],
            "user_id": alice["user"],
            "channel_id": "C1",
        }
        handle_command(
            services, command=command, client=runtime.client, respond=lambda **kw: said.append(kw)
        )
        return str(said[-1])

    return run


def _schedules(runtime, alice) -> list[tuple[str, str, str]]:
    found = list_schedules(runtime.engine, owner_key=alice["owner"])
    return [(s.target, s.time_of_day, s.days) for s in found]


def test_a_schedule_said_in_words_waits_for_yes_and_can_be_undone(runtime, alice, say):
    assert _schedules(runtime, alice) == [("dm", "07:00", "daily")]
    asked = say("brief me every weekday at 6:30am")
    assert "Shall I?" in asked and "move your briefing to weekdays at 06:30" in asked
    assert _schedules(runtime, alice) == [("dm", "07:00", "daily")]  # not before the yes
    assert "Changed: your briefing weekdays at 06:30 (Europe/Paris)" in say("yes")
    assert _schedules(runtime, alice) == [("dm", "06:30", "weekdays")]
    assert "Undone" in say("undo")
    assert _schedules(runtime, alice) == [("dm", "07:00", "daily")]


def test_stopping_the_briefings_comes_back_on_undo(runtime, alice, say):
    assert "stop your morning briefing" in say("no more briefings please")
    say("yes")
    assert _schedules(runtime, alice) == []
    say("undo")
    assert _schedules(runtime, alice) == [("dm", "07:00", "daily")]


def test_joining_a_channel_briefing(runtime, alice, say):
    assert "add you to this channel's morning briefing" in say("add me to this channel's briefing")
    say("yep")

    def joined() -> list[str]:
        return consenting_users(runtime.engine, team_id=alice["team"], channel_id="C1")

    assert alice["user"] in joined()
    say("undo")
    assert alice["user"] not in joined()


def test_only_admins_schedule_a_channel_and_nothing_waits(runtime, alice, say):
    refused = say("brief the channel every morning at 8 here")
    assert "only workspace admins can schedule a channel briefing" in refused
    assert "Nothing to confirm" in say("yes")
    assert _schedules(runtime, alice) == [("dm", "07:00", "daily")]


def test_a_time_is_needed_for_a_first_schedule(runtime, store):
    from datetime import date

    from bot.context import Context
    from bot.language.reader import read
    from bot.slack.briefings.plain import Where, plan_schedule

    ctx = Context(store, "slack:T9:U9", "u9", date(2025, 12, 20))
    query = read("schedule my briefing for every weekday", today=ctx.today)
    assert query.kind == "schedule"
    with pytest.raises(BadSchedule, match="say when"):
        plan_schedule(query, ctx, Where("T9", "U9", "C9"))
