"""The asker's context: their class names come from their life events (SQLite and MySQL)."""

from datetime import date

import pandas as pd

from analytics.frame import DOG_NAMES, WALK_NAMES
from bot.context import Context, names_for_events, owner_names
from etl.db.life_events import add_event

OWNER = "local:ann"


def _context(store) -> Context:
    return Context(store, OWNER, "ann", date(2025, 1, 1))


def test_without_a_dog_event_a_walk_is_a_walk(store):
    assert _context(store).names == WALK_NAMES
    add_event(store, OWNER, "New job", date(2021, 3, 1), kind="new_job")
    add_event(store, OWNER, "Choco arrives", date(2018, 6, 1))  # a dog's name, but kind other
    ctx = _context(store)
    assert ctx.names["walk"] == "walk"
    assert owner_names(store, OWNER) == WALK_NAMES


def test_a_dog_event_makes_dog_walks(store):
    add_event(store, OWNER, "Choco arrives", date(2018, 6, 1), kind="dog")
    ctx = _context(store)
    assert ctx.names == DOG_NAMES and ctx.names["walk"] == "dog walk"
    assert owner_names(store, OWNER)["walk"] == "dog walk"
    assert owner_names(store, "local:someone-else")["walk"] == "walk"


def test_names_are_cached_until_forgotten(store):
    ctx = _context(store)
    assert ctx.names["walk"] == "walk"
    add_event(store, OWNER, "Choco arrives", date(2018, 6, 1), kind="dog")
    assert ctx.names["walk"] == "walk", "read once per question"
    ctx.forget()
    assert ctx.names["walk"] == "dog walk"


def test_names_for_an_events_frame():
    assert names_for_events(pd.DataFrame(columns=["name", "event_date", "kind"])) == WALK_NAMES
    assert names_for_events(pd.DataFrame({"name": ["x"], "event_date": [None]})) == WALK_NAMES
    dog = pd.DataFrame({"name": ["a", "b"], "event_date": [None, None], "kind": ["move", "dog"]})
    assert names_for_events(dog) == DOG_NAMES
