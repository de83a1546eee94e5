"""The consistency chart marks the weakest dimension once."""

from __future__ import annotations

from datetime import date

from analytics.charts import consistency_chart
from analytics.consistency import consistency_score


def test_consistency_alt_marks_the_weakest(demo_frame):
    score = consistency_score(demo_frame, end=date(2025, 12, 31))
    alt = consistency_chart(score).alt
    assert f"{score.weakest}: {score.dimension(score.weakest).score:.0f}, the weakest" in alt
    assert alt.count("the weakest") == 1
