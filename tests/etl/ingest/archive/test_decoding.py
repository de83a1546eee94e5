"""Archives decoded in a pool of processes: the same rows, routes, refusals and order as with one
process (on SQLite and MySQL), the file's time limit and the archive's bound kept in the
workers, and one process where no pool can start (AWS Lambda) or a worker dies."""

from __future__ import annotations

import gzip
import io
import os
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from etl.db.schema import owners, tracks, workout_sources, workouts
from etl.demo.strava.bulk_export import Activity, strava_export_zip
from etl.errors import RefusedFile
from etl.ingest.archive import decoding
from etl.ingest.pipeline import ingest_path
from tests.conftest import table_counts

START = datetime(2023, 3, 1, 7, 0, tzinfo=UTC)
TODAY = date(2030, 1, 1)
KINDS = [("Run", "gpx"), ("Walk", "gpx"), ("Run", "fit"), ("Run", "tcx"), ("Walk", "fit")]
# Members that are not kept: one cut short (a failed download), one that is no export at all.
DAMAGED = {4, 9}
UNSTORED = ("date", "created_at", "finished_at", "started_at")


def _export() -> bytes:
    items = [
        Activity(
            500 + n,
            START + timedelta(days=n),
            *KINDS[n % len(KINDS)][:1],
            1200.0 + 150 * n,
            340.0,
            KINDS[n % len(KINDS)][1],
            damaged=n in DAMAGED,
        )
        for n in range(14)
    ]
    data = strava_export_zip(items, seed=5, interval_s=5.0)
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("activities/notes.txt", b"remember to stretch\n")
        out.writestr("activities/999.gpx.gz", gzip.compress(b"<gpx><trk>"))
    return buffer.getvalue()


EXPORT = _export()


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(EXPORT)
    return path


def ingest(store, path, owner: str, workers: int | None, **limits):
    return ingest_path(
        store,
        path,
        owner_key=owner,
        max_bytes=10**7,
        today=TODAY,
        decode_workers=workers,
        **limits,
    )


def stored(store, owner: str) -> list[tuple]:
    """The owner's workouts in id order (the order they were stored in), each with its route
    and merged sources, without ids, batches or clock times."""
    with store.connect() as conn:
        owner_id = conn.execute(sa.select(owners.c.id).where(owners.c.key == owner)).scalar_one()
        rows = conn.execute(
            sa.select(workouts).where(workouts.c.owner_id == owner_id).order_by(workouts.c.id)
        ).mappings()
        out = []
        for row in rows.all():
            track = conn.execute(
                sa.select(tracks.c.points, tracks.c.data).where(tracks.c.workout_id == row["id"])
            ).one_or_none()
            sources = conn.execute(
                sa.select(workout_sources.c.source, workout_sources.c.source_id)
                .where(workout_sources.c.workout_id == row["id"])
                .order_by(workout_sources.c.id)
            ).all()
            kept = {k: v for k, v in row.items() if not k.endswith(("id", *UNSTORED))}
            out.append((row["source_id"], kept, tuple(track or ()), tuple(map(tuple, sources))))
        return out


def comparable(report):
    """A report without what differs between two owners' imports (batch ids, owner)."""
    return replace(report, batch_id=None, batch_ids=(), owner="")


def assert_as_one_process(store, archive, owner: str, workers: int):
    """Ingest ``archive`` for ``owner`` with ``workers`` and check the report and the stored
    rows are those of one process; returns the one-process report."""
    alone = ingest(store, archive, "local:alone", 1)
    other = ingest(store, archive, owner, workers)
    assert comparable(other) == comparable(alone)
    assert stored(store, owner) == stored(store, "local:alone")
    return alone


def test_a_pool_stores_exactly_what_one_process_stores(store, archive):
    alone = assert_as_one_process(store, archive, "local:pooled", 2)
    assert (alone.new, alone.merged, alone.tracks) == (14, 12, 12)


def test_refused_members_are_listed_the_same_way_in_a_pool(store, archive):
    alone = ingest(store, archive, "local:alone", 1)
    pooled = ingest(store, archive, "local:pooled", 3)
    names = [r.name for r in pooled.refused_files]
    assert names == [
        "activities/504.fit.gz",
        "activities/509.fit.gz",
        "activities/999.gpx.gz",
        "activities/notes.txt",
    ]
    assert pooled.refused_files == alone.refused_files
    assert "cut short" in pooled.refused_files[0].reason


_DECODE = decoding._decode_in_worker


def slow_early_files(member, raw, **limits):
    """The worker's decode, the archive's first files finishing last."""
    number = int("".join(c for c in member if c.isdigit()) or 0)
    time.sleep(max(0.0, 520 - number) * 0.01)
    return _DECODE(member, raw, **limits)


def dies_on_one_file(member, raw, **limits):
    """The worker's decode, but one file ends its process as the kernel's OOM killer would."""
    if member.endswith("507.fit.gz"):
        os._exit(9)
    return _DECODE(member, raw, **limits)


def test_results_are_taken_in_archive_order_whatever_order_workers_finish_in(
    store, archive, monkeypatch
):
    # Workers are forked with the module as patched here; the function is pickled by name.
    monkeypatch.setattr(decoding, "_decode_in_worker", slow_early_files)
    assert_as_one_process(store, archive, "local:pooled", 3)


def test_without_dev_shm_as_on_lambda_one_process_reads_the_archive(store, archive, monkeypatch):
    monkeypatch.setattr(decoding.os.path, "isdir", lambda path: path != "/dev/shm")
    monkeypatch.setattr(decoding.sys, "platform", "linux")
    assert not decoding.pool_possible()
    assert decoding.workers_wanted(None, 10_000) == 1
    with decoding.Decoder(4, max_bytes=100, seconds=1.0) as decoder:
        assert not decoder.pooled
    assert_as_one_process(store, archive, "local:lambda", 4)


def test_a_pool_that_cannot_start_falls_back_to_one_process(store, archive, monkeypatch):
    def no_semaphores(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # what Lambda's multiprocessing says

    monkeypatch.setattr(decoding, "ProcessPoolExecutor", no_semaphores)
    with decoding.Decoder(2, max_bytes=100, seconds=1.0) as decoder:
        assert not decoder.pooled
    assert_as_one_process(store, archive, "local:fallen", 2)


def test_workers_that_fail_to_start_fall_back_to_one_process(store, archive, monkeypatch):
    class Unstartable(ProcessPoolExecutor):
        def submit(self, *args, **kwargs):
            raise OSError(38, "Function not implemented")

    monkeypatch.setattr(decoding, "ProcessPoolExecutor", Unstartable)
    assert_as_one_process(store, archive, "local:fallen", 2)


def test_a_worker_that_dies_leaves_its_files_to_this_process(store, archive, monkeypatch):
    monkeypatch.setattr(decoding, "_decode_in_worker", dies_on_one_file)
    assert_as_one_process(store, archive, "local:survived", 2)


def test_each_file_keeps_its_time_limit_in_the_workers(store, archive):
    before = table_counts(store)
    refusals = []
    for workers in (1, 2):
        with pytest.raises(RefusedFile) as caught:
            ingest(store, archive, "local:hurried", workers, max_seconds=1e-9)
        refusals.append(caught.value.reason)
    assert refusals[0] == refusals[1]
    assert "longer than the 1e-09 s limit" in refusals[1]
    assert table_counts(store) == before


def test_the_archive_bound_refuses_it_whole_in_a_pool_too(store, archive):
    before = table_counts(store)
    with pytest.raises(RefusedFile, match="WORKOUTS_MAX_INFLATED_MB"):
        ingest(store, archive, "local:bounded", 2, max_inflated_bytes=200_000)
    assert table_counts(store) == before


@pytest.mark.parametrize(
    ("requested", "files", "possible", "expected"),
    [
        (3, 5, True, 3),  # asked for: even a small archive
        (0, 5_000, True, 1),
        (None, decoding.POOL_FROM - 1, True, 1),  # a pool costs more than it saves
        (None, 5_000, False, 1),  # Lambda
    ],
)
def test_how_many_workers(requested, files, possible, expected, monkeypatch):
    monkeypatch.setattr(decoding, "pool_possible", lambda: possible)
    assert decoding.workers_wanted(requested, files) == expected


def test_a_large_archive_gets_a_worker_a_core(monkeypatch):
    monkeypatch.setattr(decoding, "pool_possible", lambda: True)
    monkeypatch.setattr(decoding, "_cores", lambda: 2)
    assert decoding.workers_wanted(None, 2_000) == 2
    monkeypatch.setattr(decoding, "_cores", lambda: 64)
    assert decoding.workers_wanted(None, 2_000) == decoding.MAX_WORKERS
