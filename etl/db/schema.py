"""The tables, as SQLAlchemy Core objects shared by the loader, the queries and the migrations test.

Units are SI throughout (metres, seconds, metres per second); pace is seconds per kilometre.
Every workout belongs to an owner; (owner, source, source_id) identifies it, so a re-ingest can
tell new workouts from ones already stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import mysql

metadata = sa.MetaData()

# APScheduler's Float(25) is a DOUBLE on MySQL; say so, so that schema comparison agrees.
JobTime = sa.Float(25).with_variant(mysql.DOUBLE(), "mysql", "mariadb")
# JSON documents (raw rows, ingest issues) outgrow MySQL's 64 KB TEXT.
LongText = sa.Text().with_variant(mysql.MEDIUMTEXT(), "mysql", "mariadb")
# A packed track (a long ride at one point a second) outgrows MySQL's 64 KB BLOB.
LongBlob = sa.LargeBinary().with_variant(mysql.MEDIUMBLOB(), "mysql", "mariadb")
# MySQL's FLOAT is single precision (1609.344 reads back as 1609.343994...): DOUBLE where a value
# is compared or must read back as written.
Double = sa.Float().with_variant(mysql.DOUBLE(), "mysql", "mariadb")

owners = sa.Table(
    "owners",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(191), nullable=False, unique=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("units", sa.String(8), nullable=True),  # "mi" or "km"; None: the default
    # Bumped by every write that changes what the owner's answers read (bot/history_cache.py).
    sa.Column("data_version", sa.Integer, nullable=False, server_default="0"),
)

ingest_batches = sa.Table(
    "ingest_batches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False, index=True),
    sa.Column("file_name", sa.String(255), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("source", sa.String(32), nullable=False),
    sa.Column("unit", sa.String(8), nullable=True),
    sa.Column("size_bytes", sa.BigInteger, nullable=False),
    sa.Column("rows_read", sa.Integer, nullable=False),
    sa.Column("rows_new", sa.Integer, nullable=False),
    sa.Column("rows_present", sa.Integer, nullable=False),
    # Workouts of the file found already stored from another source, and merged (migration 0006).
    sa.Column("rows_merged", sa.Integer, nullable=False, server_default="0"),
    sa.Column("rows_rejected", sa.Integer, nullable=False),
    sa.Column("warnings", sa.Integer, nullable=False),
    sa.Column("issues", LongText, nullable=False),
    sa.Column("first_date", sa.Date, nullable=True),
    sa.Column("last_date", sa.Date, nullable=True),
    sa.Column("started_at", sa.DateTime, nullable=False),
    sa.Column("finished_at", sa.DateTime, nullable=False),
)

workouts = sa.Table(
    "workouts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
    sa.Column("source", sa.String(32), nullable=False),
    sa.Column("source_id", sa.String(64), nullable=False),
    sa.Column("batch_id", sa.Integer, sa.ForeignKey("ingest_batches.id"), nullable=False),
    sa.Column("workout_date", sa.Date, nullable=False),
    sa.Column("started_at", sa.DateTime, nullable=True),
    sa.Column("submitted_date", sa.Date, nullable=True),
    sa.Column("activity_type", sa.String(80), nullable=False),
    sa.Column("category", sa.String(16), nullable=False),
    sa.Column("distance_m", sa.Float, nullable=True),
    sa.Column("duration_s", sa.Float, nullable=True),
    sa.Column("avg_pace_s_per_km", sa.Float, nullable=True),
    sa.Column("max_pace_s_per_km", sa.Float, nullable=True),
    sa.Column("avg_speed_mps", sa.Float, nullable=True),
    sa.Column("max_speed_mps", sa.Float, nullable=True),
    sa.Column("calories_kcal", sa.Float, nullable=True),
    sa.Column("avg_heart_rate", sa.Float, nullable=True),
    sa.Column("steps", sa.BigInteger, nullable=True),
    sa.Column("notes", sa.Text, nullable=True),
    sa.Column("source_app", sa.String(200), nullable=True),
    sa.Column("link", sa.String(300), nullable=True),
    sa.Column("raw", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    # Quality warnings of the row ("steps_absurd,..."): values the ETL stored as missing.
    sa.Column("flags", sa.String(400), nullable=True),
    # What track files and watches add (migration 0006).
    sa.Column("max_heart_rate", sa.Float, nullable=True),
    sa.Column("avg_cadence_spm", sa.Float, nullable=True),
    sa.Column("moving_time_s", sa.Float, nullable=True),
    sa.Column("elevation_gain_m", sa.Float, nullable=True),
    sa.UniqueConstraint("owner_id", "source", "source_id", name="uq_workouts_owner_source_id"),
    sa.Index("ix_workouts_owner_date", "owner_id", "workout_date"),
)

# The other sources a workout was also imported from (the same run from Strava and a GPX file):
# kept once in ``workouts``, each further copy recorded here so a re-import finds it present.
workout_sources = sa.Table(
    "workout_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
    sa.Column("workout_id", sa.Integer, sa.ForeignKey("workouts.id"), nullable=False, index=True),
    sa.Column("source", sa.String(32), nullable=False),
    sa.Column("source_id", sa.String(64), nullable=False),
    sa.Column("batch_id", sa.Integer, sa.ForeignKey("ingest_batches.id"), nullable=False),
    sa.Column("raw", LongText, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("owner_id", "source", "source_id", name="uq_workout_sources_owner_id"),
)

# A workout's recorded route, packed (see etl/tracks.py); one per workout at most.
tracks = sa.Table(
    "tracks",
    metadata,
    sa.Column("workout_id", sa.Integer, sa.ForeignKey("workouts.id"), primary_key=True),
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False, index=True),
    sa.Column("points", sa.Integer, nullable=False),
    sa.Column("data", LongBlob, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# The fastest standard distances (1 km to the marathon) inside each stored route, searched
# when the route is stored (etl.best_efforts, etl.db.best_efforts; migration 0011).
best_efforts = sa.Table(
    "best_efforts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False, index=True),
    sa.Column("workout_id", sa.Integer, sa.ForeignKey("workouts.id"), nullable=False),
    sa.Column("distance_m", Double, nullable=False),  # the standard distance
    sa.Column("seconds", Double, nullable=False),
    sa.Column("start_offset_s", Double, nullable=False),  # from the workout's start
    sa.UniqueConstraint("workout_id", "distance_m", name="uq_best_efforts_workout_distance"),
)

# A classifier model run: everything needed to classify again without retraining, as JSON.
model_runs = sa.Table(
    "model_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("algorithm", sa.String(64), nullable=False),
    sa.Column("model", LongText, nullable=False),
    sa.Column("metrics", sa.Text, nullable=False),
    sa.Column("training_size", sa.Integer, nullable=False),
    sa.Column("history_workouts", sa.Integer, nullable=False),
    sa.Column("history_corrections", sa.Integer, nullable=False),
    sa.Column("trained_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("owner_id", "version", name="uq_model_runs_owner_version"),
)

# Labels people set by hand; they always win over the model and teach the next model run.
label_corrections = sa.Table(
    "label_corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
    sa.Column("workout_id", sa.Integer, sa.ForeignKey("workouts.id"), nullable=False),
    sa.Column("label", sa.String(32), nullable=False),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("workout_id", name="uq_label_corrections_workout"),
    sa.Index("ix_label_corrections_owner", "owner_id"),
)

# Named, dated events in an owner's life ("Choco arrives", 2018-06-01).
# One conversation per owner and place (a terminal session or a Slack thread): the context of
# follow-ups, a write waiting for yes or no, the readings offered, how to undo the last write
# (bot/conversation.py). Query-shaped values are JSON.
conversations = sa.Table(
    "conversations",
    metadata,
    sa.Column("owner_key", sa.String(191), primary_key=True),
    sa.Column("place", sa.String(191), primary_key=True),
    sa.Column("last_query", LongText, nullable=True),
    sa.Column("pending", LongText, nullable=True),
    sa.Column("pending_at", sa.DateTime, nullable=True),
    sa.Column("choices", LongText, nullable=True),
    sa.Column("undo", LongText, nullable=True),
    sa.Column("remembered", LongText, nullable=True),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

life_events = sa.Table(
    "life_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("event_date", sa.Date, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    # What happened: dog, injury, new_job, move, training_plan or other (etl.db.life_events).
    sa.Column("kind", sa.String(32), nullable=False, server_default="other"),
    sa.UniqueConstraint("owner_id", "name", name="uq_life_events_owner_name"),
)

# Work to be done once only, whatever retries or replicas say: a Slack event, an uploaded file.
claims = sa.Table(
    "claims",
    metadata,
    sa.Column("key", sa.String(191), primary_key=True),
    sa.Column("claimed_at", sa.DateTime, nullable=False),
)

# Morning briefings: who is briefed where and when, who consented to channel briefings, and the
# record that makes each day's post happen once.
briefing_schedules = sa.Table(
    "briefing_schedules",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("team_id", sa.String(32), nullable=False),
    sa.Column("owner_key", sa.String(191), nullable=False),
    sa.Column("target", sa.String(64), nullable=False),  # "dm" or a channel id
    sa.Column("time_of_day", sa.String(5), nullable=False),  # "07:00", local to tz
    sa.Column("days", sa.String(32), nullable=False),  # "daily", "weekdays", "mon,wed,fri"
    sa.Column("tz", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("owner_key", "target", name="uq_briefing_schedules_owner_target"),
)

briefing_consents = sa.Table(
    "briefing_consents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("team_id", sa.String(32), nullable=False),
    sa.Column("user_id", sa.String(32), nullable=False),
    sa.Column("channel_id", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("team_id", "user_id", "channel_id", name="uq_briefing_consents"),
)

briefing_posts = sa.Table(
    "briefing_posts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("schedule_id", sa.Integer, nullable=False),
    sa.Column("local_date", sa.Date, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # claimed, posted, failed
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("ts", sa.String(32), nullable=True),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("schedule_id", "local_date", name="uq_briefing_posts_day"),
)

# Evening nudges (opt-in, by DM): a row per owner who said `briefing nudges on`, with the time
# zone their evening is in. Each day's nudge is claimed in ``claims`` (etl.db.nudges).
nudge_optins = sa.Table(
    "nudge_optins",
    metadata,
    sa.Column("owner_key", sa.String(191), primary_key=True),
    sa.Column("team_id", sa.String(32), nullable=False),
    sa.Column("tz", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# Goals people set (etl.db.goals; migration 0012): a target in SI units (metres, seconds, a
# count) per week, month or year, counting the workouts of some classes ("" for all).
goals = sa.Table(
    "goals",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_id", sa.Integer, sa.ForeignKey("owners.id"), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),  # distance, count, duration
    sa.Column("target", Double, nullable=False),
    sa.Column("period", sa.String(8), nullable=False),  # week, month, year
    sa.Column("classes", sa.String(191), nullable=False, server_default=""),  # "run,run_walk"
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("owner_id", "kind", "period", "classes", name="uq_goals_owner_goal"),
)

# APScheduler's job store table (SQLAlchemyJobStore's own layout), owned by the migrations.
apscheduler_jobs = sa.Table(
    "apscheduler_jobs",
    metadata,
    sa.Column("id", sa.Unicode(191), primary_key=True),
    sa.Column("next_run_time", JobTime, index=True),
    sa.Column("job_state", sa.LargeBinary, nullable=False),
)
