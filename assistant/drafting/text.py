"""Small text helpers the drafting layer shares: words, emoji, sentences, cue matching."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.language import emojis, is_emoji, sentences_of, stem, stopwords, strip_markup, tokens_of  # noqa: F401

_HASHTAG = re.compile(r"#\w+")


def words(text: str) -> list[str]:
    """Lower-case words (the language layer's tokens without hashtags and mentions)."""
    return [t for t in tokens_of(text) if t[0] not in "#@"]


@lru_cache(maxsize=8192)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry meaning (stop words dropped). Cached: posts are stemmed by several rankers."""
    stop = stopwords()
    return frozenset(stem(w) for w in words(text) if w not in stop and len(w) > 2)


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def sentences(text: str) -> list[str]:
    return sentences_of(text)


def hashtags(text: str) -> list[str]:
    return _HASHTAG.findall(text)


def shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """Cut text at a word boundary so it is at most ``limit`` characters (ellipsis included)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - len(ellipsis))]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-—–") + ellipsis


@lru_cache(maxsize=256)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a set of cues: word-start anchored for word cues, plain for '#ad' / '@x' style cues."""
    parts = []
    for cue in cues:
        cue = cue.lower().replace("’", "'")
        if not cue:
            continue
        if cue.startswith(("#", "@")) or not cue[:1].isalnum():
            parts.append(re.escape(cue))
        else:
            parts.append(r"(?<![a-z0-9])" + re.escape(cue))
    return re.compile("|".join(parts)) if parts else None


def mentions_any(text: str, cues: Iterable[str]) -> bool:
    """True when text contains any cue at a word start (case-insensitive)."""
    pattern = _cue_pattern(tuple(cues))
    return bool(pattern and pattern.search(text.lower().replace("’", "'")))


def oxford_join(items: list[str], conjunction: str) -> str:
    """Join a list for reading; the conjunction comes from the wording files."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:  # two items need no separator, even when they hold commas themselves
        return f"{items[0]} {conjunction} {items[1]}"
    separator = "; " if any("," in i for i in items) else ", "  # items with commas inside need semicolons
    return separator.join(items[:-1]) + f"{separator}{conjunction} {items[-1]}"


def possessive(name: str) -> str:
    """"BrightByte's", "Northwind Outfitters'" (a name ending in s takes the apostrophe alone)."""
    return name + ("'" if name.endswith(("s", "S")) else "'s")
