"""Periods: every way of saying when, as ISO (start, end) pairs for today = Saturday 2025-12-20.

The named periods here are written out by hand from the conventions of README.md (weeks start
on Monday; "last N days" ends today; a month or day without a year is the most recent not in
the future; seasons are meteorological; ranges end at today at the latest). The other corpus
modules use them; the cases at the end say each period with a handful of plain questions.
"""

import calendar

TODAY = "2025-12-20"


def day(iso: str) -> tuple[str, str]:
    return (iso, iso)


def year(y: int) -> tuple[str, str]:
    return (f"{y}-01-01", f"{y}-12-31")


def month(y: int, m: int) -> tuple[str, str]:
    last = calendar.monthrange(y, m)[1]
    return (f"{y}-{m:02d}-01", f"{y}-{m:02d}-{last:02d}")


def quarter(y: int, q: int) -> tuple[str, str]:
    return (month(y, 3 * q - 2)[0], month(y, 3 * q)[1])


def summer(y: int) -> tuple[str, str]:
    return (f"{y}-06-01", f"{y}-08-31")


def spring(y: int) -> tuple[str, str]:
    return (f"{y}-03-01", f"{y}-05-31")


def fall(y: int) -> tuple[str, str]:
    return (f"{y}-09-01", f"{y}-11-30")


def winter(y: int) -> tuple[str, str]:
    """Winter named by its December: winter 2021 = 2021-12-01 to 2022-02-28 (or 29)."""
    return (f"{y}-12-01", month(y + 1, 2)[1])


TODAY_R = day(TODAY)
YESTERDAY = day("2025-12-19")
DAY_BEFORE_YESTERDAY = day("2025-12-18")
THIS_WEEK = ("2025-12-15", TODAY)
LAST_WEEK = ("2025-12-08", "2025-12-14")
THIS_MONTH = ("2025-12-01", TODAY)
LAST_MONTH = month(2025, 11)
THIS_QUARTER = ("2025-10-01", TODAY)
LAST_QUARTER = quarter(2025, 3)
THIS_YEAR = ("2025-01-01", TODAY)
LAST_YEAR = year(2024)
LAST_7_DAYS = ("2025-12-14", TODAY)
LAST_10_DAYS = ("2025-12-11", TODAY)
LAST_14_DAYS = ("2025-12-07", TODAY)
LAST_30_DAYS = ("2025-11-21", TODAY)
LAST_60_DAYS = ("2025-10-22", TODAY)
LAST_2_WEEKS = LAST_14_DAYS
LAST_3_WEEKS = ("2025-11-30", TODAY)
LAST_4_WEEKS = ("2025-11-23", TODAY)
LAST_8_WEEKS = ("2025-10-26", TODAY)
LAST_2_MONTHS = ("2025-10-21", TODAY)
LAST_3_MONTHS = ("2025-09-21", TODAY)
LAST_6_MONTHS = ("2025-06-21", TODAY)
LAST_12_MONTHS = ("2024-12-21", TODAY)
LAST_2_YEARS = ("2023-12-21", TODAY)
PAST_WEEK = LAST_7_DAYS
PAST_MONTH = LAST_30_DAYS
PAST_YEAR = LAST_12_MONTHS
LATELY = ("2025-09-22", TODAY)  # the last 90 days
SINCE_MARCH = ("2025-03-01", TODAY)
SINCE_2020 = ("2020-01-01", TODAY)
THIS_WINTER = ("2025-12-01", TODAY)
LAST_WINTER = winter(2024)
LAST_SUMMER = summer(2025)
THIS_WEEKEND = TODAY_R
LAST_WEEKEND = ("2025-12-13", "2025-12-14")
MONDAY = day("2025-12-15")
TUESDAY = day("2025-12-16")
WEDNESDAY = day("2025-12-17")
THURSDAY = day("2025-12-18")
FRIDAY = day("2025-12-19")
SATURDAY = TODAY_R
SUNDAY = day("2025-12-14")
LAST_SATURDAY = day("2025-12-13")
MAY_3 = day("2025-05-03")
MAY_3_2019 = day("2019-05-03")
MAY = month(2025, 5)
MARCH = month(2025, 3)
Y2017, Y2018, Y2019, Y2020 = year(2017), year(2018), year(2019), year(2020)
Y2021, Y2022, Y2023, Y2024 = year(2021), year(2022), year(2023), year(2024)

# (phrase as said after a noun, the periods it means). Every phrase is said with two questions.
PHRASES = [
    ("today", [TODAY_R]),
    ("yesterday", [YESTERDAY]),
    ("the day before yesterday", [DAY_BEFORE_YESTERDAY]),
    ("3 days ago", [WEDNESDAY]),
    ("three days ago", [WEDNESDAY]),
    ("this week", [THIS_WEEK]),
    ("so far this week", [THIS_WEEK]),
    ("last week", [LAST_WEEK]),
    ("the previous week", [LAST_WEEK]),
    ("the past week", [PAST_WEEK]),
    ("this month", [THIS_MONTH]),
    ("last month", [LAST_MONTH]),
    ("in last month", [LAST_MONTH]),
    ("from last month", [LAST_MONTH]),
    ("during last month", [LAST_MONTH]),
    ("the past month", [PAST_MONTH]),
    ("this quarter", [THIS_QUARTER]),
    ("last quarter", [LAST_QUARTER]),
    ("this year", [THIS_YEAR]),
    ("this yr", [THIS_YEAR]),
    ("so far this year", [THIS_YEAR]),
    ("year to date", [THIS_YEAR]),
    ("ytd", [THIS_YEAR]),
    ("since the start of the year", [THIS_YEAR]),
    ("last year", [LAST_YEAR]),
    ("last yr", [LAST_YEAR]),
    ("the previous year", [LAST_YEAR]),
    ("in the past year", [PAST_YEAR]),
    ("in the last 7 days", [LAST_7_DAYS]),
    ("last 7 days", [LAST_7_DAYS]),
    ("the last ten days", [LAST_10_DAYS]),
    ("past 14 days", [LAST_14_DAYS]),
    ("over the last 30 days", [LAST_30_DAYS]),
    ("in the last 60 days", [LAST_60_DAYS]),
    ("last two weeks", [LAST_2_WEEKS]),
    ("in the last 3 weeks", [LAST_3_WEEKS]),
    ("last 4 weeks", [LAST_4_WEEKS]),
    ("the past 8 weeks", [LAST_8_WEEKS]),
    ("last 2 months", [LAST_2_MONTHS]),
    ("in the last 3 months", [LAST_3_MONTHS]),
    ("over the last six months", [LAST_6_MONTHS]),
    ("last 12 months", [LAST_12_MONTHS]),
    ("the last 2 years", [LAST_2_YEARS]),
    ("lately", [LATELY]),
    ("recently", [LATELY]),
    ("these days", [LATELY]),
    ("of late", [LATELY]),
    ("in 2019", [Y2019]),
    ("2019", [Y2019]),
    ("during 2016", [year(2016)]),
    ("for 2021", [Y2021]),
    ("in 2012", [year(2012)]),
    ("in march 2019", [month(2019, 3)]),
    ("March 2019", [month(2019, 3)]),
    ("in mar 2019", [month(2019, 3)]),
    ("in 2019-03", [month(2019, 3)]),
    ("in sept 2020", [month(2020, 9)]),
    ("in feb 2024", [month(2024, 2)]),
    ("in march", [MARCH]),
    ("in may", [MAY]),
    ("in October", [month(2025, 10)]),
    ("in december", [THIS_MONTH]),
    ("in jan", [month(2025, 1)]),
    ("on may 3", [MAY_3]),
    ("on May 3 2019", [MAY_3_2019]),
    ("on 2019-05-03", [MAY_3_2019]),
    ("on the 3rd of may", [MAY_3]),
    ("on 3 May 2019", [MAY_3_2019]),
    ("on dec 25", [day("2024-12-25")]),
    ("on feb 29 2024", [day("2024-02-29")]),
    ("on monday", [MONDAY]),
    ("on tuesday", [TUESDAY]),
    ("last tuesday", [TUESDAY]),
    ("last saturday", [LAST_SATURDAY]),
    ("on friday", [FRIDAY]),
    ("on sunday", [SUNDAY]),
    ("in Q1 2024", [quarter(2024, 1)]),
    ("q1 2024", [quarter(2024, 1)]),
    ("in q3", [quarter(2025, 3)]),
    ("in 2023 q2", [quarter(2023, 2)]),
    ("since march", [SINCE_MARCH]),
    ("since 2020", [SINCE_2020]),
    ("since may 3rd", [("2025-05-03", TODAY)]),
    ("since last year", [("2024-01-01", TODAY)]),
    ("since june 2024", [("2024-06-01", TODAY)]),
    ("between 2017 and 2019", [("2017-01-01", "2019-12-31")]),
    ("from 2017 to 2019", [("2017-01-01", "2019-12-31")]),
    ("2017-2019", [("2017-01-01", "2019-12-31")]),
    ("between march and may", [("2025-03-01", "2025-05-31")]),
    ("from march 2019 to june 2020", [("2019-03-01", "2020-06-30")]),
    ("between may 1 and may 15", [("2025-05-01", "2025-05-15")]),
    ("from december to february", [("2024-12-01", "2025-02-28")]),
    ("from 2024-01-01 to 2024-03-31", [quarter(2024, 1)]),
    ("between jan 2023 and now", [("2023-01-01", TODAY)]),
    ("in summer 2022", [summer(2022)]),
    ("summer 2021", [summer(2021)]),
    ("last summer", [LAST_SUMMER]),
    ("in the summer of 2019", [summer(2019)]),
    ("in winter 2021", [winter(2021)]),
    ("last winter", [LAST_WINTER]),
    ("this winter", [THIS_WINTER]),
    ("in spring 2020", [spring(2020)]),
    ("in the spring", [spring(2025)]),
    ("in fall 2019", [fall(2019)]),
    ("autumn 2023", [fall(2023)]),
    ("in the fall", [fall(2025)]),
    ("this weekend", [THIS_WEEKEND]),
    ("last weekend", [LAST_WEEKEND]),
    ("on christmas", [day("2024-12-25")]),
    ("on christmas 2023", [day("2023-12-25")]),
    ("on new year's day", [day("2025-01-01")]),
    ("in the first half of 2024", [("2024-01-01", "2024-06-30")]),
    ("second half of 2023", [("2023-07-01", "2023-12-31")]),
    ("ever", []),
    ("of all time", []),
    ("all time", []),
]

RUNS = {"kind": "summary", "measure": "count", "aggregate": "total", "classes": ["run"]}
# Questions that take any period after them, with what they mean without one.
_FIRST = [
    ("how many runs {p}", RUNS),
    ("how many workouts {p}", {"kind": "summary", "measure": "count", "aggregate": "total"}),
    (
        "total km {p}",
        {"kind": "summary", "measure": "distance", "aggregate": "total", "unit": "km"},
    ),
    (
        "walking distance {p}",
        {"kind": "summary", "measure": "distance", "aggregate": "total", "classes": ["walk"]},
    ),
]
_SECOND = [
    ("any anomalies {p}?", {"kind": "anomalies"}),
    (
        "count of rides {p}",
        {"kind": "summary", "measure": "count", "aggregate": "total", "classes": ["cycle"]},
    ),
    (
        "hours swimming {p}",
        {"kind": "summary", "measure": "duration", "aggregate": "total", "classes": ["swim"]},
    ),
    ("avg pace {p}", {"kind": "summary", "measure": "pace", "aggregate": "average"}),
    (
        "miles run {p}",
        {
            "kind": "summary",
            "measure": "distance",
            "aggregate": "total",
            "classes": ["run"],
            "unit": "mi",
        },
    ),
]


def _with(expected: dict, periods: list) -> dict:
    return {**expected, "periods": periods} if periods else dict(expected)


CASES = []
for _i, (_phrase, _periods) in enumerate(PHRASES):
    for _templates in (_FIRST, _SECOND):
        _template, _expected = _templates[_i % len(_templates)]
        CASES.append((_template.format(p=_phrase), _with(_expected, _periods)))

# Periods said first, or in the middle of the question.
CASES += [
    ("in 2019 how many runs did I do", {**RUNS, "periods": [Y2019]}),
    ("last month, how many runs?", {**RUNS, "periods": [LAST_MONTH]}),
    (
        "this week how far did I walk",
        {
            "kind": "summary",
            "measure": "distance",
            "aggregate": "total",
            "classes": ["walk"],
            "periods": [THIS_WEEK],
        },
    ),
    (
        "during summer 2022 how many swims",
        {
            "kind": "summary",
            "measure": "count",
            "aggregate": "total",
            "classes": ["swim"],
            "periods": [summer(2022)],
        },
    ),
    (
        "since 2020 how many km have I run",
        {
            "kind": "summary",
            "measure": "distance",
            "aggregate": "total",
            "classes": ["run"],
            "unit": "km",
            "periods": [SINCE_2020],
        },
    ),
    # "may" the verb is not May.
    ("may i see how many runs i did last week?", {**RUNS, "periods": [LAST_WEEK]}),
    (
        "may I ask how many walks this month",
        {
            "kind": "summary",
            "measure": "count",
            "aggregate": "total",
            "classes": ["walk"],
            "periods": [THIS_MONTH],
        },
    ),
    ("how many runs in may", {**RUNS, "periods": [MAY]}),
    ("how many runs in May 2019", {**RUNS, "periods": [month(2019, 5)]}),
]
