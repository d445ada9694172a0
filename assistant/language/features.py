"""Per-text features computed in one pass, read by every measure (`text_features` is the single entry).

Readability is the Flesch-Kincaid grade level (Kincaid, Fishburne, Rogers & Chissom 1975, "Derivation of new
readability formulas for Navy enlisted personnel", formula: 0.39 x words/sentence + 11.8 x syllables/word -
15.59), with syllables counted as vowel groups (a silent final 'e' dropped, 'le' after a consonant kept),
the usual approximation when no pronouncing dictionary is at hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from assistant.language.sentences import sentence_spans
from assistant.language.stem import stem
from assistant.language.stopwords import stopwords
from assistant.language.tokens import EMOJI_RE, TOKEN_RE, URL_RE, normalise, split_words, strip_markup

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Approximate syllables of one word (at least one)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 0
    n = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1
    elif w.endswith("le") and len(w) > 2 and w[-3] not in "aeiouy" and n == 1:
        n += 1  # "able", "simple": the final syllable has no vowel letter of its own
    return max(1, n)


def fk_grade(words: int, sentences: int, syllable_count: int) -> float:
    """Flesch-Kincaid grade level (formula in the module docstring); 0 for an empty text."""
    if words == 0 or sentences == 0:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59


@dataclass(frozen=True)
class TextFeatures:
    """A text read once: tokens, words, stems, sentences and the counts every measure uses."""

    text: str
    lower: str
    tokens: tuple[str, ...]
    words: tuple[str, ...]
    sentence_spans: tuple[tuple[int, int], ...]
    syllable_count: int
    emoji_count: int
    exclamations: int
    questions: int

    @cached_property
    def stems(self) -> tuple[str, ...]:
        return tuple(stem(w) for w in self.words)

    @cached_property
    def content_stems(self) -> frozenset[str]:
        """Stems of content words and hashtag bodies: what a text is about."""
        stop = stopwords()
        out = {stem(w) for w in self.words if len(w) > 2 and w not in stop and not w.isdigit()}
        out.update(stem(h[1:]) for h in self.hashtags if len(h) > 3)
        return frozenset(out)

    @cached_property
    def hashtags(self) -> tuple[str, ...]:
        return tuple(t for t in self.tokens if t[0] == "#")

    @cached_property
    def mentions(self) -> tuple[str, ...]:
        return tuple(t for t in self.tokens if t[0] == "@")

    @cached_property
    def sentences(self) -> tuple[str, ...]:
        return tuple(self.text[a:b] for a, b in self.sentence_spans)

    @property
    def word_count(self) -> int:
        return len(self.words)

    @cached_property
    def sentence_count(self) -> int:
        """Sentences with at least one word (a line of emoji or hashtags isn't one); 1 for any text with words."""
        n = sum(1 for s in self.sentences if any(c.isalpha() for c in strip_markup(s)))
        return max(1, n) if self.words else 0

    @property
    def grade(self) -> float:
        return fk_grade(len(self.words), self.sentence_count, self.syllable_count)


@lru_cache(maxsize=4096)
def text_features(text: str) -> TextFeatures:
    """Every feature of a text, computed once (memoised: a post is read by several measures)."""
    text = text or ""
    lower = normalise(text).lower()
    tokens = tuple(TOKEN_RE.findall(URL_RE.sub(" ", lower)))  # a link is not words (tokens_of)
    words = tuple(split_words(list(tokens)))
    return TextFeatures(
        text=text,
        lower=lower,
        tokens=tokens,
        words=words,
        sentence_spans=tuple(sentence_spans(text)),
        syllable_count=sum(syllables(w) for w in words if w.isalpha()),
        emoji_count=len(EMOJI_RE.findall(text)),
        exclamations=text.count("!"),
        questions=text.count("?"),
    )
