"""``workouts bench``: speed and memory figures for the README's performance table.

Budgets are checked by reading these figures, never by timed assertions in tests.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from bot.bench.measure import peak_rss_mb, timed
from etl.activities import category_of
from etl.dates import parse_date
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
from etl.ingest.infile import load_statement
from etl.ingest.pipeline import ingest_path


@dataclass(frozen=True)
class IngestBench:
    """One ingest benchmark run."""

    rows: int
    database: str
    generate_s: float
    baseline_s: float
    first_s: float
    compare_s: float
    new: int
    again_s: float
    present: int
    peak_rss_mb: float
    load_data_s: float | None = None  # MySQL: the baseline's rows by LOAD DATA alone

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.first_s if self.first_s else 0.0

    @property
    def ratio(self) -> float:
        """The ingest's time over the baseline's (see :func:`run_baseline`)."""
        return self.first_s / self.baseline_s if self.baseline_s else 0.0

    @property
    def load_data_ratio(self) -> float:
        """The ingest's time over LOAD DATA alone of the baseline's rows (MySQL)."""
        return self.first_s / self.load_data_s if self.load_data_s else 0.0

    @property
    def again_ratio(self) -> float:
        """The re-ingest's time over reading the file and comparing its ids with the stored ones."""
        return self.again_s / self.compare_s if self.compare_s else 0.0


def run_ingest_bench(*, rows: int, database_url: str | None = None, seed: int = 0) -> IngestBench:
    """Generate an ``rows``-row MapMyRun export, load it by the baseline (:func:`run_baseline`),
    ingest it, then ingest it again.

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
        try:
            _, baseline_s = run_baseline(engine, path)
            load_data_s = run_load_data_baseline(engine, path, Path(tmp))
            child = _ingest_twice_in_child(url, path, owner)
            _, compare_s = timed(lambda: compare_ids(engine, path, owner))
        finally:
            _remove_owner(engine, owner)
            engine.dispose()
    return IngestBench(
        rows=rows,
        database=safe_url(url) if database_url else "sqlite (temporary file)",
        generate_s=generated,
        baseline_s=baseline_s,
        first_s=child["first_s"],
        compare_s=compare_s,
        new=child["new"],
        again_s=child["again_s"],
        present=child["present"],
        peak_rss_mb=child["peak_rss_mb"],
        load_data_s=load_data_s,
    )


def ingest_twice(url: str, path: str, owner: str) -> dict:
    """Ingest ``path`` for ``owner`` and then again; the times, counts and this process's peak
    memory (run in a child of its own, so the memory is the ingest's, not the baseline's)."""
    engine = open_store(url)
    size = Path(path).stat().st_size + 1
    first, first_s = timed(lambda: ingest_path(engine, path, owner_key=owner, max_bytes=size))
    again, again_s = timed(lambda: ingest_path(engine, path, owner_key=owner, max_bytes=size))
    engine.dispose()
    return {
        "first_s": first_s,
        "new": first.new,
        "again_s": again_s,
        "present": again.already_present,
        "peak_rss_mb": peak_rss_mb(),
    }


def _ingest_twice_in_child(url: str, path: Path, owner: str) -> dict:
    code = (
        "import json, sys; from bot.bench.ingest import ingest_twice; "
        "print(json.dumps(ingest_twice(*sys.argv[1:])))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, url, str(path), owner],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the ingest child failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def render_ingest_bench(result: IngestBench) -> str:
    """The figures as the README's table rows show them."""
    return "\n".join(
        [
            f"ingest benchmark: {result.rows:,} rows into {result.database}",
            f"  generate export      {result.generate_s:8.2f} s",
            f"  baseline             {result.baseline_s:8.2f} s  "
            "(pandas read_csv, vectorised prep, one executemany, one transaction)",
            f"  parse + load         {result.first_s:8.2f} s  "
            f"({result.rows_per_s:,.0f} rows/s, {result.new:,} new; "
            f"{result.ratio:.2f}x the baseline, budget 1.3x)",
            *(
                [
                    f"  LOAD DATA alone      {result.load_data_s:8.2f} s  (the baseline's rows "
                    f"from a prepared file; the ingest is {result.load_data_ratio:.2f}x it, "
                    "budget 1.5x)"
                ]
                if result.load_data_s
                else []
            ),
            f"  re-ingest (all dup.) {result.again_s:8.2f} s  ({result.present:,} already present; "
            f"{result.again_ratio:.2f}x reading the file and comparing ids, "
            f"{result.compare_s:.2f} s; budget 1.5x)",
            f"  peak RSS             {result.peak_rss_mb:8.0f} MB  (the ingesting process, "
            "imports included; budget < 400 MB at 1,000,000 rows)",
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


# The floor an ingest is measured against: what pandas and one ``executemany`` take to put the
# columns the ingest writes for a generated export (its 16 filled ones, the raw row as the file's
# line, the 4 per-batch constants) into a table shaped like ``workouts`` (same types, same two
# indexes), in one transaction, with none of the checks, reports, dedupe or batch records.
_BASELINE_MEASURES = {
    "Calories Burned (kcal)": ("calories_kcal", 1.0),
    "Distance (mi)": ("distance_m", 1609.344),
    "Workout Time (seconds)": ("duration_s", 1.0),
    "Avg Pace (min/mi)": ("avg_pace_s_per_km", 60_000 / 1609.344),
    "Max Pace (min/mi)": ("max_pace_s_per_km", 60_000 / 1609.344),
    "Avg Speed (mi/h)": ("avg_speed_mps", 1609.344 / 3600),
    "Max Speed (mi/h)": ("max_speed_mps", 1609.344 / 3600),
    "Avg Heart Rate": ("avg_heart_rate", 1.0),
    "Steps": ("steps", 1.0),
}


def run_baseline(engine: sa.Engine, path: Path) -> tuple[int, float]:
    """Rows written by the baseline on ``path`` and the seconds it took (its table is dropped)."""
    table = _baseline_table()
    table.create(engine)
    try:
        return timed(lambda: _baseline_load(engine, table, path))
    finally:
        table.drop(engine)


def run_load_data_baseline(engine: sa.Engine, path: Path, folder: Path) -> float | None:
    """On MySQL/MariaDB, the seconds ``LOAD DATA LOCAL INFILE`` alone takes to put the baseline's
    rows (prepared in a file beforehand, not timed) into a table shaped like ``workouts``;
    None elsewhere."""
    if engine.dialect.name not in {"mysql", "mariadb"}:
        return None
    table = _baseline_table()
    table.create(engine)
    try:
        columns = _baseline_columns(path)
        prepared = folder / "baseline.tsv"
        pd.DataFrame(columns).to_csv(
            prepared,
            sep="\t",
            header=False,
            index=False,
            na_rep="\\N",
            quoting=csv.QUOTE_NONE,
            escapechar="\\",
        )
        with engine.begin() as conn:
            statement = load_statement(conn, table.name, str(prepared), list(columns))
            _, seconds = timed(lambda: conn.exec_driver_sql(statement))
        return seconds
    finally:
        table.drop(engine)


def _baseline_table() -> sa.Table:
    table = sa.Table(
        f"bench_baseline_{uuid.uuid4().hex[:8]}",
        sa.MetaData(),
        *(sa.Column(c.name, c.type, primary_key=c.primary_key) for c in workouts.columns),
    )
    sa.UniqueConstraint(table.c.owner_id, table.c.source, table.c.source_id)
    sa.Index(f"ix_{table.name}_date", table.c.owner_id, table.c.workout_date)
    return table


def _baseline_load(engine: sa.Engine, table: sa.Table, path: Path) -> int:
    columns = _baseline_columns(path)
    with engine.begin() as conn:
        marker = "?" if conn.dialect.paramstyle in {"qmark", "numeric"} else "%s"
        quote = conn.dialect.identifier_preparer.quote
        statement = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
            f"VALUES ({', '.join([marker] * len(columns))})"
        )
        conn.exec_driver_sql(statement, list(zip(*columns.values())))
    return len(columns["raw"])


def _baseline_columns(path: Path) -> dict[str, list]:
    """The columns the baseline writes, from pandas and vectorised prep."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    columns: dict[str, list] = {}
    for name, header in (("workout_date", "Workout Date"), ("submitted_date", "Date Submitted")):
        days = {text: parse_date(text).isoformat() for text in frame[header].unique()}
        columns[name] = frame[header].map(days).tolist()
    kinds = frame["Activity Type"]
    columns["activity_type"] = kinds.tolist()
    columns["category"] = kinds.map({k: category_of(k) for k in kinds.unique()}).tolist()
    for header, (name, factor) in _BASELINE_MEASURES.items():
        values = pd.to_numeric(frame[header], errors="coerce") * factor
        values = values.mask(values == 0)
        columns[name] = _with_nones(values)
    columns["source_id"] = frame["Link"].str.extract(r"/workouts?/(\d+)", expand=False).tolist()
    for name, header in (("source_app", "Source"), ("link", "Link")):
        columns[name] = _with_nones(frame[header].replace("", None))
    columns["raw"] = path.read_text(encoding="utf-8").splitlines()[1:]  # the file's own lines
    n = len(frame)
    constants = {"owner_id": 1, "source": "mapmyrun", "batch_id": 1, "created_at": now}
    for name, value in constants.items():
        columns[name] = [value] * n
    return columns


def _with_nones(series: pd.Series) -> list:
    values = series.to_numpy(dtype=object)
    values[pd.isna(values)] = None
    return values.tolist()


def compare_ids(engine: sa.Engine, path: Path, owner_key: str) -> int:
    """The re-ingest's floor: read the file with pandas, take its ids from the links and count
    those already stored for the owner."""
    links = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["Link"])["Link"]
    ids = links.str.extract(r"/workouts?/(\d+)", expand=False)
    with engine.connect() as conn:
        owner_id = conn.execute(sa.select(owners.c.id).where(owners.c.key == owner_key)).scalar()
        query = sa.select(workouts.c.source_id).where(workouts.c.owner_id == owner_id)
        stored = set(conn.execute(query).scalars())
    return int(ids.isin(stored).sum())
