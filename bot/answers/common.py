"""Small pieces the answers share."""

from __future__ import annotations

import pandas as pd

from analytics.frame import by_day
from bot.language.query import DateRange
from bot.reply import Reply


def no_data() -> Reply:
    """What to say to someone with no workouts yet."""
    return Reply(
        title="No workouts yet",
        text=(
            "I have no workouts for you yet. Send your MapMyRun export (CSV), or in the terminal "
            "run `workouts ingest your-export.csv`."
        ),
        kind="help",
    )


def rows_in(frame: pd.DataFrame, period: DateRange | None) -> pd.DataFrame:
    """The workouts dated inside ``period`` (inclusive; None or open ends: everything)."""
    if period is None:
        return frame
    days = by_day(frame)
    keep = pd.Series(True, index=frame.index)
    if period.start is not None:
        keep &= days >= pd.Timestamp(period.start)
    if period.end is not None:
        keep &= days <= pd.Timestamp(period.end)
    return frame[keep]
