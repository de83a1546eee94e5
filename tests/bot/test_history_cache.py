"""Each owner's classified history kept in memory, read again once their data changes, in this
process or another one on the same store (two engines and two caches stand for two processes)."""

from datetime import date

import pandas as pd
import pytest

from bot.answers import ask
from bot.bench.understanding import OWNER, QUESTIONS, TODAY, TRAINING_QUESTIONS
from bot.classification import load_classified
from bot.context import Context
from bot.history_cache import HISTORIES, HistoryCache
from etl.db.corrections import remove_label, set_label
from etl.db.engine import open_store
from etl.db.life_events import add_event, remove_event
from etl.db.owners import data_stamp, set_owner_units
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.helpers import export_text, link, row

ALICE, BOB = "local:alice", "local:bob"


def _ingest(engine, owner, first_id, n=12, activity="Run", name="a.csv"):
    rows = [
        row(
            f"Jan. {1 + i % 28}, 2026",
            activity,
            distance="3.1" if activity == "Run" else "1.5",
            seconds="1800" if activity == "Run" else "2000",
            pace="9.7" if activity == "Run" else "22.2",
            link=link(first_id + i),
        )
        for i in range(n)
    ]
    raw = RawFile(name, export_text(rows).encode())
    ingest_file(engine, raw, owner_key=owner, max_bytes=10**6)


@pytest.fixture
def other(store_url):
    """A second engine on the same store: another process, or a replica's."""
    engine = open_store(store_url)
    yield engine
    engine.dispose()


def test_nothing_changed_gives_the_same_object(store):
    _ingest(store, ALICE, 1000)
    cache = HistoryCache()
    first = cache.classified(store, ALICE)
    assert first.retrained  # the first load trains (and bumps the version itself)
    assert cache.classified(store, ALICE) is first
    assert cache.classified(store, ALICE).frame is first.frame


def test_every_write_is_seen_by_another_process(store, other):
    _ingest(store, ALICE, 1000)
    here, there = HistoryCache(), HistoryCache()
    seen = there.classified(other, ALICE)
    assert here.classified(store, ALICE) is not None

    def changed() -> bool:
        nonlocal seen
        now = there.classified(other, ALICE)
        moved, seen = now is not seen, now
        return moved

    workout = int(seen.frame["id"].iloc[0])
    set_label(store, ALICE, workout, "walk", source="test")
    assert changed()
    assert seen.frame.set_index("id").loc[workout, "label"] == "walk"
    assert not changed()
    remove_label(store, ALICE, workout)
    assert changed()
    add_event(store, ALICE, "Choco arrives", date(2026, 1, 10), kind="dog")
    assert changed()
    add_event(store, ALICE, "Choco arrives", date(2026, 1, 12))  # moved
    assert changed()
    remove_event(store, ALICE, "Choco arrives")
    assert changed()
    set_owner_units(store, ALICE, "km")
    assert changed()
    _ingest(store, ALICE, 2000, n=3, activity="Walk", name="b.csv")
    assert changed() and len(seen.frame) == 15
    load_classified(store, ALICE, force_retrain=True)  # a new model run
    assert changed() and not changed()
    # And the other way round: a write through the second engine reaches the first cache.
    before = here.classified(store, ALICE)
    set_label(other, ALICE, workout, "run", source="test")
    assert here.classified(store, ALICE) is not before


def test_a_write_that_changes_nothing_keeps_the_entry(store):
    _ingest(store, ALICE, 1000)
    cache = HistoryCache()
    kept = cache.classified(store, ALICE)
    stamp = data_stamp(store, ALICE)
    assert remove_event(store, ALICE, "no such event") is False
    assert remove_label(store, ALICE, 12345) is None
    assert data_stamp(store, ALICE) == stamp
    assert cache.classified(store, ALICE) is kept


def test_owners_never_share_an_entry(store):
    _ingest(store, ALICE, 1000, n=12)
    _ingest(store, BOB, 5000, n=6, name="b.csv")
    cache = HistoryCache()
    alice, bob = cache.classified(store, ALICE), cache.classified(store, BOB)
    assert len(alice.frame) == 12 and len(bob.frame) == 6
    assert cache.classified(store, BOB) is bob and cache.classified(store, ALICE) is alice
    set_label(store, BOB, int(bob.frame["id"].iloc[0]), "walk", source="test")
    assert cache.classified(store, ALICE) is alice  # Bob's change is not Alice's
    assert cache.classified(store, BOB) is not bob


def test_an_owner_with_no_data_is_not_kept(store):
    cache = HistoryCache()
    assert cache.classified(store, "local:nobody").frame.empty
    assert len(cache) == 0


def test_entries_are_bounded_by_owners_and_bytes(store):
    _ingest(store, ALICE, 1000)
    _ingest(store, BOB, 5000, name="b.csv")
    few = HistoryCache(max_owners=1)
    few.classified(store, ALICE)
    few.classified(store, BOB)
    assert len(few) == 1
    bob = few.classified(store, BOB)
    assert few.classified(store, BOB) is bob
    tiny = HistoryCache(max_bytes=1)
    tiny.classified(store, ALICE)
    assert len(tiny) == 0


def test_answers_leave_the_shared_history_as_it_was(store):
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    ingest_file(store, raw, owner_key=OWNER, max_bytes=len(raw.data))
    add_event(store, OWNER, "Choco arrives", date(2018, 6, 1), kind="dog")
    shared = Context(store, OWNER, "bench", TODAY).classified
    assert Context(store, OWNER, "bench", TODAY).classified is shared
    kept = shared.frame.copy(deep=True)
    for text in (*QUESTIONS, *TRAINING_QUESTIONS):
        ask(text, Context(store, OWNER, "bench", TODAY))
    assert Context(store, OWNER, "bench", TODAY).classified is shared
    pd.testing.assert_frame_equal(shared.frame, kept)
    HISTORIES.clear()


def test_an_entry_is_sized_as_the_memory_it_holds():
    """Shared strings (a label column points at a few) count once, strings of their own (ids,
    notes) once a row: the estimate is near what the allocator saw the frame take."""
    import tracemalloc

    import numpy as np

    from bot.classification import Classified
    from bot.history_cache import entry_bytes

    rows = 200_000
    rng = np.random.default_rng(0)
    tracemalloc.start()
    frame = pd.DataFrame(
        {
            "id": np.arange(rows),
            "label": np.array(["run", "walk", "run_walk"], dtype=object)[rng.integers(0, 3, rows)],
            "source_id": [f"mapmyrun-{i}" for i in range(rows)],
            "notes": np.where(rng.random(rows) < 0.5, None, "ran with Choco"),
            "distance_m": rng.random(rows),
        }
    )
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    size = entry_bytes(Classified(frame=frame, model=None, version=1, retrained=False))
    assert 0.8 * held < size < 1.25 * held
    assert size < 0.8 * frame.memory_usage(deep=True).sum()  # deep counts a shared string a row
