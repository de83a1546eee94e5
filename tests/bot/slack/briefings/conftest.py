"""A briefing schedule for Alice on both stores, posted through the Slack emulator, and how to
find the briefings that landed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient

from bot.slack.briefings.poster import Runtime
from bot.slack.emulator import BOT_TOKEN, USER_TOKEN
from etl.db.briefings import save_schedule
from etl.db.owners import slack_key
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file

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


def latest(runtime, channel) -> float:
    messages = runtime.client.conversations_history(channel=channel, limit=500)["messages"]
    return max((float(m["ts"]) for m in messages), default=0.0)


def briefings_in(runtime, channel, since: float) -> list[dict]:
    messages = runtime.client.conversations_history(channel=channel, limit=500)["messages"]
    return [
        m for m in messages if float(m["ts"]) > since and "Morning briefing" in str(m.get("blocks"))
    ]
