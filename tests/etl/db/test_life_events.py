"""Life events and their kinds, on SQLite and MySQL."""

from datetime import date

import pytest

from etl.db.life_events import EVENT_KINDS, UnknownEventKind, add_event, events_frame
from etl.errors import WorkoutsError

OWNER = "local:kinds"


def test_the_kinds_are_the_languages_kinds():
    from bot.language.query import EVENT_KINDS as LANGUAGE_KINDS

    assert EVENT_KINDS == LANGUAGE_KINDS


def test_an_event_is_other_unless_a_kind_is_given(store):
    assert add_event(store, OWNER, "New job", date(2021, 3, 1)) is True
    assert add_event(store, OWNER, "Choco arrives", date(2018, 6, 1), kind="dog") is True
    events = events_frame(store, OWNER)
    assert list(events.columns) == ["name", "event_date", "kind"]
    assert list(events.itertuples(index=False, name=None)) == [
        ("Choco arrives", date(2018, 6, 1), "dog"),
        ("New job", date(2021, 3, 1), "other"),
    ]


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_every_kind_is_stored(store, kind):
    add_event(store, OWNER, f"a {kind} event", date(2020, 1, 1), kind=kind)
    assert events_frame(store, OWNER)["kind"].tolist() == [kind]


@pytest.mark.parametrize("kind", ["puppy", "Dog", "", "dog; DROP TABLE life_events"])
def test_an_unknown_kind_is_refused_and_nothing_is_stored(store, kind):
    with pytest.raises(UnknownEventKind, match="use one of dog, injury, new_job") as refused:
        add_event(store, OWNER, "Choco arrives", date(2018, 6, 1), kind=kind)
    assert isinstance(refused.value, WorkoutsError) and isinstance(refused.value, ValueError)
    assert events_frame(store, OWNER).empty


def test_moving_an_event_keeps_its_kind_unless_a_new_one_is_given(store):
    add_event(store, OWNER, "Choco arrives", date(2018, 6, 1), kind="dog")
    assert add_event(store, OWNER, "Choco arrives", date(2018, 6, 2)) is False
    [event] = events_frame(store, OWNER).itertuples(index=False)
    assert (event.event_date, event.kind) == (date(2018, 6, 2), "dog")
    assert add_event(store, OWNER, "Choco arrives", date(2018, 6, 2), kind="move") is False
    assert events_frame(store, OWNER)["kind"].tolist() == ["move"]


def test_an_owner_without_events_has_an_empty_frame_with_the_kind_column(store):
    events = events_frame(store, "local:nobody")
    assert events.empty and list(events.columns) == ["name", "event_date", "kind"]
