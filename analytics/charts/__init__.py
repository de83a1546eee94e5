"""Charts of the analytics results as PNG images with alt text, ready to post to Slack.

Every function returns a :class:`ChartImage` (PNG bytes, alt text, file name) drawn in the
shared style of :mod:`analytics.charts.style`; nothing is shown, written to disk or left open.
"""

from analytics.charts.anomalies import anomalies_chart
from analytics.charts.calendar import calendar_heatmap
from analytics.charts.choco import choco_timeline
from analytics.charts.consistency import consistency_chart
from analytics.charts.fitness import fitness_chart as fitness_chart  # re-exported
from analytics.charts.routes import route_map, routes_heatmap
from analytics.charts.scatter import classification_scatter
from analytics.charts.style import ChartImage
from analytics.charts.trend import trend_chart
from analytics.charts.weeks import weeks_chart as weeks_chart  # re-exported
from analytics.charts.year import year_chart as year_chart  # re-exported

__all__ = [
    "ChartImage",
    "anomalies_chart",
    "calendar_heatmap",
    "choco_timeline",
    "classification_scatter",
    "consistency_chart",
    "route_map",
    "routes_heatmap",
    "trend_chart",
]
