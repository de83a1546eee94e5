"""Goals set, replaced, listed and removed per owner, on SQLite and MySQL."""

from __future__ import annotations

import pytest

from etl.db.goals import InvalidGoal, goals_frame, remove_goal, set_goal

ALICE, BOB = "local:alice", "local:bob"


def test_a_goal_is_set_replaced_and_removed(store):
    assert goals_frame(store, ALICE).empty
    assert set_goal(store, ALICE, "distance", 20_000.0, "week", ["run"]) is True
    assert set_goal(store, ALICE, "distance", 25_000.0, "week", "run") is False, "replaced"
    frame = goals_frame(store, ALICE)
    assert list(frame.columns) == ["id", "kind", "target", "period", "classes", "created_at"]
    assert frame[["kind", "target", "period", "classes"]].values.tolist() == [
        ["distance", 25_000.0, "week", "run"]
    ]
    assert goals_frame(store, BOB).empty, "one owner's goals are not another's"
    assert remove_goal(store, BOB, "distance", "week", "run") is False
    assert remove_goal(store, ALICE, "distance", "week", ["run"]) is True
    assert remove_goal(store, ALICE, "distance", "week", ["run"]) is False
    assert goals_frame(store, ALICE).empty


def test_goals_differ_by_kind_period_and_classes(store):
    set_goal(store, ALICE, "count", 3, "week")
    set_goal(store, ALICE, "count", 12, "month")
    set_goal(store, ALICE, "duration", 36_000.5, "month", ["walk", "run"])
    set_goal(store, ALICE, "duration", 40_000.0, "month", " Run , walk,run")  # the same classes
    set_goal(store, ALICE, "distance", 1609.344, "year", ["run"])
    frame = goals_frame(store, ALICE)
    rows = frame[["period", "kind", "classes", "target"]].values.tolist()
    assert rows == [
        ["month", "count", "", 12.0],
        ["month", "duration", "run,walk", 40_000.0],
        ["week", "count", "", 3.0],
        ["year", "distance", "run", 1609.344],  # read back exactly (DOUBLE on MySQL)
    ]


@pytest.mark.parametrize(
    ("kind", "target", "period"),
    [
        ("pace", 1.0, "week"),
        ("count", 1.0, "day"),
        ("count", 0, "week"),
        ("count", -3, "week"),
        ("distance", float("nan"), "week"),
        ("distance", float("inf"), "year"),
    ],
)
def test_impossible_goals_are_refused(store, kind, target, period):
    with pytest.raises(InvalidGoal):
        set_goal(store, ALICE, kind, target, period)
    assert goals_frame(store, ALICE).empty
