"""``workouts bench``: speed and memory figures for the README's performance table.

Budgets are checked by reading these figures, never by timed assertions in tests.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from bot.bench.measure import peak_rss_mb, timed
from etl.db.engine import open_store
from etl.db.schema import (
    best_efforts,
    ingest_batches,
    owners,
    tracks,
    workout_sources,
    workouts,
)
from etl.db.urls import safe_url
from etl.demo.mapmyrun import generate_export
from etl.ingest.pipeline import ingest_path


@dataclass(frozen=True)
class IngestBench:
    """One ingest benchmark run."""

    rows: int
    database: str
    generate_s: float
    first_s: float
    new: int
    again_s: float
    present: int
    peak_rss_mb: float

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.first_s if self.first_s else 0.0


def run_ingest_bench(*, rows: int, database_url: str | None = None, seed: int = 0) -> IngestBench:
    """Generate an ``rows``-row MapMyRun export, ingest it, then ingest it again.

    Without ``database_url`` a temporary SQLite file is used; with one, the run uses a fresh owner
    and removes that owner's rows afterwards.
    """
    with tempfile.TemporaryDirectory(prefix="workouts-bench-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = open_store(url)
        owner = f"local:bench-{uuid.uuid4().hex[:12]}"
        start = time.perf_counter()
        path = Path(tmp) / "bench.csv"
        path.write_text(generate_export(rows, seed=seed), encoding="utf-8")
        generated = time.perf_counter() - start
        size = path.stat().st_size + 1
        try:
            first, first_s = timed(
                lambda: ingest_path(engine, path, owner_key=owner, max_bytes=size)
            )
            again, again_s = timed(
                lambda: ingest_path(engine, path, owner_key=owner, max_bytes=size)
            )
        finally:
            _remove_owner(engine, owner)
            engine.dispose()
    return IngestBench(
        rows=rows,
        database=safe_url(url) if database_url else "sqlite (temporary file)",
        generate_s=generated,
        first_s=first_s,
        new=first.new,
        again_s=again_s,
        present=again.already_present,
        peak_rss_mb=peak_rss_mb(),
    )


def render_ingest_bench(result: IngestBench) -> str:
    """The figures as the README's table rows show them."""
    return "\n".join(
        [
            f"ingest benchmark: {result.rows:,} rows into {result.database}",
            f"  generate export      {result.generate_s:8.2f} s",
            f"  parse + load         {result.first_s:8.2f} s  "
            f"({result.rows_per_s:,.0f} rows/s, {result.new:,} new)",
            f"  re-ingest (all dup.) {result.again_s:8.2f} s  ({result.present:,} already present)",
            f"  peak RSS             {result.peak_rss_mb:8.0f} MB",
        ]
    )


def _remove_owner(engine: sa.Engine, key: str) -> None:
    with engine.begin() as conn:
        owner_id = conn.execute(sa.select(owners.c.id).where(owners.c.key == key)).scalar()
        if owner_id is None:
            return
        for table in (best_efforts, tracks, workout_sources, workouts):
            conn.execute(table.delete().where(table.c.owner_id == owner_id))
        conn.execute(ingest_batches.delete().where(ingest_batches.c.owner_id == owner_id))
        conn.execute(owners.delete().where(owners.c.id == owner_id))
