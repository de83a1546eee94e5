"""Hostile and broken input, on both stores: each case of tests/etl/ingest/hostile_cases.py ends
in its specific message (or stores exactly its good rows), never a traceback, and leaves every
owner's rows as they were (a hash per table per owner, before and after). A child process under
resource limits runs every case again to show each is bounded in memory and time."""

from __future__ import annotations

import hashlib
import json
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.export import to_csv
from etl.db.queries import workouts_frame
from etl.db.schema import metadata, owners
from etl.errors import RefusedFile
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file, ingest_path
from tests.etl.ingest.hostile_cases import CASES, MB, TODAY, _csv, _rows
from tests.helpers import link, row

ROOT = Path(__file__).resolve().parents[3]
VICTIM, ATTACKER = "local:bob", "local:eve"
LIMIT = 50 * MB
CHILD_MEMORY = 3 << 30  # address space of the child running every case
CHILD_PEAK_MB = 1024  # what its resident memory may reach
CASE_SECONDS = 30  # a generous bound: a case that hangs is stopped long before the suite's end


def owner_hashes(engine: sa.Engine) -> dict[tuple[str, object], str]:
    """A digest of every table's rows per owner (tables without owners under None)."""
    digests: dict[tuple[str, object], hashlib._Hash] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            key_columns = list(table.primary_key.columns) or list(table.columns)
            owner = table.c.get("owner_id")
            for record in conn.execute(sa.select(table).order_by(*key_columns)):
                mapping = record._mapping
                key = (table.name, mapping[owner] if owner is not None else None)
                digests.setdefault(key, hashlib.sha256()).update(
                    repr(tuple(mapping.values())).encode()
                )
    return {key: digest.hexdigest() for key, digest in digests.items()}


@pytest.fixture
def seeded(store):
    """A store where Bob already has workouts, and Eve one of her own."""
    bobs = _csv([row(f"June {d}, 2023", link=link(100 + d)) for d in range(1, 6)])
    ingest_file(store, RawFile("bob.csv", bobs.encode()), owner_key=VICTIM, max_bytes=LIMIT)
    eves = _csv([row("July 1, 2023", link=link(200))])
    ingest_file(store, RawFile("eve.csv", eves.encode()), owner_key=ATTACKER, max_bytes=LIMIT)
    return store


def _victim_rows(hashes: dict, engine: sa.Engine) -> dict:
    with engine.connect() as conn:
        bob = conn.execute(sa.select(owners.c.id).where(owners.c.key == VICTIM)).scalar_one()
    return {key: digest for key, digest in hashes.items() if key[1] == bob}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input_gets_its_message_and_changes_nothing_it_should_not(case, seeded, tmp_path):
    before = owner_hashes(seeded)
    path = case.build(tmp_path)
    files_before = sorted(tmp_path.rglob("*"))
    options = {"max_bytes": LIMIT, "today": TODAY, **case.options}
    if case.refused:
        with pytest.raises(RefusedFile) as refused:
            ingest_path(seeded, path, owner_key=ATTACKER, **options)
        message = str(refused.value)
        assert re.search(case.refused, message, re.I), message
        assert "Traceback" not in message and refused.value.reason
        assert owner_hashes(seeded) == before, "a refused file changes nothing"
    else:
        report = ingest_path(seeded, path, owner_key=ATTACKER, **options)
        assert report.new == case.stored, report
        assert set(case.rejected) <= {i.line for i in report.rejected}, report.rejected
        after = owner_hashes(seeded)
        assert _victim_rows(after, seeded) == _victim_rows(before, seeded), "Bob's rows untouched"
    assert sorted(tmp_path.rglob("*")) == files_before, "nothing written beside the file"


def test_formula_text_is_stored_as_sent_and_exported_harmless(store):
    text = _csv(_rows(notes='=HYPERLINK("http://x","y")', activity="@SUM(A1)"))
    ingest_file(store, RawFile("f.csv", text.encode()), owner_key=ATTACKER, max_bytes=LIMIT)
    frame = workouts_frame(store, ATTACKER)
    assert set(frame["notes"]) == {'=HYPERLINK("http://x","y")'}
    exported = to_csv(frame[["workout_date", "activity_type", "notes"]]).decode()
    assert "'=HYPERLINK" in exported and "'@SUM(A1)" in exported
    assert not re.search(r"(^|,)[=@+\-]", exported.replace("\r\n", "\n"), re.M)


_CHILD = """
import json, resource, sys, tempfile, time
from pathlib import Path
from etl.db.engine import open_store
from etl.errors import RefusedFile
from etl.ingest.pipeline import ingest_path
from tests.etl.ingest.hostile_cases import CASES, TODAY
folder = Path(tempfile.mkdtemp())
engine = open_store(f"sqlite:///{folder / 'w.db'}")
for n, case in enumerate(CASES):
    work = folder / str(n)
    work.mkdir()
    path = case.build(work)
    start = time.perf_counter()
    try:
        report = ingest_path(engine, path, owner_key=f"local:eve{n}", **{"max_bytes": 50 << 20,
                             "today": TODAY, **case.options})
        outcome = f"stored {report.new}"
    except RefusedFile as exc:
        outcome = "refused"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"id": case.id, "outcome": outcome, "seconds": time.perf_counter() - start,
                      "peak_mb": peak}), flush=True)
"""


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))


def test_every_case_is_bounded_in_memory_and_time():
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=CASE_SECONDS * 8,
        preexec_fn=_limits,
        check=False,
    )
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0, done.stderr[-3000:]
    assert [r["id"] for r in results] == [c.id for c in CASES]
    for result, case in zip(results, CASES):
        expected = "refused" if case.refused else f"stored {case.stored}"
        assert result["outcome"] == expected, result
        assert result["seconds"] < CASE_SECONDS, result
    assert max(r["peak_mb"] for r in results) < CHILD_PEAK_MB, results
