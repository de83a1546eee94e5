"""``workouts bench understanding``: how fast questions are read, and how long a whole answer
takes on the demo history, warm (the second time a question is asked, as in a conversation).

Budgets (issue "understand what people actually ask"): reading < 5 ms a question, a whole answer
p95 < 300 ms warm. Each answer builds its context afresh, as the terminal and Slack do: the
classified history comes from the process's cache (bot/history_cache.py) after one query of the
owner's data version, as in a warm bot. With ``workouts`` > 0, :data:`LARGE_QUESTIONS` are also
timed for one owner with that many generated workouts (issue 20's budget: each < 1 s warm at
100,000).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.answers import ask
from bot.bench.measure import peak_rss_mb, timed
from bot.classification import load_classified
from bot.context import Context
from bot.language.reader import read
from etl.db.engine import open_store
from etl.db.life_events import add_event
from etl.demo.mapmyrun import generate_export, generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file

TODAY = date(2025, 12, 20)  # the demo history ends on 2025-12-31; a fixed day keeps runs alike
OWNER = "local:bench"
# Twenty typical questions: counts, totals, rates, bests, days, trends, stories, follow-up
# shapes, a typo, a write (read only: answered as its echo would be planned).
QUESTIONS = (
    "how many runs in 2019",
    "total km in 2018",
    "my weekly mileage lately",
    "what's my average run pace",
    "best month ever",
    "fastest 5k",
    "when was my last run?",
    "what did I do on May 3 2019?",
    "how many hours did I walk in summer 2022 by month",
    "am I slowing down?",
    "any outliers in 2023?",
    "is my routine consistent",
    "did I run more in 2019 or 2020",
    "how did getting the dog change my running?",
    "personal records",
    "longest streak",
    "show my calendar for 2020",
    "how many runz in 2018",
    "runs vs walks this year",
    "why was 2019-05-03 a walk?",
)
# The training questions (issue 19's budget: each answer p95 < 300 ms warm on 15 years).
TRAINING_QUESTIONS = (
    "how's my form?",
    "am I fitter than last spring?",
    "my best efforts",
    "predict my marathon time",
    "what's my eddington number",
    "year in review 2024",
    "my goals",
)

# Typical questions for an owner with a long, dense history (issue 20: each < 1 s warm).
LARGE_QUESTIONS = (
    "how many runs in 2019",
    "my weekly mileage lately",
    "best month ever",
    "am I slowing down?",
    "is my routine consistent",
    "how did getting the dog change my running?",
    "personal records",
    "show my calendar for 2020",
    "how's my form?",
)
LARGE_OWNER = "local:bench-large"


@dataclass(frozen=True)
class Timing:
    """One question's answer times, in milliseconds."""

    question: str
    times_ms: tuple[float, ...]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)


@dataclass(frozen=True)
class UnderstandingBench:
    """Reading speed and answer latencies."""

    reads: int
    read_s: float
    slowest_read_ms: float
    answers: tuple[Timing, ...]
    setup_s: float
    peak_rss_mb: float
    training: tuple[Timing, ...] = ()
    large_workouts: int = 0
    large: tuple[Timing, ...] = ()
    large_setup_s: float = 0.0

    @property
    def reads_per_s(self) -> float:
        return self.reads / self.read_s if self.read_s else 0.0

    @property
    def read_ms(self) -> float:
        return 1000 * self.read_s / self.reads if self.reads else 0.0

    def answer_percentile(self, p: float) -> float:
        """The ``p``-th percentile (0-100) of every warm answer time, in ms."""
        times = sorted(t for timing in self.answers for t in timing.times_ms)
        index = min(len(times) - 1, max(0, round(p / 100 * (len(times) - 1))))
        return times[index]


def run_understanding_bench(
    *, rounds: int = 200, repeats: int = 5, workouts: int = 0
) -> UnderstandingBench:
    """Read every question ``rounds`` times, then answer each ``repeats`` times after one warm-up
    answer, on the demo history in a temporary SQLite store; with ``workouts``, time
    :data:`LARGE_QUESTIONS` the same way for an owner with that many workouts."""
    for text in QUESTIONS:  # warm the reader (word lists, compiled patterns)
        read(text, today=TODAY)
    slowest = 0.0
    start = time.perf_counter()
    for _ in range(rounds):
        for text in QUESTIONS:
            began = time.perf_counter()
            read(text, today=TODAY)
            slowest = max(slowest, time.perf_counter() - began)
    read_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="workouts-bench-") as tmp:
        engine, setup_s = timed(lambda: _demo_store(Path(tmp) / "bench.db"))
        try:
            answers = tuple(_answer_times(engine, text, repeats) for text in QUESTIONS)
            training = tuple(_answer_times(engine, text, repeats) for text in TRAINING_QUESTIONS)
            large, large_setup_s = (), 0.0
            if workouts:
                _, large_setup_s = timed(lambda: _large_owner(engine, workouts))
                large = tuple(
                    _answer_times(engine, text, repeats, LARGE_OWNER) for text in LARGE_QUESTIONS
                )
        finally:
            engine.dispose()
    return UnderstandingBench(
        reads=rounds * len(QUESTIONS),
        read_s=read_s,
        slowest_read_ms=1000 * slowest,
        answers=answers,
        setup_s=setup_s,
        peak_rss_mb=peak_rss_mb(),
        training=training,
        large_workouts=workouts,
        large=large,
        large_setup_s=large_setup_s,
    )


def render_understanding_bench(result: UnderstandingBench) -> str:
    """The figures as the README's table rows show them."""
    lines = [
        f"understanding benchmark: {len(QUESTIONS)} questions, demo history",
        f"  read (parse)         {result.read_ms:8.2f} ms a question "
        f"({result.reads_per_s:,.0f} questions/s; slowest {result.slowest_read_ms:.1f} ms)",
        f"  answer, warm         p50 {result.answer_percentile(50):6.0f} ms   "
        f"p95 {result.answer_percentile(95):6.0f} ms   max {result.answer_percentile(100):6.0f} ms",
        f"  demo store set-up    {result.setup_s:8.1f} s",
        f"  peak RSS             {result.peak_rss_mb:8.0f} MB",
        "  slowest answers (median of the warm runs):",
    ]
    slowest = sorted(result.answers, key=lambda t: -t.median_ms)[:5]
    lines += [f"    {t.median_ms:6.0f} ms  {t.question}" for t in slowest]
    if result.training:
        lines.append("  training answers, warm (p95 of the runs; budget < 300 ms):")
        lines += [f"    {_p95(t):6.0f} ms  {t.question}" for t in result.training]
    if result.large:
        lines.append(
            f"  one owner with {result.large_workouts:,} workouts (set-up "
            f"{result.large_setup_s:.1f} s), warm (median / max of the runs; budget < 1 s):"
        )
        lines += [
            f"    {t.median_ms:6.0f} / {max(t.times_ms):6.0f} ms  {t.question}"
            for t in result.large
        ]
    return "\n".join(lines)


def _p95(timing: Timing) -> float:
    times = sorted(timing.times_ms)
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def _demo_store(path: Path):
    engine = open_store(f"sqlite:///{path}")
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    ingest_file(engine, raw, owner_key=OWNER, max_bytes=len(raw.data))
    add_event(engine, OWNER, "Choco arrives", date(2018, 6, 1), kind="dog")
    load_classified(engine, OWNER)  # trains and stores the model once
    return engine


def _large_owner(engine, workouts: int) -> None:
    """An owner with ``workouts`` generated workouts over 15 years (several a day), stored
    through the real ingest, a dog from the middle of them on, and a trained model."""
    raw = RawFile("large.csv", generate_export(workouts).encode())
    ingest_file(engine, raw, owner_key=LARGE_OWNER, max_bytes=len(raw.data))
    add_event(engine, LARGE_OWNER, "Choco arrives", date(2018, 7, 1), kind="dog")
    load_classified(engine, LARGE_OWNER)


def _answer_times(engine, text: str, repeats: int, owner: str = OWNER) -> Timing:
    def once() -> None:
        ask(text, Context(engine, owner, "bench", TODAY))

    once()  # warm: caches, the first chart of a kind, the model read from the store
    return Timing(text, tuple(1000 * timed(once)[1] for _ in range(repeats)))
