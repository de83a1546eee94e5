"""``workouts bench classifier``: the run/walk classifier against personas with known truth
(:mod:`etl.demo.personas`), then its speed on large synthetic histories.

Budgets (issue 16): on every persona, agreement with the truth at least the best single pace
threshold chosen with the truth minus one point, and expected calibration error at most 0.05;
97% agreement over every persona's workouts pooled; classifying 1,000,000 workouts with a trained
model under 1 s, training on 10,000 under 2 s. The benchmark reports, never asserts: a budget
missed (or a classifier that fails on a persona) is a line of the table, not an exception.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.classifier.evaluation import PersonaScore, evaluate
from analytics.classifier.training import classify, train
from bot.bench.measure import peak_rss_mb, timed
from bot.bench.synthetic import synthetic_workouts
from etl.demo.personas import PERSONAS, persona, persona_frame

MAX_MARGIN_LOSS = 0.01  # agreement may trail the oracle's by this much
MAX_ECE = 0.05
MIN_POOLED = 0.97
CLASSIFY_ROWS, CLASSIFY_BUDGET_S = 1_000_000, 1.0
TRAIN_ROWS, TRAIN_BUDGET_S = 10_000, 2.0


@dataclass(frozen=True)
class PersonaResult:
    """The classifier on one persona: its score, or why it could not be scored."""

    name: str
    workouts: int
    score: PersonaScore | None
    error: str = ""

    @property
    def holds(self) -> bool:
        """Whether this persona's budget holds (agreement near the oracle's, calibrated)."""
        return (
            self.score is not None
            and self.score.margin >= -MAX_MARGIN_LOSS
            and self.score.ece <= MAX_ECE
        )


@dataclass(frozen=True)
class ClassifierBench:
    """Every persona's result, the speed figures (None when they could not be taken) and the
    process's peak memory."""

    personas: tuple[PersonaResult, ...]
    seed: int
    classify_rows: int
    classify_s: float | None
    train_rows: int
    train_s: float | None
    peak_rss_mb: float
    speed_error: str = ""

    @property
    def pooled_agreement(self) -> float:
        """Agreement over the workouts of every scored persona together."""
        scored = [r.score for r in self.personas if r.score is not None]
        total = sum(s.n for s in scored)
        return sum(s.agreement * s.n for s in scored) / total if total else float("nan")


def run_classifier_bench(
    *,
    personas: tuple[str, ...] | None = None,
    seed: int = 0,
    classify_rows: int = CLASSIFY_ROWS,
    train_rows: int = TRAIN_ROWS,
) -> ClassifierBench:
    """Train and classify every persona (or those named), each from its own history as its
    owner's model would be, then time classify and train on synthetic workouts."""
    names = tuple(personas) if personas else tuple(PERSONAS)
    results = tuple(_persona(name, seed) for name in names)
    train_s, classify_s, error = _speed_figures(seed, classify_rows, train_rows)
    return ClassifierBench(
        personas=results,
        seed=seed,
        classify_rows=classify_rows,
        classify_s=classify_s,
        train_rows=train_rows,
        train_s=train_s,
        peak_rss_mb=peak_rss_mb(),
        speed_error=error,
    )


def render_classifier_bench(result: ClassifierBench) -> str:
    """The persona table, the pooled line, then speed and memory, each with its budget."""
    lines = [
        f"classifier benchmark: {_personas(len(result.personas))}, seed {result.seed}",
        f"{'persona':<15} {'workouts':>8} {'agreement':>9} {'oracle':>7} {'(at min/km)':>11} "
        f"{'margin':>7} {'ECE':>6}  budget",
    ]
    lines += [_row(r) for r in result.personas]
    scored = sum(r.score.n for r in result.personas if r.score is not None)
    pooled = result.pooled_agreement
    lines.append(
        f"overall: {_percent(pooled)} of {scored:,} workouts agree "
        f"(budget >= {MIN_POOLED:.0%}): {_verdict(pooled >= MIN_POOLED)}"
    )
    if result.speed_error:
        lines.append(f"speed: not measured ({result.speed_error})")
    else:
        lines += [
            _speed("classify", result.classify_rows, result.classify_s, CLASSIFY_BUDGET_S),
            _speed("train on", result.train_rows, result.train_s, TRAIN_BUDGET_S),
        ]
    lines.append(f"peak RSS: {result.peak_rss_mb:,.0f} MB")
    return "\n".join(lines)


def parse_personas(text: str | None) -> tuple[str, ...] | None:
    """``--personas a,b`` as names (None for all); an unknown name raises, naming them all."""
    if not text:
        return None
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    for name in names:
        persona(name)
    return names


def _speed_figures(seed: int, classify_rows: int, train_rows: int):
    """Seconds to train on ``train_rows`` synthetic workouts and to classify ``classify_rows``
    with that model, or why they could not be taken."""
    try:
        small = _with_moving_time(synthetic_workouts(train_rows, seed=seed).drop(columns="truth"))
        model, train_s = timed(lambda: train(small, seed=seed))
        big = _with_moving_time(synthetic_workouts(classify_rows, seed=seed).drop(columns="truth"))
        _, classify_s = timed(lambda: classify(big, model))
    except Exception as exc:  # a benchmark reports a broken classifier instead of dying
        return None, None, _describe(exc)
    return train_s, classify_s, ""


def _persona(name: str, seed: int) -> PersonaResult:
    frame = persona_frame(name, seed=seed)
    workouts = frame.drop(columns="truth")
    try:
        model = train(workouts, event_date=persona(name).event_date, seed=seed)
        score = evaluate(frame, classify(workouts, model).table)
    except Exception as exc:  # one failing persona must not hide the others' figures
        return PersonaResult(name, len(frame), None, _describe(exc))
    return PersonaResult(name, len(frame), score)


def _row(r: PersonaResult) -> str:
    head = f"{r.name:<15} {r.workouts:>8,}"
    if r.score is None:
        return f"{head}  error: {r.error}"
    s = r.score
    missed = []
    if s.margin < -MAX_MARGIN_LOSS:
        missed.append("agreement")
    if not s.ece <= MAX_ECE:
        missed.append("ECE")
    verdict = "ok" if not missed else "FAIL (" + ", ".join(missed) + ")"
    return (
        f"{head} {_percent(s.agreement):>9} {_percent(s.oracle.agreement):>7} "
        f"{'(' + _min_km(s.oracle.threshold_s_per_km) + ')':>11} "
        f"{100 * s.margin:>+6.1f}% {s.ece:>6.3f}  {verdict}"
    )


def _speed(what: str, rows: int, seconds: float | None, budget: float) -> str:
    took = "n/a" if seconds is None else f"{seconds:.2f} s"
    holds = seconds is not None and seconds < budget
    return f"{what} {rows:,} workouts: {took} (budget < {budget:g} s): {_verdict(holds)}"


def _with_moving_time(frame: pd.DataFrame) -> pd.DataFrame:
    """The synthetic frame with the store's moving time column (MapMyRun-style: none known)."""
    return frame if "moving_time_s" in frame else frame.assign(moving_time_s=np.nan)


def _personas(n: int) -> str:
    return f"{n} persona" if n == 1 else f"{n} personas"


def _percent(share: float) -> str:
    return "n/a" if share != share else f"{share:.1%}"


def _min_km(seconds: float) -> str:
    if not np.isfinite(seconds):
        return "n/a"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _verdict(holds: bool) -> str:
    return "ok" if holds else "FAIL"


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"
