"""The conversation store, on SQLite and MySQL: what a place remembers between two messages."""

from datetime import timedelta

from etl.db.conversations import (
    MAX_REMEMBERED,
    PENDING_FOR,
    Conversation,
    forget_conversations,
    load_conversation,
    save_conversation,
)

ALICE, BOB = "slack:T1:U1", "slack:T1:U2"
THREAD = "slack:C1:1700000000.000100"


def test_a_new_place_has_an_empty_conversation(store):
    assert load_conversation(store, ALICE, THREAD) == Conversation(ALICE, THREAD)


def test_everything_said_is_kept_and_read_back(store):
    query = {"kind": "summary", "classes": ["run"], "periods": [["2019-01-01", "2019-12-31"]]}
    write = {"kind": "label", "action": "set", "workout": {"id": 7}, "new_label": "run"}
    saved = Conversation(ALICE, THREAD).but(
        last=query,
        pending=write,
        choices=({"kind": "map"}, {"kind": "why"}),
        undo={"kind": "label", "workout": 7, "before": None},
        remembered={"outliers": "anomalies"},
    )
    save_conversation(store, saved)
    loaded = load_conversation(store, ALICE, THREAD)
    assert loaded.last == query and loaded.pending == write
    assert loaded.choices == ({"kind": "map"}, {"kind": "why"})
    assert loaded.undo == {"kind": "label", "workout": 7, "before": None}
    assert loaded.remembered == {"outliers": "anomalies"}
    assert loaded.waiting() == write


def test_saving_again_replaces_and_clears(store):
    save_conversation(store, Conversation(ALICE, THREAD).but(last={"kind": "records"}, pending={}))
    save_conversation(store, Conversation(ALICE, THREAD).but(last={"kind": "streak"}))
    loaded = load_conversation(store, ALICE, THREAD)
    assert loaded.last == {"kind": "streak"}
    assert loaded.pending is None and loaded.pending_at is None


def test_places_and_owners_are_apart(store):
    save_conversation(store, Conversation(ALICE, THREAD).but(last={"kind": "records"}))
    save_conversation(store, Conversation(ALICE, "terminal").but(last={"kind": "streak"}))
    assert load_conversation(store, BOB, THREAD).last is None
    assert load_conversation(store, ALICE, "terminal").last == {"kind": "streak"}
    assert forget_conversations(store, ALICE) == 2
    assert load_conversation(store, ALICE, THREAD).last is None


def test_a_pending_write_expires(store):
    asked = Conversation(ALICE, THREAD).but(pending={"kind": "units", "unit": "km"})
    save_conversation(store, asked)
    loaded = load_conversation(store, ALICE, THREAD)
    assert loaded.waiting(loaded.pending_at + PENDING_FOR) == {"kind": "units", "unit": "km"}
    assert loaded.waiting(loaded.pending_at + PENDING_FOR + timedelta(seconds=1)) is None


def test_only_the_latest_choices_are_remembered():
    remembered = {f"question {i}": "summary" for i in range(MAX_REMEMBERED + 5)}
    kept = Conversation(ALICE, THREAD).but(remembered=remembered).remembered
    assert len(kept) == MAX_REMEMBERED and "question 0" not in kept
    assert f"question {MAX_REMEMBERED + 4}" in kept
