"""Workspace-wide commands are for the configured admins only."""

from __future__ import annotations

import pytest

from bot.slack.handlers import handle_command
from bot.slack.services import Services
from etl.db.model_runs import latest_model_run
from etl.db.owners import owner_keys, slack_key
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from etl.settings import load_settings
from tests.helpers import export_text, link, row

TEAM = "T0001"


@pytest.fixture
def services(store, store_url):
    for user, start in (("U0ALICE", 1), ("U0BOB", 100)):
        rows = [row(f"Oct. {d}, 2025", link=link(start + d)) for d in range(1, 7)]
        ingest_file(
            store,
            RawFile("e.csv", export_text(rows).encode()),
            owner_key=slack_key(TEAM, user),
            max_bytes=10**6,
        )
    ingest_file(
        store,
        RawFile("e.csv", export_text([row()]).encode()),
        owner_key=slack_key("T0OTHER", "U0ALICE"),
        max_bytes=10**6,
    )
    settings = load_settings(
        {"WORKOUTS_DATABASE_URL": store_url, "WORKOUTS_SLACK_ADMINS": "U0ADMIN"}
    )
    return Services(settings=settings, engine=store, bot_user_id="U0BOT")


def _command(services, user):
    said = []
    command = {"text": "model  retrain ALL", "team_id": TEAM, "user_id": user, "channel_id": "C1"}
    handle_command(services, command=command, client=None, respond=lambda **kw: said.append(kw))
    return said


def test_only_admins_retrain_the_workspace(services, store):
    [refusal] = _command(services, "U0ALICE")
    assert "Only workspace admins" in refusal["text"]
    assert latest_model_run(store, slack_key(TEAM, "U0BOB")) is None
    [done] = _command(services, "U0ADMIN")
    assert done["text"] == "Retrained 2 models in this workspace."
    assert latest_model_run(store, slack_key(TEAM, "U0BOB")).version == 1
    assert latest_model_run(store, slack_key("T0OTHER", "U0ALICE")) is None, "other workspace"


def test_owner_keys_by_prefix_on_both_stores(services, store):
    assert owner_keys(store, f"slack:{TEAM}:") == [
        slack_key(TEAM, "U0ALICE"),
        slack_key(TEAM, "U0BOB"),
    ]
    assert owner_keys(store, "slack:T0%") == []
