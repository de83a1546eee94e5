"""Analysis answers: anomalies, trends with forecasts, the consistency score."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from analytics.anomalies import METRIC_WORDS, find_anomalies
from analytics.charts import anomalies_chart, consistency_chart, trend_chart
from analytics.consistency import consistency_score, streaks
from analytics.frame import REAL_RUN
from analytics.trends import trend
from bot import wording as fmt
from bot.answers.common import no_data, period_name, period_when
from bot.context import Context
from bot.language.query import Query
from bot.reply import Reply, Table

# A query's measure -> the trend analytic's metric (a count over time is a frequency).
_TREND_METRICS = {
    "pace": "pace",
    "distance": "distance",
    "duration": "duration",
    "frequency": "workouts_per_week",
    "count": "workouts_per_week",
}
DEFAULT_DAYS = 30
TREND_DAYS = 365
SHOWN = 10


def answer_anomalies(query: Query, ctx: Context) -> Reply:
    """Unusual workouts in a range (default: the last 30 days), most severe first."""
    if ctx.frame.empty:
        return no_data()
    start, end = _range(query, ctx, DEFAULT_DAYS)
    report = find_anomalies(ctx.frame, start=start, end=end, unit=ctx.units, names=ctx.names)
    when = fmt.period(start, end)
    if not report.items:
        text = f"No anomalies {when}: {fmt.count(report.n_checked, 'workout')} checked."
        if not report.enough_data:
            text = f"No anomalies {when}: {report.note}"
        return Reply(title=f"Anomalies {when}", text=text)
    items = report.items[:SHOWN]
    bullets = "\n".join(f"• {a.workout_date}: {a.reason}" for a in items)
    more = f"\n…and {len(report.items) - SHOWN} more." if len(report.items) > SHOWN else ""
    metric = Counter(a.metric for a in report.items).most_common(1)[0][0]
    rows = tuple(
        (
            str(a.workout_date),
            str(a.workout_id),
            fmt.label(a.label, names=ctx.names),
            METRIC_WORDS[a.metric][0],
            ", ".join(_method(m) for m in a.methods),
            f"{a.severity:.1f}",
        )
        for a in items
    )
    return Reply(
        title=f"Anomalies {when}",
        text=f"{fmt.count(len(report.items), 'unusual value')} {when}:\n{bullets}{more}",
        facts=tuple((_method(method), str(n)) for method, n in report.counts.items()),
        table=Table(("date", "workout", "class", "metric", "methods", "severity"), rows),
        charts=(anomalies_chart(ctx.frame, report, metric=metric, unit=ctx.units),),
    )


def answer_trends(query: Query, ctx: Context) -> Reply:
    """A metric's trend with its confidence interval and a forecast (default: run pace, a year)."""
    if ctx.frame.empty:
        return no_data()
    metric = _TREND_METRICS.get(query.measure, "pace")
    label = query.label or (None if metric == "workouts_per_week" else REAL_RUN)
    start, end = _range(query, ctx, TREND_DAYS)
    result = trend(
        ctx.frame,
        metric=metric,
        label=label,
        start=start,
        end=end,
        unit=ctx.units,
        names=ctx.names,
    )
    facts = ()
    if result.enough_data:
        facts = (
            ("points", str(result.n)),
            ("p-value", f"{result.p_value:.3f}"),
            ("Mann-Kendall", f"tau {result.mk_tau:+.2f}, p {result.mk_p:.3f}"),
            ("direction", result.direction),
        )
    return Reply(
        title=f"{metric.replace('_', ' ').capitalize()} trend, {fmt.span(start, end)}",
        text=result.headline if result.enough_data else result.note,
        facts=facts,
        charts=(trend_chart(result, unit=ctx.units),),
    )


def answer_consistency(query: Query, ctx: Context) -> Reply:
    """The consistency score for a window (default: the last 30 days) and its dimensions, of the
    classes asked; with two periods ("more consistent this year than last?") both, compared."""
    if ctx.frame.empty:
        return no_data()
    frame = ctx.frame[ctx.frame["label"].isin(query.classes)] if query.classes else ctx.frame
    if len(query.periods) >= 2:
        return _consistency_compared(query, ctx, frame)
    start, end = _range(query, ctx, DEFAULT_DAYS)
    score = _score_between(frame, start, end, ctx)
    rows = tuple(
        (d.name, "-" if d.score is None else f"{d.score:.0f}", d.note) for d in score.dimensions
    )
    return Reply(
        title=f"Consistency {score.score:.0f}/100, {fmt.span(start, end)}",
        text=score.note,
        facts=(("workouts", str(score.workouts)), ("weakest", score.weakest or "-")),
        table=Table(("dimension", "score", "why"), rows),
        charts=(consistency_chart(score),),
    )


def _score_between(frame, start, end, ctx: Context):
    end = min(end, ctx.today)
    window = max(1, (end - start).days + 1)
    return consistency_score(frame, end=end, window_days=window, names=ctx.names)


def _consistency_compared(query: Query, ctx: Context, frame) -> Reply:
    first, second = query.periods[:2]
    scores = [
        _score_between(
            frame, p.start or frame["workout_date"].min().date(), p.end or ctx.today, ctx
        )
        for p in (first, second)
    ]
    names = [period_name(p) for p in (first, second)]
    a, b = (round(s.score) for s in scores)
    if a == b:
        verdict = "as consistent in both"
    else:
        better = first if a > b else second
        verdict = f"more consistent {period_when(better)}"
    text = f"*{names[0]}*: {a}/100; *{names[1]}*: {b}/100: {verdict}."
    moved = [
        (d1.name, d1.score - d2.score)
        for d1, d2 in zip(scores[0].dimensions, scores[1].dimensions)
        if d1.score is not None and d2.score is not None
    ]
    if moved and a != b:
        name, gap = max(moved, key=lambda m: abs(m[1]))
        text += f" The biggest difference is {name} ({abs(gap):.0f} points)."
    rows = tuple(
        (
            d1.name,
            "-" if d1.score is None else f"{d1.score:.0f}",
            "-" if d2.score is None else f"{d2.score:.0f}",
        )
        for d1, d2 in zip(scores[0].dimensions, scores[1].dimensions)
    )
    return Reply(
        title=f"Consistency: {names[0]} vs {names[1]}",
        text=text,
        facts=tuple((f"workouts, {n}", str(s.workouts)) for n, s in zip(names, scores)),
        table=Table(("dimension", *names), (("score", str(a), str(b)), *rows)),
        charts=tuple(consistency_chart(s) for s in scores),
    )


def answer_streaks(query: Query, ctx: Context) -> Reply:
    """Days and weeks in a row with a workout (of the classes asked), now and at their longest."""
    if ctx.frame.empty:
        return no_data()
    rows = ctx.frame[ctx.frame["label"].isin(query.classes)] if query.classes else ctx.frame
    end = query.period.end if query.period and query.period.end else ctx.today
    found = streaks(rows, end=end)
    what = (
        " and ".join(fmt.label(c, plural=True, names=ctx.names) for c in query.classes)
        or "workouts"
    )
    table = tuple(
        (name, _streak(s, unit))
        for name, s, unit in (
            ("current, days in a row", found.current_daily, "day"),
            ("longest, days in a row", found.longest_daily, "day"),
            ("current, weeks in a row", found.current_weekly, "week"),
            ("longest, weeks in a row", found.longest_weekly, "week"),
        )
    )
    daily, weekly = found.current_daily.length, found.current_weekly.length
    text = (
        f"Your {what} as of {end}: {fmt.count(daily, 'day')} in a row now"
        f" (longest {fmt.count(found.longest_daily.length, 'day')}), and"
        f" {fmt.count(weekly, 'week')} in a row with at least one"
        f" (longest {fmt.count(found.longest_weekly.length, 'week')})."
    )
    return Reply(title=f"Streaks of {what}", text=text, table=Table(("streak", "length"), table))


def _method(method: str) -> str:
    """An anomaly method as words ("modified z", "sudden change")."""
    return method.replace("_", " ")


def _streak(streak, unit: str) -> str:
    if not streak.length:
        return "-"
    return f"{fmt.count(streak.length, unit)} ({streak.start} to {streak.end})"


def _range(query: Query, ctx: Context, default_days: int):
    period = query.period
    end = period.end if period and period.end else ctx.today
    if period and period.start:
        return period.start, end
    return end - timedelta(days=default_days - 1), end
