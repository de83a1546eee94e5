"""Date phrases in free text: "last week", "since March", "between 2017 and 2019", "May 3rd".

Every command and question can name a period, and the same words must mean the same dates in
Slack and in the terminal. These are pure functions of the text and ``today`` (never the clock),
so answers are reproducible and the rules can be tested on any calendar edge.

Rules: weeks start on Monday (ISO); "this week/month/year" runs from its start to today; "last
week/month/year" is the whole previous one; "last N days/weeks/months/years" ends today and
includes it; a month, day or quarter without a year is the most recent one not in the future;
"between X and Y" / "from X to Y" runs to the end of Y; ranges never reach past today.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from bot.language.intent import DateRange

Span = tuple[date, date]

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# "sept" is a common abbreviation too; a dot is allowed after any abbreviation.
_MON = "|".join(
    [f"{m[:3]}(?:{m[3:]}|\\.)?" for m in _MONTH_NAMES if m not in ("may", "september")]
    + ["may", r"sep(?:tember|t\.?|\.)?"]
)
_MONTH_NUMBERS = {name[:3]: number for number, name in enumerate(_MONTH_NAMES, 1)}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
_NUM = r"\d{1,6}|" + "|".join(_NUMBER_WORDS)
_ORD = r"(?:st|nd|rd|th)?(?!\d)"
_NOW = r"now|present|date"


def _month_span(year: int, month: int) -> Span:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    years, index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _period(day: date, unit: str) -> Span:
    """The calendar week (ISO), month, quarter or year that contains ``day``."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return _month_span(day.year, day.month)
    if unit == "quarter":
        first = (day.month - 1) // 3 * 3 + 1
        return date(day.year, first, 1), _month_span(day.year, first + 2)[1]
    return date(day.year, 1, 1), date(day.year, 12, 31)


def _rolling(today: date, count: int, unit: str) -> Span | None:
    """The last ``count`` units ending today, today included ("last 7 days" is 7 days)."""
    if count < 1:
        return None
    if unit == "day":
        return today - timedelta(days=count - 1), today
    if unit == "week":
        return today - timedelta(days=7 * count - 1), today
    months = count * (12 if unit == "year" else 1)
    return _add_months(today, -months) + timedelta(days=1), today


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.index(word.lower()) + 1


def _mon(match: re.Match) -> int:
    """The month of a match, written as a number (ISO forms) or as a name."""
    if "m" in match.re.groupindex:
        return int(match["m"])
    return _MONTH_NUMBERS[match["mon"][:3].lower()]


def _recent_day(month: int, day: int, ref: date) -> date | None:
    # Eight years back always reaches a leap year, so "Feb 29" resolves too.
    for year in range(ref.year, ref.year - 8, -1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= ref:
            return found
    return None


def _month_day(m: re.Match, today: date, ref: date) -> Span | None:
    if m["y"]:
        day = date(int(m["y"]), _mon(m), int(m["d"]))
    else:
        day = _recent_day(_mon(m), int(m["d"]), ref)
    return (day, day) if day else None


def _named_day(m: re.Match, today: date, ref: date) -> Span:
    word = m["w"].lower()
    back = 2 if "before" in word else 1 if "yesterday" in word or "last" in word else 0
    day = today - timedelta(days=back)
    return day, day


# Holidays people name as days: (month, day).
_HOLIDAYS = {
    "christmas": (12, 25),
    "xmas": (12, 25),
    "boxing": (12, 26),
    "eve": (12, 31),
    "new": (1, 1),
    "halloween": (10, 31),
    "valentine": (2, 14),
}


def _holiday(m: re.Match, today: date, ref: date) -> Span | None:
    """ "christmas", "new year's day", "new year's eve 2019": that day, the most recent one not
    in the future when no year is said."""
    words = m["h"].lower().replace("'", " ").split()
    key = "eve" if words[-1] == "eve" and words[0] == "new" else words[0]
    month, day_of_month = _HOLIDAYS[key]
    if key == "christmas" and words[-1] == "eve":
        day_of_month = 24
    if m["y"]:
        day = date(int(m["y"]), month, day_of_month)
    else:
        day = _recent_day(month, day_of_month, ref)
    return (day, day) if day else None


def _weekend(m: re.Match, today: date, ref: date) -> Span:
    """The Saturday and Sunday of this week once Saturday has come, else of the week before
    ("the weekend" said on a Wednesday is the one just gone); "last weekend" is the one before
    the current or just-gone one."""
    saturday = today - timedelta(days=today.weekday()) + timedelta(days=5)
    if saturday > today:
        saturday -= timedelta(days=7)
    if m["which"] and m["which"].lower() in ("last", "previous", "past") and today.weekday() >= 5:
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1)


def _half(m: re.Match, today: date, ref: date) -> Span:
    """The first or second half of a year ("first half of 2024", "H2 2023", "the second half of
    this year")."""
    year = int(m["y"]) if m["y"] else today.year - (1 if m["prev"] else 0)
    second = m["which"].lower() in ("second", "2nd", "latter", "h2", "last")
    return (
        (date(year, 7, 1), date(year, 12, 31)) if second else (date(year, 1, 1), date(year, 6, 30))
    )


def _start_of(m: re.Match, today: date, ref: date) -> Span:
    """ "the start of the year" / "beginning of the month": the first day of the current one."""
    start, _ = _period(today, _UNITS.get(m["unit"].lower(), m["unit"].lower()))
    return start, start


def _days_ago(m: re.Match, today: date, ref: date) -> Span:
    day = today - timedelta(days=_number(m["n"]))
    return day, day


def _weekday(m: re.Match, today: date, ref: date) -> Span:
    back = (today.weekday() - _WEEKDAYS.index(m["wd"].lower())) % 7
    # "last friday" said on a Friday means a week ago; plain "friday" means today.
    day = today - timedelta(days=back or (7 if m["last"] else 0))
    return day, day


def _month_year(m: re.Match, today: date, ref: date) -> Span:
    return _month_span(int(m["y"]), _mon(m))


def _quarter(m: re.Match, today: date, ref: date) -> Span:
    first = int(m["q"]) * 3 - 2
    year = int(m["y"]) if m["y"] else ref.year if first <= ref.month else ref.year - 1
    return date(year, first, 1), _month_span(year, first + 2)[1]


_UNITS = {"wk": "week", "mth": "month", "yr": "year"}


def _rolling_match(m: re.Match, today: date, ref: date) -> Span | None:
    unit = m["unit"].lower()
    return _rolling(today, _number(m["n"]), _UNITS.get(unit, unit))


def _relative(m: re.Match, today: date, ref: date) -> Span | None:
    which, unit = m["which"].lower(), m["unit"].lower()
    unit = _UNITS.get(unit, unit)
    if which == "past":
        return _rolling(today, 1, unit)
    start, end = _period(today, unit)
    return (start, end) if which in ("this", "") else _period(start - timedelta(days=1), unit)


def _bare_month(m: re.Match, today: date, ref: date) -> Span:
    if m["last"]:  # "last March": the most recent one before the current month
        ref = ref.replace(day=1) - timedelta(days=1)
    month = _mon(m)
    return _month_span(ref.year if month <= ref.month else ref.year - 1, month)


def _year(m: re.Match, today: date, ref: date) -> Span:
    return date(int(m["y"]), 1, 1), date(int(m["y"]), 12, 31)


# Meteorological seasons (northern hemisphere): the months each starts and ends in.
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}


def _season(m: re.Match, today: date, ref: date) -> Span:
    """The season named: "summer 2021" (Jun-Aug), "winter 2021" (Dec 2021-Feb 2022); without
    a year the most recent one that has begun, or with "last" the most recent one that ended."""
    first, last = _SEASONS[m["season"].lower()]

    def span(year: int) -> Span:
        end_year = year + 1 if last < first else year
        return date(year, first, 1), _month_span(end_year, last)[1]

    if m["y"]:
        return span(int(m["y"]))
    year = ref.year if date(ref.year, first, 1) <= ref else ref.year - 1
    if m["which"] and m["which"].lower() in ("last", "previous", "past") and span(year)[1] >= ref:
        year -= 1
    return span(year)


def _lately(m: re.Match, today: date, ref: date) -> Span:
    """ "lately", "recently", "these days": the last 90 days."""
    return today - timedelta(days=RECENT_DAYS - 1), today


def _fortnight(m: re.Match, today: date, ref: date) -> Span:
    return today - timedelta(days=13), today


RECENT_DAYS = 90
Resolver = Callable[[re.Match, date, date], Span | None]
# Order matters: at one position the first spec that fits wins, so longer forms come first.
# fmt: off
_SPECS: tuple[tuple[str, Resolver, bool], ...] = (
    (r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})", _month_day, True),
    (rf"(?P<mon>{_MON})\s+(?P<d>\d{{1,2}}){_ORD}(?:,?\s+(?P<y>\d{{4}}))?", _month_day, True),
    (rf"(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<y>\d{{4}}))?",
     _month_day, True),
    (r"(?P<w>today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night|yesterday"
     r"|(?:the\s+)?day\s+before\s+yesterday)", _named_day, True),
    (r"(?P<h>christmas(?:\s+(?:day|eve))?|xmas|boxing\s+day|new\s+year'?s(?:\s+(?:day|eve))?"
     r"|halloween|valentine'?s(?:\s+day)?)(?:\s+(?P<y>(?:19|20)\d\d))?", _holiday, True),
    (rf"(?P<n>{_NUM})\s+days?\s+ago", _days_ago, True),
    (rf"(?P<last>last\s+)?(?P<wd>{'|'.join(_WEEKDAYS)})", _weekday, True),
    (r"(?P<y>\d{4})-(?P<m>\d{1,2})", _month_year, False),
    (rf"(?P<mon>{_MON}),?\s+(?:of\s+)?(?P<y>\d{{4}})", _month_year, False),
    (r"q(?P<q>[1-4])(?:\s+(?P<y>\d{4}))?", _quarter, False),
    (r"(?P<y>\d{4})\s+q(?P<q>[1-4])", _quarter, False),
    (rf"(?:last|past|previous)\s+(?P<n>{_NUM})\s+(?P<unit>day|week|wk|month|mth|year|yr)s?",
     _rolling_match, False),
    (r"(?:so\s+far\s+)?(?P<which>this|last|previous|past)\s+(?P<unit>week|wk|month|mth|quarter"
     r"|year|yr)(?:\s+so\s+far)?", _relative, False),
    (r"(?<!time\s)(?<!part\s)of\s+the\s+(?P<which>)(?P<unit>year)(?!\s+(?:before|after|\d))",
     _relative, False),
    (r"(?:the\s+)?(?P<which>this|last|previous|past)?\s*(?:the\s+)?"
     r"(?P<season>spring|summer|autumn|fall(?!\s+(?:apart|behind|off|over|down|asleep))|winter)(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?",
     _season, False),
    (r"(?P<which>this|last|previous|past)?\s*(?:the\s+)?weekend(?!s)", _weekend, False),
    (r"(?:the\s+)?(?P<which>first|second|1st|2nd|latter|last)\s+half\s+(?:of\s+)?"
     r"(?:(?P<y>(?:19|20)\d\d)|(?:the|this)\s+year|(?P<prev>last)\s+year)", _half, False),
    (r"(?P<which>h1|h2)\s+(?P<y>(?:19|20)\d\d)", _half, False),
    (r"(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(?P<unit>year|month|week)", _start_of,
     False),
    (r"lately|recently|these\s+days|of\s+late|(?:the\s+)?(?:last|past)\s+(?:few|couple(?:\s+of)?)"
     r"\s+months", _lately, False),
    (r"(?:the\s+)?(?:last|past)\s+(?:fortnight|two\s+weeks|couple\s+(?:of\s+)?weeks)",
     _fortnight, False),
    (r"year[\s-]to[\s-]date|ytd", lambda m, today, ref: _period(today, "year"), False),
    # "may" is also a verb: not a month before "I", "we", "you", "be"...
    (rf"(?P<last>last\s+)?(?P<mon>{_MON})(?!\s+(?:i|we|you|be|have|not)\b)", _bare_month, False),
    (r"(?P<y>(?:19|20)\d\d)", _year, False),
)
# fmt: on
_COMPILED = [(re.compile(p, re.I), f) for p, f, _ in _SPECS]


def _ungroup(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_S = "|".join(_ungroup(p) for p, _, _ in _SPECS)
_D = "|".join(_ungroup(p) for p, _, is_day in _SPECS if is_day)
_END = r"(?:['’]s)?(?!\w|-\d)"
_TO = r"(?:\s+(?:to|until|till|through|thru)\s+|\s*[-–]\s*)"
_RANGE_RE = re.compile(
    rf"(?<!\w)(?:between\s+(?P<a>{_S})\s+and\s+(?P<b>{_S}|{_NOW})"
    rf"|from\s+(?P<a2>{_S}){_TO}(?P<b2>{_S}|{_NOW})"
    r"|(?P<ya>(?:19|20)\d\d)\s*[-–]\s*(?P<yb>(?:19|20)\d\d)"
    rf"|(?:since|starting(?:\s+from)?)\s+(?:the\s+)?(?P<since>{_S})"
    rf"|(?:(?:in|during|on|for|over|within|from)\s+)?(?:the\s+)?(?P<one>{_S})){_END}",
    re.I,
)
_DAY_RE = re.compile(rf"(?<!\w)(?:on\s+)?(?P<one>{_D}){_END}", re.I)


def _resolve(text: str, today: date, ref: date) -> Span | None:
    text = text.strip()
    if re.fullmatch(_NOW, text, re.I):
        return today, today
    for regex, resolver in _COMPILED:
        if match := regex.fullmatch(text):
            return resolver(match, today, ref)
    return None


def _between(first: str, last: str, today: date) -> Span | None:
    # The first end is read relative to the second: "from December to February" crosses a year.
    late = _resolve(last, today, today)
    early = late and _resolve(first, today, late[0])
    return (min(early[0], late[0]), max(early[1], late[1])) if early and late else None


def _span(m: re.Match, today: date) -> Span | None:
    if m["ya"]:
        return _between(m["ya"], m["yb"], today)
    if m["a"] or m["a2"]:
        return _between(m["a"] or m["a2"], m["b"] or m["b2"], today)
    if m["since"]:
        start = _resolve(m["since"], today, today)
        return start and (start[0], today)
    if m["one"] == "may" and m.group(0).strip() == "may":
        return None  # lower-case "may" on its own is almost always the verb
    return _resolve(m["one"], today, today)


def _scan(regex: re.Pattern, text: str, today: date, *, first: bool = False) -> list:
    """(match, span) for each phrase that resolves; a match that does not ("2024-02-30") is
    skipped one character on, so a shorter phrase inside it can still be found."""
    found, pos = [], 0
    while (match := regex.search(text, pos)) and not (first and found):
        try:
            span = _span(match, today) if regex is _RANGE_RE else _resolve(match[1], today, today)
        except (ValueError, OverflowError):  # "2024-02-30", "last 999999 years"
            span = None
        if span:
            found.append((match, span))
        pos = match.end() if span else match.start() + 1
    return found


def _cut(text: str, matches: list[re.Match]) -> str:
    """``text`` without ``matches`` (in order, not overlapping), built once: cutting one match
    at a time would copy the text once per match, quadratic on a text full of dates."""
    pieces, at = [], 0
    for match in matches:
        pieces += [text[at : match.start()], " "]
        at = match.end()
    pieces.append(text[at:])
    return " ".join("".join(pieces).split())


def _as_range(match: re.Match, span: Span, today: date) -> DateRange:
    return DateRange(min(span[0], today), min(span[1], today), match.group(0).strip())


def find_ranges(text: str, *, today: date) -> tuple[tuple[DateRange, ...], str]:
    """Every date-range phrase in ``text``, in order, and the text without them.

    Used for comparisons ("compare 2017 and 2023", "last month vs this month").
    """
    found = _scan(_RANGE_RE, text, today)
    ranges = tuple(_as_range(m, span, today) for m, span in found)
    return ranges, _cut(text, [m for m, _ in found])


def find_range(text: str, *, today: date) -> tuple[DateRange | None, str]:
    """The first date-range phrase in ``text`` and the text with that phrase removed."""
    found = _scan(_RANGE_RE, text, today, first=True)
    if not found:
        return None, text
    return _as_range(*found[0], today), _cut(text, [found[0][0]])


def find_day(text: str, *, today: date) -> tuple[date | None, str]:
    """The first single-day phrase in ``text`` and the text without it; the day is not clipped,
    since a named day (an event date) may lie ahead."""
    found = _scan(_DAY_RE, text, today, first=True)
    if not found:
        return None, text
    return found[0][1][0], _cut(text, [found[0][0]])


def parse_day(text: str, *, today: date) -> date | None:
    """``text`` read as one day ("2024-05-03", "May 3rd", "3 May 2024", "last friday"), or None."""
    match = _DAY_RE.fullmatch(text.strip().rstrip("?!.,;: "))
    if not match:
        return None
    try:
        span = _resolve(match["one"], today, today)
    except ValueError:
        return None
    return span[0] if span else None
