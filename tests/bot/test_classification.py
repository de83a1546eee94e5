"""The classified history against real stores: model runs reused until the history changes,
corrections that stick and stay with their owner, life events as the era boundary."""

from datetime import date

import pytest

from bot.classification import load_classified, needs_retrain
from etl.db.corrections import UnknownWorkout, corrections_frame, set_label
from etl.db.life_events import add_event, events_frame, remove_event
from etl.db.model_runs import latest_model_run
from etl.db.queries import workouts_frame
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from tests.helpers import export_text, link, row

DEMO = "local:demo"


def _load_demo(store, owner=DEMO):
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    ingest_file(store, raw, owner_key=owner, max_bytes=len(raw.data))


def _walks(n, start_id):
    return [
        row(
            f"Jan. {1 + i % 28}, 2026",
            distance="1.5",
            seconds="2000",
            pace="22.2",
            link=link(start_id + i),
        )
        for i in range(n)
    ]


def test_the_model_is_trained_once_and_reused(store):
    _load_demo(store)
    first = load_classified(store, DEMO)
    assert first.retrained and first.version == 1
    assert {"run", "walk", "outlier"} <= set(first.frame["label"])
    again = load_classified(store, DEMO)
    assert not again.retrained and again.version == 1
    assert (again.frame["label"] == first.frame["label"]).all()
    run = latest_model_run(store, DEMO)
    assert run.training_size == first.model.training_size
    assert run.history_workouts == len(first.frame)


def test_a_material_ingest_triggers_a_retrain_a_small_one_does_not(store):
    _load_demo(store)
    load_classified(store, DEMO)
    ingest_file(
        store,
        RawFile("a.csv", export_text(_walks(3, 9_000_000_000)).encode()),
        owner_key=DEMO,
        max_bytes=10**6,
    )
    assert not load_classified(store, DEMO).retrained
    ingest_file(
        store,
        RawFile("b.csv", export_text(_walks(200, 9_100_000_000)).encode()),
        owner_key=DEMO,
        max_bytes=10**6,
    )
    after = load_classified(store, DEMO)
    assert after.retrained and after.version == 2


def test_a_correction_wins_sticks_and_retrains(store):
    _load_demo(store)
    before = load_classified(store, DEMO).frame
    walk_id = int(before.loc[before["label"] == "walk", "id"].iloc[0])
    set_label(store, DEMO, walk_id, "run_walk", source="user:cli")
    after = load_classified(store, DEMO)
    assert after.retrained
    mine = after.frame.set_index("id").loc[walk_id]
    assert (mine["label"], mine["method"], mine["confidence"]) == ("run_walk", "user", 1.0)
    assert corrections_frame(store, DEMO).to_dict("records")[0]["source"] == "user:cli"
    set_label(store, DEMO, walk_id, "walk", source="user:cli")
    assert len(corrections_frame(store, DEMO)) == 1, "the newest label replaces the older"


def test_one_owner_cannot_label_another_owners_workout(store):
    _load_demo(store)
    ingest_file(
        store,
        RawFile("b.csv", export_text(_walks(2, 5)).encode()),
        owner_key="local:bob",
        max_bytes=10**6,
    )
    bobs = int(workouts_frame(store, "local:bob")["id"].iloc[0])
    with pytest.raises(UnknownWorkout, match=f"no workout with id {bobs}"):
        set_label(store, DEMO, bobs, "outlier", source="user:cli")
    assert corrections_frame(store, "local:bob").empty
    assert corrections_frame(store, DEMO).empty


def test_a_tiny_history_uses_the_era_of_the_life_event(store):
    rows = [
        row("Jan. 5, 2018", pace="9", link=link(1)),
        row("July 5, 2018", pace="9", link=link(2)),
        row("Aug. 5, 2018", pace="22", link=link(3)),
    ]
    ingest_file(
        store, RawFile("t.csv", export_text(rows).encode()), owner_key="local:t", max_bytes=10**6
    )
    assert add_event(store, "local:t", "Choco arrives", date(2018, 6, 1)) is True
    labelled = load_classified(store, "local:t").frame.sort_values("workout_date")
    assert list(labelled["label"]) == ["run", "walk", "walk"]
    assert set(labelled["method"]) == {"era_default"}


def test_life_events_are_added_moved_and_removed(store):
    assert add_event(store, DEMO, "Choco  arrives", date(2018, 6, 1)) is True
    assert add_event(store, DEMO, "Choco arrives", date(2018, 6, 2)) is False
    assert add_event(store, DEMO, "New job", date(2021, 3, 1)) is True
    events = events_frame(store, DEMO)
    assert list(events["name"]) == ["Choco arrives", "New job"]
    assert events["event_date"].iloc[0] == date(2018, 6, 2)
    assert events_frame(store, "local:someone-else").empty
    assert remove_event(store, DEMO, "New job") is True
    assert remove_event(store, DEMO, "New job") is False


@pytest.mark.parametrize(
    ("trained_on", "workouts", "corrections", "expected"),
    [
        (None, 10, 0, True),
        (1000, 1004, 0, False),
        (1000, 1100, 0, True),
        (1000, 1000, 1, True),
        (20, 25, 0, True),
        (20, 23, 0, False),
    ],
)
def test_retrain_policy(trained_on, workouts, corrections, expected):
    from etl.db.model_runs import ModelRun

    run = None
    if trained_on is not None:
        run = ModelRun(1, "a", "{}", "{}", trained_on, trained_on, 0, None)
    assert needs_retrain(run, workouts=workouts, corrections=corrections) is expected


@pytest.mark.parametrize(("kind", "walks"), [("dog", "dog walks"), ("move", "walks")])
def test_the_slack_summary_of_an_upload_uses_the_owners_class_names(store, kind, walks):
    from types import SimpleNamespace

    from bot.slack.handlers import _classification_summary

    owner = "local:t"
    rows = [
        row("Jan. 5, 2018", pace="9", link=link(1)),
        row("Aug. 5, 2018", pace="22", link=link(2)),
        row("Aug. 6, 2018", pace="22", link=link(3)),
    ]
    report = ingest_file(
        store, RawFile("t.csv", export_text(rows).encode()), owner_key=owner, max_bytes=10**6
    )
    add_event(store, owner, "Choco arrives", date(2018, 6, 1), kind=kind)
    summary = _classification_summary(SimpleNamespace(engine=store), owner, report.batch_ids)
    assert summary.startswith(f"Classified what came in: 2 {walks}, 1 run. (model v1;")
    assert "_" not in summary
