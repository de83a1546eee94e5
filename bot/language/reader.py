"""Text to :class:`~bot.language.query.Query`: the one reader of commands, plain questions and
follow-ups, for Slack and the terminal.

A command ("anomalies last week", "label 1234 walk", "sql SELECT ...") is read by the command
grammar of :mod:`bot.language.parser` and becomes the same query its plain-words question would.
Anything else is composed, in steps that each take their words out of the question:

1. normalise: lower case for matching (the case kept for names), emoji, punctuation and
   possessives dropped; who sees the answer ("private", "just for me") taken;
2. correct typos toward the bot's own words and date words only (:mod:`.spelling`);
3. find the periods (:mod:`.dates`), a workout id and a distance band;
4. match the remaining words against the lexicon (:mod:`.lexicon`), longest phrase first;
5. decide the kind of answer by rules over what was found (writes and named analyses first, one
   day, two periods, then a summary), asking back when two readings are equally likely;
6. fill what the kind needs (defaults for a summary's measure and aggregate, the workout, a new
   label, an event's name and date) and keep every word that changed nothing in ``ignored``.

Given the conversation's previous query, a fragment ("and in 2020?", "what about walks?", "as a
chart", "why?") is read as a change to it. The conventions every rule follows are written down
with the paraphrase corpus (tests/bot/language/corpus/README.md).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from bot.language import lexicon as L
from bot.language import parser
from bot.language import words as W
from bot.language.dates import find_ranges
from bot.language.intent import DateRange, Intent, WorkoutRef
from bot.language.query import Choice, Query
from bot.language.rewrite import rewrite
from bot.language.spelling import correct

_PREFIX = re.compile(r"^\s*/workouts\b", re.I)
_GREETING_LEAD = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|morning|good (?:morning|afternoon|evening)|ok|okay|so)\b[\s,!.]*",
    re.I,
)
_RUN_SQL = re.compile(r"^\s*(?:run|do|please)\s+(?=sql\b)", re.I)
# Emoji, symbols and punctuation that carry nothing; kept: letters, digits, ' - / : . + #
_NOISE = re.compile(r"[^\w\s'\-/:.+#]|_")
_LONE = re.compile(r"(?<!\d):|:(?!\d)|(?<!\d)\.|\.(?!\d)|(?<![\w])['-]|['-](?![\w])")
_VISIBILITY = (
    (
        re.compile(
            r"\b(?:public(?:ly)?|share (?:it )?with the channel|post it in the channel"
            r"|for everyone|(?:in|to|with|on) (?:the|this|our) channel)\b(?!['’]s|\s+briefing)",
            re.I,
        ),
        "public",
    ),
    (
        re.compile(r"\b(?:private(?:ly)?|just for me|only (?:for )?me|dm me|in private)\b", re.I),
        "private",
    ),
)
_ID = re.compile(r"(?:#|\b(?:workout|id|number|no)\s+#?)(\d{1,12})\b|\b(\d{3,12})\b")
_RACE_WORDS = {
    "half marathon": 21_097.5,
    "half marathons": 21_097.5,
    "marathon": 42_195.0,
    "marathons": 42_195.0,
    "a mile": 1_609.344,
    "mile": 1_609.344,
}
_OVER = r"over|more th[ae]n|longer th[ae]n|at least|above|beyond|greater th[ae]n|plus"
_UNDER = r"under|less th[ae]n|shorter th[ae]n|below|up to|at most"
_BAND = re.compile(
    rf"\b(?:(?P<over>{_OVER})|(?P<under>{_UNDER})|(?P<between>between))?\s*"
    r"(?P<n>\d+(?:\.\d+)?)(?:\s*(?:and|to|-)\s*(?P<n2>\d+(?:\.\d+)?))?"
    r"\s*(?P<u>ks|k|km|kms|kilometres|kilometers|mi|mile|miles)\b(?P<plus>\+)?"
    r"(?:\s+or\s+(?:(?P<more>more|longer|further|farther|over|above)"
    r"|(?P<less>less|shorter|under|below))\b)?"
    r"(?!\s*(?:/|per\b|an? hour\b))"
)
_RACE = re.compile(
    r"(?:(?P<over>" + _OVER + r")\s+(?:an?\s+)?|(?P<under>" + _UNDER + r")\s+(?:an?\s+)?)?"
    r"(?<![\d.]\s)(?<![\d.])"  # "1 mile" is a distance, not the mile race
    r"\b(?P<race>half[ -]marathons?|marathons?|a mile|mile)\b(?!\s+(?:training|plan|prep))"
)
_FOLLOW_UP = re.compile(
    r"^(?:and|what about|how about|but|same|now|ok|okay|then|also|just|only|for|in|as|by|"
    r"per|with|without|and what about|show it|and how|make it|what if)\b"
)
# "show my last 8 weeks", "how were my last few weeks", "my weeks chart": the weeks chart (a
# count of workouts by week, as a chart); whole questions, never follow-ups. A bare "last 8
# weeks" is one too, unless it follows a question (then it is that question's new period).
_WEEKS_SPAN = r"(?:my |the )?(?:last|past|previous) (?:\d+|few|couple(?: of)?|several) weeks"
_WEEKS_VIEW = re.compile(
    r"^(?:(?:please )?(?:show|give|draw|plot|chart)(?: me)?(?: how)? |how (?:were|was|are|did) "
    r"|how have )?" + _WEEKS_SPAN + r"(?: been| go| look| gone)?(?: as a (?:chart|graph)|"
    r" (?:chart|graph))?(?: please)?$"
    r"|^(?:(?:please )?(?:show|give|draw|plot)(?: me)? )?(?:my |the )?"
    r"(?:weeks|weekly|week by week|last \d+ weeks) (?:chart|graph)(?: please)?$"
)
_WEEKS_ALONE = re.compile(r"^" + _WEEKS_SPAN + r"$")
_DAY_QUESTIONS = re.compile(
    r"\bwhat (?:did|have|do) i (?:do|done|log|logged)\b|\bwhat happened\b|\bget up to\b"
    r"|\bhow was my day\b|\bmy day\b|\bwhat was i doing\b|\bworkout details\b|\banything logged\b"
    r"|\bwhat i did\b|\bbeen up to\b|\bhave i been doing\b"
)
_DAY_EXISTS = re.compile(r"\s*(?:any|was there|were there|is there|are there|list|show)\b")
_DID_I = re.compile(
    r"\b(?:did|do|have) i\b|\bwas there\b|\bany\b|\bworkouts? on\b|\bshow me\b|^list\b|\bshow my\b"
)
_COMPARE_JOIN = re.compile(r"\b(?:or|vs\.?|versus|than|against|compared (?:to|with)|and)\b")
_THAN_LAST = re.compile(
    r"\b(?:than|vs\.?|versus|or|compared (?:to|with)|against)\s+(?:in\s+)?(?:the\s+)?"
    r"(?:last|previous)"
    r"(?:\s+(?:one|week|month|year|yr|quarter))?\b"
)
_WRITE_LABEL = re.compile(
    r"\b(?:mark|relabel|reclassify|label|set|put|change|correct|fix|should be|was actually"
    r"|is actually|was really|is really|wasn't|was not|isn't|was an?|is an?|it's an?|to an?"
    r"|as an?|as)\b(?!\s+(?:far|long|much|many|fast|often)\b)"
)
_EVENT_LEAD = re.compile(
    r"^\s*(?:(?:could|can|would|will) you\s+)?(?:please\s+)?"
    r"(?:(?:add|new|create|log|record)\s+(?:an?\s+)?(?:new\s+)?(?:life\s+)?events?"
    r"|events?\s+add|remember that|note that|log that|life events?|events?)\s*:?\s*",
    re.I,
)
_PERIOD_PREPOSITION = re.compile(r"\s*\b(?:on|in|for|from|at|since|during)\s*$", re.I)
_NAME_EDGES = " \t\n\"'“”‘’.,:;!?-"
_EVENT_ADD = {
    "add",
    "new",
    "create",
    "got",
    "started",
    "began",
    "adopted",
    "moved",
    "note",
    "remember",
    "log",
    "record",
    "injured",
    "broke",
    "sprained",
    "relocated",
}
_EVENT_REMOVE = {"remove", "delete", "drop", "forget", "cancel"}
_STOP_WORDS = {"stop", "unschedule", "cancel", "remove", "delete"}
_KIND_PRIORITY = (
    "undo",
    "goal",
    "training",
    "label",
    "events",
    "units",
    "schedule",
    "export",
    "model",
    "why",
    "map",
    "story",
    "briefing",
    "calendar",
    "records",
    "streak",
    "consistency",
    "compare",
    "anomalies",
    "trend",
    "routes",
    "help",
)


@dataclass
class _Words:
    """The normalised words of a question, marked as they are used."""

    tokens: list[str]
    used: list[bool] = field(default_factory=list)
    senses: list[tuple[int, tuple[str, ...], L.Sense]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.used = [False] * len(self.tokens)

    def leftover(self) -> list[str]:
        return [t for t, u in zip(self.tokens, self.used) if not u and t not in L.FILLERS]

    def has(self, *words: str) -> bool:
        return any(w in self.tokens for w in words)


@dataclass
class _Found:
    """Everything a question's words gave, before the kind is decided."""

    text: str
    plain: str
    cased: str
    words: _Words
    periods: list[DateRange]
    workout_id: int | None
    band: tuple[float | None, float | None] | None
    votes: Counter
    slots: dict
    labels: list[str]
    ever: bool
    visibility: str | None
    said: str = ""  # the words as typed (cased, before typo correction): names are kept so

    @property
    def day(self) -> date | None:
        """The one day named, when the only period is a single day."""
        if len(self.periods) == 1 and self.periods[0].start == self.periods[0].end:
            return self.periods[0].start
        return None


def read(text: str, *, today: date, previous: Query | None = None) -> Query:
    """Read ``text`` as a query; never raises: what cannot be read is an ``unknown`` query
    with suggestions. ``today`` anchors relative dates; ``previous`` is the conversation's last
    query, for follow-ups."""
    text = text if isinstance(text, str) else ""
    if len(text) > parser.MAX_TEXT_CHARS:
        return from_intent(parser.parse(text, today=today))
    try:
        return _read(text, today, previous)
    except Exception as exc:  # a chat reply must never be a traceback; say so and offer help
        note = f"Sorry, I could not read that ({type(exc).__name__})."
        return Query("unknown", text=text, notes=(note,), suggestions=W.suggestions(()))


# Kinds a follow-up can build on: they select workouts, a period or a workout. A write, the
# model or help is no context: "outliers" after "my events" is a question of its own.
_FOLLOWABLE = frozenset(
    {
        "summary",
        "day",
        "trend",
        "anomalies",
        "consistency",
        "streak",
        "records",
        "calendar",
        "compare",
        "story",
        "briefing",
        "why",
        "map",
        "routes",
        "export",
        "label",
        "events",
    }
)


# Sentences end at ! or ?, or at a full stop after a sentence of four words or more (so "Dec. 3"
# and "5.5 km" are not cut).
_SENTENCE_END = re.compile(r"(?<=[!?])\s+|(?<=\w{2}[.:])\s+(?=[A-Za-z])")


_POINTS_BACK = re.compile(r"\b(?:it|them|those)\b|\b(?:that|this)\b(?=\s*(?:[?.!,]|$|one\b))", re.I)


def _focus(text: str, today: date) -> str:
    """The question of a message that tells a story first ("We adopted a rescue dog a few
    years back... Did getting the dog slow my runs down?"): its last sentence that asks
    something, when the others only set the scene. A message with no question, or whose
    question points back at the story ("could you correct it?"), is read whole."""
    parts = [p for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        return text
    merged: list[str] = []
    for part in parts:  # a short piece ("Dec.") belongs to the next one
        if merged and len(merged[-1].split()) < 4 and not merged[-1].rstrip().endswith(("!", "?")):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    asked = [p for p in merged if p.rstrip().endswith("?") and len(p.split()) >= 2]
    if len(merged) < 2 or not asked or _POINTS_BACK.search(asked[-1]):
        return text
    question = asked[-1]
    rest = [p for p in merged if p is not question]
    # What the story says that the question relies on: where the answer goes, and its period.
    said = [p for p in rest if any(pattern.search(p) for pattern, _ in _VISIBILITY)]
    if not find_ranges(question.lower(), today=today)[0]:
        periods = [r for p in rest for r in find_ranges(p.lower(), today=today)[0]]
        if len(periods) == 1:
            said.append(periods[0].phrase)
    return " ".join([question, *said])


def _read(text: str, today: date, previous: Query | None) -> Query:
    if (
        previous is not None
        and not previous.is_write
        and (previous.kind not in _FOLLOWABLE or previous.kind in ("label", "events"))
    ):
        previous = None
    if not text.lstrip().lower().startswith(("sql", "run sql", "do sql", "please sql")):
        text = _focus(text, today)  # a story told first: its question
    body = _RUN_SQL.sub("", text, count=1)
    command = parser.command(body, today=today)
    if command is not None and command.name == "unknown" and command.note == W.MISSING["sql"]:
        return Query("sql", text=text, visibility=command.visibility)
    if command is not None and command.name != "unknown":
        composed = compose(text, today=today, previous=previous)
        if composed.choices and previous is None:
            return composed
        return _prefer(from_intent(command), composed)
    composed = compose(text, today=today, previous=previous)
    if command is not None and composed.choices:
        return composed
    if command is not None and composed.kind in ("unknown",) and not composed.choices:
        return from_intent(command)  # the command's own word for what it lacks
    return composed


def _prefer(command: Query, composed: Query) -> Query:
    """A command, unless its words read better as a question: "map my last run" names no
    workout the map command can take, "stats runs by month" has a breakdown, "consistency
    chart" has words the command would have ignored, "help me understand my pace trend" asks
    for something else."""
    ignored = any(n.startswith("Ignored") for n in command.notes)
    if command.kind == "help" and composed.kind not in ("help", "unknown"):
        return composed
    if command.kind == "briefing" and composed.kind == "schedule":
        return composed
    if ignored and composed.kind not in ("unknown",) and not composed.ignored:
        return composed
    if _names_workout(command) and not _names_workout(composed):
        return command  # "why 1": the command reads a short number as the workout's id
    if command.kind == composed.kind and command.kind != "sql":
        # The same kind read both ways: the composed reading keeps every word's slot.
        return composed.but(notes=(*command.notes, *composed.notes)) if ignored else composed
    return command


def _names_workout(query: Query) -> bool:
    ref = query.workout
    return ref is not None and (ref.id is not None or ref.day is not None)


def compose(text: str, *, today: date, previous: Query | None = None) -> Query:
    """A plain question read by its words (see the module docstring)."""
    found = _find(text, today)
    if found is None:  # a whole-message reply: greeting, yes, no
        return _reply(text)
    query = _decide(found, today, previous)
    read_alone = query
    if previous is not None and query.kind not in _ALONE:
        query = _follow(previous, query, found, today)
    if query is read_alone and _weeks_view(found, query):
        weekly = {"measure": "count", "aggregate": "total", "by": "week", "output": "chart"}
        query = Query("summary", text=query.text, periods=tuple(found.periods), **weekly)
    notes = (*found.words.notes, *query.notes)
    return query.but(visibility=found.visibility or query.visibility, notes=notes)


_ALONE = frozenset({"confirm", "cancel", "undo", "greeting", "help", "sql"})


def _reply(text: str) -> Query:
    words = _NOISE.sub(" ", text.lower().replace("’", "'")).replace(",", " ").split()
    bare = " ".join(words).strip(" .!?,")
    if "👍" in text or bare in L.CONFIRMS or _made_of(words, L.CONFIRM_WORDS, L.CONFIRMS):
        return Query("confirm", text=text)
    if bare in L.CANCELS or _made_of(words, L.CANCEL_WORDS, L.CANCELS):
        return Query("cancel", text=text)
    return Query("greeting", text=text)


def _made_of(words: list[str], allowed: frozenset[str], cores: frozenset[str]) -> bool:
    """ "yep, do it", "sounds good, go ahead": only reply words, one of them a reply itself."""
    cleaned = [w.strip(".!?") for w in words]
    said = f" {' '.join(cleaned)} "
    return (
        bool(cleaned)
        and all(w in allowed for w in cleaned)
        and any(f" {core} " in said for core in cores)
    )


def _find(text: str, today: date) -> _Found | None:
    body = _PREFIX.sub("", text, count=1)
    greeted = _GREETING_LEAD.sub("", body, count=1)
    rest = re.findall(r"[a-z']+", greeted.lower())
    if rest and not all(w in L.GREETING_WORDS for w in rest):
        body = greeted  # "hello, how am I doing?" is the question; "hi there" a greeting
    visibility = None
    for pattern, said in _VISIBILITY:
        if pattern.search(body):
            visibility = said
            body = pattern.sub(" ", body)
    if visibility == "public":
        body = re.sub(r"^\s*(?:post|share|put)\b", " ", body, flags=re.I)  # "post X in the channel"
    cased = rewrite(_normalise(body))
    plain = cased.lower()
    bare = plain.strip(" .!?")
    if not bare and "👍" in text:
        return None
    if bare in L.GREETINGS or bare in L.CONFIRMS or bare in L.CANCELS:
        return None
    words = bare.replace(",", " ").split()
    if (
        _made_of(words, L.CONFIRM_WORDS, L.CONFIRMS)
        or _made_of(words, L.CANCEL_WORDS, L.CANCELS)
        or _made_of(words, L.GREETING_WORDS, L.GREETINGS)
    ):
        return None
    # Typos first, so "yesturday" and "febuary" reach the date reader as words it knows.
    said = cased
    tokens, notes = _corrected(plain.split(), cased.split())
    plain = re.sub(r"\bmy (week|month)\b", r"this \1", " ".join(tokens))
    tokens = plain.split()
    cased = _recase(cased, tokens)
    plain = _digits(plain)
    ranges, rest = find_ranges(plain, today=today)
    periods = list(ranges)
    periods += _than_last(plain, periods, today)
    band, rest = _take_band(rest)
    workout_id, rest = _take_id(rest)
    words = _Words(rest.split(), notes=notes)
    _match(words)
    senses = [s for _, _, s in words.senses]
    votes: Counter[str] = Counter()
    for sense in senses:
        if sense.kind:
            votes[sense.kind] += sense.strength
    slots, labels = _slots(senses)
    ever = any(s.hint == "ever" for s in senses)
    return _Found(
        text,
        plain,
        cased,
        words,
        periods,
        workout_id,
        band,
        votes,
        slots,
        labels,
        ever,
        visibility,
        said,
    )


_KEEP_S = frozenset(
    {
        "year's",
        "valentine's",
        "how's",
        "what's",
        "that's",
        "it's",
        "there's",
        "let's",
        "who's",
        "where's",
    }
)


_NUMBER_WORDS = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "a hundred": 100}
_COUNTED = re.compile(
    r"\b(a hundred|one hundred|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?=\s+(?:k|km|kms|kilomet\w+|mi|miles?|days?|weeks?|months?|years?|hours?|minutes?"
    r"|runs?|walks?|rides?|swims?|workouts?)\b)"
)


def _digits(text: str) -> str:
    """Number words before a unit or a count written as digits ("ten kilometres", "the past
    hundred days"), so bands and periods read them like "10 km"."""
    return _COUNTED.sub(lambda m: str(_NUMBER_WORDS.get(m[1], 100)), text)


_APOSTROPHE_DROPPED = frozenset({"yesterdays", "todays", "tonights"})


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    text = _NOISE.sub(" ", text)
    text = _LONE.sub(" ", text)
    tokens = []
    for token in text.split():
        lower = token.lower()
        if lower.endswith("'s") and lower not in L.FILLERS and lower not in _KEEP_S:
            token = token[:-2]
        elif lower in _APOSTROPHE_DROPPED:
            token = token[:-1]  # "yesterdays walk"
        tokens.append(token)
    return " ".join(tokens)


def _recase(cased: str, tokens: list[str]) -> str:
    """The case-kept text with each corrected token replaced by its correction."""
    kept = cased.split()
    if len(kept) != len(tokens):
        return cased
    return " ".join(k if k.lower() == t else t for k, t in zip(kept, tokens))


_DATE_WORDS = (
    "yesterday today tonight january february march april june july august september october "
    "november december monday tuesday wednesday thursday friday saturday sunday week month year "
    "weekend quarter since between ago last past previous recently lately fortnight christmas "
    "summer winter spring autumn jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed"
    " thu thur thurs fri sat sun"
).split()


_COMMON = tuple(
    "how many much this what last year month week help you can did when where why which show"
    " your are please".split()
)


def _corrected(tokens: list[str], cased: list[str]) -> tuple[list[str], list[str]]:
    vocabulary = (*_COMMON, *_DATE_WORDS, *L.vocabulary())  # in order of preference
    cased = cased if len(cased) == len(tokens) else [""] * len(tokens)
    out, notes = [], []
    for i, (token, typed) in enumerate(zip(tokens, cased)):
        # A capitalised word inside a sentence is a name ("holiday in Spain"), not a typo.
        name = i > 0 and typed[:1].isupper() and typed[1:].islower()
        if name or token in L.FILLERS or (token,) in L.LEXICON or token in _DATE_WORDS:
            out.append(token)
            continue
        meant = correct(token, vocabulary)
        if meant:
            notes.append(f"Assumed '{meant}' for '{token}'.")
            out.append(meant)
        else:
            out.append(token)
    return out, notes


def _than_last(plain: str, periods: list[DateRange], today: date) -> list[DateRange]:
    """ "this year than last": the previous one of the same unit, as the second period."""
    if len(periods) != 1 or not _THAN_LAST.search(plain):
        return []
    phrase = periods[0].phrase.lower()
    for unit in ("week", "month", "quarter", "year", "yr"):
        if f"this {unit}" in phrase:
            found, _ = find_ranges(f"last {unit}", today=today)
            return list(found[:1])
        if f"last {unit}" in phrase:  # "less often than last year": this year is the other
            found, _ = find_ranges(f"this {unit}", today=today)
            periods.insert(0, found[0])
            return []
    return []


def _take_id(text: str) -> tuple[int | None, str]:
    found = _ID.search(text)
    if not found:
        return None, text
    return int(found[1] or found[2]), f"{text[: found.start()]} {text[found.end() :]}"


def _take_band(text: str) -> tuple[tuple[float | None, float | None] | None, str]:
    """A distance band in metres: a race ("fastest 5k", "half marathons": that distance up to
    10% more), or an open band ("over 10 km", "5k+", "under 3 miles", "between 5 and 10 km")."""
    race = next(
        (
            m
            for m in _RACE.finditer(text)
            if not re.search(r"(?:/|\bper\s+|\bin\s+)$", text[: m.start()])
        ),
        None,
    )
    if race:
        metres = _RACE_WORDS[race["race"].replace("-", " ")]
        rest = f"{text[: race.start()]} {text[race.end() :]}"
        if race["over"]:
            return (metres, None), rest
        if race["under"]:
            return (None, metres), rest
        return (metres, metres * 1.1), rest
    found = _BAND.search(text)
    if not found:
        return None, text
    size = 1609.344 if found["u"].startswith("mi") else 1000.0
    metres = float(found["n"]) * size
    rest = f"{text[: found.start()]} {text[found.end() :]}"
    if found["n2"]:
        return (metres, float(found["n2"]) * size), rest
    if found["under"] or found["less"]:
        return (None, metres), rest
    if found["over"] or found["plus"] or found["more"]:
        return (metres, None), rest
    metric = not found["u"].startswith("mi")
    if found["u"] in ("k", "ks") or (metric and found["n"] in ("5", "10", "15", "21", "42")):
        return (metres, metres * 1.1), rest  # a race: "my 5k", "runs of 10 km"
    return (metres, None), rest


def _match(words: _Words) -> None:
    """Mark every lexicon phrase, longest first at each position."""
    tokens, i = words.tokens, 0
    while i < len(tokens):
        for size in range(min(L.MAX_PHRASE, len(tokens) - i), 0, -1):
            phrase = tuple(tokens[i : i + size])
            sense = L.LEXICON.get(phrase)
            if sense is not None:
                words.senses.append((i, phrase, sense))
                for j in range(i, i + size):
                    words.used[j] = True
                i += size
                break
        else:
            i += 1


def _slots(senses: list[L.Sense]) -> tuple[dict, list[str]]:
    """The slots the phrases fill (a named measure outranks "how many"), and the classes."""
    slots: dict = {}
    labels: list[str] = []
    rank, aggregate_rank = -1, -1
    for sense in senses:
        for name in ("by", "activity", "unit", "output", "event_kind"):
            value = getattr(sense, name)
            if value is not None and name not in slots:
                slots[name] = value
        # A rate says more than "average" ("average number of walks per month").
        if sense.aggregate and sense.strength > aggregate_rank:
            slots["aggregate"], aggregate_rank = sense.aggregate, sense.strength
        if sense.measure:
            # "how many hours": a named measure outranks "how many"; "length in minutes": a
            # unit word outranks a vague one.
            strength = 0 if sense.measure == "count" else sense.strength
            if strength > rank:
                slots["measure"], rank = sense.measure, strength
        if sense.label and sense.label not in labels:
            labels.append(sense.label)
    return slots, labels


# --- Deciding the kind -------------------------------------------------------------------------


def _decide(found: _Found, today: date, previous: Query | None) -> Query:
    choices = _ambiguous(found, previous)
    if choices:
        return _ask_back(found, choices, today)
    kind = _kind(found)
    return _fill(kind, found, today)


def _kind(found: _Found) -> str:
    """The kind of answer, by rules in order: what the words alone settle (a comparison of two
    periods, outliers in a period, where, a life event's effect, writes), then the named
    analyses by priority, one day, and a summary of whatever else was said."""
    votes, plain, words = found.votes, found.plain, found.words
    strong = [k for k in _KIND_PRIORITY if votes.get(k, 0) >= 2]
    if votes.get("compare") and len(found.labels) >= 2 and len(found.periods) <= 1:
        return "summary"  # "runs vs walks": both classes side by side
    if len(found.periods) >= 2 and not (
        {"consistency", "export", "story", "events", "anomalies"} & set(strong)
        or (words.has("trend", "trends", "trending") and "compare" not in votes)
    ):
        return "compare"
    if (
        found.labels == ["outlier"]
        and found.periods
        and not found.slots
        and ("outliers" in words.tokens)
    ):
        return "anomalies"
    if words.has("where") and not set(strong) - {"routes", "map"}:
        return "routes" if found.day is None else "map"
    if "map" in votes and found.day is not None and not set(strong) - {"map"}:
        return "map"
    if "map" in strong and (words.has("all", "every") or "routes" in votes):
        return "routes"
    if "routes" in strong and "calendar" in strong:
        return "routes"  # "a heatmap of my routes"
    if (
        found.slots.get("event_kind")
        and (
            votes.get("story")
            or words.has("before", "after", "since", "slow", "slowed", "slower", "faster")
        )
        and len(found.periods) < 2
        and not ({"events", "label", "units"} & set(strong))
        and not _is_event_statement(found)
    ):
        return "story"  # "how did the dog change my running", "running before vs after the dog"
    if _LEAD_IN.match(plain) and found.periods and not words.has("remove", "delete"):
        return "events"  # "remember that I hurt my knee on 2024-09-03"
    if _ASKS_UNITS.match(plain) and found.slots.get("unit"):
        return "units"  # "are we in km or miles?"
    if "briefing" in votes and _SCHEDULING.search(plain):
        return "schedule"  # "daily briefing at 7am", "cancel my morning briefing"
    if _REGIME.search(plain) and not found.periods:
        return "story"  # "when did I stop running regularly", "when did my routine fall apart"
    if (
        "events" in strong
        and (found.labels or votes.get("story"))
        and not words.has("add", "remove", "delete", "list", "new", "forget")
    ):
        return "story"  # "how did my life events change my workouts"
    if (
        found.day is not None
        and _DAY_EXISTS.match(plain)
        and not found.slots.get("measure")
        and not set(strong) - {"label", "day"}
    ):
        return "day"  # "was there a walk on May 3rd?", "list yesterday's runs"
    if (
        "label" in strong
        and words.has("remove", "forget", "undo", "delete")
        and (found.day or found.workout_id)
    ):
        return "label"  # "remove the label I set on 2025-10-07"
    if _is_label_write(found) and not ({"why", "events", "units"} & set(strong)):
        return "label"
    if "events" in strong or _is_event_statement(found):
        return "events"
    if ("trend" in strong or words.has("more", "less")) and (
        "consistency" in strong
        and words.has("more", "less", "over", "regularly")
        and len(found.periods) < 2
        and not words.has("consistent", "consistently")
    ):
        return "trend"  # "am I going to the gym more regularly"
    if "records" in strong and "streak" in strong:
        return "streak"  # "record streak"
    for kind in strong:
        if kind != "label":
            return kind
    if (
        found.day is not None
        and not found.slots.get("measure")
        and not found.slots.get("aggregate")
        and (
            _DAY_QUESTIONS.search(plain)
            or _DID_I.search(plain)
            or not (found.slots or found.labels)
            or words.has("workouts", "workout")
        )
    ):
        return "day"
    weak = all(strength < 2 for strength in votes.values())
    said = found.slots.get("measure") or found.labels or found.periods
    if votes and not (weak and said and set(votes) <= {"story"}):
        return votes.most_common(1)[0][0]  # (a name alone, "choco", is no story in a question)
    if found.slots or found.labels or found.band or found.periods or found.ever:
        return "summary"
    if found.workout_id is not None:
        return "why"
    if any(s.hint == "overview" for _, _, s in words.senses):
        return "summary"
    return "unknown"


_TIME_OF_DAY = (
    r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d\d\b|\bat \d{1,2}\b|o'clock"
)
_SCHEDULING = re.compile(
    rf"{_TIME_OF_DAY}|\b(?:schedul\w*|unschedule|unsubscribe|subscribe|cancel|stop|no more"
    r"|turn off|move|join|leave|add me|take me off|remove me|when is|weekdays?|every)\b"
)
_LEAD_IN = re.compile(
    r"\s*(?:(?:could|can|would|will) you\s+)?(?:please\s+)?(?:remember|note|log|record)"
    r"\s+(?:that|down)\b|\s*(?:(?:could|can|would) you\s+)?(?:please\s+)?add\s+(?:an?\s+)?"
    r"(?:new\s+)?(?:life\s+)?event\b"
)
_ASKS_UNITS = re.compile(r"\s*(?:am i|are we|are you|is it|is this)\s+(?:in|on|using)\b")
_REGIME = re.compile(
    r"\bwhen did (?:i|my)\b.*\b(?:regularly|routine|every (?:day|week)|consistently|habit"
    r"|fall apart|fell apart|stop|stopped|quit|become|became)\b"
    r"|\bat what point\b"
)


def _is_label_write(found: _Found) -> bool:
    """ "mark yesterday's walk as a run", "1234 was a run-walk", "my corrections": a class
    said of one named workout, or the label words themselves."""
    if found.words.has("corrections", "correction", "relabelled", "relabeled"):
        return True
    if not found.labels:
        return False
    named = found.workout_id is not None or found.day is not None
    said = _WRITE_LABEL.search(found.plain)
    if named and said:
        return True
    return "label" in found.votes and (named or said is not None)


def _is_event_statement(found: _Found) -> bool:
    """ "we got our dog Choco in August 2018": a dated life event told in words."""
    kinds = found.slots.get("event_kind")
    return (
        bool(kinds)
        and bool(found.periods)
        and bool(
            set(found.words.tokens)
            & {
                "got",
                "adopted",
                "moved",
                "started",
                "began",
                "broke",
                "injured",
                "sprained",
                "relocated",
            }
        )
        and not set(found.votes) - {"story"}  # "we got our dog Choco": a name, not a question
        and not re.match(
            r"\s*(?:how|what|when|did|do|does|is|was|has|have|why|which)\b", found.plain
        )
        and "?" not in found.text
    )


def _ambiguous(found: _Found, previous: Query | None) -> tuple[str, ...]:
    """The kinds to offer when the words alone cannot settle it (corpus README, "Ambiguity"):
    a bare word or two that several kinds answer, with nothing else said."""
    if previous is not None:
        return ()
    words = found.words
    tokens = [t for t, u in zip(words.tokens, words.used) if u or t not in L.FILLERS]
    bare = " ".join(tokens)
    plain = found.plain.strip(" ?!.")
    for phrases, kinds in _ASK_PHRASES:
        if plain in phrases:
            return kinds
    if re.fullmatch(r"(?:19|20)\d\d in review", plain):
        return ("summary", "calendar")
    alone = not (set(words.tokens) & _QUESTION_WORDS) and not found.band
    periods = found.periods
    commands = [k for k in found.votes if found.votes[k] >= 2]
    settled = (
        {"undo"} & set(commands)
        or ({"records", "streak"} <= set(commands) and _first("record", "streak", found.plain))
        or {"briefing", "schedule"} <= set(commands)  # "briefing schedules"
        or ("compare" in commands and len(periods) >= 2)
    )
    if alone and len(commands) >= 2 and len(tokens) == len(commands) and not settled:
        return tuple(commands[:4])
    if found.plain.startswith("sql ") and "export" in commands:
        return ("sql", "export")
    if len(periods) == 2 and not tokens and not re.search(r"\b(?:vs|versus|or|and|than)\b", plain):
        return ("compare", "summary")
    if (
        len(periods) == 2
        and bare in ("runs", "walks")
        and not re.search(r"\b(?:vs|or|than)\b", plain)
    ):
        return ("compare", "summary")
    if bare in ("slow runs", "slow walks"):
        return ("anomalies", "summary")
    if "anomalies" in found.votes and found.slots.get("measure") == "pace" and not found.labels:
        return ("anomalies", "trend")
    if bare == "outliers" and alone and not periods:
        return ("anomalies", "summary")
    if bare in ("glitches", "glitch") and alone:
        return ("anomalies", "summary")
    if bare in ("route", "runs map", "map routes", "walks map"):
        return ("map", "routes")
    if bare in ("pace", "mileage", "walking pace", "milage") and alone and not periods:
        return ("summary", "trend")
    if bare in ("miles", "km", "kilometres", "kilometers", "mi", "kms") and alone and not periods:
        return ("units", "summary")
    if not tokens and len(periods) == 1 and found.day is None and not found.band:
        phrase = periods[0].phrase.lower()
        if re.search(r"\b(?:19|20)\d\d\b", phrase) or "year" in phrase or "yr" in phrase:
            return ("summary", "calendar")
    if alone and not periods:
        if bare in ("dog", "puppy", "move", "injury", "the dog", "the puppy", "the move"):
            return ("story", "events")
        if found.slots.get("event_kind") and not found.votes and not found.labels:
            return ("story", "events")  # "the new job", "my knee injury"
        if bare == "stop":
            return ("cancel", "schedule")
        if bare == "remove":
            return ("events", "label", "schedule")
        if bare in ("fix it", "fix"):
            return ("label", "undo")
        if bare in ("best", "fastest"):
            return ("records", "summary")
        if bare == "longest":
            return ("streak", "summary")
    one_thing = len(tokens) == 1 or len(found.words.senses) == 1
    if found.day is not None and alone and one_thing and found.labels and not found.votes:
        if found.plain.startswith("the "):
            return ("day", "map", "why")
        return ("day", "map")
    if found.workout_id is not None and not tokens and not periods:
        return ("map", "why")
    return ()


_QUESTION_WORDS = frozenset(
    "what what's whats how how's when which show list give tell did do does is are was am can"
    " i any".split()
)
_ASK_PHRASES = (
    ({"my year", "my year so far"}, ("summary", "calendar")),
    (
        {"how am i doing", "am i on track", "how am i getting on"},
        ("briefing", "consistency", "trend"),
    ),
    ({"how's my running going", "how is my running going"}, ("consistency", "summary", "trend")),
    ({"morning", "what's up", "whats up"}, ("greeting", "briefing")),
    ({"anything new", "highlights", "any highlights"}, ("briefing", "records")),
    ({"what is my best", "what's my best", "my best"}, ("records", "summary")),
)


def _first(word: str, other: str, text: str) -> bool:
    """Whether ``word`` comes before ``other`` in ``text`` ("record streak", not "streak
    records")."""
    return 0 <= text.find(word) < text.find(other)


def _ask_back(found: _Found, kinds: tuple[str, ...], today: date) -> Query:
    """An ``unknown`` query offering each reading, filled from the same words, so choosing one
    answers the question without asking it again."""
    choices = tuple(
        Choice(W.CANONICAL.get(_COMMAND_OF.get(k, k), k), _fill(k, found, today).but(ignored=()))
        for k in kinds[:4]
    )
    asked = " or ".join(c.text for c in choices)
    note = f"That could be {asked}; which one did you mean?"
    return Query("unknown", text=found.text, notes=(note,), choices=choices)


_COMMAND_OF = {"trend": "trends", "story": "choco_effect", "summary": "stats"}


# --- Filling what each kind needs -------------------------------------------------------------


def _fill(kind: str, found: _Found, today: date) -> Query:
    """The query of ``kind`` with what that kind takes from the words."""
    slots = dict(found.slots)
    base = {"text": found.text, "ignored": tuple(dict.fromkeys(found.words.leftover()))}
    band = {}
    if found.band:
        band = {"min_distance_m": found.band[0], "max_distance_m": found.band[1]}
    periods = () if found.ever else tuple(found.periods)
    output = slots.pop("output", "text")
    unit = slots.pop("unit", None)
    activity = slots.pop("activity", None)
    event_kind = slots.pop("event_kind", None)
    labels = tuple(found.labels)
    common = {"output": output, "unit": unit, "activity": activity, "classes": labels, **band}
    selection = {"periods": periods, **common, **base}
    if kind == "summary":
        return Query("summary", **_summary_slots(found, slots), **selection)
    if kind == "day":
        ref = WorkoutRef(day=found.day, label=labels[0] if labels else None)
        return Query("day", workout=ref, output=output, unit=unit, **base)
    if kind == "trend":
        return Query("trend", measure=_trend_measure(found, slots), **selection)
    if kind == "compare":
        aggregate = slots.get("aggregate")
        aggregate = (
            aggregate if aggregate in ("average", "total", "per_week", "per_month") else None
        )
        return Query(
            "compare", measure=_compare_measure(found, slots), aggregate=aggregate, **selection
        )
    if kind == "anomalies":
        classes = tuple(c for c in labels if c != "outlier")
        return Query(
            "anomalies", measure=_anomaly_measure(found, slots), **{**selection, "classes": classes}
        )
    if kind in ("consistency", "records", "routes"):
        return Query(kind, **selection)
    if kind == "streak":
        best = found.words.has("longest", "best", "record", "biggest", "top")
        weekly = found.words.has("weeks", "week", "weekly")
        return Query(
            "streak", aggregate="best" if best else None, by="week" if weekly else None, **selection
        )
    if kind == "calendar":
        year = periods[0].start.year if periods and periods[0].start else None
        return Query("calendar", year=year, classes=labels, output=output, **base)
    if kind == "story":
        return _story(found, labels, event_kind, output, base)
    if kind == "briefing":
        day = tuple(found.periods[:1]) if found.day else ()
        return Query("briefing", periods=day, unit=unit, **base)
    if kind in ("why", "map"):
        return _one_workout(kind, found, slots, labels, periods, base, common)
    if kind == "label":
        return _label(found, labels, base)
    if kind == "events":
        return _event(found, event_kind, base)
    if kind == "units":
        said = unit or ("km" if found.words.has("metric") else None)
        asking = re.match(r"\s*(?:am i|are we|are you|is it|do i|do you)\b", found.plain)
        if said and (found.words.has("or", "which", "what") or asking):
            said = None  # "am I on miles or km?" asks, it does not set
        return Query("units", action="set" if said else "show", unit=said, **base)
    if kind == "schedule":
        return Query("schedule", action=_schedule_action(found), **base)
    if kind == "training":
        action = next(
            (s.action for _, _, s in found.words.senses if s.kind == "training" and s.action),
            "form",
        )
        # A race distance says which race or effort, not a band of workouts to filter by.
        selection = {**selection, "min_distance_m": None, "max_distance_m": None}
        if action == "year":
            year = periods[0].start.year if periods and periods[0].start else today.year
            return Query("training", action="year", year=year, **{**selection, "periods": ()})
        return Query("training", action=action, **selection)
    if kind == "goal":
        return _goal(found, labels, unit, base)
    if kind == "model":
        retrain = found.words.has("retrain", "train", "refit", "rebuild")
        # The selection is kept so the answer can say back what a model of everything ignores.
        return Query("model", action="retrain" if retrain else "show", **selection)
    if kind == "export":
        fmt = output if output in ("csv", "json") else None
        return Query(
            "export", format=fmt, periods=periods, classes=labels, activity=activity, **band, **base
        )
    return Query(kind, **base)


def _summary_slots(found: _Found, slots: dict) -> dict:
    """A summary's measure, aggregate and breakdown, with the defaults the corpus names."""
    measure, aggregate, by = slots.get("measure"), slots.get("aggregate"), slots.get("by")
    words = found.words
    if measure == "frequency":  # "how often" in a summary is a count per week
        measure, aggregate = "count", aggregate or "per_week"
    if found.slots.get("unit") and measure in (None, "count"):
        measure = "distance"  # "how many km", "total miles", "kms walked"
    if found.votes.get("compare") and len(found.labels) >= 2 and by in (None, "class"):
        # "runs vs walks": the classes side by side.
        kept = aggregate if aggregate not in (None, "list") else "total"
        return {"measure": measure or "count", "aggregate": kept, "by": "class"}
    overview = any(s.hint == "overview" for _, _, s in words.senses)
    named = bool(found.labels or found.slots.get("activity") or found.band) or words.has(
        "workouts", "workout", "activities", "sessions", "times"
    )
    listing = words.has("show", "list") or bool(_DAY_QUESTIONS.search(found.plain))
    if not (measure or aggregate or by) and found.periods and listing and not overview:
        return {"measure": None, "aggregate": "list", "by": None}
    if aggregate in ("per_week", "per_month") and words.has("most", "best", "biggest"):
        # "most km in a month": the best month, not a monthly rate.
        aggregate, by = "best", "week" if aggregate == "per_week" else "month"
    if not (measure or aggregate or by) and (overview or not named):
        return {"measure": None, "aggregate": None, "by": None}
    if aggregate in ("best", "worst") and not by:
        by = _ranked_unit(found)
    if aggregate in ("latest", "first", "list"):
        return {
            "measure": None if measure == "count" else measure,
            "aggregate": aggregate,
            "by": by,
        }
    if aggregate in ("best", "worst") and by and not measure:
        busiest = words.has(
            "busiest", "quietest", "laziest", "most", "least", "active", "usually", "mostly"
        ) or by in ("weekday", "hour")
        return {"measure": "count" if busiest else None, "aggregate": aggregate, "by": by}
    if measure is None and aggregate in ("per_week", "per_month", "average", "total"):
        if not named and aggregate in ("per_week", "per_month"):
            return {"measure": None, "aggregate": aggregate, "by": by}
        measure = "count"
    if measure is None and aggregate in ("best", "worst"):
        measure = "distance"
    if measure is None and by:
        measure = "count"
    if measure is None:
        return {"measure": None, "aggregate": "list", "by": None}
    if aggregate is None:
        aggregate = "average" if measure == "pace" else "total"
    if measure == "pace" and aggregate in ("per_month", "per_week") and not by:
        by, aggregate = ("month" if aggregate == "per_month" else "week"), "average"
    return {"measure": measure, "aggregate": aggregate, "by": by}


def _ranked_unit(found: _Found) -> str | None:
    """ "best running month", "most km in a week": the calendar unit a best is ranked by."""
    for token, used in zip(found.words.tokens, found.words.used):
        if not used and token in ("week", "month", "year"):
            return token
    return None


def _anomaly_measure(found: _Found, slots: dict) -> str | None:
    words = found.words
    if found.slots.get("measure") == "duration" or words.has("hours", "minutes"):
        return "duration"  # "unusually long workouts by time"
    if words.has("slow", "fast", "slower", "faster", "pace"):
        return "pace"
    if words.has("long", "short", "longer", "shorter", "distance", "far"):
        return "distance"
    measure = slots.get("measure")
    return measure if measure in ("pace", "distance", "duration") else None


def _trend_measure(found: _Found, slots: dict) -> str | None:
    """What a trend is of, by its words; None when none is said (the engine's default)."""
    words, plain = found.words, found.plain
    if words.has("often", "regularly", "frequency", "frequently"):
        return "frequency"
    if words.has("calories", "kcal"):
        return "calories"
    if re.search(r"\b(?:more|less) time\b|\btaking (?:longer|less)\b|\bspending\b", plain) or (
        words.has("hours", "duration", "minutes")
    ):
        return "duration"
    measure = slots.get("measure")
    if measure == "pace" or words.has("pace"):
        return "pace"  # "pace trend in min/km": the unit says how pace is shown
    if words.has("longer", "further", "farther", "shorter", "mileage", "milage", "distance") or (
        found.slots.get("unit")
    ):
        return "distance"
    if measure in (None, "count") and slots.get("aggregate") in ("per_week", "per_month"):
        return "frequency"  # "trend of workouts per week"
    if measure in ("pace", "distance", "duration", "calories", "frequency"):
        return measure
    if words.has(
        "faster", "slower", "quicker", "slowing", "speeding", "improving", "improve", "slowed"
    ):
        return "pace"
    return None


_UNIT_NOUN = re.compile(r"(?<!\bin )\b(?:km|kms|kilomet(?:re|er)s|miles|mileage)\b")


def _compare_measure(found: _Found, slots: dict) -> str | None:
    words, plain = found.words, found.plain
    if "more often" in plain or words.has("often", "regularly"):
        return "frequency"
    if words.has("farther", "further") or re.search(r"\bmore (?:km|kms|miles|distance)\b", plain):
        return "distance"
    if words.has("faster", "slower", "pace", "quicker"):
        return "pace"
    if words.has("longer", "hours", "time"):
        return "duration"
    if words.has("calories", "kcal"):
        return "calories"
    if re.search(r"\bmore (?:runs|walks|rides|swims|workouts|dog walks|activities)\b", plain):
        return "count"
    measure = slots.get("measure")
    if measure in ("count", "distance", "duration", "pace", "calories"):
        return measure
    if _UNIT_NOUN.search(plain):
        return "distance"  # "bike km 2024 vs 2025": the km are what is compared ("in km" is not)
    return None


def _story(found: _Found, labels, event_kind, output, base) -> Query:
    steered = _story_step(found, labels, base)
    if steered is not None:
        return steered
    name = None
    match = re.match(r"^\s*choco[\s-]*effect\s+(.+)$", found.cased, re.I)
    said_more = found.slots.get("measure") or (
        match and re.match(r"(?:on|for|of|in|with|and)\b", match[1], re.I)
    )
    if match and not labels and not found.periods and not said_more:
        name = match[1].strip(_NAME_EDGES)
    measure = None
    if found.words.has("regularly", "often", "routine", "every") or "every day" in found.plain:
        measure = "frequency"
    elif found.words.has("pace", "slow", "slower", "faster"):
        measure = "pace"
    elif found.words.has("mileage", "distance", "farther", "further", "longer", "shorter"):
        measure = "distance"
    if found.words.has("routine") and not labels:
        measure = None
    if found.words.has("turning", "changes"):
        event_kind = None  # "turning points in my training": change points, not an event
    return Query(
        "story",
        event_name=name,
        event_kind=None if name else event_kind,
        classes=tuple(labels),
        measure=measure,
        output=output,
        **base,
    )


_GOAL_AMOUNT = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(km|k|kms|kilomet(?:re|er)s?|mi|mile|miles|h|hrs?|hours?|min|minutes?"
    r"|workouts?|runs?|walks?|sessions?|times?)?\b"
)
_GOAL_PERIOD = re.compile(
    r"\b(?:a|per|each|every|this|in a|in the)\s+(week|month|year)\b"
    r"|\b(weekly|monthly|yearly|annually)\b"
)
_GOAL_VERBS = {"remove", "delete", "drop", "forget", "cancel", "stop", "set", "add", "new"}
_PER = {"weekly": "week", "monthly": "month", "yearly": "year", "annually": "year"}


def _goal(found: _Found, labels, unit, base) -> Query:
    """ "goal 20 km a week of running", "goal 150 workouts this year", "my goals", "drop my
    running goal": a goal set (measure, target in SI units, period as ``by``), removed, or the
    goals listed with their progress."""
    plain = found.plain
    base = {**base, "ignored": tuple(w for w in base["ignored"] if w not in _GOAL_VERBS)}
    if found.words.has("remove", "delete", "drop", "forget", "cancel", "stop"):
        return Query("goal", action="remove", classes=tuple(labels), **base)
    amount = next((m for m in _GOAL_AMOUNT.finditer(plain) if not re.match(r"\d{4}$", m[1])), None)
    if amount is None:
        return Query("goal", action="list", classes=tuple(labels), **base)
    number, word = float(amount[1].replace(",", ".")), (amount[2] or "").lower()
    period_match = _GOAL_PERIOD.search(plain)
    period = "week"
    if period_match:
        period = period_match[1] or _PER[period_match[2]]
    if word in ("km", "k", "kms") or word.startswith("kilomet"):
        measure, target, unit = "distance", number * 1000.0, "km"
    elif word in ("mi", "mile", "miles"):
        measure, target, unit = "distance", number * 1609.344, "mi"
    elif word in ("h", "hr", "hrs", "hour", "hours"):
        measure, target = "duration", number * 3600.0
    elif word.startswith("min"):
        measure, target = "duration", number * 60.0
    else:
        measure, target = "count", number
        if word.startswith("run") and "run" not in labels:
            labels = [*labels, "run"]
        if word.startswith("walk") and "walk" not in labels:
            labels = [*labels, "walk"]
    return Query(
        "goal",
        action="set",
        measure=measure,
        target=target,
        by=period,
        classes=tuple(labels),
        unit=unit,
        **base,
    )


def _story_step(found: _Found, labels, base) -> Query | None:
    """The steps around an unnamed story (its buttons, typed or clicked): the other changes,
    another date, naming the change; and a story told at a date ("before and after March
    2019"), whose date is then the turning point, not a filter."""
    plain = found.plain
    if re.search(r"\b(?:other|all|the)\s+changes\b|\bshow\s+(?:me\s+)?changes\b", plain):
        return Query("story", action="changes", **base)
    if re.search(r"\b(?:pick|choose|another|other|different)\s+(?:another\s+)?date\b", plain):
        return Query("story", action="pick_date", **base)
    day = found.periods[0].start if found.periods else None
    if re.match(r"\s*name\s+(?:the|this|that)\s+change\b", plain):
        return Query("story", action="name", event_date=day, **base)
    at = re.search(r"\bbefore\s+and\s+after\s+(?:in\s+|of\s+|on\s+)?(.+?)\s*[?.!]*$", plain)
    if at and day is not None and len(found.periods) == 1:
        return Query("story", event_date=day, classes=tuple(labels), **base)
    return None


def _one_workout(kind, found: _Found, slots, labels, periods, base, common) -> Query:
    if found.workout_id is not None:
        return Query(kind, workout=WorkoutRef(id=found.workout_id), output=common["output"], **base)
    if found.day is not None:
        ref = WorkoutRef(day=found.day, label=labels[0] if labels else None)
        return Query(kind, workout=ref, output=common["output"], **base)
    aggregate = slots.get("aggregate")
    measure = slots.get("measure")
    if aggregate in ("latest", "first"):
        measure = None
    return Query(kind, measure=measure, aggregate=aggregate, periods=periods, **common, **base)


def _label(found: _Found, labels, base) -> Query:
    words = found.words
    unsure = words.has("review", "uncertain", "unsure") or re.search(
        r"\bleast\s+(?:sure|confident|certain)\b", found.plain
    )
    if unsure and not (found.workout_id or found.day):
        return Query("label", action="review", **base)  # the least sure labels, to check
    if (
        words.has("corrections", "correction", "relabelled", "relabeled")
        and not (found.workout_id or found.day)
        and not words.has("forget", "remove")
    ):
        return Query("label", action="list", **base)
    if words.has("forget", "remove", "undo", "delete") and (found.workout_id or found.day):
        ref = WorkoutRef(id=found.workout_id) if found.workout_id else WorkoutRef(day=found.day)
        return Query("label", action="remove", workout=ref, **base)
    current, new = _label_pair(found, labels)
    if found.workout_id is not None:
        ref = WorkoutRef(id=found.workout_id)
    else:
        ref = WorkoutRef(day=found.day, label=current)
    if new is None and found.workout_id is not None:
        return Query("label", action="choose", workout=ref, **base)  # "label 1234": which?
    return Query("label", action="set", workout=ref, new_label=new, **base)


def _label_pair(found: _Found, labels: list[str]) -> tuple[str | None, str | None]:
    """(the class the workout has now, the class it should have) from the order and negations
    of the class words: "mark X as Y", "X was actually Y", "wasn't X, it was Y", "Y, not X"."""
    if not labels:
        return None, None
    if len(labels) == 1:
        return None, labels[0]
    positions = {}
    for i, _, sense in found.words.senses:
        if sense.label and sense.label not in positions:
            positions[sense.label] = i
    first, second = labels[0], labels[1]
    tokens = found.words.tokens
    negated = {t for i, t in enumerate(tokens) if t in ("not", "wasn't", "isn't")}
    if negated:
        before_second = tokens[: positions.get(second, 0)]
        if "not" in before_second[-2:] or "isn't" in before_second[-2:]:
            return second, first  # "a bike ride, not a run"
        return first, second  # "wasn't a walk, it was a run"
    return first, second


def _event(found: _Found, event_kind, base) -> Query:
    words = found.words
    if set(words.tokens) & _EVENT_REMOVE:
        name = _event_name(found, remove=True)
        return Query("events", action="remove", event_name=name, **base)
    if not found.periods and not (set(words.tokens) & _EVENT_ADD):
        return Query("events", action="list", **base)
    day = found.periods[0].start if found.periods else None
    name = _event_name(found)
    return Query(
        "events",
        action="add",
        event_name=name,
        event_date=day,
        event_kind=event_kind or "other",
        **{**base, "ignored": ()},
    )


_REMOVE_LEAD = re.compile(
    r"^\s*(?:(?:please|events?|life|remove|delete|drop|forget|the|my|called|named)\b\W*)+",
    re.I,
)


def _event_name(found: _Found, *, remove: bool = False) -> str | None:
    # As typed, so a name keeps its words ("holiday in Spain"); corrected when a typo was in
    # the date ("febuary 2019"), which must be found to be cut out.
    text = found.said or found.cased
    if any(p.phrase.lower() not in text.lower() for p in found.periods):
        text = found.cased
    if remove:
        # "events remove New job", "delete my life event called New job", "forget the Move event"
        text = _REMOVE_LEAD.sub("", text, count=1)
        text = re.sub(r"\s+(?:life\s+)?event\W*$", "", text, flags=re.I)
        return text.strip(_NAME_EDGES) or None
    text = _EVENT_LEAD.sub("", text, count=1)
    for period in found.periods:
        phrase = period.phrase
        at = text.lower().find(phrase.lower())
        if at >= 0:
            head = _PERIOD_PREPOSITION.sub("", text[:at])
            text = f"{head} {text[at + len(phrase) :]}"
    text = re.sub(r"^\s*(?:on|in|for|at)\b", "", text, flags=re.I)
    text = " ".join(text.split()).strip(_NAME_EDGES)
    return text or None


def _schedule_action(found: _Found) -> str:
    tokens, plain = set(found.words.tokens), found.plain
    if tokens & {"snooze"} or re.search(r"\b(?:skip|not) today\b", plain):
        return "snooze"
    if tokens & {"join", "subscribe"} or re.search(r"\badd me\b", plain):
        return "join"
    if tokens & {"leave"} or re.search(r"\b(?:take|remove) me off\b", plain):
        return "leave"
    removing = {"stop", "unschedule", "cancel", "remove", "delete", "unsubscribe"}
    if tokens & removing or re.search(r"\bno more\b|\bturn (?:it |them )?of+\b|\boff\b", plain):
        return "remove"
    if tokens & {"schedules", "list"} or re.search(r"\bwhen is\b", plain):
        return "list"
    return "set"


# --- Follow-ups ----------------------------------------------------------------------------------


def _follow(previous: Query, query: Query, found: _Found, today: date) -> Query:
    """``query`` read as a change to ``previous`` when it is a fragment (corpus README,
    "Follow-ups"); a whole question of its own is returned as it is."""
    pending = _amend(previous, query, found)
    if pending is not None:
        return pending
    if previous.is_write:
        return query  # a change asked for is no selection to build on ("use km", then a question)
    if not _is_fragment(query, found, previous):
        return query
    changes = {}
    shift = _SHIFT.search(found.plain)
    if found.ever:
        changes["periods"] = ()
    elif shift and previous.kind == "day" and previous.workout and previous.workout.day:
        unit = shift["unit"] or shift["unit2"]
        day = previous.workout.day - timedelta(days=7 if unit == "week" else 1)
        return previous.but(text=query.text, workout=replace(previous.workout, day=day))
    elif shift:
        unit = shift["unit"] or shift["unit2"]
        changes["periods"] = tuple(_shift(p, unit) for p in previous.periods)
    elif query.periods:
        changes["periods"] = query.periods
    if previous.kind == "day" and found.day is not None and previous.workout is not None:
        # "and on Tuesday?" after "what did I do yesterday?": the same question of another day
        return previous.but(text=query.text, workout=replace(previous.workout, day=found.day))
    if previous.kind == "calendar" and changes.get("periods"):
        start = changes.pop("periods")[0].start
        changes["year"] = start.year if start else previous.year
    if query.classes:
        if found.words.has("too", "also") or "as well" in found.plain:
            changes["classes"] = tuple(dict.fromkeys((*previous.classes, *query.classes)))
        else:
            changes["classes"] = query.classes
    elif found.words.has("everything") or "all workouts" in found.plain:
        changes["classes"] = ()
    for name in ("unit", "activity", "by"):
        value = getattr(query, name)
        if value:
            changes[name] = value
    if found.slots.get("measure"):
        changes["measure"] = found.slots["measure"]
        if changes["measure"] == "count" and found.slots.get("unit"):
            changes["measure"] = "distance"  # "how many km?"
        if previous.kind == "summary" and previous.aggregate in ("list", None):
            # "how many?" after a list: a count of what was listed
            changes["aggregate"] = "average" if changes["measure"] == "pace" else "total"
    if found.slots.get("aggregate"):
        changes["aggregate"] = found.slots["aggregate"]
    if query.output in ("csv", "json") and previous.kind == "export":
        changes["format"] = query.output  # "as json" after an export
    elif query.output != "text":
        changes["output"] = query.output
    if found.band:
        changes["min_distance_m"], changes["max_distance_m"] = found.band
    if query.kind in ("summary", "unknown") or query.kind == previous.kind:
        merged = previous.but(text=query.text, ignored=query.ignored, **changes)
        return merged
    return _switch(previous, query, changes)


_SHIFT = re.compile(
    r"\b(?:the )?(?P<unit>day|week|month|year|quarter) before\b"
    r"|\bprevious (?P<unit2>day|week|month|year|quarter)\b"
)
# Kinds that answer about a selection of workouts, and so can take the previous one.
_SELECTING = frozenset(
    {"summary", "trend", "anomalies", "consistency", "streak", "records", "routes", "export"}
)


def _amend(previous: Query, query: Query, found: _Found) -> Query | None:
    """A correction of a write just asked for ("actually, make it a run-walk", "actually it was
    2019-01-22"): the same write with what the correction names; None when it is not one."""
    if not _AMENDING.match(found.plain):
        return None
    if previous.kind == "label" and previous.action == "set" and found.labels:
        return previous.but(text=query.text, new_label=found.labels[-1])
    if previous.kind == "events" and previous.action == "add" and found.periods:
        return previous.but(text=query.text, event_date=found.periods[0].start)
    said = found.slots.get("unit") or ("km" if found.words.has("metric") else None)
    if previous.kind == "units" and previous.action == "set" and said:
        return previous.but(text=query.text, unit=said)
    return None


# "actually, make it a run-walk", "oops, I meant gym", "hmm, make the date 2018-07-20"
_AMENDING = re.compile(
    r"\s*(?:(?:hmm+|oops|ah|oh|well|no|sorry|wait|ok)\b[\s,.!]*)*"
    r"(?:actually|i mean|i meant|make (?:it|that|the)|change (?:it|that|the)|it was|it's|no\b"
    r"|wait\b|sorry\b|instead)"
    r"|.*\binstead\b"
)


def _shift(period: DateRange, unit: str) -> DateRange:
    """``period`` one ``unit`` earlier: "the month before?" after last month."""
    if unit == "year" or period.start is None or period.end is None:
        return _shift_year(period)
    if unit in ("month", "quarter"):
        months = 1 if unit == "month" else 3
        start = _first_of_month_back(period.start, months)
        whole = period.start.day == 1 and (period.end + timedelta(days=1)).day == 1
        if whole:  # a whole month stays a whole month
            end = _first_of_month_back(period.end + timedelta(days=1), months) - timedelta(days=1)
        else:
            end = _first_of_month_back(period.end, months)
        return replace(period, start=start, end=end)
    days = 7 if unit == "week" else 1
    return replace(
        period, start=period.start - timedelta(days=days), end=period.end - timedelta(days=days)
    )


def _first_of_month_back(day: date, months: int) -> date:
    """``day`` ``months`` months back, kept within the month it lands in."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = (date(year + (month == 11), (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month + 1, min(day.day, last))


def _weeks_view(found: _Found, query: Query) -> bool:
    """Whether the question asks for the weeks chart (see :data:`_WEEKS_VIEW`): its words, a
    summary, and nothing narrower said (no class, activity, band or measure)."""
    return (
        (query.kind == "summary" or (query.kind == "unknown" and not query.choices))
        and bool(_WEEKS_VIEW.match(found.plain.strip(" .!?")))
        and not (found.labels or found.band or query.activity or found.slots.get("measure"))
    )


def _is_fragment(query: Query, found: _Found, previous: Query) -> bool:
    if _FOLLOW_UP.match(found.plain):
        return True
    bare = found.plain.strip(" .!?")
    if _WEEKS_VIEW.match(bare) and not _WEEKS_ALONE.match(bare):
        return False  # "show my last 8 weeks" asks afresh; "last 8 weeks" may be a new period
    if query.kind in ("why", "map", "label") and not _names_workout(query) and not query.periods:
        return True
    if query.kind == "compare" and (
        len(found.periods) == 1 or re.match(r"\s*(?:compared?|vs|versus|against)\b", found.plain)
    ):
        return True
    content = [t for t in found.words.tokens if t not in L.FILLERS and t not in ("there", "them")]
    if (
        query.kind in _SELECTING
        and not (query.periods or query.classes or found.band or query.activity)
        and len(content) <= 2
    ):
        return True  # "any anomalies?" after "how many runs in 2019": of those runs
    if query.kind == "trend" and len(found.plain.split()) <= 6:
        return True
    if previous.kind == "compare" and query.kind != "compare" and found.periods:
        return False  # "how many runs in 2019" after a comparison: a question of its own
    tokens = [t for t in found.words.tokens if t not in L.FILLERS]
    return query.kind in ("summary", "unknown") and len(tokens) + len(found.periods) <= 3


_IT = re.compile(r"\b(?:it|that)\b")


def _switch(previous: Query, query: Query, changes: dict) -> Query:
    """A follow-up of another kind keeps the previous selection (classes, periods, unit...)."""
    selection = ("classes", "activity", "periods", "unit", "min_distance_m", "max_distance_m")
    keep = {name: getattr(previous, name) for name in selection}
    keep.update({k: v for k, v in changes.items() if k in keep})
    kind = query.kind
    if kind == "compare" and previous.kind in ("consistency", "streak", "anomalies"):
        # "compared to last year?" after "how consistent was I this year?"
        periods = (
            query.periods if len(query.periods) == 2 else (*previous.periods[:1], *query.periods)
        )
        return previous.but(text=query.text, periods=periods)
    one = previous.workout is not None or previous.aggregate in ("latest", "first", "best", "worst")
    if kind == "routes" and one and _IT.search(query.text.lower()):
        kind, query = "map", query.but(kind="map")  # "where was it?" after "my last run"
    if kind == "map" and not one and previous.kind in _SELECTING:
        kind, query = "routes", query.but(kind="routes")  # "map them" after a list of runs
    if kind == "compare":
        periods = (
            query.periods if len(query.periods) >= 2 else (*previous.periods[:1], *query.periods)
        )
        return query.but(
            measure=previous.measure, aggregate=previous.aggregate, **{**keep, "periods": periods}
        )
    if kind == "trend":
        measure = changes.get("measure") or previous.measure or query.measure
        return query.but(measure=measure, aggregate=None, by=None, **keep)
    if kind in ("why", "map", "label"):
        if previous.workout is not None:
            workout = previous.workout
            if kind != "label" and query.classes:  # "why was that a walk?": the class it has
                workout = replace(workout, label=query.classes[0])
            return query.but(workout=workout, classes=() if kind != "label" else query.classes)
        chosen = {"workout": None} if not _names_workout(query) else {}
        if previous.aggregate in ("latest", "first", "best", "worst"):
            return query.but(
                measure=previous.measure, aggregate=previous.aggregate, **keep, **chosen
            )
        return query.but(**keep, **chosen)
    return query.but(**keep)


def _shift_year(period: DateRange) -> DateRange:
    def back(day: date | None) -> date | None:
        if day is None:
            return None
        try:
            return day.replace(year=day.year - 1)
        except ValueError:
            return day - timedelta(days=365)

    return replace(period, start=back(period.start), end=back(period.end))


# --- Commands -----------------------------------------------------------------------------------

_KIND_OF = {
    "help": "help",
    "unknown": "unknown",
    "choco_effect": "story",
    "briefing": "briefing",
    "anomalies": "anomalies",
    "trends": "trend",
    "calendar": "calendar",
    "consistency": "consistency",
    "stats": "summary",
    "records": "records",
    "why": "why",
    "label": "label",
    "model": "model",
    "events": "events",
    "sql": "sql",
    "export": "export",
    "units": "units",
    "compare": "compare",
    "map": "map",
    "routes": "routes",
}
_MEASURE_OF = {
    "pace": "pace",
    "distance": "distance",
    "duration": "duration",
    "workouts_per_week": "frequency",
}


def from_intent(intent: Intent) -> Query:
    """The query a command reads as: the same one its plain-words question would give."""
    kind = _KIND_OF[intent.name]
    periods = tuple(intent.ranges) or ((intent.range,) if intent.range else ())
    classes = (intent.label,) if intent.label and kind != "why" else ()
    workout = intent.workout
    if kind == "why" and workout is not None and intent.label and not workout.label:
        workout = WorkoutRef(workout.id, workout.day, intent.label)
    measure = _MEASURE_OF.get(intent.metric) if intent.metric else None
    aggregate = None
    action = intent.action
    if kind == "summary":
        measure = "count" if intent.action == "count" else measure
        aggregate = "total" if measure == "count" else None
        action = None
    if kind == "label":
        action = "set"
    if kind == "units":
        action = "set" if intent.unit else "show"
    if kind == "calendar" and intent.year is None and periods and periods[0].start:
        intent = replace(intent, year=periods[0].start.year)
    if kind == "calendar":
        periods = ()
    if kind in ("records", "anomalies", "consistency", "routes"):
        measure = None  # their commands read a metric word they do not use
    notes = (intent.note,) if intent.note else ()
    return Query(
        kind,
        text=intent.text,
        measure=measure,
        aggregate=aggregate,
        classes=classes,
        periods=periods,
        unit=intent.unit,
        workout=workout,
        new_label=intent.new_label,
        action=action,
        event_name=intent.event_name,
        event_date=intent.event_date,
        year=intent.year,
        sql=intent.sql,
        format=intent.format,
        visibility=intent.visibility,
        notes=notes,
        suggestions=intent.suggestions,
    )
