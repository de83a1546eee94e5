"""Ways of saying a thing that the reader's lexicon and dates then read as usual: years and
numbers spoken aloud ("twenty twenty four", "the fifth of november"), voice slips ("the last for
weeks"), and forms common in English written as a second language ("how much runs", "more
fast", "for week", "all the time" for "all time").

Each rewrite is a whole-word pattern (matched in any case); the reader applies them in order
before correcting typos, and reads what comes out. They never touch a SQL statement (the reader
does not rewrite one) and never add a word the person did not mean.
"""

from __future__ import annotations

import re

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "for": 4,  # heard, not written: "twenty twenty for"
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_UNIT_WORD = "|".join(_UNITS)
_TWO_DIGITS = rf"(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{_UNIT_WORD}))?|{'|'.join(_TEENS)})"


def _number(words: str) -> int:
    """ "twenty four" -> 24, "nineteen" -> 19, "oh five" -> 5."""
    total = 0
    for word in re.split(r"[\s-]+", words.strip()):
        total += _TENS.get(word) or _TEENS.get(word) or _UNITS.get(word) or 0
    return total


def _year(m: re.Match) -> str:
    century = {"twenty": 2000, "nineteen": 1900}[m["century"]]
    return str(century + _number(m["rest"]))


def _ordinal(m: re.Match) -> str:
    tens = _TENS.get(m["tens"] or "", 0)
    return f"{tens + _ORDINALS[m['ord']]} {m['month']}"


_REWRITES: tuple[tuple[re.Pattern, object], ...] = (
    # Years said aloud: "twenty twenty four", "nineteen ninety nine", "twenty oh five".
    (
        re.compile(
            rf"\b(?P<century>twenty|nineteen)[\s-]+"
            rf"(?P<rest>{_TWO_DIGITS}|oh[\s-](?:{_UNIT_WORD}))\b"
        ),
        _year,
    ),
    (
        re.compile(rf"\btwo thousand(?: and)?[\s-]+(?P<rest>{_TWO_DIGITS}|{_UNIT_WORD})\b"),
        lambda m: str(2000 + _number(m["rest"])),
    ),
    # "the fifth of november", "the twenty first of may": a day of a month.
    (
        re.compile(
            rf"\b(?:the\s+)?(?:(?P<tens>twenty|thirty)[\s-])?(?P<ord>{'|'.join(_ORDINALS)})"
            rf"\s+of\s+(?P<month>{_MONTHS})\b"
        ),
        _ordinal,
    ),
    # "in the last for weeks": "for" heard for "four" before a count of time.
    (re.compile(r"\b(last|past|next) for (days|weeks|months|years)\b"), r"\1 4 \2"),
    # "more fast", "more slow": the comparative meant.
    (re.compile(r"\bmore (fast|quick)\b"), r"\1er"),
    (re.compile(r"\bmore slow\b"), "slower"),
    (re.compile(r"\bmore (far|long)\b"), lambda m: "further" if m[1] == "far" else "longer"),
    # "how much runs": a count ("how much distance" stays a distance).
    (
        re.compile(r"\bhow much (runs|walks|rides|swims|workouts|times|dog walks|hikes)\b"),
        r"how many \1",
    ),
    # "for week", "in average": a rate, an average.
    (re.compile(r"\bfor (week|month)\b(?! of)"), r"per \1"),
    (re.compile(r"\bin average\b"), "on average"),
    # "of all the time": of all time (not a duration).
    (re.compile(r"\bof all the time\b"), "of all time"),
    # "I use to walk at 7": usually.
    (re.compile(r"\b(?:i|we) use to\b"), "i usually"),
    # "walkings", "runnings": the workouts.
    (re.compile(r"\bwalkings\b"), "walks"),
    (re.compile(r"\brunnings\b"), "runs"),
    # "when I started to run": when did I start.
    (re.compile(r"\bwhen (?:i|we) (?:started|start|began) (?:to )?"), "when did i start "),
)


def rewrite(text: str) -> str:
    """``text`` with every rewrite applied, in order (in any case: what is rewritten comes out
    in lower case, the rest as typed)."""
    for pattern, replacement in _REWRITES:
        text = re.sub(pattern.pattern, replacement, text, flags=re.I)
    return text
