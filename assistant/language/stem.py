"""The one stemmer: Snowball's English (Porter 2) algorithm, from the `snowballstemmer` package."""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """Snowball English stem of a word (lower-cased, '#'/'@' and a possessive 's dropped): hiking -> hike."""
    w = word.lower().lstrip("#@")
    if w.endswith("'s"):
        w = w[:-2]
    if not w.isalpha():
        return w
    return _STEMMER.stemWord(w)
