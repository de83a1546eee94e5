"""Anomalies: workouts whose pace, distance or duration is unusual for their class.

A dog walk at 20 min/mi is ordinary; a run at 20 min/mi is not, so each workout is judged against
its own class's whole history by IQR fences, z-score, modified z-score (median/MAD, robust to the
outliers it hunts) and a "sudden change" test against its last ``recent_n`` workouts. ``outlier``
rows never shape the statistics but are judged against ``outlier_reference`` (glitches are runs
gone wrong). A workout unusual on several metrics appears once per metric: one value, one set of
scores and one sentence per item is what a renderer asked "why?" needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import partial
from itertools import product
from types import MappingProxyType

import numpy as np
import pandas as pd

from analytics import frame as wf
from analytics.errors import UnknownMetric

METHODS = ("iqr", "z", "modified_z", "sudden_change")
DEFAULT_METRICS = ("avg_pace_s_per_km", "distance_m", "duration_s")
# column -> (short name, noun, word when the value is high, word when it is low)
METRIC_WORDS = MappingProxyType(
    {
        "avg_pace_s_per_km": ("pace", "pace", "slower", "faster"),
        "distance_m": ("distance", "distance", "longer", "shorter"),
        "duration_s": ("duration", "duration", "longer", "shorter"),
    }
)
ALIASES = MappingProxyType({words[0]: column for column, words in METRIC_WORDS.items()})
MAD_SCALE = 0.6745  # MAD / 0.6745 estimates the standard deviation of normal data
MEAN_AD_SCALE = 1.253314  # the same for the mean absolute deviation, used when the MAD is 0


@dataclass(frozen=True)
class Thresholds:
    """How unusual is unusual: each method's threshold (``iqr``: fences that many IQRs past the
    quartiles; the others: a |score| above it), the sudden-change window, and the smallest
    reference a class needs before any of its workouts is judged."""

    iqr: float = 1.5
    z: float = 3.0
    modified_z: float = 3.5
    sudden_change: float = 3.0
    recent_n: int = 10
    min_reference: int = 8


@dataclass(frozen=True)
class ClassStats:
    """The reference statistics of one class and metric (SI units)."""

    label: str
    metric: str
    n: int
    median: float
    q1: float
    q3: float
    iqr: float
    mean: float
    std: float
    mad: float


@dataclass(frozen=True)
class MethodScore:
    """One method's verdict on one value: it calls ``low``-``high`` ordinary.

    ``score`` is signed: z or modified z, or for ``iqr`` the distance past the nearer quartile in
    IQRs. ``n`` is the reference size (the window for sudden change). NaN: it could not judge."""

    method: str
    score: float
    threshold: float
    flagged: bool
    low: float
    high: float
    centre: float
    n: int


@dataclass(frozen=True)
class Anomaly:
    """One unusual value of one workout, with everything behind the verdict."""

    workout_id: int
    workout_date: date
    label: str
    reference: str  # the class whose statistics judged it
    metric: str
    value: float
    methods: tuple[str, ...]
    scores: tuple[MethodScore, ...]
    severity: float  # the strongest flagged |score| / threshold: above 1, larger is stranger
    direction: str  # "high" or "low" (a high pace is a slow one)
    reason: str


@dataclass(frozen=True)
class AnomalyReport:
    """Unusual values between ``start`` and ``end``, most severe first, and the reference."""

    items: tuple[Anomaly, ...]
    counts: MappingProxyType  # method -> number of items it flagged
    thresholds: MappingProxyType
    stats: tuple[ClassStats, ...]
    skipped: tuple[tuple[str, str, int], ...]  # (label, metric, reference size) too small to use
    start: date | None
    end: date | None
    n_checked: int  # workouts in range judged on at least one metric
    enough_data: bool
    note: str
    names: Mapping[str, str] = field(default_factory=lambda: wf.DISPLAY_NAMES)


def find_anomalies(
    frame: pd.DataFrame,
    *,
    start: date | None = None,
    end: date | None = None,
    metrics: tuple[str, ...] = DEFAULT_METRICS,
    thresholds: Thresholds = Thresholds(),
    outlier_reference: str | None = wf.RUN,
    unit: str = "mi",
    names: Mapping[str, str] | None = None,
) -> AnomalyReport:
    """List workouts dated in [``start``, ``end``] with a value unusual for their class.

    Statistics come from each class's whole history (the range would make "unusual" depend on
    the question); classes with under ``thresholds.min_reference`` values are skipped, named in
    the note. ``names`` are the owner's class names for the reasons and the note (default:
    ``wf.DISPLAY_NAMES``); the report keeps them for renderers."""
    names = names or wf.DISPLAY_NAMES
    columns = tuple(dict.fromkeys(_column(m) for m in metrics))
    if unit not in wf.METRES_PER:
        raise ValueError(f"unit must be one of {sorted(wf.METRES_PER)}, not {unit!r}")
    wf.require(frame, ("id", "workout_date", "label", *columns))
    limits = MappingProxyType(asdict(thresholds))
    min_reference = thresholds.min_reference
    table = frame[["id", "label", *columns]].assign(day=wf.by_day(frame).to_numpy())
    table = table.sort_values(["day", "id"], kind="stable").reset_index(drop=True)
    bounds = pd.Timestamp(start or date.min), pd.Timestamp(end or date.max)
    in_range = table["day"].between(*bounds).to_numpy()
    groups = {str(k): v for k, v in table.groupby("label", sort=True).indices.items()}
    glitches = groups.pop(wf.OUTLIER, np.empty(0, dtype=np.int64))
    stats, skipped, items, checked = [], [], [], np.zeros(len(table), dtype=bool)
    numeric = {c: pd.to_numeric(table[c], errors="coerce").to_numpy(dtype=float) for c in columns}
    for (column, values), (label, own) in product(numeric.items(), groups.items()):
        ref = own[np.isfinite(values[own])]
        if ref.size < min_reference:
            skipped.append((label, column, int(ref.size)))
            continue
        stats.append(stat := _class_stats(label, column, values[ref]))
        cand = np.sort(np.concatenate([own, glitches if label == outlier_reference else own[:0]]))
        cand = cand[in_range[cand] & np.isfinite(values[cand])]
        checked[cand] = True
        scores = _scores(values, ref, cand, stat, limits)
        items += _anomalies(table, values, cand, scores, stat, unit, names)
    items.sort(key=lambda a: (-a.severity, a.workout_date, a.workout_id, a.metric))
    counts = MappingProxyType({m: sum(m in a.methods for a in items) for m in METHODS})
    n_checked = int(checked.sum())
    return AnomalyReport(
        tuple(items),
        counts,
        limits,
        tuple(stats),
        tuple(skipped),
        start,
        end,
        n_checked,
        enough_data=bool(stats) and n_checked > 0,
        note=_note(len(items), n_checked, stats, skipped, start, end, min_reference, names),
        names=names,
    )


def _column(metric: str) -> str:
    """The frame column a metric name means; unknown names raise."""
    column = ALIASES.get(metric, metric)
    if column not in METRIC_WORDS:
        raise UnknownMetric(f"unknown metric {metric!r}; known: {', '.join(ALIASES)}")
    return column


def _class_stats(label: str, column: str, ref: np.ndarray) -> ClassStats:
    q1, median, q3 = np.percentile(ref, [25, 50, 75])
    std = float(np.std(ref, ddof=1)) if ref.size > 1 else 0.0
    return ClassStats(
        label,
        column,
        int(ref.size),
        float(median),
        float(q1),
        float(q3),
        float(q3 - q1),
        float(np.mean(ref)),
        std,
        float(np.median(np.abs(ref - median))),
    )


def _robust_spread(deviations: np.ndarray, axis: int | None = None) -> np.ndarray:
    """MAD / 0.6745, or the scaled mean absolute deviation where half the values tie (MAD 0)."""
    absolute = np.abs(deviations)
    mad = np.median(absolute, axis=axis) / MAD_SCALE
    return np.where(mad > 0, mad, np.mean(absolute, axis=axis) * MEAN_AD_SCALE)


def _ratio(top: np.ndarray, bottom: np.ndarray | float) -> np.ndarray:
    """top / bottom, NaN where bottom is 0: a method without spread abstains."""
    bottom = np.broadcast_to(np.asarray(bottom, dtype=float), np.shape(top))
    return np.divide(top, bottom, out=np.full(np.shape(top), np.nan), where=bottom > 0)


def _around(method: str, threshold: float, x, centre, spread, n: int) -> tuple:
    """(method, threshold, score, low, high, centre, n) for a score (x - centre) / spread."""
    low, high = centre - threshold * spread, centre + threshold * spread
    return method, threshold, _ratio(x - centre, spread), low, high, centre, n


def _scores(values, ref, cand, stat: ClassStats, limits) -> list[tuple]:
    """Every method's verdict tuple (see :func:`_around`) over the candidates."""
    x, k = values[cand], limits["iqr"]
    excess = np.where(x > stat.q3, x - stat.q3, np.where(x < stat.q1, x - stat.q1, 0.0))
    fences = stat.q1 - k * stat.iqr, stat.q3 + k * stat.iqr
    robust = float(_robust_spread(values[ref] - stat.median))
    overall = [
        ("iqr", k, _ratio(excess, stat.iqr), *fences, stat.median, stat.n),
        _around("z", limits["z"], x, stat.mean, stat.std, stat.n),
        _around("modified_z", limits["modified_z"], x, stat.median, robust, stat.n),
    ]
    flagged = np.any([np.abs(v[2]) > v[1] for v in overall], axis=0)
    return [*overall, _sudden(values, ref, cand, limits, flagged)]


def _sudden(values, ref, cand, limits, flagged) -> tuple:
    """Modified z against the previous ``recent_n`` reference workouts (by date, then id).

    Ten values estimate their spread poorly, so it never drops below the class's workout-to-workout
    noise (robust spread of successive differences / sqrt 2, which a slow trend leaves alone); the
    window's own spread is worked out only where it can matter (beyond that floor, or flagged)."""
    size, threshold = int(limits["recent_n"]), limits["sudden_change"]
    before = np.searchsorted(ref, cand, side="left")  # reference rows strictly earlier
    ok = (before >= size) & (size > 0)
    centre, spread = np.full(cand.size, np.nan), np.full(cand.size, np.nan)
    if ok.any():
        series, steps = values[ref], np.diff(values[ref])
        noise = float(_robust_spread(steps - np.median(steps))) / np.sqrt(2)
        centre[ok] = pd.Series(series).rolling(size).median().to_numpy()[before[ok] - 1]
        spread[ok] = noise
        near = np.abs(values[cand] - centre) <= threshold * noise
        exact = ok & (~near | flagged)
        window = series[before[exact, None] - size + np.arange(size)]
        spread[exact] = np.maximum(_robust_spread(window - centre[exact, None], axis=1), noise)
    return _around("sudden_change", threshold, values[cand], centre, spread, size)


def _anomalies(
    table, values, cand, scores, stat: ClassStats, unit: str, names: Mapping[str, str]
) -> list[Anomaly]:
    """Anomaly items for the candidates at least one method flags."""
    flags = np.array([np.abs(s[2]) > s[1] for s in scores])  # NaN compares False: abstains
    ids, labels = table["id"].to_numpy(), table["label"].to_numpy()
    scores = [(m, t, *(np.broadcast_to(v, cand.shape) for v in vs), n) for m, t, *vs, n in scores]
    items = []
    hits = np.flatnonzero(flags.any(axis=0))
    days = table["day"].iloc[cand[hits]].dt.date.tolist()
    for j, day in zip(hits, days):
        row, label = int(cand[j]), str(labels[int(cand[j])])
        per = tuple(
            MethodScore(m, float(s[j]), t, bool(f[j]), float(lo[j]), float(hi[j]), float(c[j]), n)
            for (m, t, s, lo, hi, c, n), f in zip(scores, flags)
        )
        flagged = [p for p in per if p.flagged]
        top = max(flagged, key=lambda p: abs(p.score) / p.threshold)
        items.append(
            Anomaly(
                workout_id=int(ids[row]),
                workout_date=day,
                label=label,
                reference=stat.label,
                metric=stat.metric,
                value=float(values[row]),
                methods=tuple(p.method for p in flagged),
                scores=per,
                severity=abs(top.score) / top.threshold,
                direction="high" if top.score > 0 else "low",
                reason=_reason(float(values[row]), label, flagged, stat, unit, names),
            )
        )
    return items


def _reason(
    value, label, flagged: list[MethodScore], stat: ClassStats, unit: str, names: Mapping[str, str]
) -> str:
    """What is unusual, against what, and the numbers; "your last 10 runs" only if alone. The
    class is named in the owner's ``names`` ("your usual walk" without a dog)."""
    _, noun, high_word, low_word = METRIC_WORDS[stat.metric]
    overall = [p for p in flagged if p.method != "sudden_change"] or flagged
    top = max(overall, key=lambda p: abs(p.score) / p.threshold)
    word = high_word if top.score > 0 else low_word
    much = "much " if abs(top.score) / top.threshold >= 2 else ""
    name = wf.display_name(stat.label, names)
    show = partial(_show, metric=stat.metric, unit=unit)
    if top.method == "sudden_change":
        recent = f"median {show(top.centre)}; modified z {top.score:.1f}"
        against = f"your last {top.n} {wf.plural(name)} ({recent})"
    else:
        words = [
            f"usual limit {show(p.high if p.score > 0 else p.low)}"
            if p.method == "iqr"
            else f"{p.method.replace('_', ' ')} {p.score:.1f}"
            for p in overall
        ]
        against = f"your usual {name} (median {show(stat.median)}; {', '.join(words)})"
    glitch = "; it is labelled an outlier" if label == wf.OUTLIER else ""
    return f"{noun} {show(value)} is {much}{word} than {against}{glitch}"


def _show(value: float, metric: str, unit: str) -> str:
    """A value as a person reads it: pace and distance in ``unit``, duration as h:mm:ss."""
    if metric == "avg_pace_s_per_km":
        return wf.format_pace(max(value, 0.0), unit)
    if metric == "distance_m":
        return f"{wf.distance_in(value, unit):.1f} {unit}"
    minutes, seconds = divmod(round(max(value, 0.0)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _note(found, checked, stats, skipped, start, end, min_reference, names) -> str:
    """The report in words, including what could not be judged and why."""
    span = f"between {start or 'the first workout'} and {end or 'the last workout'}"
    if not stats:
        text = f"not enough data: no class has {min_reference} workouts with a value to compare"
    elif not checked:
        text = f"not enough data: no workouts to check {span}"
    else:
        text = f"{found} unusual value(s) in {checked} workout(s) {span}"
    small = ", ".join(
        f"{wf.display_name(c, names)} {METRIC_WORDS[m][1]} ({n})" for c, m, n in skipped if n
    )
    return text + (f"; skipped, fewer than {min_reference} workouts: {small}" if small else "")
