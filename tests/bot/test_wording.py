"""Words in replies: class names in the owner's words, counts and articles that agree."""

from datetime import date

import numpy as np
import pytest

from analytics.frame import DISPLAY_NAMES, LABELS, class_names, display_name
from analytics.records import Record
from bot import wording as fmt

NO_DOG, DOG = class_names(has_dog=False), class_names(has_dog=True)


@pytest.mark.parametrize(
    ("label", "with_dog", "without_dog"),
    [
        ("run", "run", "run"),
        ("walk", "dog walk", "walk"),
        ("run_walk", "run-walk", "run-walk"),
        ("outlier", "outlier", "outlier"),
        ("cycle", "ride", "ride"),
        ("swim", "swim", "swim"),
        ("workout", "gym workout", "gym workout"),
        ("other", "other", "other"),
    ],
)
def test_every_class_has_a_name_with_and_without_a_dog(label, with_dog, without_dog):
    assert fmt.label(label, names=DOG) == display_name(label, DOG) == with_dog
    assert fmt.label(label, names=NO_DOG) == display_name(label, NO_DOG) == without_dog


def test_no_internal_code_is_a_name():
    for names in (DOG, NO_DOG):
        assert set(names) == set(LABELS)
        assert not {n for n in names.values() if "_" in n}


def test_the_default_names_stay_the_dog_names():
    assert DISPLAY_NAMES == DOG
    assert fmt.label("walk") == "dog walk"
    assert fmt.label("walk", plural=True) == "dog walks"
    assert display_name("some_new_code") == "some new code"


@pytest.mark.parametrize(
    ("label", "names", "plural"),
    [
        ("walk", DOG, "dog walks"),
        ("walk", NO_DOG, "walks"),
        ("run", NO_DOG, "runs"),
        ("run_walk", NO_DOG, "run-walks"),
        ("outlier", NO_DOG, "outliers"),
        ("swim", NO_DOG, "swims"),
        ("workout", NO_DOG, "gym workouts"),
    ],
)
def test_plural_class_names(label, names, plural):
    assert fmt.label(label, plural=True, names=names) == plural


@pytest.mark.parametrize(
    ("n", "noun", "text"),
    [
        (1, "run", "1 run"),
        (2, "run", "2 runs"),
        (0, "workout", "0 workouts"),
        (1, "life event", "1 life event"),
        (3, "life event", "3 life events"),
        (1234, "run", "1,234 runs"),
        (np.int64(1), "day", "1 day"),
        (7.0, "day", "7 days"),
        (1.0, "week", "1 week"),
        (2.5, "mile", "2.5 miles"),
        (2, "class", "2 classes"),
        (2, "match", "2 matches"),
        (2, "activity type", "2 activity types"),
        (3, "body", "3 bodies"),
        (2, "day", "2 days"),
        (2, "person", "2 people"),
        (1, "person", "1 person"),
        (2, "dog walk", "2 dog walks"),
    ],
)
def test_count_agrees_with_its_noun(n, noun, text):
    assert fmt.count(n, noun) == text


def test_count_takes_an_irregular_plural():
    assert fmt.count(2, "workout so far", plural="workouts so far") == "2 workouts so far"
    assert fmt.count(1, "workout so far", plural="workouts so far") == "1 workout so far"


@pytest.mark.parametrize(
    ("noun", "text"),
    [
        ("run", "a run"),
        ("outlier", "an outlier"),
        ("hour", "an hour"),
        ("hourly check", "an hourly check"),
        ("honest mistake", "an honest mistake"),
        ("run-walk", "a run-walk"),
        ("dog walk", "a dog walk"),
        ("walk", "a walk"),
        ("anomaly", "an anomaly"),
        ("event", "an event"),
        ("idea", "an idea"),
        ("user", "a user"),
        ("usual week", "a usual week"),
        ("European race", "a European race"),
        ("one-off", "a one-off"),
        ("umbrella", "an umbrella"),
        ("gym workout", "a gym workout"),
        ("8 km run", "an 8 km run"),
        ("80 km ride", "an 80 km ride"),
        ("11 km run", "an 11 km run"),
        ("18,000 step day", "an 18,000 step day"),
        ("110 km ride", "a 110 km ride"),
        ("5 km run", "a 5 km run"),
        ("1 hour run", "a 1 hour run"),
    ],
)
def test_articles_go_by_sound(noun, text):
    assert fmt.a(noun) == text


def test_a_class_name_gets_its_article():
    assert fmt.a(fmt.label("outlier", names=NO_DOG)) == "an outlier"
    assert fmt.a(fmt.label("walk", names=NO_DOG)) == "a walk"


@pytest.mark.parametrize(
    ("unit", "value", "text"),
    [("workouts", 1.0, "1 workout"), ("workouts", 11.0, "11 workouts"), ("days", 1, "1 day")],
)
def test_record_values_agree_with_their_unit(unit, value, text):
    day = date(2024, 1, 1)
    record = Record("most_workouts_in_week", unit, value, None, day, day, day)
    assert fmt.record_value(record, "mi") == text
