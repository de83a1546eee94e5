"""Many owners in one MySQL/MariaDB store: does one owner's cost grow with everyone else's rows?

    python -m bot.bench.owners --server-url mysql+pymysql://root@127.0.0.1:3306

Creates a scratch database on the server (dropped at the end), fills it with 1, then 100, then
1,000 owners of ``--rows`` workouts each (the first by the real ingest, the others copied from it
on the server with INSERT ... SELECT, which is what makes 1,000 owners quick to set up), and at
each step measures, for one owner among them: reading their whole history (``workouts_frame``,
what every answer starts from), counting it, and a fresh owner's real ingest and re-ingest of the
same file (its rows stay: the table holds one more owner per step). Figures for infra/DEPLOY.md
and the README's "How it scales"; not part of the CLI.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from bot.bench.measure import peak_rss_mb, timed
from etl.db.engine import open_store
from etl.db.queries import count_workouts, workouts_frame
from etl.db.schema import owners, workouts
from etl.demo.mapmyrun import generate_export
from etl.ingest.pipeline import ingest_path

STEPS = (1, 100, 1000)


def _median(action, repeats: int = 5) -> float:
    action()  # warm: the buffer pool and the connection
    return statistics.median(timed(action)[1] for _ in range(repeats))


def _copy_owner(engine: sa.Engine, template_id: int, key: str) -> None:
    copied = [c.name for c in workouts.columns if c.name not in ("id", "owner_id")]
    names = ", ".join(copied)
    with engine.begin() as conn:
        new_id = conn.execute(
            owners.insert().values(
                key=key, display_name=key, created_at=datetime.now(UTC).replace(tzinfo=None)
            )
        ).inserted_primary_key[0]
        conn.exec_driver_sql(
            f"INSERT INTO workouts (owner_id, {names}) SELECT {int(new_id)}, {names} "
            f"FROM workouts WHERE owner_id = {int(template_id)}"
        )


def run(server_url: str, rows: int, steps: tuple[int, ...] = STEPS) -> list[dict]:
    name = f"workouts_owners_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server_url.rstrip("/") + "/")
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    results = []
    try:
        engine = open_store(f"{server_url.rstrip('/')}/{name}")
        with tempfile.TemporaryDirectory(prefix="workouts-owners-") as tmp:
            path = Path(tmp) / "export.csv"
            path.write_text(generate_export(rows, seed=0), encoding="utf-8")
            size = path.stat().st_size + 1
            ingest_path(engine, path, owner_key="local:owner-0", max_bytes=size)
            with engine.connect() as conn:
                template = conn.execute(
                    sa.select(owners.c.id).where(owners.c.key == "local:owner-0")
                ).scalar_one()
            have = 1
            for step in steps:
                _, fill_s = timed(
                    lambda have=have, step=step: [
                        _copy_owner(engine, template, f"local:owner-{i}") for i in range(have, step)
                    ]
                )
                have = max(have, step)
                probe = f"local:owner-{have // 2}"
                read_s = _median(lambda probe=probe: workouts_frame(engine, probe))
                count_s = _median(lambda probe=probe: count_workouts(engine, probe))
                fresh = f"local:fresh-{step}"
                first, first_s = timed(
                    lambda fresh=fresh: ingest_path(engine, path, owner_key=fresh, max_bytes=size)
                )
                again, again_s = timed(
                    lambda fresh=fresh: ingest_path(engine, path, owner_key=fresh, max_bytes=size)
                )
                with engine.connect() as conn:
                    conn.exec_driver_sql("ANALYZE TABLE workouts").all()
                    total = conn.execute(sa.select(sa.func.count()).select_from(workouts)).scalar()
                    mb = conn.exec_driver_sql(
                        "SELECT (data_length + index_length) / 1048576 FROM "
                        "information_schema.tables WHERE table_schema = DATABASE() "
                        "AND table_name = 'workouts'"
                    ).scalar()
                results.append(
                    {
                        "owners": step,
                        "table_rows": int(total),
                        "table_mb": float(mb or 0),
                        "fill_s": fill_s,
                        "read_history_s": read_s,
                        "count_s": count_s,
                        "ingest_s": first_s,
                        "ingest_new": first.new,
                        "reingest_s": again_s,
                        "reingest_present": again.already_present,
                    }
                )
                print(_line(results[-1]), flush=True)
        engine.dispose()
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        admin.dispose()
    print(f"peak RSS {peak_rss_mb():.0f} MB", flush=True)
    return results


def _line(r: dict) -> str:
    return (
        f"{r['owners']:>5} owners ({r['table_rows']:,} rows, {r['table_mb']:.0f} MB): "
        f"read one history {r['read_history_s'] * 1000:.1f} ms, "
        f"count {r['count_s'] * 1000:.1f} ms, "
        f"a new owner's ingest {r['ingest_s']:.2f} s ({r['ingest_new']:,} new), "
        f"re-ingest {r['reingest_s']:.2f} s ({r['reingest_present']:,} present); "
        f"filled in {r['fill_s']:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server-url", default="mysql+pymysql://root@127.0.0.1:3306")
    parser.add_argument("--rows", type=int, default=2900, help="workouts per owner")
    args = parser.parse_args()
    run(args.server_url, args.rows)


if __name__ == "__main__":
    main()
