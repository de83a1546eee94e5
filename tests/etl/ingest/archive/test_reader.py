"""Archives on real stores: a Strava export ZIP (activities joined with their own track files), a
ZIP of track files with bad ones among them, gzip files, and the refusals that change nothing."""

from __future__ import annotations

import gzip
import io
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from etl.db.schema import tracks, workout_sources, workouts
from etl.db.tracks import track_of
from etl.demo.apple_health.export import write_health_export, write_health_zip
from etl.demo.gpx import gpx_text
from etl.demo.routes import synthetic_route
from etl.demo.strava.bulk_export import Activity, strava_export_zip
from etl.errors import RefusedFile
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file, ingest_path
from tests.conftest import table_counts

START = datetime(2024, 4, 2, 6, 30, tzinfo=UTC)
TODAY = date(2030, 1, 1)
OWNER = "local:alice"
ACTIVITIES = [
    Activity(101, START, "Run", 5000, 330, "gpx"),
    Activity(102, START + timedelta(days=1), "Walk", 2500, 690, "tcx"),
    Activity(103, START + timedelta(days=2), "Run", 8000, 320, "fit"),
    Activity(104, START + timedelta(days=3), "Walk", 3000, 700, "gpx", gzipped=False),
    Activity(105, START + timedelta(days=4), "Run", 6000, 340, "gpx", damaged=True),
    Activity(106, START + timedelta(days=5), "Run", 4000, 350, None),  # entered by hand
]


def ingest(store, name: str, data: bytes, owner: str = OWNER):
    return ingest_file(store, RawFile(name, data), owner_key=owner, max_bytes=10**7, today=TODAY)


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def gpx_bytes(day: int, metres: float = 4000, seed: int = 0) -> bytes:
    start = START + timedelta(days=day)
    route = synthetic_route(
        seed=seed, distance_m=metres, pace_s_per_km=330, start=start, interval_s=5.0
    )
    return gpx_text(route).encode()


def count(store, table) -> int:
    with store.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_a_strava_export_joins_each_activity_with_its_own_file(store):
    report = ingest(store, "export_123.zip", strava_export_zip(ACTIVITIES))
    assert report.format.startswith("Strava export (ZIP)")
    # Six activities from the CSV; four files merged into theirs; the damaged one listed.
    assert (report.new, report.merged, report.tracks) == (6, 4, 4)
    assert [r.name for r in report.refused_files] == ["activities/105.gpx.gz"]
    assert "damaged or cut short" in report.refused_files[0].reason
    assert any("skipped" in n for n in report.notes)  # profile.csv and the photo
    stored = (count(store, workouts), count(store, workout_sources), count(store, tracks))
    assert stored == (6, 4, 4)
    with store.connect() as conn:
        rows = {r.source_id: r for r in conn.execute(sa.select(workouts)).all()}
    # The person's label stays (102's TCX says "Other"); the file adds moving time and heart rate.
    assert rows["102"].activity_type == "Walk" and rows["102"].max_heart_rate is not None
    assert rows["103"].avg_cadence_spm == pytest.approx(170, abs=1)
    assert rows["106"].moving_time_s is not None  # from the CSV alone


def test_a_strava_export_again_finds_everything_present(store):
    ingest(store, "export.zip", strava_export_zip(ACTIVITIES))
    before = table_counts(store)
    again = ingest(store, "export.zip", strava_export_zip(ACTIVITIES))
    assert (again.new, again.merged, again.already_present) == (0, 0, 10)
    after = table_counts(store)
    assert {k: v for k, v in after.items() if k != "ingest_batches"} == {
        k: v for k, v in before.items() if k != "ingest_batches"
    }


def test_a_route_is_read_back_only_by_its_owner(store):
    ingest(store, "export.zip", strava_export_zip(ACTIVITIES[:1]))
    with store.connect() as conn:
        workout_id = conn.execute(sa.select(workouts.c.id)).scalar_one()
    mine = track_of(store, OWNER, workout_id)
    assert mine is not None and len(mine.track) > 100
    assert track_of(store, "local:bob", workout_id) is None


def test_a_zip_of_track_files_loads_the_good_ones_and_lists_the_bad(store):
    files = {
        "runs/a.gpx": gpx_bytes(0, seed=1),
        "runs/b.gpx.gz": gzip.compress(gpx_bytes(1, seed=2)),
        "runs/c.gpx": gpx_bytes(2, seed=3)[:900],  # cut short
        "runs/notes.txt": b"remember to stretch\n",
        "__MACOSX/._a.gpx": b"\x00\x05\x16\x07 resource fork",
    }
    report = ingest(store, "tracks.zip", zip_of(files))
    assert (report.new, report.tracks, report.files) == (2, 2, 4)
    refused = {r.name: r.reason for r in report.refused_files}
    assert set(refused) == {"runs/c.gpx", "runs/notes.txt"}
    assert "damaged or cut short" in refused["runs/c.gpx"]
    assert "Supported" not in refused["runs/notes.txt"] and refused["runs/notes.txt"]


def test_a_separately_imported_track_merges_with_the_strava_activity(store):
    export = strava_export_zip(ACTIVITIES[:1])
    with zipfile.ZipFile(io.BytesIO(export)) as zf:
        csv_text, gpx_gz = zf.read("activities.csv"), zf.read("activities/101.gpx.gz")
    assert ingest(store, "activities.csv", csv_text).new == 1
    report = ingest(store, "101.gpx.gz", gpx_gz)
    assert (report.new, report.merged, report.tracks) == (0, 1, 1)


@pytest.mark.parametrize(
    ("files", "words"),
    [
        ({"a.gpx": b"<gpx><trk>", "b.txt": b"hello\n"}, "none of the 2 files could be read"),
        ({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}, "Excel"),
        ({}, "holds no files"),
    ],
    ids=["all-bad", "xlsx", "empty"],
)
def test_a_zip_with_nothing_usable_is_refused_and_changes_nothing(store, files, words):
    ingest(store, "export.zip", strava_export_zip(ACTIVITIES[:2]))
    before = table_counts(store)
    with pytest.raises(RefusedFile, match=words):
        ingest(store, "bad.zip", zip_of(files))
    assert table_counts(store) == before


def test_a_zip_on_disk_is_read_from_the_disk(store, tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(strava_export_zip(ACTIVITIES[:3]))
    report = ingest_path(store, path, owner_key=OWNER, max_bytes=10**7, today=TODAY)
    assert (report.new, report.merged, report.tracks) == (3, 3, 3)
    assert report.sha256 and report.file_name == "export.zip"


def test_an_apple_health_export_zip_is_streamed_with_its_routes(store, tmp_path):
    path = tmp_path / "export.zip"
    truth = write_health_zip(path, target_bytes=3 << 20, seed=4)
    report = ingest_path(store, path, owner_key=OWNER, max_bytes=10**7, today=TODAY)
    assert report.format.startswith("Apple Health export (ZIP)")
    assert report.new == truth.kept and 0 < report.tracks <= len(truth.route_files)
    assert any("skipped" in n for n in report.notes)  # export_cda.xml
    assert count(store, tracks) == report.tracks


def test_an_apple_health_export_xml_is_streamed_from_the_disk(store, tmp_path):
    path = tmp_path / "export.xml"
    with path.open("wb") as stream:
        truth = write_health_export(stream, target_bytes=2 << 20, seed=5)
    # Larger than the upload limit: an export on disk is read as a stream, not held whole.
    report = ingest_path(store, path, owner_key=OWNER, max_bytes=1 << 20, today=TODAY)
    assert (report.new, report.format) == (truth.kept, "Apple Health export")
    again = ingest_path(store, path, owner_key=OWNER, max_bytes=1 << 20, today=TODAY)
    assert again.already_present == truth.kept
