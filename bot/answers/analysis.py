"""Analysis answers: anomalies, trends with forecasts, the consistency score."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from analytics.anomalies import find_anomalies
from analytics.charts import anomalies_chart, consistency_chart, trend_chart
from analytics.consistency import consistency_score
from analytics.frame import REAL_RUN
from analytics.trends import trend
from bot import wording as fmt
from bot.answers.common import no_data
from bot.context import Context
from bot.language.intent import Intent
from bot.reply import Reply, Table

DEFAULT_DAYS = 30
TREND_DAYS = 365
SHOWN = 10


def answer_anomalies(intent: Intent, ctx: Context) -> Reply:
    """Unusual workouts in a range (default: the last 30 days), most severe first."""
    if ctx.frame.empty:
        return no_data()
    start, end = _range(intent, ctx, DEFAULT_DAYS)
    report = find_anomalies(ctx.frame, start=start, end=end, unit=ctx.units)
    when = fmt.period(start, end)
    if not report.items:
        text = f"No anomalies {when}: {report.n_checked} workouts checked."
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
            fmt.label(a.label),
            a.metric.split("_")[0],
            ", ".join(a.methods),
            f"{a.severity:.1f}",
        )
        for a in items
    )
    return Reply(
        title=f"Anomalies {when}",
        text=f"{len(report.items)} unusual values {when}:\n{bullets}{more}",
        facts=tuple((method, str(n)) for method, n in report.counts.items()),
        table=Table(("date", "workout", "class", "metric", "methods", "severity"), rows),
        charts=(anomalies_chart(ctx.frame, report, metric=metric, unit=ctx.units),),
    )


def answer_trends(intent: Intent, ctx: Context) -> Reply:
    """A metric's trend with its confidence interval and a forecast (default: run pace, a year)."""
    if ctx.frame.empty:
        return no_data()
    metric = intent.metric or "pace"
    label = intent.label or (None if metric == "workouts_per_week" else REAL_RUN)
    start, end = _range(intent, ctx, TREND_DAYS)
    result = trend(ctx.frame, metric=metric, label=label, start=start, end=end, unit=ctx.units)
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


def answer_consistency(intent: Intent, ctx: Context) -> Reply:
    """The consistency score for a window (default: the last 30 days) and its dimensions."""
    if ctx.frame.empty:
        return no_data()
    start, end = _range(intent, ctx, DEFAULT_DAYS)
    window = (end - start).days + 1
    score = consistency_score(ctx.frame, end=end, window_days=window)
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


def _range(intent: Intent, ctx: Context, default_days: int):
    period = intent.range
    end = period.end if period and period.end else ctx.today
    if period and period.start:
        return period.start, end
    return end - timedelta(days=default_days - 1), end
