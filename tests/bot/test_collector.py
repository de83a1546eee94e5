"""The garbage collector around a short command: paused for the start, frozen after the first
answer, and left alone when nothing paused it (tests, a library caller)."""

import gc

import pytest

from bot import collector
from bot.cli import QUICK_START, main


@pytest.fixture
def restored():
    enabled = gc.isenabled()
    yield
    gc.unfreeze()  # frozen objects go back to the oldest generation
    if enabled:
        gc.enable()


def test_a_paused_collector_comes_back_after_the_first_answer(restored):
    collector.pause()
    assert not gc.isenabled()
    made = [[] for _ in range(100)]
    collector.settle()
    assert gc.isenabled() and gc.get_freeze_count() >= len(made)
    cycle = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1  # what comes after the freeze is collected as usual


def test_settling_a_running_collector_changes_nothing(restored):
    gc.unfreeze()
    collector.settle()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_main_called_with_arguments_leaves_the_collector_alone(restored, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKOUTS_DATA_DIR", str(tmp_path))
    gc.unfreeze()
    assert main(["stats", "--user", "nobody"]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert {"ask_once", "chat"} <= QUICK_START
