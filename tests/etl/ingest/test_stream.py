"""A CSV read a few rows at a time stores and reports exactly what it would read whole, on both
stores; a refusal found in a late chunk changes nothing."""

import pytest
import sqlalchemy as sa

import etl.ingest.extract
import etl.ingest.stream
from etl.db.queries import batches_frame, count_workouts
from etl.db.schema import owners, workouts
from etl.errors import NotUtf8, RefusedFile
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file, ingest_path
from tests.conftest import table_counts
from tests.helpers import export_text, link, row

LIMIT = 10 * 1024 * 1024
WHOLE, CHUNKED = "local:whole", "local:chunked"
# Workout fields that name the batch or the moment of writing, not the workout.
_BOOKKEEPING = {"id", "owner_id", "batch_id", "created_at"}


def _rows() -> list[list[str]]:
    """A history with every file-wide case spread over many chunks of three rows."""
    rows = [row(f"Oct. {1 + i % 28}, {2016 + i // 28}", link=link(100 + i)) for i in range(30)]
    rows[4] = row("Oct. 5, 2016", link=link(100))  # repeats line 2's id, two chunks later
    rows[25] = row("Oct. 9, 2017", link=link(107))  # repeats an id ten chunks later
    rows[7] = row("not a date", link=link(900))  # rejected
    rows[9] = row("Oct. 10, 2016", calories="32767", link=link(901))  # a sentinel
    rows[11] = row("Oct. 12, 2016", link=None, notes="no link")  # id from its content
    rows[20] = row("Oct. 12, 2016", link=None, notes="no link")  # the same content, again
    rows[28] = row("Oct. 12, 2016", link=None, notes="no link")  # and a third time
    rows[13] = row("Oct. 14, 2016", distance="4.2", link=link(902))
    rows[23] = row("Oct. 14, 2016", distance="4.2", link=link(903))  # alike but for the id
    rows[15] = row("Jan. 3, 2099", link=link(904))  # in the future
    rows[17] = row("Oct. 18, 2016", notes='a "quoted"\nnote', link=link(905))
    return rows


def _ingest(store, text: str, owner: str):
    raw = RawFile("history.csv", text.encode())
    return ingest_file(store, raw, owner_key=owner, max_bytes=LIMIT)


def _stored(store, owner: str) -> list[dict]:
    with store.connect() as conn:
        owner_id = conn.execute(sa.select(owners.c.id).where(owners.c.key == owner)).scalar()
        query = sa.select(workouts).where(workouts.c.owner_id == owner_id)
        records = [dict(r._mapping) for r in conn.execute(query)]
    kept = [{k: v for k, v in r.items() if k not in _BOOKKEEPING} for r in records]
    return sorted(kept, key=lambda r: r["source_id"])


def _said(report) -> tuple:
    return (
        report.rows_read,
        report.new,
        report.already_present,
        [(i.line, i.code, i.message) for i in report.rejected],
        [(i.line, i.code, i.message) for i in report.warnings],
        report.first_date,
        report.last_date,
    )


def _batch(store, owner: str) -> list[dict]:
    frame = batches_frame(store, owner).drop(columns=["id", "started_at", "finished_at"])
    return frame.drop(columns=[c for c in frame.columns if c == "owner_id"]).to_dict("records")


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(etl.ingest.stream, "CHUNK_ROWS", 3)
    monkeypatch.setattr(etl.ingest.extract, "BLOCK_BYTES", 97)  # blocks end inside lines


def test_a_file_read_in_chunks_is_stored_and_reported_as_read_whole(store, monkeypatch):
    text = export_text(_rows())
    whole = _ingest(store, text, WHOLE)
    monkeypatch.setattr(etl.ingest.stream, "CHUNK_ROWS", 3)
    monkeypatch.setattr(etl.ingest.extract, "BLOCK_BYTES", 97)
    chunked = _ingest(store, text, CHUNKED)
    assert _said(chunked) == _said(whole)
    assert _stored(store, CHUNKED) == _stored(store, WHOLE)
    assert _batch(store, CHUNKED) == _batch(store, WHOLE)
    codes = {i.code for i in chunked.warnings}
    assert {"repeated_in_file", "same_as_other_row", "future_date", "calories_sentinel"} <= codes
    assert [i.code for i in chunked.rejected] == ["bad_workout_date"]
    ids = [r["source_id"] for r in _stored(store, CHUNKED)]
    derived = sorted(i for i in ids if i.startswith("c"))
    assert [d.rsplit("-", 1)[-1] if "-" in d else "" for d in derived] == ["", "2", "3"]


def test_a_file_sent_again_in_chunks_finds_every_row_present(store, small_chunks):
    text = export_text(_rows())
    first = _ingest(store, text, CHUNKED)
    again = _ingest(store, text, CHUNKED)
    assert (again.new, again.already_present, again.rows_read) == (0, 29, 30)
    assert (again.first_date, again.last_date) == (first.first_date, first.last_date)
    assert [i.code for i in again.rejected] == ["bad_workout_date"]
    assert count_workouts(store, CHUNKED) == first.new


def test_an_overlapping_export_read_in_chunks_adds_only_its_new_rows(store, small_chunks):
    history = [row(f"Oct. {1 + i % 28}, {2016 + i // 28}", link=link(i)) for i in range(20)]
    _ingest(store, export_text(history[:12]), CHUNKED)
    newer = _ingest(store, export_text(history[5:]), CHUNKED)
    assert (newer.new, newer.already_present) == (8, 7)
    assert count_workouts(store, CHUNKED) == 20


def test_a_bad_byte_in_a_late_chunk_refuses_the_file_and_changes_nothing(
    store, small_chunks, tmp_path
):
    _ingest(store, export_text(_rows()[:5]), "local:victim")
    before = table_counts(store)
    data = export_text(_rows()).encode().replace(b"Oct. 27, 2016", b"Oct. 27, 2016 \xe9t\xe9")
    path = tmp_path / "late.csv"
    path.write_bytes(data)
    # Row 27 starts on line 29: the header, and the quoted note's line break before it.
    with pytest.raises(NotUtf8, match=r"byte 0xe9 on line 29"):
        ingest_path(store, path, owner_key=CHUNKED, max_bytes=LIMIT)
    assert table_counts(store) == before


def test_a_file_whose_every_row_is_rejected_in_chunks_is_refused(store, small_chunks):
    rows = [row("not a date", link=link(i)) for i in range(10)]
    with pytest.raises(RefusedFile, match="none of the 10 rows could be read"):
        _ingest(store, export_text(rows), CHUNKED)
    assert count_workouts(store, CHUNKED) == 0
