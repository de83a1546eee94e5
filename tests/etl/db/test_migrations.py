"""Migrations run on both dialects and build exactly the schema the code declares."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from etl.db import migrate
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


def test_the_head_read_from_the_files_is_alembics(store):
    # upgrade_to_head's fast path (no alembic import when the store is current) agrees with it
    assert migrate._head_from_files() == head_revision()
    assert migrate._is_current(store)


def test_a_store_one_migration_behind_is_not_current_and_is_upgraded(store):
    from etl.db.migrate import migrate_to

    head = head_revision()
    migrate_to(store, f"{int(head) - 1:04d}")
    assert not migrate._is_current(store)
    assert upgrade_to_head(store) is True
    assert current_revision(store) == head


def test_a_migration_file_in_another_form_leaves_the_decision_to_alembic(tmp_path, monkeypatch):
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "0001_a.py").write_text('revision = "0001"\ndown_revision = None\n')
    (versions / "0002_b.py").write_text('revision = "0002"\ndown_revision = "0001"\n')
    monkeypatch.setattr(migrate, "MIGRATIONS", tmp_path)
    assert migrate._head_from_files() == "0002"
    (versions / "0003_c.py").write_text('revision = make()\ndown_revision = "0002"\n')
    assert migrate._head_from_files() is None
    (versions / "0003_c.py").write_text('revision = "0003"\ndown_revision = "0001"\n')
    assert migrate._head_from_files() is None  # two heads


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


def test_event_kinds_go_down_and_up_again_and_dog_names_become_dogs(store):
    from datetime import date

    from etl.db.life_events import add_event, events_frame
    from etl.db.migrate import migrate_to
    from etl.db.schema import life_events

    named = {
        "Choco arrives": "dog",  # the demo's own event
        "Got a puppy": "dog",
        "Rex the Dog": "dog",
        "pups!": "dog",
        "Hotdog contest": "other",
        "Dogma club": "other",
        "New job": "other",
    }
    for day, name in enumerate(named, start=1):
        add_event(store, "local:a", name, date(2020, 1, day))
    add_event(store, "local:a", "Knee surgery", date(2021, 1, 1), kind="injury")

    migrate_to(store, "0006")
    assert current_revision(store) == "0006"
    assert "kind" not in {c["name"] for c in sa.inspect(store).get_columns("life_events")}
    with store.begin() as conn:  # an event stored before kinds existed
        owner_id = conn.execute(sa.select(life_events.c.owner_id).limit(1)).scalar_one()
        conn.execute(
            sa.text(
                "INSERT INTO life_events (owner_id, name, event_date, created_at) "
                "VALUES (:owner, 'Adopted two dogs', '2022-01-01', '2022-01-01 00:00:00')"
            ),
            {"owner": owner_id},
        )

    assert upgrade_to_head(store) is True
    kinds = dict(events_frame(store, "local:a")[["name", "kind"]].itertuples(index=False))
    # An injury stored with its kind is "other" once the column is dropped and made again.
    assert kinds == named | {"Knee surgery": "other", "Adopted two dogs": "dog"}
    with store.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_old_class_codes_move_to_neutral_ones(store):
    from etl.db.corrections import corrections_frame, set_label
    from etl.db.migrate import migrate_to
    from etl.db.schema import label_corrections, owners
    from etl.ingest.extract import RawFile
    from etl.ingest.pipeline import ingest_file
    from tests.helpers import export_text, link, row

    rows = [row(f"March {d}, 2025", link=link(d)) for d in range(1, 4)]
    ingest_file(
        store, RawFile("a.csv", export_text(rows).encode()), owner_key="local:a", max_bytes=10**6
    )
    with store.connect() as conn:
        ids = list(conn.execute(sa.text("SELECT id FROM workouts ORDER BY id")).scalars())
    migrate_to(store, "0008")
    old = dict(zip(ids, ("real_run", "pup_walk", "mixed")))
    with store.begin() as conn:
        owner_id = conn.execute(
            sa.select(owners.c.id).where(owners.c.key == "local:a")
        ).scalar_one()
        for workout_id, label in old.items():
            conn.execute(
                label_corrections.insert().values(
                    owner_id=owner_id,
                    workout_id=workout_id,
                    label=label,
                    source="user",
                    created_at=sa.func.now(),
                )
            )
        conn.execute(
            sa.text(
                "INSERT INTO conversations (owner_key, place, last_query, updated_at) "
                "VALUES ('local:a', 'p', :query, '2025-01-01 00:00:00')"
            ),
            {"query": '{"classes": ["pup_walk", "mixed"], "activity": "run"}'},
        )

    assert upgrade_to_head(store) is True
    moved = dict(
        corrections_frame(store, "local:a")[["workout_id", "label"]].itertuples(index=False)
    )
    assert moved == dict(zip(ids, ("run", "walk", "run_walk")))
    with store.connect() as conn:
        query = conn.execute(sa.text("SELECT last_query FROM conversations")).scalar_one()
    assert query == '{"classes": ["walk", "run_walk"], "activity": "run"}'
    set_label(store, "local:a", ids[0], "walk", source="user")  # the new codes are accepted


def test_best_efforts_and_goals_go_down_and_up_again(store):
    from datetime import UTC, datetime

    from etl.db.best_efforts import best_efforts_frame
    from etl.db.goals import goals_frame, set_goal
    from etl.db.migrate import migrate_to
    from etl.demo.gpx import gpx_text
    from etl.demo.routes import synthetic_route
    from etl.ingest.extract import RawFile
    from etl.ingest.pipeline import ingest_file

    route = synthetic_route(
        seed=1,
        distance_m=5200.0,
        pace_s_per_km=300.0,
        start=datetime(2025, 5, 1, 7, tzinfo=UTC),
        interval_s=5.0,
    )
    ingest_file(
        store,
        RawFile("run.gpx", gpx_text(route).encode()),
        owner_key="local:a",
        max_bytes=10**7,
    )
    set_goal(store, "local:a", "distance", 20_000.0, "week", ["run"])
    before = best_efforts_frame(store, "local:a")
    assert len(before) == 3

    migrate_to(store, "0011")
    assert current_revision(store) == "0011"
    assert "goals" not in sa.inspect(store).get_table_names()
    migrate_to(store, "0010")
    assert "best_efforts" not in sa.inspect(store).get_table_names()

    assert upgrade_to_head(store) is True
    assert goals_frame(store, "local:a").empty, "dropped with its table"
    # The routes stored before the table existed are searched on the first read.
    after = best_efforts_frame(store, "local:a")
    assert after[["distance_m", "seconds"]].equals(before[["distance_m", "seconds"]])
    with store.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []
