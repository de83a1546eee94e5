"""The parser's vocabulary: command words (derived from the commands declared in
:mod:`bot.language.intent`), metric and class words, the keywords that reveal a plain-language
question, what a command lacks, and the small look-ups over them (typo matching, keyword
scores, the command word, visibility).

Kept apart from ``bot.language.parser`` so the words can grow without touching the parsing logic.
"""

from __future__ import annotations

import difflib
import re

from bot.language.intent import COMMANDS as DECLARED

# Derived from the declarations in bot.language.intent: first word -> intent, intent -> the
# word that shows it, intent -> (syntax, example) offered when a request was unclear.
COMMANDS = {word: command.name for command in DECLARED for word in command.words}
CANONICAL = {command.name: command.words[0] for command in DECLARED}
USAGE = {command.name: (command.syntax, command.example) for command in DECLARED}
# What a command lacks, said with an example that works.
MISSING = {
    "why": "'why' needs a workout: an id or a day, e.g. why 1234, why yesterday's run.",
    "label": "'label' needs a workout (an id or a day) and a class, e.g. label 1234 walk.",
    "label class": "'label' needs a class: run, walk, run-walk or outlier, e.g. label 1234 walk.",
    "model": "'model' takes show or retrain.",
    "events add": "'events add' needs a date and a name, e.g. events add 2018-06-01 Choco.",
    "events remove": "'events remove' needs the event's name, e.g. events remove Choco.",
    "units": "'units' takes mi or km (or nothing, to show the current one).",
    "compare": "'compare' needs two periods, e.g. compare 2017 and 2023.",
    "sql": "'sql' needs a statement, e.g. sql SELECT count(*) FROM workouts.",
    "map": "'map' needs a workout: an id or a day, e.g. map 1234, map yesterday's run.",
}
DEFAULT_SUGGESTIONS = ("help", "anomalies", "stats", "why")
# What to offer when a command lacks an argument: the command first, then its neighbours.
RELATED = {command.name: command.related for command in DECLARED if command.related}


def _words(pattern: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.I)


def _table(pairs: tuple[tuple[str, str], ...]) -> re.Pattern:
    """One regex whose ``lastgroup`` names the entry that matched, earliest in the text first."""
    return _words("|".join(f"(?P<{name}>{pattern})" for name, pattern in pairs))


METRIC_RE = _table(
    (
        (
            "workouts_per_week",
            r"frequency|how\s+often|often|(?:workouts?\s+)?(?:per|a|each)\s+week",
        ),
        ("pace", r"pace|speed|faster|slower|quicker|fastest|quickest"),
        # "so far" and "over time" are idioms, not a distance or a duration.
        (
            "distance",
            r"distance|miles?|mileage|km|kms|kilomet(?:er|re)s?|(?<!so\s)far|farther"
            r"|further|farthest|furthest",
        ),
        ("duration", r"duration|(?<!over\s)(?<!all\s)time|long|longer|minutes|hours"),
    )
)
CLASS_RE = _table(
    (
        ("run_walk", r"mixed|run[-\s/]?walks?"),
        ("walk", r"(?:dog|pup|puppy)[-\s]?walks?|walks?|walking"),
        ("run", r"runs?|running|jogs?|jogging"),
        ("outlier", r"outliers?|glitch(?:es)?"),
    )
)
UNIT_RE = _table((("mi", r"mi|miles?|imperial"), ("km", r"km|kms|kilomet(?:er|re)s?|metric")))
FORMAT_RE = _words(r"csv|json")
MODEL_RE = _table((("show", r"show|status|info"), ("retrain", r"re-?train|train|refit|rebuild")))
EVENT_ACTION_RE = re.compile(
    r"^\s*(?:(?P<add>add|new|create)|(?P<remove>remove|delete|del|rm|drop)|(?P<list>list|show))"
    r"(?![\w-])",
    re.I,
)
COUNT_RE = _words(r"how\s+many|count|total|number\s+of")
YEAR_RE = _words(r"(?:19|20)\d\d")
VISIBILITY_RE = _words(r"public(?:ly)?|private(?:ly)?")
# An id is the first argument or follows a word that introduces one ("why was 1234 a walk").
ID_RE = re.compile(
    r"(?:^\s*|(?<![\w-])(?:workout|id|was|is|mark|relabel|reclassify)\s+#?|#)(\d{1,12})(?![\w-])",
    re.I,
)

# Plain language: intent -> (strong words, weak words). A strong word outweighs a weak one, so
# "how many anomalies" is about anomalies; two strong intents at once are ambiguous.
KEYWORDS = {
    "anomalies": (r"anomal(?:y|ies|ous)|unusual|weird|odd|strange|abnormal", None),
    "trends": (
        r"trends?|trending|improving|progress(?:ing)?|over\s+time"
        r"|getting\s+(?:faster|slower|better|worse)",
        r"how\s+often|frequency|per\s+week",
    ),
    "calendar": (r"calendar|heat\s*map", None),
    "consistency": (r"consisten(?:t|cy)|streaks?|regular(?:ly)?", None),
    "stats": (r"stats|statistics", r"how\s+(?:many|much|far)|count|total|totals|summary"),
    "records": (r"records?|personal\s+bests?|best|longest|fastest|farthest|furthest|prs?", None),
    "compare": (r"compare|comparison|versus|vs\.?", None),
    "why": (r"why|explain|how\s+come", None),
    "choco_effect": (r"choco|puppy(?![-\s]?walks?)|dog\s+effect|before\s+and\s+after", None),
    "briefing": (
        r"briefing|^\s*(?:good\s+)?morning|summary\s+of\s+(?:yesterday|today)"
        r"|(?:how|what)\s+did\s+i\s+do|recap",
        None,
    ),
    "export": (r"export|download", None),
    "help": (r"help|what\s+can\s+you\s+do|commands|usage", None),
    "label": (r"relabel|reclassify|mark\s+(?:it|\S+)\s+as", None),
    "model": (r"model|classifier|retrain", None),
    "units": (r"units?|(?:switch\s+to|use)\s+(?:km|miles|kilomet(?:er|re)s)", None),
    "events": (r"life\s+events?|events", None),
    "map": (r"map|route\s+of|where\s+did\s+i\s+go", None),
    "routes": (
        r"routes|all\s+(?:my\s+)?tracks|where\s+do\s+i\s+(?:usually\s+)?(?:run|walk|go)",
        None,
    ),
}
KEYWORD_RES = {
    name: (_words(strong), _words(weak) if weak else None)
    for name, (strong, weak) in KEYWORDS.items()
}
# Words a misspelling is checked against when nothing else matched ("any anomolies?").
FUZZY_WORDS = {word: name for word, name in COMMANDS.items() if len(word) >= 5} | {
    "unusual": "anomalies",
    "consistent": "consistency",
    "improving": "trends",
    "compare": "compare",
    "longest": "records",
    "fastest": "records",
}
# Words that carry no argument; anything else left over after a command is reported as ignored.
FILLER = frozenset(
    """a an the my me i i'm im was is were be been are am please show give tell list get see
    what what's whats which for of on in at to by and with all any did do does it its this that
    about as so much many there have has had some each every just now ok okay thanks you your
    can could would will how per workouts workout vs versus against compared like""".split()
)
FUZZY_CUTOFF = 0.75
_WORD = re.compile(r"[\w-]*")


def suggestions(intents) -> tuple[str, ...]:
    """Two to four "syntax  e.g. example" lines for ``intents``, padded with the defaults."""
    chosen = list(dict.fromkeys(intents))[:4]
    chosen += [i for i in DEFAULT_SUGGESTIONS if i not in chosen][: max(0, 2 - len(chosen))]
    return tuple(f"{USAGE[i][0]}  e.g. {USAGE[i][1]}" for i in chosen)


def closest_commands(word: str) -> list[str]:
    """Intents whose command words look like ``word``, best first (for suggestions)."""
    matches = difflib.get_close_matches(word[:40], list(COMMANDS), n=4, cutoff=0.6)
    return list(dict.fromkeys(COMMANDS[m] for m in matches))


def fuzzy_command(word: str) -> str | None:
    """The one command a typo stands for ("anomolies"), or None when none or several fit."""
    if not 4 <= len(word) <= 40:
        return None
    # A guessed "sql" would run a statement nobody confirmed; it must be typed exactly.
    words = {w: i for w, i in COMMANDS.items() if i != "sql"}
    ratios = [(difflib.SequenceMatcher(None, word, w).ratio(), i) for w, i in words.items()]
    best = max(r for r, _ in ratios)
    names = {i for r, i in ratios if r == best}
    return names.pop() if best >= FUZZY_CUTOFF and len(names) == 1 else None


def misspelt_keyword(text: str) -> tuple[str, str, str] | None:
    """(intent, word meant, word typed) for the first misspelt keyword in ``text``, if any."""
    for typed in re.findall(r"[a-z-]{5,20}", text.lower())[:30]:
        close = difflib.get_close_matches(typed, list(FUZZY_WORDS), n=1, cutoff=0.8)
        if close:
            return FUZZY_WORDS[close[0]], close[0], typed
    return None


def keyword_scores(text: str) -> dict[str, int]:
    """Intent -> 2 (a strong keyword), 1 (only a weak one); intents without keywords left out."""
    scores = {}
    for name, (strong, weak) in KEYWORD_RES.items():
        score = 2 if strong.search(text) else 1 if weak and weak.search(text) else 0
        if score:
            scores[name] = score
    return scores


def split_visibility(body: str) -> tuple[str | None, str]:
    """The visibility said anywhere in ``body`` (public or private), and ``body`` without it."""
    found = VISIBILITY_RE.search(body)
    if not found:
        return None, body
    said = "public" if found[0].lower().startswith("public") else "private"
    return said, " ".join(VISIBILITY_RE.sub(" ", body).split())


def first_word(body: str) -> tuple[str, str]:
    """The command word (lower case, no punctuation; "choco effect" is one) and the rest."""
    # Punctuation ends the word too: "anomalies, this month", "help!". Blanks and punctuation
    # are stripped, not matched, so no two repeats of a pattern compete for the same blanks.
    body = body.lstrip()
    word = _WORD.match(body)[0]
    rest = body[len(word) :].lstrip(".,!?:;").lstrip()
    word = word.lower()
    if word == "choco" and re.match(r"effect\b", rest, re.I):
        rest = rest.rstrip()[len("effect") :]
    return word, rest
