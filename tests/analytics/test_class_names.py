"""Class names in analytic texts: the owner's words ("walk", or "dog walk" with a dog), never an
internal code, and counts that agree with their nouns."""

import re
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from analytics.briefing import daily_briefing
from analytics.consistency import consistency_score
from analytics.frame import (
    DISPLAY_NAMES,
    DOG_NAMES,
    LABELS,
    RUN,
    WALK,
    WALK_NAMES,
    class_names,
    count,
    plural,
)
from analytics.life_events import compare_event, detect_regime_changes
from analytics.recommendations import recommend
from analytics.records import personal_records, record_title, records_broken

MI = 1609.344
CODES = re.compile(r"real_run|pup_walk|run_walk|\bmixed\b|\bcycle\b|\bworkout_|_")
NAMES = pytest.mark.parametrize(
    ("names", "walk"), [(DOG_NAMES, "dog walk"), (WALK_NAMES, "walk")], ids=["dog", "no-dog"]
)


def _no_code(text: str) -> None:
    assert not CODES.search(text), text


def test_class_names_depend_on_a_dog_and_nothing_else():
    assert class_names(has_dog=True) == DOG_NAMES == DISPLAY_NAMES
    assert class_names(has_dog=False) == WALK_NAMES
    differ = {k for k in LABELS if DOG_NAMES[k] != WALK_NAMES[k]}
    assert differ == {WALK} and WALK_NAMES[WALK] == "walk"
    with pytest.raises(TypeError):
        DOG_NAMES["walk"] = "puppy walk"  # shared by every owner: read-only


@pytest.mark.parametrize(
    ("noun", "plural_form"),
    [("run", "runs"), ("run-walk", "run-walks"), ("gym workout", "gym workouts"), ("day", "days")],
)
def test_plural_and_count(noun, plural_form):
    assert plural(noun) == plural_form
    assert count(1, noun) == f"1 {noun}" and count(2, noun) == f"2 {plural_form}"


@NAMES
def test_the_event_headline_says_the_owners_walks(demo_frame, names, walk):
    result = compare_event(
        demo_frame, event_date=date(2018, 6, 1), name="Choco arrives", names=names
    )
    headline = result.headline()
    assert f"; {walk}s went from 0% to " in headline
    assert "median run " in headline
    _no_code(headline.replace("Choco arrives (2018-06-01)", ""))
    # A comparison made without names can still be told in the owner's words.
    plain = compare_event(demo_frame, event_date=date(2018, 6, 1), name="Choco arrives")
    assert plain.headline(names=names) == headline


def test_without_names_the_headline_keeps_the_default_names(demo_frame):
    result = compare_event(demo_frame, event_date=date(2018, 6, 1), name="Choco arrives")
    assert "; dog walks went from 0% to " in result.headline()


def test_too_soon_for_a_rate_counts_in_the_singular():
    frame = _runs_and_walks(60)
    last = frame["workout_date"].max().date()
    single = compare_event(frame, event_date=last, name="x")
    assert single.after.workouts == 1
    assert "1 workout so far, too soon for a monthly rate" in single.headline()
    two = compare_event(frame, event_date=last - timedelta(days=1), name="x")
    assert "2 workouts so far, too soon for a monthly rate" in two.headline()


@NAMES
def test_regime_change_suggestions_say_the_owners_walks(demo_frame, names, walk):
    (strongest, *_) = detect_regime_changes(demo_frame, names=names)
    assert f"month, {walk}s " in strongest.suggestion
    _no_code(strongest.suggestion)


@NAMES
def test_record_titles_are_in_the_owners_words(demo_frame, names, walk):
    records = personal_records(demo_frame, names=names)
    titles = {r.name: r.title for r in records.all}
    assert titles["longest_run"] == "longest run"
    assert titles["longest_walk"] == f"longest {walk}"
    assert titles["longest_run_walk"] == "longest run-walk"
    assert titles["most_workouts_in_week"] == "most workouts in a week"
    for record in records.all:
        _no_code(record.title)
        if record.previous is not None:
            assert record.previous.title == record.title


def test_record_titles_without_names_and_for_unknown_records():
    assert record_title("longest_walk") == "longest dog walk"
    assert record_title("longest_walk", WALK_NAMES) == "longest walk"
    assert record_title("fastest_run_pace", WALK_NAMES) == "fastest run pace"
    assert record_title("something_new") == "something new"


def _runs_and_walks(days: int, *, walks_every: int = 2) -> pd.DataFrame:
    start = date(2025, 1, 1)
    labels = [WALK if d % walks_every else RUN for d in range(days)]
    pace = np.where(np.array(labels) == RUN, 9.0, 22.0) * 60 / MI * 1000
    miles = np.where(np.array(labels) == RUN, 4.0, 2.0)
    return pd.DataFrame(
        {
            "id": np.arange(1, days + 1),
            "workout_date": pd.to_datetime([start + timedelta(days=d) for d in range(days)]),
            "label": labels,
            "activity_type": "Run",
            "category": "run",
            "distance_m": miles * MI,
            "duration_s": pace * miles * MI / 1000,
            "avg_pace_s_per_km": pace,
            "confidence": 0.9,
        }
    )


@NAMES
def test_the_briefing_speaks_the_owners_words(names, walk):
    frame = _runs_and_walks(40)
    frame.loc[frame.index[-1], "distance_m"] = 5 * MI  # yesterday: the longest walk yet
    brief = daily_briefing(frame, day=date(2025, 2, 10), names=names)
    assert brief.names == names
    assert brief.headline.startswith(f"Yesterday: {walk} 5.0 mi at ")
    assert f"longest {walk}" in [r.title for r in brief.records]
    stability = brief.consistency.dimension("performance").note
    assert f"{walk} " in stability and "run " in stability
    texts = [brief.headline, stability, *(r.text for r in brief.recommendations)]
    for text in texts:
        _no_code(text)


def test_a_briefing_without_names_uses_the_default_names():
    brief = daily_briefing(_runs_and_walks(40), day=date(2025, 2, 10))
    assert brief.names == DISPLAY_NAMES and "dog walk" in brief.headline


def test_briefing_counts_agree():
    frame = _runs_and_walks(40)
    monday = date(2025, 2, 10)  # yesterday was a Sunday; one workout that week is Monday's
    brief = daily_briefing(frame[frame["workout_date"] <= "2025-02-03"], day=date(2025, 2, 4))
    assert "This week: 1 workout" in brief.headline
    assert "This week: 7 workouts" in daily_briefing(frame, day=monday).headline


def test_a_single_workout_week_streak_is_singular():
    frame = _runs_and_walks(1)
    score = consistency_score(frame, end=date(2025, 1, 1))
    streaks = score.dimension("streaks")
    assert streaks.note == "1 week in a row; best daily streak 1 day"
    assert streaks.inputs["window_weeks"] == 5 and streaks.inputs["current_weekly"] == 1


def test_steady_advice_and_run_gaps_agree_in_number():
    one = _runs_and_walks(1)
    brief = daily_briefing(one, day=date(2025, 1, 2))
    # Nothing to suggest (no weak dimension named): the steady line counts the one workout.
    calm = replace(brief.consistency, weakest=None)
    [steady] = recommend(
        one,
        yesterday=date(2025, 1, 1),
        week=brief.week,
        streaks=brief.streaks,
        consistency=calm,
        anomalies=(),
        trend=None,
        unit="mi",
    )
    assert steady.kind == "steady"
    assert steady.text.startswith("Steady: 1 workout in the last 30 days, consistency ")
    # Daily runs, then ten days without one: "every day", not "every 1 days".
    runs = _runs_and_walks(30, walks_every=1)
    yesterday = date(2025, 2, 8)
    brief = daily_briefing(runs, day=yesterday + timedelta(days=1))
    advice = recommend(
        runs,
        yesterday=yesterday,
        week=brief.week,
        streaks=brief.streaks,
        consistency=brief.consistency,
        anomalies=(),
        trend=None,
        unit="mi",
        names=WALK_NAMES,
    )
    [gap] = [r for r in advice if r.kind == "run_gap"]
    assert gap.text == "10 days since your last run; you usually run every day."


@pytest.mark.parametrize(("names", "walk"), [(DOG_NAMES, "dog walk"), (WALK_NAMES, "walk")])
def test_records_broken_have_titles_in_the_owners_words(names, walk):
    frame = _runs_and_walks(20)
    frame.loc[frame.index[-1], "distance_m"] = 6 * MI
    last = frame["workout_date"].max().date()
    broken = {r.name: r for r in records_broken(frame, start=last, end=last, names=names)}
    record = broken["longest_walk"]
    assert record.title == f"longest {walk}" and record.previous.title == record.title
    assert broken["longest_daily_streak"].title == "longest daily streak"
