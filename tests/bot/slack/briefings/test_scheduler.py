"""APScheduler in the bot process: jobs kept in the store across restarts, a missed one run once."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from bot.slack.briefings.scheduler import BriefingScheduler, run_job
from etl.db.briefings import post_records


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
