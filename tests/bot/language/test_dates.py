"""Date phrases to date ranges: every rule, on calendar edges (New Year's Day, the end of March,
a leap year), with future dates clipped. ``today`` is always passed in, never read."""

from datetime import date

import pytest

from bot.language.dates import find_day, find_range, find_ranges, parse_day

WED = date(2025, 6, 18)  # a Wednesday
NEW_YEAR = date(2025, 1, 1)  # also a Wednesday
LEAP_MARCH_END = date(2024, 3, 31)  # a Sunday in a leap year
LEAP_DAY = date(2024, 2, 29)
D = date

RANGES = [
    # (today, text, start, end)
    (WED, "today", D(2025, 6, 18), D(2025, 6, 18)),
    (WED, "yesterday", D(2025, 6, 17), D(2025, 6, 17)),
    (WED, "this week", D(2025, 6, 16), D(2025, 6, 18)),
    (WED, "last week", D(2025, 6, 9), D(2025, 6, 15)),
    (WED, "this month", D(2025, 6, 1), D(2025, 6, 18)),
    (WED, "last month", D(2025, 5, 1), D(2025, 5, 31)),
    (WED, "previous month", D(2025, 5, 1), D(2025, 5, 31)),
    (WED, "this year", D(2025, 1, 1), D(2025, 6, 18)),
    (WED, "last year", D(2024, 1, 1), D(2024, 12, 31)),
    (WED, "this quarter", D(2025, 4, 1), D(2025, 6, 18)),
    (WED, "last quarter", D(2025, 1, 1), D(2025, 3, 31)),
    (WED, "year to date", D(2025, 1, 1), D(2025, 6, 18)),
    (WED, "last 7 days", D(2025, 6, 12), D(2025, 6, 18)),
    (WED, "last 1 day", D(2025, 6, 18), D(2025, 6, 18)),
    (WED, "past 30 days", D(2025, 5, 20), D(2025, 6, 18)),
    (WED, "over the last 3 weeks", D(2025, 5, 29), D(2025, 6, 18)),
    (WED, "the last two weeks", D(2025, 6, 5), D(2025, 6, 18)),
    (WED, "last 3 months", D(2025, 3, 19), D(2025, 6, 18)),
    (WED, "last 2 years", D(2023, 6, 19), D(2025, 6, 18)),
    (WED, "past week", D(2025, 6, 12), D(2025, 6, 18)),
    (WED, "since March", D(2025, 3, 1), D(2025, 6, 18)),
    (WED, "since June", D(2025, 6, 1), D(2025, 6, 18)),
    (WED, "since July", D(2024, 7, 1), D(2025, 6, 18)),
    (WED, "since 2024-05-03", D(2024, 5, 3), D(2025, 6, 18)),
    (WED, "since May 3rd", D(2025, 5, 3), D(2025, 6, 18)),
    (WED, "since 2019", D(2019, 1, 1), D(2025, 6, 18)),
    (WED, "since last month", D(2025, 5, 1), D(2025, 6, 18)),
    (WED, "in 2019", D(2019, 1, 1), D(2019, 12, 31)),
    (WED, "2019", D(2019, 1, 1), D(2019, 12, 31)),
    (WED, "in 2025", D(2025, 1, 1), D(2025, 6, 18)),
    (WED, "March", D(2025, 3, 1), D(2025, 3, 31)),
    (WED, "in march", D(2025, 3, 1), D(2025, 3, 31)),
    (WED, "MAR", D(2025, 3, 1), D(2025, 3, 31)),
    (WED, "Mar.", D(2025, 3, 1), D(2025, 3, 31)),
    (WED, "June", D(2025, 6, 1), D(2025, 6, 18)),
    (WED, "in July", D(2024, 7, 1), D(2024, 7, 31)),
    (WED, "in may", D(2025, 5, 1), D(2025, 5, 31)),
    (WED, "last March", D(2025, 3, 1), D(2025, 3, 31)),
    (WED, "last June", D(2024, 6, 1), D(2024, 6, 30)),
    (WED, "March 2019", D(2019, 3, 1), D(2019, 3, 31)),
    (WED, "Sept. 2020", D(2020, 9, 1), D(2020, 9, 30)),
    (WED, "sep 2020", D(2020, 9, 1), D(2020, 9, 30)),
    (WED, "February of 2024", D(2024, 2, 1), D(2024, 2, 29)),
    (WED, "2024-05", D(2024, 5, 1), D(2024, 5, 31)),
    (WED, "2024-05-03", D(2024, 5, 3), D(2024, 5, 3)),
    (WED, "2024/05/03", D(2024, 5, 3), D(2024, 5, 3)),
    (WED, "May 3rd", D(2025, 5, 3), D(2025, 5, 3)),
    (WED, "3 May 2024", D(2024, 5, 3), D(2024, 5, 3)),
    (WED, "May 3, 2024", D(2024, 5, 3), D(2024, 5, 3)),
    (WED, "the 3rd of May", D(2025, 5, 3), D(2025, 5, 3)),
    (WED, "Dec 25", D(2024, 12, 25), D(2024, 12, 25)),
    (WED, "last friday", D(2025, 6, 13), D(2025, 6, 13)),
    (WED, "on wednesday", D(2025, 6, 18), D(2025, 6, 18)),
    (WED, "last wednesday", D(2025, 6, 11), D(2025, 6, 11)),
    (WED, "3 days ago", D(2025, 6, 15), D(2025, 6, 15)),
    (WED, "the day before yesterday", D(2025, 6, 16), D(2025, 6, 16)),
    (WED, "Q1 2024", D(2024, 1, 1), D(2024, 3, 31)),
    (WED, "2023 Q4", D(2023, 10, 1), D(2023, 12, 31)),
    (WED, "q2", D(2025, 4, 1), D(2025, 6, 18)),
    (WED, "q3", D(2024, 7, 1), D(2024, 9, 30)),
    (WED, "between 2017 and 2019", D(2017, 1, 1), D(2019, 12, 31)),
    (WED, "between 2023 and 2017", D(2017, 1, 1), D(2023, 12, 31)),
    (WED, "between March and May 2019", D(2019, 3, 1), D(2019, 5, 31)),
    (WED, "between May 3 and May 10", D(2025, 5, 3), D(2025, 5, 10)),
    (WED, "between 2024-01-15 and March 2024", D(2024, 1, 15), D(2024, 3, 31)),
    (WED, "from 2019 to 2021", D(2019, 1, 1), D(2021, 12, 31)),
    (WED, "from March to May", D(2025, 3, 1), D(2025, 5, 31)),
    (WED, "from December to February", D(2024, 12, 1), D(2025, 2, 28)),
    (WED, "from 2024-01-15 until 2024-02-10", D(2024, 1, 15), D(2024, 2, 10)),
    (WED, "from 2019 to now", D(2019, 1, 1), D(2025, 6, 18)),
    (WED, "2017-2023", D(2017, 1, 1), D(2023, 12, 31)),
    # Future dates are clipped to today.
    (WED, "from 2025-06-01 to 2025-12-31", D(2025, 6, 1), D(2025, 6, 18)),
    (WED, "between 2024 and 2030", D(2024, 1, 1), D(2025, 6, 18)),
    (WED, "2025-12-25", D(2025, 6, 18), D(2025, 6, 18)),
    (WED, "since 2030", D(2025, 6, 18), D(2025, 6, 18)),
    # New Year's Day: every "this" period is one day long, every "last" one is in last year.
    (NEW_YEAR, "this week", D(2024, 12, 30), D(2025, 1, 1)),
    (NEW_YEAR, "last week", D(2024, 12, 23), D(2024, 12, 29)),
    (NEW_YEAR, "this month", D(2025, 1, 1), D(2025, 1, 1)),
    (NEW_YEAR, "last month", D(2024, 12, 1), D(2024, 12, 31)),
    (NEW_YEAR, "this year", D(2025, 1, 1), D(2025, 1, 1)),
    (NEW_YEAR, "last year", D(2024, 1, 1), D(2024, 12, 31)),
    (NEW_YEAR, "last 7 days", D(2024, 12, 26), D(2025, 1, 1)),
    (NEW_YEAR, "yesterday", D(2024, 12, 31), D(2024, 12, 31)),
    (NEW_YEAR, "December", D(2024, 12, 1), D(2024, 12, 31)),
    (NEW_YEAR, "January", D(2025, 1, 1), D(2025, 1, 1)),
    (NEW_YEAR, "since March", D(2024, 3, 1), D(2025, 1, 1)),
    (NEW_YEAR, "last quarter", D(2024, 10, 1), D(2024, 12, 31)),
    # March 31st of a leap year.
    (LEAP_MARCH_END, "last month", D(2024, 2, 1), D(2024, 2, 29)),
    (LEAP_MARCH_END, "last 1 month", D(2024, 3, 1), D(2024, 3, 31)),
    (LEAP_MARCH_END, "last 2 months", D(2024, 2, 1), D(2024, 3, 31)),
    (LEAP_MARCH_END, "this week", D(2024, 3, 25), D(2024, 3, 31)),
    (LEAP_MARCH_END, "since March", D(2024, 3, 1), D(2024, 3, 31)),
    (LEAP_MARCH_END, "March", D(2024, 3, 1), D(2024, 3, 31)),
    (LEAP_MARCH_END, "Feb 29", D(2024, 2, 29), D(2024, 2, 29)),
    (LEAP_MARCH_END, "last 4 weeks", D(2024, 3, 4), D(2024, 3, 31)),
    (LEAP_DAY, "this month", D(2024, 2, 1), D(2024, 2, 29)),
    (LEAP_DAY, "last 1 year", D(2023, 3, 1), D(2024, 2, 29)),
    # "since March" while it is March, and before March comes round again.
    (D(2025, 3, 15), "since March", D(2025, 3, 1), D(2025, 3, 15)),
    (D(2025, 2, 10), "since March", D(2024, 3, 1), D(2025, 2, 10)),
    (D(2025, 3, 1), "Feb 29", D(2024, 2, 29), D(2024, 2, 29)),
    (D(2025, 3, 1), "last month", D(2025, 2, 1), D(2025, 2, 28)),
    (D(2027, 3, 1), "Feb 29", D(2024, 2, 29), D(2024, 2, 29)),
]


@pytest.mark.parametrize(("today", "text", "start", "end"), RANGES)
def test_find_range(today, text, start, end):
    found, rest = find_range(text, today=today)
    assert found is not None, text
    assert (found.start, found.end) == (start, end)
    assert found.phrase == text
    assert rest == ""


@pytest.mark.parametrize(
    ("text", "phrase", "rest"),
    [
        ("Anomalies In MARCH please", "In MARCH", "Anomalies please"),
        ("how many runs in 2019?", "in 2019", "how many runs ?"),
        ("why yesterday's run", "yesterday's", "why run"),
        ("anomalies   last   week  ", "last   week", "anomalies"),
        ("2019 and 2023", "2019", "and 2023"),
    ],
)
def test_phrase_is_as_typed_and_cut_from_the_text(text, phrase, rest):
    found, remaining = find_range(text, today=WED)
    assert found.phrase == phrase
    assert remaining == rest


@pytest.mark.parametrize(
    "text",
    [
        "show my runs",
        "may I see my anomalies",
        "2024-02-30",
        "February 30",
        "2024-13-01",
        "last 0 days",
        "last 999999 years",
        "label 1234 walk",
        "",
        "marching orders",
    ],
)
def test_no_range(text):
    assert find_range(text, today=WED) == (None, text)


@pytest.mark.parametrize(
    ("text", "expected", "rest"),
    [
        (
            "compare 2017 and 2023",
            [(D(2017, 1, 1), D(2017, 12, 31)), (D(2023, 1, 1), D(2023, 12, 31))],
            "compare and",
        ),
        (
            "compare last month with this month",
            [(D(2025, 5, 1), D(2025, 5, 31)), (D(2025, 6, 1), D(2025, 6, 18))],
            "compare with",
        ),
        (
            "Q1 2024 vs Q1 2025",
            [(D(2024, 1, 1), D(2024, 3, 31)), (D(2025, 1, 1), D(2025, 3, 31))],
            "vs",
        ),
        (
            "between 2017 and 2019 vs 2023",
            [(D(2017, 1, 1), D(2019, 12, 31)), (D(2023, 1, 1), D(2023, 12, 31))],
            "vs",
        ),
        ("nothing here", [], "nothing here"),
    ],
)
def test_find_ranges(text, expected, rest):
    found, remaining = find_ranges(text, today=WED)
    assert [(r.start, r.end) for r in found] == expected
    assert remaining == rest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-03", D(2024, 5, 3)),
        ("May 3rd", D(2025, 5, 3)),
        ("3 May 2024", D(2024, 5, 3)),
        ("May 3", D(2025, 5, 3)),
        ("may 3.", D(2025, 5, 3)),
        ("yesterday", D(2025, 6, 17)),
        ("Today", D(2025, 6, 18)),
        ("last friday", D(2025, 6, 13)),
        ("on Friday", D(2025, 6, 13)),
        ("3 days ago", D(2025, 6, 15)),
        ("June 30", D(2024, 6, 30)),
        ("Feb 29", D(2024, 2, 29)),
        ("2026-01-01", D(2026, 1, 1)),  # an explicit day is not clipped: events may lie ahead
        ("yesterday?", D(2025, 6, 17)),
        ("March", None),
        ("2019", None),
        ("last week", None),
        ("2024-13-01", None),
        ("nonsense", None),
        ("", None),
    ],
)
def test_parse_day(text, expected):
    assert parse_day(text, today=WED) == expected


@pytest.mark.parametrize(
    ("text", "day", "rest"),
    [
        ("why was May 3rd a walk?", D(2025, 5, 3), "why was a walk?"),
        ("yesterday's run", D(2025, 6, 17), "run"),
        ("events add 2018-06-01 Choco arrives", D(2018, 6, 1), "events add Choco arrives"),
        ("label 1234 walk", None, "label 1234 walk"),
        ("anomalies in March", None, "anomalies in March"),
    ],
)
def test_find_day(text, day, rest):
    assert find_day(text, today=WED) == (day, rest)


def test_long_text_is_read_quickly_and_whole():
    text = "x " * 5000 + "since March " + "may " * 2000
    found, rest = find_range(text, today=WED)
    assert (found.start, found.end) == (D(2025, 3, 1), WED)
    assert "since" not in rest
