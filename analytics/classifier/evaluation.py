"""Scoring the classifier against known truth: how often it agrees, how that compares with the
best single pace threshold (an oracle that peeks at the truth), and whether its confidence means
what it says (expected calibration error).

The oracle is the bar a model must clear to be worth having: if one pace cut-off chosen with the
answers in hand beats it, the model adds nothing over a rule a person could write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from analytics.frame import RUN, WALK, require


@dataclass(frozen=True)
class Oracle:
    """The best pace threshold in hindsight: pace <= ``threshold_s_per_km`` is a run."""

    threshold_s_per_km: float
    agreement: float


@dataclass(frozen=True)
class CalibrationBin:
    """Workouts whose confidence fell in [low, high): how many, how often right, how sure."""

    low: float
    high: float
    count: int
    accuracy: float  # NaN when empty
    mean_confidence: float  # NaN when empty


@dataclass(frozen=True)
class Calibration:
    """Expected calibration error (0: confidence is the chance of being right) and its bins."""

    ece: float
    bins: tuple[CalibrationBin, ...]


@dataclass(frozen=True)
class PersonaScore:
    """The classifier on one history with known truth."""

    n: int
    agreement: float
    oracle: Oracle
    calibration: Calibration
    confusion: Mapping[str, Mapping[str, int]]  # truth -> predicted -> workouts

    @property
    def margin(self) -> float:
        """Agreement minus the oracle's: negative when a pace rule would have done better."""
        return self.agreement - self.oracle.agreement

    @property
    def ece(self) -> float:
        return self.calibration.ece


def agreement(truth, predicted) -> float:
    """The share of workouts whose predicted label is the truth (NaN for none)."""
    truth, predicted = np.asarray(truth, dtype=object), np.asarray(predicted, dtype=object)
    if truth.shape != predicted.shape:
        raise ValueError(f"{truth.size} truths but {predicted.size} predictions")
    return float((truth == predicted).mean()) if truth.size else float("nan")


def oracle_threshold(pace_s_per_km, truth) -> Oracle:
    """The single pace threshold that, chosen with the truth, labels the most workouts right.

    Pace <= threshold is a run, slower is a walk; every midpoint between neighbouring distinct
    paces is tried, and one below and one above them all (everything a walk, everything a run).
    Workouts of any other truth, or without a finite pace, count as wrong for every threshold.
    The first (fastest) best threshold wins.
    """
    pace = np.asarray(pace_s_per_km, dtype=float)
    truth = np.asarray(truth, dtype=object)
    if pace.shape != truth.shape:
        raise ValueError(f"{pace.size} paces but {truth.size} truths")
    if not pace.size:
        return Oracle(float("nan"), float("nan"))
    known = np.isfinite(pace)
    pace, truth_known = pace[known], truth[known]
    order = np.argsort(pace, kind="stable")
    pace, is_run, is_walk = pace[order], truth_known[order] == RUN, truth_known[order] == WALK
    values, starts = np.unique(pace, return_index=True)
    if not values.size:
        return Oracle(float("nan"), 0.0)
    # Runs at or below each cut, walks above it; the cut k sits after the k-th distinct value.
    runs_below = np.concatenate([[0], np.cumsum(is_run)])[np.append(starts, pace.size)]
    walks_below = np.concatenate([[0], np.cumsum(is_walk)])[np.append(starts, pace.size)]
    right = runs_below + (walks_below[-1] - walks_below)
    best = int(np.argmax(right))
    edges = np.concatenate([[values[0] - 1.0], (values[:-1] + values[1:]) / 2, [values[-1] + 1.0]])
    return Oracle(float(edges[best]), float(right[best] / truth.size))


def calibration(confidence, correct, bins: int = 10) -> Calibration:
    """Expected calibration error over ``bins`` equal-width confidence bins: the mean, weighted
    by workouts, of |accuracy - mean confidence| in each bin. Workouts without a finite
    confidence are left out (they claim nothing)."""
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=bool)
    if confidence.shape != correct.shape:
        raise ValueError(f"{confidence.size} confidences but {correct.size} outcomes")
    keep = np.isfinite(confidence)
    confidence, correct = np.clip(confidence[keep], 0.0, 1.0), correct[keep]
    index = np.minimum((confidence * bins).astype(int), bins - 1)
    out, error = [], 0.0
    for b in range(bins):
        inside = index == b
        count = int(inside.sum())
        accuracy = float(correct[inside].mean()) if count else float("nan")
        mean_confidence = float(confidence[inside].mean()) if count else float("nan")
        if count:
            error += count * abs(accuracy - mean_confidence)
        out.append(CalibrationBin(b / bins, (b + 1) / bins, count, accuracy, mean_confidence))
    ece = error / confidence.size if confidence.size else float("nan")
    return Calibration(float(ece), tuple(out))


def oracle_pace(frame: pd.DataFrame) -> np.ndarray:
    """Each workout's pace in s/km as the oracle sees it: moving pace when there is a moving
    time, else the export's average pace, else elapsed duration over distance."""
    require(frame, ["distance_m", "duration_s"])
    km = frame["distance_m"].to_numpy(dtype=float) / 1000.0
    n = len(frame)
    moving = _column(frame, "moving_time_s", n)
    stored = _column(frame, "avg_pace_s_per_km", n)
    with np.errstate(divide="ignore", invalid="ignore"):
        by_moving = np.where(km > 0, moving / km, np.nan)
        by_duration = np.where(km > 0, frame["duration_s"].to_numpy(dtype=float) / km, np.nan)
    has_moving = np.isfinite(moving) & (moving > 0)
    return np.where(has_moving, by_moving, np.where(np.isfinite(stored), stored, by_duration))


def evaluate(frame: pd.DataFrame, table: pd.DataFrame) -> PersonaScore:
    """Score a classification ``table`` (id, label, confidence, rows aligned with ``frame``)
    against ``frame``'s ``truth`` column."""
    require(frame, ["truth"])
    require(table, ["label", "confidence"])
    if len(frame) != len(table):
        raise ValueError(f"{len(frame)} workouts but {len(table)} classified")
    truth = frame["truth"].to_numpy(dtype=object)
    predicted = table["label"].to_numpy(dtype=object)
    confusion: dict[str, dict[str, int]] = {}
    for (t, p), count in pd.crosstab(truth, predicted).stack().items():
        if count:
            confusion.setdefault(str(t), {})[str(p)] = int(count)
    return PersonaScore(
        n=len(frame),
        agreement=agreement(truth, predicted),
        oracle=oracle_threshold(oracle_pace(frame), truth),
        calibration=calibration(table["confidence"].to_numpy(dtype=float), truth == predicted),
        confusion=MappingProxyType({t: MappingProxyType(row) for t, row in confusion.items()}),
    )


def _column(frame: pd.DataFrame, name: str, n: int) -> np.ndarray:
    if name not in frame:
        return np.full(n, np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)
