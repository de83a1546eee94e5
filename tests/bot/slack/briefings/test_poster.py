"""Morning briefings against the Slack emulator and both stores: once per day, whatever the
replicas, restarts and late starts say."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from slack_sdk import WebClient

from bot.classification import load_classified
from bot.slack.briefings.poster import Runtime, post_briefing, post_due_briefings
from etl.db.briefings import list_schedules, post_records, save_schedule
from etl.db.life_events import add_event
from etl.db.owners import slack_key
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.bot.slack.briefings.conftest import PARIS_0705, briefings_in, latest


def test_a_due_briefing_is_posted_once_with_its_chart(runtime, alice):
    since = latest(runtime, alice["dm"])
    assert post_due_briefings(PARIS_0705, runtime) == [(alice["schedule"], "posted")]
    assert post_due_briefings(PARIS_0705 + timedelta(minutes=5), runtime) == [
        (alice["schedule"], "already")
    ]
    [post] = briefings_in(runtime, alice["dm"], since)
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
    since = latest(runtime, alice["dm"])
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda _: post_due_briefings(PARIS_0705, runtime), range(2)))
    assert sorted(o for [(_, o)] in outcomes) == ["already", "posted"]
    assert len(briefings_in(runtime, alice["dm"], since)) == 1


def test_late_start_posts_once_and_a_day_late_not_at_all(runtime, alice):
    assert post_due_briefings(PARIS_0705 + timedelta(minutes=15), runtime)[0][1] == "posted"
    next_morning_early = PARIS_0705 + timedelta(hours=22)  # 05:05 Paris: yesterday's is stale
    assert post_due_briefings(next_morning_early, runtime) == []
    assert len(post_records(runtime.engine, alice["schedule"])) == 1


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
    since = latest(runtime, channel)
    outcomes = dict(post_due_briefings(PARIS_0705, runtime))
    assert outcomes[schedule_id] == "posted"
    [post] = briefings_in(runtime, channel, since)
    assert f"<@{alice['user']}>" in str(post["blocks"])
    assert f"<@{bob}>" not in str(post["blocks"]), "bob never joined"


def test_a_briefing_names_walks_as_its_owner_does(runtime, alice):
    """No dog event: walks. A dog event: dog walks, from the next post on (both stores)."""
    frame = load_classified(runtime.engine, alice["owner"]).frame
    walked = sorted(set(frame.loc[frame["label"] == "walk", "workout_date"].dt.date))
    before, after = (day + timedelta(days=1) for day in walked[-2:])  # mornings after walks
    [schedule] = list_schedules(runtime.engine, owner_key=alice["owner"])

    def posted(day) -> str:
        since = latest(runtime, alice["dm"])
        assert post_briefing(runtime, schedule, day) == "posted"
        [post] = briefings_in(runtime, alice["dm"], since)
        return str(post["blocks"])

    without = posted(before)
    assert "Yesterday: walk " in without and "dog walk" not in without
    assert not re.search(r"real_run|pup_walk|run_walk|\bmixed\b", without)
    add_event(runtime.engine, alice["owner"], "Choco arrives", date(2018, 6, 1), kind="dog")
    assert "Yesterday: dog walk " in posted(after)
