"""Named exceptions of the analytics. Most analytics answer "not enough data" in their result
instead of raising; these are for inputs that are wrong, not merely small."""

from __future__ import annotations


class AnalyticsError(Exception):
    """Base of the analytics' errors."""


class MissingColumns(AnalyticsError):
    """A workouts frame lacks columns an analytic needs."""


class UnknownMetric(AnalyticsError):
    """A metric or class name that the analytic does not know."""
