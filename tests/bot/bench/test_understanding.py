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
