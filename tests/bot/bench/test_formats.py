"""``bench formats``' FIT/GPX archive: generated in chunks, ingested alone and by the pool."""

import io
import zipfile

from bot.bench.formats import (
    ARCHIVE_BUDGET_S,
    _track_archive,
    render_archive_bench,
    run_archive_bench,
)


def test_the_generated_archive_is_one_strava_export_of_fit_and_gpx_files():
    # Made in chunks of 4 (on every core): joined, they are one export with one CSV.
    with zipfile.ZipFile(io.BytesIO(_track_archive(6, chunk=4))) as zf:
        names = sorted(zf.namelist())
        rows = zf.read("activities.csv").decode().strip().splitlines()
    tracks = [n for n in names if n.startswith("activities/")]
    kinds = [n.split(".", 1)[1] for n in tracks]
    assert kinds == ["gpx.gz", "gpx.gz", "fit.gz", "fit.gz", "gpx.gz", "gpx.gz"]
    assert len(rows) == 1 + 6 and rows[0].startswith("Activity ID")
    assert [r.split(",")[0] for r in rows[1:]] == [str(20_000 + n) for n in range(6)]


def test_the_archive_bench_ingests_alone_and_pooled_alike(tmp_path):
    result = run_archive_bench(tmp_path, files=6)
    for run in (result.alone, result.pooled):
        assert (run.rows, run.extra["tracks"], run.extra["refused"]) == (6, 6, 0)
    assert result.alone.extra["workers"] == 1
    text = render_archive_bench(result)
    assert "6 activity files" in text and "ingest, one process" in text
    assert f"budget < {ARCHIVE_BUDGET_S:.0f} s on 2 cores" in text
