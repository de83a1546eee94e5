import itertools
from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics.consistency import consistency_score
from analytics.errors import MissingColumns
from analytics.life_events import compare_event, detect_regime_changes

PUPPY = date(2017, 1, 1)
RUN_PACE, WALK_PACE = 360.0, 850.0  # s/km; 360 s/km is 6:00 min/km and 9:39 min/mi
RUN_M, WALK_M = 8046.72, 3000.0  # 8046.72 m is exactly 5.0 mi


def synthetic(seed, regimes, *, start="2015-01"):
    """Monthly Poisson workouts: ``regimes`` is a list of (months, rate, walk share) in order.

    Runs take RUN_PACE over RUN_M and walks WALK_PACE over WALK_M, each +-10% uniform noise,
    so medians are known; days within a month are uniform.
    """
    rng = np.random.default_rng(seed)
    month, parts = pd.Period(start, freq="M"), []
    for months, rate, walk_share in regimes:
        for _ in range(months):
            n = int(rng.poisson(rate))
            day = month.start_time + pd.to_timedelta(rng.integers(0, month.days_in_month, n), "D")
            walk = rng.random(n) < walk_share
            noise = rng.uniform(0.9, 1.1, (2, n))
            parts.append(
                pd.DataFrame(
                    {
                        "workout_date": day,
                        "label": np.where(walk, "walk", "run"),
                        "avg_pace_s_per_km": np.where(walk, WALK_PACE, RUN_PACE) * noise[0],
                        "distance_m": np.where(walk, WALK_M, RUN_M) * noise[1],
                    }
                )
            )
            month += 1
    return pd.concat(parts, ignore_index=True)


def puppy_story(seed):
    """Two years of ~4 runs a month, then two years of ~16 workouts a month, 70% walks."""
    return synthetic(seed, [(24, 4, 0.0), (24, 16, 0.7)])


def empty_frame():
    columns = ["workout_date", "label", "avg_pace_s_per_km", "distance_m"]
    return pd.DataFrame(
        {c: pd.Series(dtype="datetime64[ns]" if c == "workout_date" else float) for c in columns}
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_compare_event_recovers_a_known_change(seed):
    result = compare_event(puppy_story(seed), event_date=PUPPY, name="Choco arrives")
    before, after = result.before, result.after
    assert before.per_month == pytest.approx(4, abs=1)
    assert after.per_month == pytest.approx(16, abs=2)
    assert result.factor == pytest.approx(after.per_month / before.per_month)
    assert 3 <= result.factor <= 5.5
    assert before.mix == {"run": 1.0}
    assert after.mix["walk"] == pytest.approx(0.7, abs=0.07)
    assert after.labels["run"].median_pace_s_per_km == pytest.approx(RUN_PACE, rel=0.03)
    assert after.labels["walk"].median_distance_m == pytest.approx(WALK_M, rel=0.03)
    assert "walk" not in before.labels
    assert before.end == date(2016, 12, 31)
    assert after.start == PUPPY
    assert result.enough_data
    assert before.consistency_months == 24
    assert 0 <= before.consistency <= 100


def test_headline_tells_the_story_in_the_chosen_unit():
    frame = puppy_story(0)
    # Exact paces and distances for runs make the unit conversion checkable by hand.
    runs = frame["label"] == "run"
    frame.loc[runs, ["avg_pace_s_per_km", "distance_m"]] = [RUN_PACE, RUN_M]
    result = compare_event(frame, event_date=PUPPY, name="Choco arrives")
    miles, km = result.headline(), result.headline(unit="km")
    rate, was = f"{result.after.per_month:.1f}", f"{result.before.per_month:.1f}"
    assert miles.startswith(
        f"Since Choco arrives (2017-01-01): {rate} workouts a month, up from {was}"
    )
    assert f"(x{result.factor:.1f})" in miles
    assert f"dog walks went from 0% to {result.after.mix['walk']:.0%} of workouts" in miles
    assert "9:39 min/mi over 5.0 mi" in miles
    assert "6:00 min/km over 8.0 km" in km
    assert "min/mi" not in km
    with pytest.raises(ValueError, match="unit"):
        result.headline(unit="furlong")


def test_demo_choco_comparison(demo_frame):
    result = compare_event(demo_frame, event_date=date(2018, 6, 1), name="Choco arrives")
    assert 3.5 <= result.before.per_month <= 5
    assert 14 <= result.after.per_month <= 19
    assert 3 <= result.factor <= 5
    assert result.before.mix.get("walk", 0) == 0
    assert 0.6 <= result.after.mix["walk"] <= 0.8
    headline = result.headline()
    assert headline.startswith("Since Choco arrives (2018-06-01): ")
    assert "up from" in headline
    assert "dog walks went from 0%" in headline


@pytest.mark.parametrize("months", [3, 6, 12])
def test_window_months_limits_each_side(months):
    frame = puppy_story(4)
    result = compare_event(frame, event_date=PUPPY, name="puppy", window_months=months)
    dates = frame["workout_date"]
    low, high = (
        pd.Timestamp(PUPPY) - pd.DateOffset(months=months),
        pd.Timestamp(PUPPY) + pd.DateOffset(months=months),
    )
    assert result.before.workouts == ((dates >= low) & (dates < pd.Timestamp(PUPPY))).sum()
    assert result.after.workouts == ((dates >= pd.Timestamp(PUPPY)) & (dates < high)).sum()
    assert result.before.months == pytest.approx(months, abs=0.1)
    assert result.after.months == pytest.approx(months, abs=0.1)
    assert result.before.consistency_months == months


@pytest.mark.parametrize(
    ("event", "before_months", "after_months"),
    [
        (date(2018, 6, 1), [(2018, 3), (2018, 4), (2018, 5)], [(2018, 6), (2018, 7), (2018, 8)]),
        (date(2018, 6, 15), [(2018, 4), (2018, 5)], [(2018, 7), (2018, 8)]),
    ],
)
def test_side_consistency_is_the_mean_over_its_whole_months(
    demo_frame, event, before_months, after_months
):
    result = compare_event(demo_frame, event_date=event, name="Choco", window_months=3)
    for side, months in ((result.before, before_months), (result.after, after_months)):
        ends = [pd.Period(year=y, month=m, freq="M") for y, m in months]
        scores = [
            consistency_score(demo_frame, end=p.end_time.date(), window_days=p.days_in_month).score
            for p in ends
        ]
        assert side.consistency_months == len(months)
        assert side.consistency == pytest.approx(np.mean(scores))


def test_all_data_after_the_event_is_from_none():
    frame = puppy_story(5)
    frame = frame[frame["workout_date"] >= pd.Timestamp(PUPPY)]
    result = compare_event(frame, event_date=date(2016, 6, 1), name="new shoes")
    assert result.before.workouts == 0
    assert result.before.per_month is None
    assert result.factor is None
    assert not result.enough_data
    assert f"from none to {result.after.per_month:.1f} workouts a month" in result.headline()


def test_an_empty_frame_compares_nothing_without_raising():
    result = compare_event(empty_frame(), event_date=PUPPY, name="puppy")
    assert (result.before.workouts, result.after.workouts) == (0, 0)
    assert result.factor is None
    assert not result.enough_data
    assert "nothing to compare" in result.headline()
    assert detect_regime_changes(empty_frame()) == ()


def test_one_workout_is_too_soon_for_a_rate():
    frame = puppy_story(0).iloc[[-1]]
    result = compare_event(frame, event_date=PUPPY, name="puppy")
    assert result.after.workouts == 1
    assert result.after.per_month is None
    assert "too soon" in result.headline()
    assert result.note
    assert detect_regime_changes(frame) == ()


def test_missing_paces_leave_medians_to_the_known_ones():
    frame = puppy_story(1)
    after_runs = (frame["label"] == "run") & (frame["workout_date"] >= pd.Timestamp(PUPPY))
    frame.loc[after_runs, "avg_pace_s_per_km"] = np.nan
    walks = frame.index[frame["label"] == "walk"]
    frame.loc[walks[::2], "avg_pace_s_per_km"] = np.nan
    result = compare_event(frame, event_date=PUPPY, name="puppy")
    known_walks = frame.loc[walks[1::2], "avg_pace_s_per_km"]
    assert result.after.labels["run"].median_pace_s_per_km is None
    assert result.after.labels["run"].median_distance_m == pytest.approx(RUN_M, rel=0.03)
    assert result.after.labels["walk"].median_pace_s_per_km == known_walks.median()
    assert "median run" not in result.headline()


def test_row_order_does_not_change_the_results():
    frame = puppy_story(2)
    shuffled = frame.sample(frac=1, random_state=9)
    assert compare_event(shuffled, event_date=PUPPY, name="p") == compare_event(
        frame, event_date=PUPPY, name="p"
    )
    assert detect_regime_changes(shuffled) == detect_regime_changes(frame)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_detects_a_known_change(seed):
    (change, *_) = detect_regime_changes(puppy_story(seed))
    assert abs((change.date - PUPPY).days) <= 31
    assert change.before_per_month == pytest.approx(4, abs=1)
    assert change.after_per_month == pytest.approx(16, abs=2)
    assert change.before_walk_share == 0
    assert change.after_walk_share == pytest.approx(0.7, abs=0.07)
    assert change.after_run_share == pytest.approx(0.3, abs=0.07)
    assert "January 2017" in change.suggestion
    assert change.suggestion.endswith("Add it as an event?")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_detects_two_changes_strongest_first(seed):
    frame = synthetic(seed, [(24, 4, 0.0), (24, 16, 0.7), (24, 8, 0.3)])
    changes = detect_regime_changes(frame, top=3)
    dates = sorted(c.date for c in changes[:2])
    assert abs((dates[0] - date(2017, 1, 1)).days) <= 31
    assert abs((dates[1] - date(2019, 1, 1)).days) <= 31
    assert [c.score for c in changes] == sorted((c.score for c in changes), reverse=True)
    second = next(c for c in changes if c.date == dates[1])
    assert second.before_per_month > second.after_per_month


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_a_steady_life_has_no_regime_change(seed):
    assert detect_regime_changes(synthetic(seed, [(60, 8, 0.3)])) == ()


def test_demo_strongest_change_is_choco(demo_frame):
    (strongest, *_) = detect_regime_changes(demo_frame)
    assert abs((strongest.date - date(2018, 6, 1)).days) <= 31
    assert strongest.before_walk_share < 0.05 < 0.5 < strongest.after_walk_share
    assert strongest.after_per_month > 3 * strongest.before_per_month


@pytest.mark.parametrize(("min_months", "most"), [(6, 5), (12, 5), (30, 1)])
def test_segments_respect_the_minimum_length(min_months, most):
    # True changes 24 months apart: a 30-month minimum leaves room for one split only.
    frame = synthetic(7, [(24, 4, 0.0), (24, 16, 0.7), (24, 8, 0.3)])
    changes = detect_regime_changes(frame, top=5, min_segment_months=min_months)
    points = sorted([date(2015, 1, 1), *(c.date for c in changes), date(2021, 1, 1)])
    gaps = [(b.year - a.year) * 12 + b.month - a.month for a, b in itertools.pairwise(points)]
    assert all(g >= min_months for g in gaps)
    assert 1 <= len(changes) <= most


def test_top_and_short_histories():
    frame = synthetic(0, [(24, 4, 0.0), (24, 16, 0.7), (24, 8, 0.3)])
    assert len(detect_regime_changes(frame, top=1)) == 1
    assert detect_regime_changes(frame, top=0) == ()
    short = synthetic(0, [(5, 4, 0.0), (5, 16, 0.7)])
    assert detect_regime_changes(short, min_segment_months=6) == ()


def test_missing_columns_raise():
    with pytest.raises(MissingColumns):
        compare_event(puppy_story(0).drop(columns="distance_m"), event_date=PUPPY, name="p")
    with pytest.raises(MissingColumns):
        detect_regime_changes(puppy_story(0).drop(columns="label"))
