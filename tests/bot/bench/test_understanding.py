"""The understanding benchmark runs end to end and reports every figure (never timed here)."""

from bot.bench.understanding import (
    QUESTIONS,
    render_understanding_bench,
    run_understanding_bench,
)


def test_the_benchmark_reads_and_answers_every_question():
    result = run_understanding_bench(rounds=2, repeats=1)
    assert result.reads == 2 * len(QUESTIONS)
    assert [t.question for t in result.answers] == list(QUESTIONS)
    assert all(len(t.times_ms) == 1 and t.times_ms[0] > 0 for t in result.answers)
    assert result.answer_percentile(50) <= result.answer_percentile(95)
    text = render_understanding_bench(result)
    assert "questions/s" in text and "p95" in text
    slowest = text.split("slowest answers")[1].split("training answers")[0].strip().splitlines()[1:]
    assert len(slowest) == 5 and all(line.split("ms  ")[1] in QUESTIONS for line in slowest)


def test_every_benchmark_question_gets_an_answer_not_an_apology():
    from datetime import date

    from bot.language.reader import read

    for text in QUESTIONS:
        assert read(text, today=date(2025, 12, 20)).kind not in ("unknown",), text


def test_the_benchmark_reports_many_owners_fresh_processes_and_a_large_owner(tmp_path, monkeypatch):
    import tempfile

    from bot.bench.understanding import FRESH_QUESTIONS, LARGE_QUESTIONS

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the large store's cache
    result = run_understanding_bench(rounds=1, repeats=1, owners=3, fresh=1, workouts=1500)
    assert result.crowd.owners == 3 and [t.question for t in result.crowd.answers] == list(
        QUESTIONS
    )
    assert result.fresh[0].command == "workouts --help"
    assert len(result.fresh) == 1 + len(FRESH_QUESTIONS)
    assert all(len(f.times_s) == 1 and f.times_s[0] > 0 for f in result.fresh)
    large = result.large
    assert large.workouts == 1500 and not large.reused and large.cached_mb > 0
    assert [t.question for t in large.answers] == list(LARGE_QUESTIONS)
    assert all(t.first_ms > 0 and len(t.times_ms) == 1 for t in large.answers)
    text = render_understanding_bench(result)
    for figure in ("p95 < 300 ms", "other owners", "budget < 1 s", "budget < 0.3 s"):
        assert figure in text, figure
    assert "1,500 workouts" in text and "every answer < 1 s" in text
    assert (tmp_path / "workouts-bench" / "understanding-1500.db").exists()
    again = run_understanding_bench(rounds=1, repeats=1, workouts=1500, fresh=0)
    assert again.large.reused and again.crowd is None and again.fresh == ()
