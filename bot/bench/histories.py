"""Stores with large or many histories, made quickly for the benchmarks: one owner's export goes
through the real ingest, then its rows are copied on the server (INSERT ... SELECT), which takes
seconds where ingesting a million-row file takes minutes and gigabytes.

A copy within one owner gets new source ids (``<id>~<n>``), so the history holds the same
workouts several times a day, as a busy shared account would; a copy to another owner keeps
them, with the template's newest model run, so that owner's first question classifies with a
stored model as a trained owner's would.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.classification import load_classified
from etl.db.life_events import add_event
from etl.db.owners import bump_data_version, find_owner
from etl.db.queries import count_workouts
from etl.db.schema import model_runs, owners, workouts
from etl.demo.mapmyrun import generate_export
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file

# The most rows one ingest puts in; larger histories are copies of these (a 100,000-row export
# is ~5 s and ~360 MB to ingest, a million-row one ~85 s and 2.3 GB).
INGESTED = 100_000
DOG_DAY = date(2018, 7, 1)


def ensure_large_owner(engine: Engine, key: str, workouts_wanted: int) -> bool:
    """Give ``key`` exactly ``workouts_wanted`` generated workouts over 15 years, a dog from the
    middle of them on and a trained model; True when the store already held them (reused)."""
    have = count_workouts(engine, key)
    if have == workouts_wanted:
        return True
    if have:
        raise RuntimeError(
            f"the store holds {have:,} workouts for {key}, not {workouts_wanted:,}: "
            "use another database (or drop that one) for this size"
        )
    ingest(engine, key, min(workouts_wanted, INGESTED))
    grow_owner(engine, key, workouts_wanted)
    add_event(engine, key, "Choco arrives", DOG_DAY, kind="dog")
    load_classified(engine, key)  # trains and stores the model once
    return False


def ensure_other_owners(engine: Engine, prefix: str, owners_wanted: int, each: int) -> bool:
    """``owners_wanted`` owners ``<prefix>0`` .. with ``each`` workouts apiece (one ingested,
    trained and copied to the others); True when the store already held them (reused)."""
    keys = [f"{prefix}{n}" for n in range(owners_wanted)]
    if count_workouts(engine, keys[-1]) == each:
        return True
    template = keys[0]
    if count_workouts(engine, template) == 0:
        ingest(engine, template, each, seed=1)
        load_classified(engine, template)
    for key in keys[1:]:
        if count_workouts(engine, key) == 0:
            copy_owner(engine, template, key)
    return False


def ingest(engine: Engine, key: str, rows: int, *, seed: int = 0) -> None:
    """A generated MapMyRun export of ``rows`` workouts through the real ingest."""
    raw = RawFile(f"{rows}.csv", generate_export(rows, seed=seed).encode())
    ingest_file(engine, raw, owner_key=key, max_bytes=len(raw.data))


def grow_owner(engine: Engine, key: str, workouts_wanted: int) -> None:
    """Copy the owner's ingested workouts within the owner until they have ``workouts_wanted``."""
    names = [c.name for c in workouts.columns if c.name != "id"]
    with engine.begin() as conn:
        owner_id = find_owner(conn, key)
        base = _ingested_count(conn, owner_id)
        have, copy = base, 1
        while have < workouts_wanted:
            take = min(base, workouts_wanted - have)
            columns = [
                (workouts.c.source_id + f"~{copy}").label("source_id")
                if name == "source_id"
                else workouts.c[name]
                for name in names
            ]
            rows = (
                sa.select(*columns)
                .where(workouts.c.owner_id == owner_id)
                .where(~workouts.c.source_id.contains("~"))
                .order_by(workouts.c.id)
                .limit(take)
            )
            conn.execute(workouts.insert().from_select(names, rows))
            have, copy = have + take, copy + 1
        bump_data_version(conn, owner_id)


def copy_owner(engine: Engine, template: str, key: str) -> None:
    """A new owner ``key`` with the template owner's workouts and newest model run."""
    names = [c.name for c in workouts.columns if c.name not in ("id", "owner_id")]
    run_names = [c.name for c in model_runs.columns if c.name not in ("id", "owner_id")]
    with engine.begin() as conn:
        template_id = find_owner(conn, template)
        owner_id = conn.execute(
            owners.insert().values(
                key=key, display_name=key, created_at=datetime.now(UTC).replace(tzinfo=None)
            )
        ).inserted_primary_key[0]
        rows = sa.select(sa.literal(owner_id), *[workouts.c[n] for n in names]).where(
            workouts.c.owner_id == template_id
        )
        conn.execute(workouts.insert().from_select(["owner_id", *names], rows))
        newest = (
            sa.select(sa.literal(owner_id), *[model_runs.c[n] for n in run_names])
            .where(model_runs.c.owner_id == template_id)
            .order_by(model_runs.c.version.desc())
            .limit(1)
        )
        conn.execute(model_runs.insert().from_select(["owner_id", *run_names], newest))
        bump_data_version(conn, owner_id)


def _ingested_count(conn: sa.Connection, owner_id: int) -> int:
    query = (
        sa.select(sa.func.count())
        .select_from(workouts)
        .where(workouts.c.owner_id == owner_id)
        .where(~workouts.c.source_id.contains("~"))
    )
    return int(conn.execute(query).scalar_one())
