"""Evening nudges against the Slack emulator and both stores: opt-in by the slash command, one
nudge a day by DM, never twice, never when off, never in a channel."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from analytics.nudges import due_nudge
from bot.classification import load_classified
from bot.context import owner_names
from bot.slack.briefings.nudges import nudge_text, post_due_nudges, post_nudge
from bot.slack.briefings.scheduler import BriefingScheduler
from bot.slack.handlers import handle_command
from bot.slack.services import Services
from etl.db.nudges import nudge_optin
from etl.settings import load_settings
from tests.bot.slack.briefings.conftest import latest


def paris(day: date, hour: int, minute: int = 0) -> datetime:
    """``hour:minute`` in Paris on ``day`` (December: UTC+1), as an aware UTC moment."""
    return datetime(day.year, day.month, day.day, hour - 1, minute, tzinfo=UTC)


@pytest.fixture
def slash(runtime, alice, store_url, emulator):
    """``/workouts <text>`` as Alice in #workouts, through the bot's command handler; returns
    what the bot answered (and where: ephemeral, to her alone)."""
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
    channel = next(
        c["id"] for c in runtime.client.conversations_list()["channels"] if c["name"] == "workouts"
    )

    def run(text: str) -> dict:
        said = []
        command = {
            "text": text,
            "team_id": alice["team"],
            "user_id": alice["user"],
            "channel_id": channel,
        }
        handle_command(
            services, command=command, client=runtime.client, respond=lambda **kw: said.append(kw)
        )
        [reply] = said
        return reply

    run.channel, run.synced = channel, synced
    return run


def a_day_with_a_nudge(runtime, owner: str) -> tuple[date, str]:
    """The first evening of December 2025 with a nudge due in Alice's history, and its text."""
    frame = load_classified(runtime.engine, owner).frame
    names = owner_names(runtime.engine, owner)
    for offset in range(31):
        day = date(2025, 12, 1) + timedelta(days=offset)
        if (nudge := due_nudge(frame, today=day, names=names)) is not None:
            return day, nudge_text(nudge, unit="mi", names=names)
    raise AssertionError("the demo history has no nudge in December 2025")


def new_messages(runtime, channel: str, since: float) -> list[dict]:
    messages = runtime.client.conversations_history(channel=channel, limit=500)["messages"]
    return [m for m in messages if float(m["ts"]) > since]


def test_nudges_on_by_the_slash_command_then_one_nudge_a_day_by_dm(runtime, alice, slash):
    day, expected = a_day_with_a_nudge(runtime, alice["owner"])
    in_dm, in_channel = latest(runtime, alice["dm"]), latest(runtime, slash.channel)

    # Off by default: saying so, and nothing posted at the check time.
    state = slash("briefing nudges")
    assert state["response_type"] == "ephemeral" and "Nudges are off" in state["text"]
    assert post_due_nudges(paris(day, 18, 5), runtime) == []

    reply = slash("briefing nudges on")
    assert reply["response_type"] == "ephemeral"
    assert "Nudges on" in reply["text"] and "18:00 (Europe/Paris)" in reply["text"]
    assert nudge_optin(runtime.engine, alice["owner"]).tz == "Europe/Paris"
    assert "Nudges are on" in slash("briefing nudges")["text"]

    assert post_due_nudges(paris(day, 17, 55), runtime) == [], "not before 18:00 her time"
    assert post_due_nudges(paris(day, 18, 5), runtime) == [(alice["owner"], "posted")]
    [nudge] = new_messages(runtime, alice["dm"], in_dm)
    assert nudge["text"] == expected
    assert "briefing nudges off" in str(nudge["blocks"])

    # Never twice the same day: a later check, a replica calling directly, a restart.
    assert post_due_nudges(paris(day, 18, 20), runtime) == []
    assert post_due_nudges(paris(day, 20, 59), runtime) == []
    assert post_nudge(runtime, nudge_optin(runtime.engine, alice["owner"]), day) == "already"
    assert len(new_messages(runtime, alice["dm"], in_dm)) == 1
    assert new_messages(runtime, slash.channel, in_channel) == [], "never in a channel"

    # Off: the next evening posts nothing.
    assert "Nudges off" in slash("briefing nudges off")["text"]
    assert post_due_nudges(paris(day + timedelta(days=1), 18, 5), runtime) == []
    assert len(new_messages(runtime, alice["dm"], in_dm)) == 1
    assert new_messages(runtime, slash.channel, in_channel) == []
    assert len(slash.synced) == 4, "every briefing command lets the scheduler follow"


def test_an_evening_with_nothing_to_say_posts_nothing_and_is_not_checked_again(
    runtime, alice, slash
):
    slash("briefing nudges on")
    frame = load_classified(runtime.engine, alice["owner"]).frame
    quiet = next(
        date(2025, 12, 1) + timedelta(days=n)
        for n in range(31)
        if due_nudge(frame, today=date(2025, 12, 1) + timedelta(days=n)) is None
    )
    in_dm = latest(runtime, alice["dm"])
    assert post_due_nudges(paris(quiet, 18, 5), runtime) == [(alice["owner"], "nothing")]
    assert post_due_nudges(paris(quiet, 18, 10), runtime) == []
    assert new_messages(runtime, alice["dm"], in_dm) == []


def test_nudges_need_a_yes_or_no(slash):
    reply = slash("briefing nudges on #workouts")
    assert reply["response_type"] == "ephemeral"
    assert "direct message only" in reply["text"]


def test_the_scheduler_has_a_nudge_job_while_nudges_are_on(runtime, alice, slash):
    scheduler = BriefingScheduler(runtime)
    scheduler.start()
    try:
        slash("briefing nudges on")
        scheduler.sync()
        jobs = {j.id: j for j in scheduler.jobs()}
        job = jobs[f"nudge-{alice['owner']}"]
        assert f"briefing-{alice['schedule']}" in jobs
        fire = job.next_run_time.astimezone(job.trigger.timezone)
        assert (fire.hour, fire.minute, str(job.trigger.timezone)) == (18, 0, "Europe/Paris")
        slash("briefing nudges off")
        scheduler.sync()
        assert [j.id for j in scheduler.jobs()] == [f"briefing-{alice['schedule']}"]
    finally:
        scheduler.shutdown()
