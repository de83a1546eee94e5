"""Morning briefings against the Slack emulator and both stores: once per day, whatever the
replicas, restarts and late starts say."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient

from bot.briefings.poster import Runtime, post_briefing, post_due_briefings
from bot.briefings.scheduler import BriefingScheduler, run_job
from bot.slack.emulator import BOT_TOKEN, USER_TOKEN
from bot.slack.handlers import handle_command
from bot.slack.services import Services
from etl.db.briefings import list_schedules, post_records, save_schedule
from etl.db.owners import slack_key
from etl.demo import generate_history
from etl.extract import RawFile
from etl.pipeline import ingest_file
from etl.settings import load_settings

PARIS_0705 = datetime(2025, 12, 10, 6, 5, tzinfo=UTC)  # 07:05 in Paris


@pytest.fixture
def runtime(store, emulator):
    return Runtime(store, WebClient(token=BOT_TOKEN, base_url=emulator.api_url), retry_pause_s=0)


@pytest.fixture
def alice(runtime, emulator):
    who = WebClient(token=USER_TOKEN, base_url=emulator.api_url).auth_test()
    owner = slack_key(who["team_id"], who["user_id"])
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    ingest_file(runtime.engine, raw, owner_key=owner, max_bytes=len(raw.data))
    schedule_id, _ = save_schedule(
        runtime.engine,
        team_id=who["team_id"],
        owner_key=owner,
        target="dm",
        time_of_day="07:00",
        days="daily",
        tz="Europe/Paris",
    )
    dm = runtime.client.conversations_open(users=who["user_id"])["channel"]["id"]
    return {
        "owner": owner,
        "schedule": schedule_id,
        "dm": dm,
        "team": who["team_id"],
        "user": who["user_id"],
    }


def _latest(runtime, channel) -> float:
    messages = runtime.client.conversations_history(channel=channel, limit=500)["messages"]
    return max((float(m["ts"]) for m in messages), default=0.0)


def _briefings_in(runtime, channel, since: float) -> list[dict]:
    messages = runtime.client.conversations_history(channel=channel, limit=500)["messages"]
    return [
        m for m in messages if float(m["ts"]) > since and "Morning briefing" in str(m.get("blocks"))
    ]


def test_a_due_briefing_is_posted_once_with_its_chart(runtime, alice):
    since = _latest(runtime, alice["dm"])
    assert post_due_briefings(PARIS_0705, runtime) == [(alice["schedule"], "posted")]
    assert post_due_briefings(PARIS_0705 + timedelta(minutes=5), runtime) == [
        (alice["schedule"], "already")
    ]
    [post] = _briefings_in(runtime, alice["dm"], since)
    assert "briefing unschedule" in str(post["blocks"])
    history = runtime.client.conversations_history(channel=alice["dm"], limit=50)["messages"]
    assert any(f.get("name", "").startswith("weeks-") for m in history for f in m.get("files", []))
    [record] = post_records(runtime.engine, alice["schedule"])
    assert (str(record["local_date"]), record["status"], record["attempts"]) == (
        "2025-12-10",
        "posted",
        1,
    )


def test_two_replicas_post_one_briefing(runtime, alice):
    since = _latest(runtime, alice["dm"])
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda _: post_due_briefings(PARIS_0705, runtime), range(2)))
    assert sorted(o for [(_, o)] in outcomes) == ["already", "posted"]
    assert len(_briefings_in(runtime, alice["dm"], since)) == 1


def test_late_start_posts_once_and_a_day_late_not_at_all(runtime, alice):
    assert post_due_briefings(PARIS_0705 + timedelta(minutes=15), runtime)[0][1] == "posted"
    next_morning_early = PARIS_0705 + timedelta(hours=22)  # 05:05 Paris: yesterday's is stale
    assert post_due_briefings(next_morning_early, runtime) == []
    assert len(post_records(runtime.engine, alice["schedule"])) == 1


def test_the_scheduler_keeps_its_jobs_across_restarts_and_runs_a_missed_one_once(runtime, alice):
    first = BriefingScheduler(runtime)
    first.start()
    assert [j.id for j in first.jobs()] == [f"briefing-{alice['schedule']}"]
    first.shutdown()
    # Down at 07:00, back 20 minutes later: the stored job is overdue but within the grace.
    again = BriefingScheduler(runtime)
    again.scheduler.add_job(
        run_job,
        "date",
        run_date=datetime.now(UTC) + timedelta(days=365),
        args=[alice["schedule"]],
        id="missed",
        next_run_time=datetime.now(UTC) - timedelta(minutes=20),
    )
    again.start()
    deadline = time.monotonic() + 20

    def settled():
        records = post_records(runtime.engine, alice["schedule"])
        return records and records[0]["status"] != "claimed"

    while not settled() and time.monotonic() < deadline:
        time.sleep(0.2)
    again.shutdown()
    third = BriefingScheduler(runtime)
    third.start()
    ids = sorted(j.id for j in third.jobs())
    third.shutdown()
    assert f"briefing-{alice['schedule']}" in ids
    assert [r["status"] for r in post_records(runtime.engine, alice["schedule"])] == ["posted"]


def test_a_failing_post_is_retried_then_reported(store, alice):
    broken = Runtime(
        store, WebClient(token="xoxb-x", base_url="http://127.0.0.1:9/api/"), retry_pause_s=0
    )
    [schedule] = list_schedules(store, owner_key=alice["owner"])
    assert post_briefing(broken, schedule, PARIS_0705.date()) == "failed"
    [record] = post_records(store, schedule.id)
    assert (record["status"], record["attempts"]) == ("failed", 3)
    assert record["error"]


def test_someone_without_data_is_not_briefed(runtime, emulator):
    save_schedule(
        runtime.engine,
        team_id="T000000001",
        owner_key="slack:T000000001:U0NODATA",
        target="dm",
        time_of_day="07:00",
        days="daily",
        tz="Europe/Paris",
    )
    assert post_due_briefings(PARIS_0705, runtime) == [
        (list_schedules(runtime.engine)[0].id, "no_data")
    ]


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


def test_a_channel_briefing_has_a_section_only_for_people_who_joined(runtime, alice, emulator):
    from etl.db.briefings import set_consent

    channel = next(
        c["id"] for c in runtime.client.conversations_list()["channels"] if c["name"] == "workouts"
    )
    bob = WebClient(token="xoxp-bob", base_url=emulator.api_url).auth_test()["user_id"]
    ingest_file(
        runtime.engine,
        RawFile("b.csv", generate_history(seed=5).csv_text.encode()),
        owner_key=slack_key(alice["team"], bob),
        max_bytes=10**7,
    )
    schedule_id, _ = save_schedule(
        runtime.engine,
        team_id=alice["team"],
        owner_key="slack:T1:UADMIN",
        target=channel,
        time_of_day="07:00",
        days="daily",
        tz="Europe/Paris",
    )
    set_consent(
        runtime.engine, team_id=alice["team"], user_id=alice["user"], channel_id=channel, given=True
    )
    since = _latest(runtime, channel)
    outcomes = dict(post_due_briefings(PARIS_0705, runtime))
    assert outcomes[schedule_id] == "posted"
    [post] = _briefings_in(runtime, channel, since)
    assert f"<@{alice['user']}>" in str(post["blocks"])
    assert f"<@{bob}>" not in str(post["blocks"]), "bob never joined"


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
