"""MySQL's LOAD DATA path stores exactly what the driver's executemany stores, whatever the
text holds; SQLite never takes it."""

import pytest
import sqlalchemy as sa

import etl.ingest.infile
from etl.db.engine import open_store
from etl.db.schema import owners, workouts
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.helpers import export_text, link, row

LIMIT = 10 * 1024 * 1024
_BOOKKEEPING = {"id", "owner_id", "batch_id", "created_at"}
_AWKWARD_NOTES = (
    "tab\there",
    "back\\slash and \\N and \\t",
    "quote \" and ' both",
    "line\nbreak",
    "carriage\r\nreturn",
    "caf\u00e9 \U0001f436 \u2603",
    "",
    "NULL",
)


def _export() -> str:
    rows = [
        row(f"Oct. {1 + i}, 2019", notes=note, link=link(500 + i), heart="" if i % 2 else "151")
        for i, note in enumerate(_AWKWARD_NOTES)
    ]
    rows.append(row("Nov. 2, 2019", distance="3.14159265358979", seconds="1234.5", link=None))
    return export_text(rows)


def _stored(engine, owner: str) -> list[dict]:
    with engine.connect() as conn:
        owner_id = conn.execute(sa.select(owners.c.id).where(owners.c.key == owner)).scalar()
        query = sa.select(workouts).where(workouts.c.owner_id == owner_id)
        records = [dict(r._mapping) for r in conn.execute(query)]
    kept = [{k: v for k, v in r.items() if k not in _BOOKKEEPING} for r in records]
    return sorted(kept, key=lambda r: r["source_id"])


@pytest.mark.mysql
def test_load_data_stores_what_executemany_stores(mysql_server_url, monkeypatch):
    engine = open_store(mysql_server_url)
    with engine.connect() as conn:
        assert etl.ingest.infile.can_load(conn)
    raw = RawFile("notes.csv", _export().encode())
    loaded = ingest_file(engine, raw, owner_key="local:infile", max_bytes=LIMIT)
    monkeypatch.setattr(etl.ingest.infile, "can_load", lambda conn: False)
    inserted = ingest_file(engine, raw, owner_key="local:executemany", max_bytes=LIMIT)
    assert loaded.new == inserted.new == len(_AWKWARD_NOTES) + 1
    assert _stored(engine, "local:infile") == _stored(engine, "local:executemany")
    notes = {r["notes"] for r in _stored(engine, "local:infile")}
    assert {"tab\there", "back\\slash and \\N and \\t", "line\nbreak", "NULL"} <= notes
    engine.dispose()


def test_sqlite_keeps_to_executemany(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.connect() as conn:
        assert not etl.ingest.infile.can_load(conn)
    engine.dispose()
