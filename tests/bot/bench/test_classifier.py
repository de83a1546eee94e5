"""The classifier benchmark scores personas and reports every figure (never timed, and never
asserting the classifier's budgets: it only has to report them)."""

import pytest

import bot.bench.classifier as bench
from bot.bench.classifier import (
    parse_personas,
    render_classifier_bench,
    run_classifier_bench,
)
from bot.cli import main
from etl.demo.personas import persona_frame

SMALL = ("few_workouts", "treadmill")


@pytest.fixture(scope="module")
def result():
    return run_classifier_bench(personas=SMALL, classify_rows=2_000, train_rows=500)


def test_every_persona_asked_for_is_scored_on_all_its_workouts(result):
    assert [r.name for r in result.personas] == list(SMALL)
    for r in result.personas:
        assert r.error == "" and r.score is not None
        assert r.workouts == r.score.n == len(persona_frame(r.name))
        assert 0 <= r.score.agreement <= 1 and 0 <= r.score.ece <= 1
        assert sum(sum(row.values()) for row in r.score.confusion.values()) == r.workouts
    assert result.classify_rows == 2_000 and result.classify_s is not None
    assert result.train_rows == 500 and result.train_s is not None
    assert result.peak_rss_mb > 0


def test_the_table_has_a_row_per_persona_then_the_pooled_line_and_speeds(result):
    lines = render_classifier_bench(result).splitlines()
    rows = [line for line in lines if line.split()[0] in SMALL]
    assert [row.split()[0] for row in rows] == list(SMALL)
    for row, r in zip(rows, result.personas):
        assert f"{r.workouts:,}" in row
        assert f"{r.score.agreement:.1%}" in row and f"{r.score.ece:.3f}" in row
        assert row.endswith(("ok", ")"))  # "ok" or "FAIL (what)"
    pooled = next(line for line in lines if line.startswith("overall:"))
    total = sum(r.workouts for r in result.personas)
    assert f"of {total:,} workouts" in pooled and ">= 97%" in pooled
    assert any(line.startswith("classify 2,000 workouts:") for line in lines)
    assert any(line.startswith("train on 500 workouts:") for line in lines)
    assert lines[-1].startswith("peak RSS:")


def test_a_persona_the_classifier_fails_on_is_reported_not_raised(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no model today")

    monkeypatch.setattr(bench, "train", broken)
    result = run_classifier_bench(personas=("few_workouts",), classify_rows=100, train_rows=100)
    assert result.personas[0].score is None and not result.personas[0].holds
    text = render_classifier_bench(result)
    assert "few_workouts" in text and "error: RuntimeError: no model today" in text
    assert "speed: not measured (RuntimeError: no model today)" in text


def test_persona_names_are_checked():
    assert parse_personas(None) is None
    assert parse_personas("few_workouts, hiker") == ("few_workouts", "hiker")
    with pytest.raises(KeyError, match="no persona 'hikr'"):
        parse_personas("hikr")


def test_the_command_prints_the_table(monkeypatch, capsys):
    def small(**kwargs):
        return run_classifier_bench(**kwargs, classify_rows=1_000, train_rows=200)

    monkeypatch.setattr(bench, "run_classifier_bench", small)
    assert main(["bench", "classifier", "--personas", "few_workouts", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "13 personas" not in out and "1 persona, seed 2" in out
    assert any(line.startswith("few_workouts") for line in out.splitlines())
    assert main(["bench", "classifier", "--personas", "nobody"]) == 2
    assert "no persona 'nobody'" in capsys.readouterr().err
