"""The whole ingest against real stores: SQLite and the MariaDB/MySQL server."""

import json

import pytest
import sqlalchemy as sa

from etl.db.queries import batches_frame, count_workouts, workouts_frame
from etl.db.schema import workouts
from etl.errors import EmptyFile, NotText, NotUtf8, RefusedFile, UnknownFormat
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file, ingest_path
from tests.conftest import table_counts
from tests.helpers import KM_HEADER, export_text, link, row

ALICE, BOB = "local:alice", "local:bob"
LIMIT = 10 * 1024 * 1024


def _ingest(store, text, owner=ALICE, name="export.csv", **options):
    raw = RawFile(name, text.encode() if isinstance(text, str) else text)
    return ingest_file(store, raw, owner_key=owner, max_bytes=LIMIT, **options)


def _history(n, start=1):
    return [row(f"Oct. {1 + i % 28}, {2015 + i // 28}", link=link(start + i)) for i in range(n)]


def test_ingest_stores_every_row_and_reports_counts(store):
    report = _ingest(store, export_text(_history(40)))
    assert (report.rows_read, report.new, report.already_present, report.rejected) == (
        40,
        40,
        0,
        (),
    )
    assert report.format.startswith("MapMyRun") and report.unit == "mi"
    assert str(report.first_date) == "2015-10-01" and str(report.last_date) == "2016-10-12"
    assert count_workouts(store, ALICE) == 40
    [batch] = batches_frame(store, ALICE).to_dict("records")
    assert (batch["rows_read"], batch["rows_new"], batch["rows_present"]) == (40, 40, 0)
    assert batch["sha256"] == report.sha256 and batch["file_name"] == "export.csv"


def test_reingesting_the_same_file_adds_nothing(store):
    text = export_text(_history(25))
    _ingest(store, text)
    again = _ingest(store, text)
    assert (again.new, again.already_present) == (0, 25)
    assert count_workouts(store, ALICE) == 25
    assert len(batches_frame(store, ALICE)) == 2


def test_a_newer_overlapping_export_adds_only_the_new_workouts(store):
    _ingest(store, export_text(_history(30)))
    newer = _ingest(store, export_text(_history(45)[10:]), name="newer.csv")
    assert (newer.rows_read, newer.new, newer.already_present) == (35, 15, 20)
    assert count_workouts(store, ALICE) == 45


def test_owners_are_kept_apart(store):
    text = export_text(_history(12))
    _ingest(store, text, owner=ALICE)
    bob = _ingest(store, text, owner=BOB)
    assert bob.new == 12, "the same workout ids are new for another owner"
    _ingest(store, export_text([row(link=link(999))]), owner=BOB)
    assert count_workouts(store, ALICE) == 12
    assert count_workouts(store, BOB) == 13
    assert set(workouts_frame(store, ALICE)["source_id"]) == {str(i) for i in range(1, 13)}


def test_a_half_bad_file_loads_its_good_rows_and_reports_every_bad_one(store):
    rows = [
        row(link=link(1)),
        row("Smarch 2, 2025", link=link(2)),
        row(calories="32767", link=link(3)),
        ["Oct. 7, 2025", "Run"],
        row(seconds="0", link=link(4)),
    ]
    report = _ingest(store, export_text(rows))
    assert (report.rows_read, report.new, len(report.rejected)) == (5, 3, 2)
    assert [(r.line, r.code) for r in report.rejected] == [
        (3, "bad_workout_date"),
        (5, "wrong_field_count"),
    ]
    assert {(w.line, w.code) for w in report.warnings} == {
        (4, "calories_sentinel"),
        (6, "duration_zero"),
    }
    [batch] = batches_frame(store, ALICE).to_dict("records")
    issues = json.loads(batch["issues"])
    assert issues["total"] == 4
    assert {i["kind"] for i in issues["issues"]} == {"rejected", "warning"}


def test_stored_values_are_si_and_raw_fields_are_kept(store):
    text = export_text(
        [row(distance="5", seconds="1500", calories="32767", notes="b'tempo'")], header=KM_HEADER
    )
    report = _ingest(store, text)
    assert report.unit == "km"
    with store.connect() as conn:
        stored = conn.execute(sa.select(workouts)).mappings().one()
    assert stored["distance_m"] == pytest.approx(5000)
    assert stored["duration_s"] == 1500
    assert stored["avg_pace_s_per_km"] == pytest.approx(9.67 * 60)
    assert stored["calories_kcal"] is None
    assert stored["notes"] == "tempo"
    assert stored["activity_type"] == "Run" and stored["category"] == "run"
    raw = json.loads(stored["raw"])
    assert raw["calories"] == "32767" and raw["notes"] == "b'tempo'"


def test_crlf_bom_and_emoji_round_trip(store):
    text = export_text([row(notes="with Choco \U0001f436")], newline="\r\n")
    _ingest(store, "\ufeff" + text)
    with store.connect() as conn:
        assert conn.execute(sa.select(workouts.c.notes)).scalar_one() == "with Choco \U0001f436"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyFile),
        (export_text([]).encode(), EmptyFile),
        (b"PK\x03\x04zip", RefusedFile),  # a damaged ZIP
        (b"\x1f\x8bnot-gzip", RefusedFile),
        (b"%PDF-1.4", NotText),
        (b"Workout Date,Activity Type\n\xff\xfe,Run\n", NotUtf8),
        (b"Activity ID,Activity Date,Distance\n1,2,3\n", UnknownFormat),
        (export_text([row("someday"), row("never")]).encode(), RefusedFile),
    ],
    ids=["empty", "header-only", "zip", "gzip", "pdf", "latin1", "strava", "no-readable-row"],
)
def test_a_refused_file_changes_nothing(store, data, error):
    _ingest(store, export_text(_history(3)))
    before = table_counts(store)
    with pytest.raises(error):
        _ingest(store, data)
    assert table_counts(store) == before


def test_a_failure_mid_load_leaves_no_part_of_the_batch(store, monkeypatch):
    import etl.ingest.load

    monkeypatch.setattr(etl.ingest.load, "CHUNK_ROWS", 10)
    before = table_counts(store)

    def fail_after_first_chunk(done, total):
        if done >= 10:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        _ingest(store, export_text(_history(50)), progress=fail_after_first_chunk)
    assert table_counts(store) == before


def test_ingest_path_reads_from_disk(store, tmp_path):
    path = tmp_path / "history.csv"
    path.write_text(export_text(_history(4)), encoding="utf-8")
    report = ingest_path(store, path, owner_key=ALICE, max_bytes=LIMIT)
    assert (report.file_name, report.new) == ("history.csv", 4)


def test_concurrent_ingests_of_overlapping_exports_store_each_workout_once(store):
    from concurrent.futures import ThreadPoolExecutor

    older, newer = export_text(_history(300)), export_text(_history(400)[100:])
    with ThreadPoolExecutor(max_workers=3) as pool:
        texts = [older, newer, older, newer, newer]
        reports = list(pool.map(lambda text: _ingest(store, text), texts))
    assert count_workouts(store, ALICE) == 400
    assert sum(r.new for r in reports) == 400
    assert all(r.new + r.already_present == r.rows_read for r in reports)
