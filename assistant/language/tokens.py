"""The one tokenizer: words (apostrophes and hyphens kept inside), #hashtags and @mentions, emoji, capitals."""

from __future__ import annotations

import re
import unicodedata

# Curly quotes to straight ones, so "don’t" and "don't" are the same token.
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
TOKEN_RE = re.compile(r"[@#]?[a-z0-9]+(?:['\-][a-z0-9]+)*")
# A word as written (any case), with its offsets: detectors quote the original text.
WORD_SPAN_RE = re.compile(r"(?<![@#\w])[A-Za-z0-9]+(?:['\u2019\-][A-Za-z0-9]+)*")
CAPS_WORD_RE = re.compile(r"\b[A-Z][A-Z']{2,}\b")
HASHTAG_RE = re.compile(r"(?<![\w#])#\w+")
MENTION_RE = re.compile(r"(?<![\w@])@[\w.]+")
URL_RE = re.compile(r"https?://\S+|www\.\S+")
EMOJI_RE = re.compile(
    "[\U0001F000-\U0001FAFF\U00002600-\U000027BF\U00002B00-\U00002BFF\U00002300-\U000023FF\U0000203C\U00002049]"
)


def normalise(text: str) -> str:
    """Curly quotes to straight ones."""
    return text.translate(APOSTROPHES)


def tokens_of(text: str) -> list[str]:
    """Lower-case tokens: words (apostrophes and hyphens kept inside), #hashtags and @mentions. A link is not
    words: "https://t.co/x1" would otherwise count "https" and "co" in every linking feed."""
    return TOKEN_RE.findall(URL_RE.sub(" ", normalise(text).lower()))


def split_words(tokens: list[str]) -> list[str]:
    """Word tokens only (no #/@), hyphenated words split into their parts."""
    out: list[str] = []
    for tok in tokens:
        if tok[0] in "#@":
            continue
        if "-" in tok:
            out.extend(p for p in tok.split("-") if p)
        else:
            out.append(tok)
    return out


def words_of(text: str) -> list[str]:
    """Lower-case words of a text (no hashtags or mentions), hyphenated words split."""
    return split_words(tokens_of(text))


def is_emoji(char: str) -> bool:
    if ord(char) < 0x2000 or char in "\u200d\ufe0f":  # nothing below General Punctuation is emoji
        return False
    cat = unicodedata.category(char)
    return cat == "So" or 0x1F000 <= ord(char) <= 0x1FAFF


def emojis(text: str) -> list[str]:
    return [c for c in text if is_emoji(c)]


def strip_markup(text: str) -> str:
    """Text without URLs, hashtags and @mentions, whitespace collapsed."""
    text = URL_RE.sub("", text)
    text = HASHTAG_RE.sub("", text)
    text = MENTION_RE.sub("", text)
    return re.sub(r"\s+", " ", text).strip()
