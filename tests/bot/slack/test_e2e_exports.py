"""End to end against the Slack emulator: a Strava export ZIP dropped into a channel is
ingested with its routes, and the routes are drawn on request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from etl.db.owners import slack_key
from etl.db.schema import owners, workouts
from etl.demo.strava.bulk_export import Activity, strava_export_zip
from tests.bot.slack.test_e2e import _texts

START = datetime(2025, 10, 1, 6, 45, tzinfo=UTC)
ACTIVITIES = [
    Activity(7001, START, "Run", 5200, 320, "gpx"),
    Activity(7002, START + timedelta(days=1), "Walk", 2400, 700, "fit"),
    Activity(7003, START + timedelta(days=2), "Run", 7100, 330, "tcx", damaged=True),
]


def _bobs_workout(bot, source_id: str) -> int:
    query = (
        sa.select(workouts.c.id)
        .join(owners, owners.c.id == workouts.c.owner_id)
        .where(owners.c.key == slack_key(bot.team, bot.bob_id), workouts.c.source_id == source_id)
    )
    with bot.engine.connect() as conn:
        return conn.execute(query).scalar_one()


def test_a_strava_export_zip_is_ingested_with_its_routes_and_drawn(bot):
    _, _, share_ts = bot.share(strava_export_zip(ACTIVITIES), "export_7.zip", event_id="Ev-zip7")
    thread = bot.wait_for(lambda m: "Classified" in m.get("text", ""), thread=share_ts)
    report = _texts(thread)
    assert "export_7.zip" in report and "Strava export (ZIP)" in report
    assert "Routes stored" in report and "Merged across apps" in report
    assert "activities/7003.tcx.gz" in report, "the damaged file is named"

    status, _, seconds = bot.slash(f"map {_bobs_workout(bot, '7001')}", user=bot.bob_id)
    assert status == 200 and seconds < 3
    dm = bot.bot.conversations_open(users=bot.bob_id)["channel"]["id"]
    bot.wait_for(
        lambda m: any(f.get("name", "").endswith(".png") for f in m.get("files", [])), channel=dm
    )

    assert bot.slash("routes", user=bot.bob_id)[0] == 200
    messages = bot.wait_for(lambda m: "Routes" in _texts([m]) and m.get("blocks"))
    assert "2 routes" in _texts(messages)
