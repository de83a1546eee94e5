"""Migrations run on both dialects and build exactly the schema the code declares."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from etl.db.engine import create_engine, open_store
from etl.db.migrate import current_revision, head_revision, upgrade_to_head
from etl.db.schema import metadata


def test_a_new_store_is_at_the_newest_migration(store):
    assert current_revision(store) == head_revision()
    assert {"owners", "workouts", "ingest_batches"} <= set(sa.inspect(store).get_table_names())


def test_migrated_schema_matches_the_declared_tables(store):
    with store.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_upgrading_again_is_a_no_op(store):
    assert upgrade_to_head(store) is False
    assert current_revision(store) == head_revision()


def test_an_empty_database_is_upgraded_on_open(tmp_path):
    url = f"sqlite:///{tmp_path / 'sub' / 'dir' / 'fresh.db'}"
    assert current_revision(create_engine(url)) is None
    engine = open_store(url)
    assert current_revision(engine) == head_revision()
    assert (tmp_path / "sub" / "dir" / "fresh.db").exists()


def test_unique_key_is_owner_source_and_source_id(store):
    uniques = sa.inspect(store).get_unique_constraints("workouts")
    assert any(u["column_names"] == ["owner_id", "source", "source_id"] for u in uniques)


def test_down_and_up_again_keeps_the_workouts(store):
    from etl.db.migrate import migrate_to
    from etl.db.queries import count_workouts
    from etl.ingest.extract import RawFile
    from etl.ingest.pipeline import ingest_file
    from tests.helpers import export_text, row

    ingest_file(
        store, RawFile("a.csv", export_text([row()]).encode()), owner_key="local:a", max_bytes=10**6
    )
    migrate_to(store, "0001")
    assert current_revision(store) == "0001"
    assert "flags" not in {c["name"] for c in sa.inspect(store).get_columns("workouts")}
    assert upgrade_to_head(store) is True
    assert count_workouts(store, "local:a") == 1


def test_a_claim_is_won_once(store):
    from concurrent.futures import ThreadPoolExecutor

    from etl.db.claims import claim, release

    with ThreadPoolExecutor(max_workers=4) as pool:
        wins = list(pool.map(lambda _: claim(store, "file:F123"), range(8)))
    assert wins.count(True) == 1
    release(store, "file:F123")
    assert claim(store, "file:F123") is True
