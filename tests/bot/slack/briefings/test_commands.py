"""The briefing scheduling commands through the Slack handlers, on both stores."""

from __future__ import annotations

from bot.slack.handlers import handle_command
from bot.slack.services import Services
from etl.db.briefings import list_schedules
from etl.settings import load_settings


def test_scheduling_commands(runtime, alice, store_url, emulator):
    settings = load_settings(
        {
            "WORKOUTS_DATABASE_URL": store_url,
            "WORKOUTS_TZ": "Europe/Paris",
            "SLACK_API_URL": emulator.api_url,
        }
    )
    synced = []
    services = Services(
        settings=settings,
        engine=runtime.engine,
        bot_user_id="UBOT",
        schedules_changed=lambda: synced.append(1),
    )
    said = []

    def run(text):
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

    assert "Changed: your briefing weekdays at 06:30 (Europe/Paris)" in run(
        "briefing schedule 6:30am dm weekdays"
    )
    assert "06:30" in run("briefing schedules") and "weekdays" in str(said[-1])
    assert "Only workspace admins" in run("briefing schedule 07:00 <#C12345678|general>")
    assert "Stopped 1 briefing schedule" in run("briefing unschedule")
    assert list_schedules(runtime.engine, owner_key=alice["owner"]) == []
    assert len(synced) == 4


def test_the_listing_says_why_someone_is_not_briefed(runtime, emulator, store_url):
    settings = load_settings(
        {
            "WORKOUTS_DATABASE_URL": store_url,
            "WORKOUTS_TZ": "UTC",
            "SLACK_API_URL": emulator.api_url,
        }
    )
    services = Services(settings=settings, engine=runtime.engine, bot_user_id="UBOT")
    said = []
    for text in ("briefing schedule 08:00", "briefing schedules"):
        command = {"text": text, "team_id": "T000000001", "user_id": "U0NEWBIE", "channel_id": "C1"}
        handle_command(
            services, command=command, client=runtime.client, respond=lambda **kw: said.append(kw)
        )
    assert "no workouts yet, so you are not briefed" in str(said[-1])
