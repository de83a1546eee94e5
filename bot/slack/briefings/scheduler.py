"""APScheduler in the bot process: one cron job per schedule (and per owner with nudges on, at
18:00 their time), kept in the store's job table.

Jobs survive restarts (SQLAlchemy job store); a job missed while the bot was down runs once on
start if it is less than the grace period late (coalesced), and is skipped if older. Two
replicas may both fire a job: the post record lets only one of them post.
"""

from __future__ import annotations

import logging
from datetime import UTC

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from bot.slack.briefings.nudges import nudge_trigger, run_scheduled_nudge
from bot.slack.briefings.poster import GRACE, Runtime, run_scheduled
from bot.slack.briefings.timing import trigger
from etl.db.briefings import list_schedules
from etl.db.nudges import list_optins

log = logging.getLogger("workouts.briefings")
# Stored jobs name a function, not an object: this is how they find the running bot.
_RUNTIME: Runtime | None = None


def run_job(schedule_id: int) -> None:
    """The stored job: post the schedule's briefing (once) with the running bot's runtime."""
    if _RUNTIME is None:
        log.error("briefing job %s fired before the runtime was set", schedule_id)
        return
    outcome = run_scheduled(schedule_id, _RUNTIME)
    log.info("briefing %s: %s", schedule_id, outcome)


def run_nudge_job(owner_key: str) -> None:
    """The stored job of an owner with nudges on: check their evening (once a day)."""
    if _RUNTIME is None:
        log.error("nudge job fired before the runtime was set")
        return
    log.info("nudge: %s", run_scheduled_nudge(owner_key, _RUNTIME))


class BriefingScheduler:
    """A BackgroundScheduler whose jobs mirror the briefing_schedules table."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=runtime.engine)},
            job_defaults={
                "coalesce": True,
                "misfire_grace_time": int(GRACE.total_seconds()),
                "max_instances": 1,
            },
            timezone=UTC,
        )

    def start(self) -> None:
        """Start running stored jobs (missed ones first), then add jobs for new schedules."""
        global _RUNTIME
        _RUNTIME = self.runtime
        self.scheduler.start()
        self.sync()

    def sync(self) -> None:
        """Make the jobs match the schedules and nudge opt-ins, leaving unchanged jobs (and
        their missed runs)."""
        engine = self.runtime.engine
        wanted = {f"briefing-{s.id}": (run_job, s.id, trigger(s)) for s in list_schedules(engine)}
        for optin in list_optins(engine):
            wanted[f"nudge-{optin.owner_key}"] = (
                run_nudge_job,
                optin.owner_key,
                nudge_trigger(optin.tz),
            )
        for job in self.scheduler.get_jobs():
            if job.id not in wanted:
                job.remove()
        for job_id, (run, arg, cron) in wanted.items():
            job = self.scheduler.get_job(job_id)
            if job is None:
                self.scheduler.add_job(run, cron, args=[arg], id=job_id)
            elif str(job.trigger) != str(cron):
                job.reschedule(cron)

    def jobs(self) -> list:
        """The scheduled jobs (for listings and tests)."""
        return self.scheduler.get_jobs()

    def shutdown(self) -> None:
        self.scheduler.shutdown(wait=False)
