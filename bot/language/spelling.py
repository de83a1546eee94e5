"""Typos forgiven, real words left alone.

A word is corrected only toward the bot's own vocabulary ("anomolies" -> "anomalies", "runz" ->
"runs", "wlak" -> "walk", "lst" -> "last"), and never when it is a correctly spelled English
word: "routine" stays "routine" even though it looks like "route", "stack" stays "stack".
English comes from a word list package (``english-words``: Webster's and GCIDE, about 270,000
words), plural and verb endings included by stripping them. Closeness is the Damerau-Levenshtein
distance (rapidfuzz): one edit (a letter missing, extra, wrong or two swapped) for words of up
to six letters, two for longer ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

MIN_LENGTH = 3  # shorter words are too close to everything
_ENDINGS = ("iest", "ier", "ied", "ies", "es", "s", "ed", "ing", "ly", "er", "est", "'s")
_Y_ENDINGS = frozenset({"iest", "ier", "ied", "ies"})
_VERB_ENDINGS = frozenset({"ing", "ed", "er", "est"})
# Chat shorthand that no distance finds.
_SHORTHAND = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "v": "vs",
    "hw": "how",
    "wot": "what",
    "wat": "what",
    "halp": "help",
    "hlp": "help",
    "hrs": "hours",
    "hr": "hour",
    "mins": "minutes",
    "wk": "week",
    "wks": "weeks",
    "mo": "month",
    "mos": "months",
    "mth": "month",
    "mths": "months",
    "yrs": "years",
    "shld": "should",
    "abt": "about",
    "tot": "total",
    "avg": "average",
}


@cache
def _english() -> frozenset[str]:
    # Loaded on the first word that needs it (a tenth of a second), then kept.
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2", "gcide"], lower=True, alpha=True))


def is_english(word: str) -> bool:
    """Whether ``word`` is an English word, or one with a plural or verb ending put on the way
    English puts it: "anomalys" and "runing" are not ("anomalies", "running")."""
    words = _english()
    if word in words:
        return True
    for ending in _ENDINGS:
        stem = word.removesuffix(ending)
        if stem == word or len(stem) < 3:
            continue
        if ending in _Y_ENDINGS:  # busiest: busy
            if stem + "y" in words:
                return True
            continue
        if ending in ("s", "es", "ed", "er", "est") and stem[-1] == "y" and stem[-2] not in _VOWELS:
            continue  # a consonant and y takes -ies, -ied, -ier, -iest ("busyest" is a typo)
        if ending in _VERB_ENDINGS and _doubles(stem) and stem in words:
            continue  # run: running, not runing (though "rune" is a word)
        if ending in _VERB_ENDINGS and stem + "e" in words:
            return True  # hike: hiking
        if stem in words:
            return True
    return False


_VOWELS = frozenset("aeiou")


def _doubles(stem: str) -> bool:
    """A one-syllable stem ending in one vowel and a consonant doubles that consonant before
    -ing, -ed, -er, -est (run: running, swim: swimming; but visit: visiting)."""
    syllables = len(re.findall(r"[aeiou]+", stem))
    return (
        syllables == 1
        and len(stem) >= 3
        and stem[-3] not in _VOWELS
        and stem[-2] in _VOWELS
        and stem[-1] not in _VOWELS | {"w", "x", "y"}
    )


def _sound(word: str) -> str:
    """A rough sound of an English spelling, to tell "pase" (pace) from "past" and "wat" (what)
    from "was": soft c as s, wh as w, ph as f, z as s, doubled letters once."""
    word = re.sub(r"c(?=[eiy])", "s", word)
    for spelled, said in (("wh", "w"), ("ph", "f"), ("ck", "k"), ("z", "s")):
        word = word.replace(spelled, said)
    return re.sub(r"(.)\1", r"\1", word)


def correct(word: str, vocabulary: Iterable[str]) -> str | None:
    """The vocabulary word ``word`` is a typo of, or None: when it is in the vocabulary already,
    when it is English, when it is short or a number, or when nothing is close enough.

    ``vocabulary`` comes in order of preference: of candidates equally close, one that sounds
    the same wins ("pase": pace, not past), then one with the same letters swapped ("mnay":
    many, not may), then the first ("lst": last, before list)."""
    if word in _SHORTHAND:
        return _SHORTHAND[word]
    vocabulary = tuple(dict.fromkeys(vocabulary))
    if len(word) < MIN_LENGTH or not word.isalpha() or word in vocabulary:
        return None
    limit = 1 if len(word) <= 6 else 2
    found = process.extract(
        word, vocabulary, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=None
    )
    # English last: the word list takes 0.1-0.5 s to load, and most words are near nothing.
    if not found or is_english(word):
        return None
    best = min(distance for _, distance, _ in found)
    closest = sorted((index, candidate) for candidate, distance, index in found if distance == best)

    def rank(item: tuple[int, str]) -> tuple[bool, bool, int]:
        index, candidate = item
        return (_sound(candidate) != _sound(word), sorted(candidate) != sorted(word), index)

    return min(closest, key=rank)[1]
