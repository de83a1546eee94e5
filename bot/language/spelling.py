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

from collections.abc import Iterable
from functools import cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

MIN_LENGTH = 3  # shorter words are too close to everything
_ENDINGS = ("ies", "es", "s", "ed", "ing", "ly", "er", "est", "'s")
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
}


@cache
def _english() -> frozenset[str]:
    # Loaded on the first word that needs it (a tenth of a second), then kept.
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2", "gcide"], lower=True, alpha=True))


def is_english(word: str) -> bool:
    """Whether ``word`` is an English word, or one with a plural or verb ending."""
    words = _english()
    if word in words:
        return True
    for ending in _ENDINGS:
        stem = word.removesuffix(ending)
        if stem != word and len(stem) >= 3 and (stem in words or stem + "e" in words):
            return True
    return False


def correct(word: str, vocabulary: Iterable[str]) -> str | None:
    """The vocabulary word ``word`` is a typo of, or None: when it is in the vocabulary already,
    when it is English, when it is short or a number, or when nothing is close enough (or two
    words are equally close)."""
    if word in _SHORTHAND:
        return _SHORTHAND[word]
    vocabulary = tuple(vocabulary)
    if len(word) < MIN_LENGTH or not word.isalpha() or word in vocabulary or is_english(word):
        return None
    limit = 1 if len(word) <= 6 else 2
    found = process.extract(
        word, vocabulary, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=5
    )
    if not found:
        return None
    best = min(distance for _, distance, _ in found)
    closest = [candidate for candidate, distance, _ in found if distance == best]
    if len(closest) > 1:  # "hw": how or hr? pick by likeness, give up on a true tie
        ranked = sorted(closest, key=lambda c: -fuzz.ratio(word, c))
        if fuzz.ratio(word, ranked[0]) == fuzz.ratio(word, ranked[1]):
            return None
        return ranked[0]
    return closest[0]
