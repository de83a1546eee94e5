"""Eddington numbers of hand-made days, checked against the definition counted directly."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics.eddington import eddington, eddington_number

MI, KM = 1609.344, 1000.0


def frame(rows) -> pd.DataFrame:
    """Rows of (day, label, distance in miles)."""
    return pd.DataFrame(
        {
            "id": range(1, len(rows) + 1),
            "workout_date": pd.to_datetime([r[0] for r in rows]),
            "label": [r[1] for r in rows],
            "distance_m": [None if r[2] is None else r[2] * MI for r in rows],
        }
    )


def by_definition(daily) -> int:
    """The largest E with at least E days of E or more, by trying every E."""
    return max(e for e in range(len(daily) + 1) if sum(d >= e for d in daily) >= e)


ROWS = [
    ("2024-01-01", "run", 3.0),
    ("2024-01-01", "run", 2.0),  # same day: 5 mi
    ("2024-01-02", "run", 4.0),
    ("2024-01-03", "run", 3.5),
    ("2024-01-04", "run", 3.0),
    ("2024-01-05", "run", 1.0),
    ("2024-01-06", "outlier", 100.0),  # a GPS spike never counts
    ("2024-01-07", "cycle", 40.0),  # a ride is not a foot workout
    ("2024-01-02", "walk", 1.5),  # 4 + 1.5 = 5.5 mi of foot on Jan 2
    ("2024-01-08", "walk", 2.0),
    ("2024-01-09", "walk", 2.5),
    ("2024-01-10", "run_walk", 6.0),
    ("2024-01-11", "run", None),
]


def test_hand_made_days_in_miles():
    result = eddington(frame(ROWS))
    run = result.get("run", "mi")
    # run days: 5, 4, 3.5, 3, 1 -> 4 days of 3+ but only 2 of 4+: E = 3, 2 more days of 4
    assert (run.number, run.days_at_next, run.needed_for_next, run.days) == (3, 2, 2, 5)
    walk = result.get("walk", "mi")
    # walk days: 1.5, 2, 2.5 -> E = 2 (2 and 2.5), no day of 3
    assert (walk.number, walk.days_at_next, walk.needed_for_next) == (2, 0, 3)
    foot = result.get("foot", "mi")
    # foot days: 5, 5.5, 3.5, 3, 1, 2, 2.5, 6 -> 3 days of 4+ (5, 5.5, 6): E = 3
    assert (foot.number, foot.days_at_next, foot.needed_for_next) == (3, 3, 1)


def test_km_against_the_definition():
    result = eddington(frame(ROWS))
    days = {
        "run": [5, 4, 3.5, 3, 1],
        "walk": [1.5, 2, 2.5],
        "foot": [5, 5.5, 3.5, 3, 1, 2, 2.5, 6],
    }
    for group, miles in days.items():
        km = [m * MI / KM for m in miles]
        found = result.get(group, "km")
        assert found.number == by_definition(km)
        assert found.days_at_next == sum(d >= found.number + 1 for d in km)
        assert found.number + 1 - found.days_at_next == found.needed_for_next


def test_range_and_empty():
    result = eddington(frame(ROWS), start=date(2024, 1, 2), end=date(2024, 1, 4))
    assert result.get("run").number == 3  # 4, 3.5, 3
    empty = eddington(frame(ROWS).iloc[:0])
    assert all(n.number == 0 and n.needed_for_next == 1 for n in empty.numbers)
    with pytest.raises(ValueError, match="after"):
        eddington(frame(ROWS), start=date(2024, 2, 1), end=date(2024, 1, 1))


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_random_days_against_the_definition(seed):
    daily = np.random.default_rng(seed).gamma(2.0, 6.0, size=300)
    assert eddington_number(daily) == by_definition(list(daily))
