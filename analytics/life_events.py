"""Life events (a puppy arrives, a move, an injury): :func:`compare_event` sets the months
before such a date against the months after it; :func:`detect_regime_changes` finds candidate
dates in the monthly series, so the bot can offer to add them as events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd

from analytics import frame as wf
from analytics.consistency import monthly_scores

DAYS_PER_MONTH = 365.25 / 12
MIN_MONTHS = 1.0  # a rate over less than a month says more about the calendar than the person
MIX_NEWS = 0.05  # a class share moving less than 5 points is not headline news
PACE_LABELS = (wf.RUN, wf.WALK, wf.RUN_WALK)  # outliers have no meaningful median pace
DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class LabelStats:
    """Median pace (s/km) and distance (m) of one foot class; None when none is known."""

    workouts: int
    median_pace_s_per_km: float | None
    median_distance_m: float | None


@dataclass(frozen=True)
class Side:
    """One side of an event. ``consistency`` is the mean :func:`consistency_score` of its whole
    calendar months, each scored as its own window, so one holiday month does not decide it."""

    start: date | None
    end: date | None
    months: float
    workouts: int
    per_month: float | None
    mix: Mapping[str, float]
    labels: Mapping[str, LabelStats]
    consistency: float | None
    consistency_months: int


EMPTY_SIDE = Side(None, None, 0.0, 0, None, MappingProxyType({}), MappingProxyType({}), None, 0)


@dataclass(frozen=True)
class EventComparison:
    """Before and after an event; ``factor`` is after/before workouts a month, or None.
    ``names`` are the class names its text uses (the owner's, see ``wf.class_names``)."""

    name: str
    event_date: date
    window_months: int | None
    before: Side
    after: Side
    factor: float | None
    enough_data: bool
    note: str
    names: Mapping[str, str] = field(default_factory=lambda: wf.DISPLAY_NAMES)

    def headline(self, *, unit: str = "mi", names: Mapping[str, str] | None = None) -> str:
        """One sentence: the monthly rate, the class that moved most and the median run, with
        ``names`` for the classes (default: the comparison's own)."""
        if unit not in wf.METRES_PER:
            raise ValueError(f"unit must be one of {', '.join(wf.METRES_PER)}")
        names = names or self.names
        when = f"{self.name} ({self.event_date.isoformat()})"
        if self.before.workouts == 0 and self.after.workouts == 0:
            return f"No workouts on either side of {when}, so nothing to compare."
        clauses = [_rate_clause(self.before, self.after, self.factor)]
        clauses += _mix_clause(self.before, self.after, names)
        clauses += _run_clause(self.before, self.after, unit, names)
        return f"Since {when}: " + "; ".join(clauses) + "."


@dataclass(frozen=True)
class RegimeChange:
    """A month where training changed. ``score`` is the split's drop in squared error in units
    of noise (comparable between changes); before/after describe the neighbouring regimes."""

    date: date
    score: float
    before_per_month: float
    after_per_month: float
    before_walk_share: float | None
    after_walk_share: float | None
    before_run_share: float | None
    after_run_share: float | None
    suggestion: str


def compare_event(
    frame: pd.DataFrame,
    *,
    event_date: date,
    name: str,
    window_months: int | None = None,
    names: Mapping[str, str] | None = None,
) -> EventComparison:
    """Compare training before ``event_date`` (exclusive) with training from it on.

    ``window_months`` limits each side. A side spans only recorded history (first to last
    workout), so a short export is not read as idle months; a rate needs a month of it.
    ``names`` are the owner's class names for the text (default: ``wf.DISPLAY_NAMES``).
    """
    wf.require(frame, ("workout_date", "label", "avg_pace_s_per_km", "distance_m"))
    rows = frame[frame["workout_date"].notna()]
    rows = rows.assign(_day=wf.by_day(rows)).sort_values("_day", kind="stable")
    event = pd.Timestamp(event_date)
    before = after = EMPTY_SIDE
    if len(rows):
        first, last = rows["_day"].iloc[0], rows["_day"].iloc[-1]
        reach = None if window_months is None else pd.DateOffset(months=window_months)
        low = first if reach is None else max(first, event - reach)
        high = last if reach is None else min(last, event + reach - DAY)
        scores = monthly_scores(rows.drop(columns="_day"))  # every month at once, for both sides
        before = _side(rows, low, min(last, event - DAY), scores)
        after = _side(rows, max(first, event), high, scores)
    enough = before.per_month is not None and after.per_month is not None
    factor = after.per_month / before.per_month if before.per_month and enough else None
    side = "before" if before.per_month is None else "since"
    note = "" if enough else f"Under a month of recorded history {side} {event_date}: no rate."
    return EventComparison(
        name,
        event_date,
        window_months,
        before,
        after,
        factor,
        enough,
        note,
        names or wf.DISPLAY_NAMES,
    )


def _side(rows: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, scores: pd.Series) -> Side:
    """The workouts from ``start`` to ``end`` (inclusive), the months they span and the mean
    consistency score of its calendar months (``scores``: every month's, see
    :func:`analytics.consistency.monthly_scores`)."""
    if end < start:
        return EMPTY_SIDE
    inside = rows[(rows["_day"] >= start) & (rows["_day"] <= end)]
    months = ((end - start).days + 1) / DAYS_PER_MONTH
    mix = inside["label"].value_counts(normalize=True).sort_index()
    mix = mix.sort_values(ascending=False, kind="stable")
    chosen = _month_scores(rows, start, end, scores)
    mean = float(np.mean(chosen)) if chosen else None
    rate = len(inside) / months if months >= MIN_MONTHS else None
    mix = MappingProxyType({str(k): float(v) for k, v in mix.items()})
    labels = MappingProxyType(_label_stats(inside))
    return Side(start.date(), end.date(), months, len(inside), rate, mix, labels, mean, len(chosen))


def _month_scores(
    rows: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, scores: pd.Series
) -> list[float]:
    """Consistency scores of the months wholly in [start, end], and of the first month of all
    (nothing was tracked before), each scored as its own window."""
    floor = start.to_period("M").start_time if start == rows["_day"].iloc[0] else start
    months = scores.index
    inside = (months.start_time >= floor) & (months.end_time.normalize() <= end)
    return [float(score) for score in scores.to_numpy()[inside]]


def _label_stats(rows: pd.DataFrame) -> dict[str, LabelStats]:
    def median(values: pd.Series) -> float | None:
        values = pd.to_numeric(values, errors="coerce")
        known = values[np.isfinite(values) & (values > 0)]  # missing or glitched: not a pace
        return float(known.median()) if len(known) else None

    groups = {label: rows[rows["label"] == label] for label in PACE_LABELS}
    return {
        label: LabelStats(len(g), median(g["avg_pace_s_per_km"]), median(g["distance_m"]))
        for label, g in groups.items()
        if len(g)
    }


def _rate_clause(before: Side, after: Side, factor: float | None) -> str:
    if after.per_month is None:
        return f"{wf.count(after.workouts, 'workout')} so far, too soon for a monthly rate"
    now = f"{after.per_month:.1f} workouts a month"
    if before.workouts == 0:
        return f"from none to {now}"
    if factor is None:
        return now + ", too little history before to compare"
    trend = "up from" if factor >= 1.05 else "down from" if factor <= 0.95 else "about the same as"
    return f"{now}, {trend} {before.per_month:.1f} (x{factor:.1f})"


def _mix_clause(before: Side, after: Side, names: Mapping[str, str]) -> list[str]:
    def plural(label: str) -> str:
        name = wf.display_name(label, names)
        return "other workouts" if name == "other" else wf.plural(name)

    if not after.workouts:
        return []
    if not before.workouts:
        top = next(iter(after.mix))
        return [f"{after.mix[top]:.0%} of them {plural(top)}"]
    moves = {k: after.mix.get(k, 0.0) - before.mix.get(k, 0.0) for k in {*before.mix, *after.mix}}
    label = max(sorted(moves), key=lambda k: abs(moves[k]))
    if abs(moves[label]) < MIX_NEWS:
        return []
    was, now = before.mix.get(label, 0.0), after.mix.get(label, 0.0)
    return [f"{plural(label)} went from {was:.0%} to {now:.0%} of workouts"]


def _run_clause(before: Side, after: Side, unit: str, names: Mapping[str, str]) -> list[str]:
    def text(side: Side) -> str | None:
        run = side.labels.get(wf.RUN)
        if run is None or run.median_pace_s_per_km is None or run.median_distance_m is None:
            return None
        distance = wf.distance_in(run.median_distance_m, unit)
        return f"{wf.format_pace(run.median_pace_s_per_km, unit)} over {distance:.1f} {unit}"

    now, was = text(after), text(before)
    run = wf.display_name(wf.RUN, names)
    return [f"median {run} {now}" + (f" (was {was})" if was else "")] if now else []


def detect_regime_changes(
    frame: pd.DataFrame,
    *,
    top: int = 3,
    min_segment_months: int = 6,
    names: Mapping[str, str] | None = None,
) -> tuple[RegimeChange, ...]:
    """Months where training changed for good, strongest first, at most ``top`` of them;
    ``names`` are the owner's class names for the suggestions (default: ``wf.DISPLAY_NAMES``).

    Binary segmentation: the single split of the monthly series that removes the most squared
    error is kept if it beats 1.5 BIC penalties, then each part is split again, none shorter than
    ``min_segment_months``. Counts go through the Anscombe root and shares through the arcsine
    root weighted by the month's workouts, so each series has unit noise and their gains add up.
    """
    wf.require(frame, ["workout_date", "label"])
    if top < 0 or min_segment_months < 1:
        raise ValueError("top must be >= 0 and min_segment_months >= 1")
    months, counts, walks, runs = _monthly(frame)
    if top == 0 or counts.size < 2 * min_segment_months:
        return ()
    found = _segment(*_transformed(counts, walks, runs), min_segment_months)
    strongest = sorted(found, key=lambda cut: (-cut[1], cut[0]))[:top]
    bounds = [0, *sorted(t for t, _ in strongest), counts.size]
    walk = wf.plural(wf.display_name(wf.WALK, names))
    return tuple(
        _describe(t, gain, bounds, months, counts, walks, runs, walk) for t, gain in strongest
    )


def _monthly(frame: pd.DataFrame) -> tuple[pd.PeriodIndex, np.ndarray, np.ndarray, np.ndarray]:
    """Workouts, dog walks and real runs in every month from the first to the last workout."""
    rows = frame[frame["workout_date"].notna()]
    if rows.empty:
        return pd.PeriodIndex([], freq="M"), np.zeros(0), np.zeros(0), np.zeros(0)
    period = wf.by_day(rows).dt.to_period("M")
    months = pd.period_range(period.min(), period.max(), freq="M")
    table = pd.crosstab(period, rows["label"].fillna("")).reindex(months, fill_value=0)
    counts, none = table.sum(axis=1).to_numpy(float), np.zeros(len(months))
    part = [table[k].to_numpy(float) if k in table else none for k in (wf.WALK, wf.RUN)]
    return months, counts, *part


def _transformed(counts, walks, runs) -> tuple[np.ndarray, np.ndarray]:
    """Variance-stabilised series, weighted into units of noise: var(2 asin sqrt p) ~ 1/n, so a
    share weighs its month's workouts; overdispersion (median month-to-month step) shrinks all."""
    shares = [
        np.divide(p, counts, out=np.zeros_like(counts), where=counts > 0) for p in (walks, runs)
    ]
    values = np.vstack([2 * np.sqrt(counts + 3 / 8), *(2 * np.arcsin(np.sqrt(p)) for p in shares)])
    weights = np.vstack([np.ones_like(counts), counts, counts])
    for y, w in zip(values, weights):
        both = (w[1:] > 0) & (w[:-1] > 0)
        steps = np.diff(y)[both] / np.sqrt(1 / w[1:][both] + 1 / w[:-1][both])
        if steps.size >= 3:
            w /= max(1.0, (float(np.median(np.abs(steps))) / 0.6745) ** 2)
    return values, weights


def _segment(values, weights, min_len: int) -> list[tuple[int, float]]:
    """Split positions (index of the first month of the new regime) with their gains."""
    n = values.shape[1]
    stacked = np.stack([weights, weights * values, weights * values**2])  # cumulative sums
    sums = np.concatenate([np.zeros((*stacked.shape[:2], 1)), np.cumsum(stacked, axis=2)], axis=2)
    penalty = 1.5 * (values.shape[0] + 1) * np.log(n)  # BIC x1.5: plain BIC cried wolf too often
    found, todo = [], [(0, n)]  # the caller checked that n >= 2 * min_len
    while todo:
        a, b = todo.pop()
        cuts = np.arange(a + min_len, b - min_len + 1)
        gain = _sse(sums, a, b) - _sse(sums, a, cuts) - _sse(sums, cuts, b)
        if gain[best := int(np.argmax(gain))] > penalty:
            t = int(cuts[best])
            found.append((t, float(gain[best])))
            todo += [(x, y) for x, y in ((a, t), (t, b)) if y - x >= 2 * min_len]
    return found


def _sse(sums, a, b) -> np.ndarray:
    """Weighted squared error around the means of months [a, b), summed over the series."""
    w, wy, wy2 = (s[:, np.atleast_1d(b)] - s[:, np.atleast_1d(a)] for s in sums)
    return (wy2 - np.divide(wy**2, w, out=np.zeros_like(wy), where=w > 0)).sum(axis=0)


def _describe(
    t: int, gain: float, bounds: list[int], months, counts, walks, runs, walk_name: str
) -> RegimeChange:
    """The change at month ``t``, described by the regimes up to its neighbouring changes;
    ``walk_name`` is what the owner calls the walks ("dog walks", "walks")."""

    def share(part: np.ndarray, span: slice) -> float | None:
        return float(part[span].sum() / counts[span].sum()) if counts[span].sum() else None

    i = bounds.index(t)
    spans = slice(bounds[i - 1], t), slice(t, bounds[i + 1])
    rate = [float(counts[s].mean()) for s in spans]
    walk, run = ([share(part, s) for s in spans] for part in (walks, runs))
    start = months[t].start_time.date()
    shares = " -> ".join("n/a" if w is None else f"{w:.0%}" for w in walk)
    suggestion = (
        f"Something changed around {start:%B %Y}: {rate[0]:.1f} -> {rate[1]:.1f} workouts a "
        f"month, {walk_name} {shares}. Add it as an event?"
    )
    return RegimeChange(start, gain, *rate, *walk, *run, suggestion)
