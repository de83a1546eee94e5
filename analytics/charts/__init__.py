"""Charts of the analytics results as PNG images with alt text, ready to post to Slack.

Every function returns a :class:`ChartImage` (PNG bytes, alt text, file name) drawn in the
shared style of :mod:`analytics.charts.style`; nothing is shown, written to disk or left open.

The names below load their module (and matplotlib, about 0.3 s) when first used, not when this
package is imported: ``from analytics import charts`` then ``charts.weeks_chart(...)`` costs a
reply that draws nothing no time. :mod:`.spec` holds what callers need without drawing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from analytics.charts.spec import MAX_BARS, MAX_WEEKS, Bar, ChartImage

if TYPE_CHECKING:
    from analytics.charts.anomalies import anomalies_chart
    from analytics.charts.breakdown import breakdown_chart
    from analytics.charts.calendar import calendar_heatmap
    from analytics.charts.choco import choco_timeline
    from analytics.charts.consistency import consistency_chart
    from analytics.charts.fitness import fitness_chart
    from analytics.charts.routes import route_map, routes_heatmap
    from analytics.charts.scatter import classification_scatter
    from analytics.charts.trend import trend_chart
    from analytics.charts.weeks import weeks_chart, weeks_headline
    from analytics.charts.year import year_chart

# name -> the module that draws it, imported on first use
_LAZY = {
    "anomalies_chart": "anomalies",
    "breakdown_chart": "breakdown",
    "calendar_heatmap": "calendar",
    "choco_timeline": "choco",
    "classification_scatter": "scatter",
    "consistency_chart": "consistency",
    "fitness_chart": "fitness",
    "route_map": "routes",
    "routes_heatmap": "routes",
    "trend_chart": "trend",
    "weeks_chart": "weeks",
    "weeks_headline": "weeks",
    "year_chart": "year",
}

__all__ = [
    "MAX_BARS",
    "MAX_WEEKS",
    "Bar",
    "ChartImage",
    "anomalies_chart",
    "breakdown_chart",
    "calendar_heatmap",
    "choco_timeline",
    "classification_scatter",
    "consistency_chart",
    "fitness_chart",
    "route_map",
    "routes_heatmap",
    "trend_chart",
    "weeks_chart",
    "weeks_headline",
    "year_chart",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
