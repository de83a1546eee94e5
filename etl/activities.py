"""Activity types as apps write them, and the broad category each belongs to.

The category only says what kind of movement a type names (foot, wheels, water, gym); it is not a
run/walk label: people log dog walks as "Run", and telling them apart is the classifier's job.
"""

from __future__ import annotations

import re

# Checked in order; the first pattern that matches the lower-cased type wins.
_CATEGORIES = (
    ("walk", re.compile(r"walk|stroll")),
    ("hike", re.compile(r"hike|hiking|trek")),
    ("run", re.compile(r"\brun|jog|treadmill|trail|marathon|\b5k\b|\b10k\b")),
    ("cycle", re.compile(r"bike|biking|cycl|ride|spin|e-?bike")),
    ("swim", re.compile(r"swim")),
    ("workout", re.compile(r"video|weight|machine|strength|yoga|pilates|elliptical|rowing|gym")),
)

CATEGORIES = ("run", "walk", "hike", "cycle", "swim", "workout", "other")
FOOT = frozenset({"run", "walk", "hike"})
# Categories whose workouts are expected to cover a distance.
DISTANCE_SPORTS = frozenset({"run", "walk", "hike", "cycle", "swim"})


def category_of(activity_type: str) -> str:
    """The broad category of an activity type ("Indoor Run / Jog" -> "run")."""
    text = activity_type.strip().lower()
    for category, pattern in _CATEGORIES:
        if pattern.search(text):
            return category
    return "other"
