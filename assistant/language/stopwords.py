"""The one stop-word list (data/stopwords_en.txt: the Snowball project's English list)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_FILE = Path(__file__).resolve().parent / "data" / "stopwords_en.txt"


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = _FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def is_stopword(word: str) -> bool:
    return word in stopwords()
