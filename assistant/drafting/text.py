"""Small text helpers the drafting layer shares: words, emoji, sentences, cue matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9][a-z0-9'’\-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_HASHTAG = re.compile(r"#\w+")
_MENTION = re.compile(r"@\w+")

STOPWORDS = frozenset(
    """a an and are as at be but by for from has have i if in into is it its it's of on or our so that the their
    them they this to was we were what when where which who will with you your you're my me us not no do don't
    just about all can get got more most out up very than then there these those too also how""".split()
)


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes and hyphens kept inside words."""
    return _WORD.findall(text.lower().replace("’", "'"))


def stem(word: str) -> str:
    """A crude stem so 'tents' meets 'tent' and 'budgeting' meets 'budget'."""
    for suffix in ("ing", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=8192)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry meaning (stopwords dropped). Cached: posts are stemmed by several rankers."""
    return frozenset(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 2)


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def is_emoji(char: str) -> bool:
    if ord(char) < 0x2000 or char in "\u200d\ufe0f":  # fast path: nothing below General Punctuation is emoji
        return False
    cat = unicodedata.category(char)
    return cat == "So" or 0x1F000 <= ord(char) <= 0x1FAFF


def emojis(text: str) -> list[str]:
    return [c for c in text if is_emoji(c)]


def hashtags(text: str) -> list[str]:
    return _HASHTAG.findall(text)


def strip_markup(text: str) -> str:
    """Text without URLs, hashtags and @mentions, whitespace collapsed."""
    text = _URL.sub("", text)
    text = _HASHTAG.sub("", text)
    text = _MENTION.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


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
