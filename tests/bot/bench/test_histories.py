"""The benchmarks' large and many-owner stores: exact sizes, distinct ids, trained owners, reuse;
on SQLite and MySQL (the copies are INSERT ... SELECT on the server)."""

import sqlalchemy as sa

from bot.bench import histories
from bot.classification import load_classified
from etl.db.life_events import events_frame
from etl.db.queries import count_workouts, workouts_frame
from etl.db.schema import workouts


def test_a_large_owner_has_exactly_the_workouts_asked_for(store, monkeypatch):
    monkeypatch.setattr(histories, "INGESTED", 400)
    assert histories.ensure_large_owner(store, "local:big", 1000) is False
    frame = workouts_frame(store, "local:big")
    assert len(frame) == 1000 == count_workouts(store, "local:big")
    assert frame["source_id"].is_unique
    assert frame["workout_date"].is_monotonic_increasing
    copies = frame["source_id"].str.rsplit("~", n=1).str[0]
    assert copies.value_counts().max() == 3  # 400 ingested, two copies of 400, one of 200
    assert list(events_frame(store, "local:big")["kind"]) == ["dog"]
    assert load_classified(store, "local:big").retrained is False  # trained while made
    assert histories.ensure_large_owner(store, "local:big", 1000) is True


def test_other_owners_are_copies_with_their_own_rows_and_model(store):
    assert histories.ensure_other_owners(store, "local:other-", 3, 300) is False
    ids = []
    for n in range(3):
        key = f"local:other-{n}"
        frame = workouts_frame(store, key)
        assert len(frame) == 300
        ids.append(set(frame["id"]))
        classified = load_classified(store, key)
        assert classified.retrained is False and len(classified.frame) == 300
    assert not (ids[0] & ids[1]) and not (ids[1] & ids[2])
    with store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(workouts)).scalar() == 900
    assert histories.ensure_other_owners(store, "local:other-", 3, 300) is True
