"""Text plumbing shared by every measurement: tokens, light stemming, word lists, sentences, emoji.

A post is tokenised once into a `Doc`; every dimension reads the same `Doc`, so an assessment over a feed is
linear in its length. Word lists live in `data/lexicon.json` and are matched by set look-ups on the words, phrases
by their first word, with a regular expression only for the few entries that contain punctuation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path

from assistant.language import (  # noqa: F401 (re-exported for the analysis modules)
    CAPS_WORD_RE,
    EMOJI_RE,
    TOKEN_RE,
    normalise,
    sentences_of,
    split_words,
    stem,
    stopwords,
    text_features,
    tokens_of,
)
from assistant.language.features import TextFeatures

DATA_DIR = Path(__file__).resolve().parent / "data"

LAUGH_RE = re.compile(r"\b(?:(?:ha){2,}h?|(?:he){2,}|lo+l|lmf?ao+|rofl)\b")
ELONGATED_RE = re.compile(r"([a-z])\1{2,}")
PARENTHETICAL_RE = re.compile(r"\([^()]{6,80}\)")
CITATION_RE = re.compile(
    r"https?://|\bdoi\b|\bet al\b|\bsource:|\bsources:|\bstudy (?:by|from|in|published)|\bpublished in\b|"
    r"\baccording to (?:a |the )?(?:study|trial|research|paper)|\bn ?= ?\d+|\bpeer[- ]reviewed\b|\bjournal\b"
)

# Acronyms that are not shouting.
ACRONYMS = frozenset(
    "SPF UVA UVB USA UK EU NYC LA DIY STEM AM PM ISA ETF IRA APR GPS TV PR PB FAQ OK ID BBQ IPA EV AI API CEO "
    "UPF GTX PSA FTC ASAP RSVP NASA LOL OMG DM DMS NHS GP USB USD GBP EUR".split()
)

FIRST_PERSON = frozenset(
    "i me my mine myself i'm i've i'd i'll we us our ours ourselves we're we've we'd we'll im ive".split()
)
SECOND_PERSON = frozenset("you your yours yourself yourselves you're you've you'd you'll y'all ya u ur youre".split())
THIRD_PERSON = frozenset("he him his himself she her hers herself they them their theirs themselves".split())
CONTRACTION_RE = re.compile(r"^[a-z]+'(?:s|t|re|ve|ll|d|m)$")
POSSESSIVE_HINT = frozenset({"it's", "that's", "what's", "there's", "here's", "he's", "she's", "who's", "let's"})


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[str]]:
    """The word lists in data/lexicon.json (lower-case)."""
    with open(DATA_DIR / "lexicon.json", encoding="utf-8") as fh:
        data = json.load(fh)
    return {k: v for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def risk_data() -> dict:
    """Risk categories and prompt-injection patterns (data/risks.json)."""
    with open(DATA_DIR / "risks.json", encoding="utf-8") as fh:
        return json.load(fh)


def words_of_stems(text: str) -> frozenset[str]:
    """Stems of every word of a text."""
    return frozenset(stem(w) for w in split_words(tokens_of(text)))


class PhraseIndex:
    """Multi-word entries looked up by their first word: a post costs one dict look-up per entry head present."""

    def __init__(self, phrases: dict[tuple[str, ...], str]):
        self.by_head: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for words, value in phrases.items():
            self.by_head.setdefault(words[0], []).append((words[1:], value))
        self.heads = frozenset(self.by_head)

    def find(self, words: list[str], positions: dict[str, list[int]]) -> list[tuple[int, str]]:
        """(position, value) of each phrase occurrence in `words`."""
        out: list[tuple[int, str]] = []
        last = len(words) - 1
        for head in self.heads.intersection(positions):
            for rest, value in self.by_head[head]:
                n = len(rest)
                for i in positions[head]:
                    if n == 1:
                        if i < last and words[i + 1] == rest[0]:
                            out.append((i, value))
                    elif tuple(words[i + 1 : i + 1 + n]) == rest:
                        out.append((i, value))
        return out


class WordList:
    """A list of words and phrases matched against a `Doc` by set look-ups, or against raw text for spans."""

    def __init__(self, entries: list[str]):
        self.entries = entries
        self.singles: dict[str, str] = {}  # one word (or #hashtag) -> original entry
        phrases: dict[tuple[str, ...], str] = {}
        special: list[str] = []
        for entry in entries:
            e = normalise(entry.lower()).strip()
            if re.fullmatch(r"[#@]?[a-z0-9' \-]+", e):
                key = e if e.startswith("#") else e.replace("-", " ")
                parts = tuple(key.split())
                if len(parts) == 1:
                    self.singles[parts[0]] = entry
                elif parts:
                    phrases[parts] = entry
            else:
                special.append(e)
        self.phrases = PhraseIndex(phrases)
        self.single_keys = frozenset(self.singles)
        self.hashtag_keys = {k for k in self.singles if k.startswith("#")}
        # An entry that starts with a letter or digit starts a word: "ad:" is not the end of "had:".
        self.special_re = (
            re.compile(
                "|".join(
                    (r"(?<![\w])" if s[:1].isalnum() else "") + re.escape(s)
                    for s in sorted(special, key=len, reverse=True)
                )
            )
            if special
            else None
        )
        # Each special entry is matched literally, so a text containing none of them can skip the regex scan.
        self.special_literals = tuple(special)
        self._span_re: re.Pattern[str] | None = None

    def _may_have_special(self, lower: str) -> bool:
        return any(s in lower for s in self.special_literals)

    def hits(self, doc: Doc) -> list[str]:
        """Entries present in the doc (each once)."""
        found = [self.singles[k] for k in self.single_keys.intersection(doc.word_set)]
        if self.phrases.by_head:
            found.extend(dict.fromkeys(v for _, v in self.phrases.find(doc.words, doc.positions)))
        if self.hashtag_keys:
            found.extend(self.singles[k] for k in self.hashtag_keys & doc.hashtag_set)
        if self.special_re is not None and self._may_have_special(doc.lower):
            found.extend(m.group(0) for m in self.special_re.finditer(doc.lower))
        return found

    def count(self, doc: Doc) -> int:
        """Occurrences: each word and phrase occurrence, hashtag and special entry."""
        positions = doc.positions
        n = sum(len(positions[k]) for k in self.single_keys.intersection(positions))
        if self.phrases.by_head:
            n += len(self.phrases.find(doc.words, positions))
        if self.hashtag_keys:
            n += sum(1 for h in doc.hashtags if h in self.hashtag_keys)
        if self.special_re is not None and self._may_have_special(doc.lower):
            n += len(self.special_re.findall(doc.lower))
        return n

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every occurrence in the raw text: used to quote offending text verbatim."""
        if self._span_re is None:
            alts = []
            for entry in sorted(self.entries, key=len, reverse=True):
                parts = [p for p in re.split(r"[\s\-]+", normalise(entry.lower())) if p]
                e = r"[\s\-]*".join(re.escape(p).replace("'", "['\u2019]") for p in parts)
                pre = r"(?<![\w'#@])" if entry[:1].isalnum() else ""
                post = r"(?![\w'])" if entry[-1:].isalnum() else ""
                alts.append(pre + e + post)
            self._span_re = re.compile("|".join(alts), re.IGNORECASE) if alts else re.compile(r"(?!)")
        return [m.span() for m in self._span_re.finditer(text)]


@lru_cache(maxsize=None)
def word_list(name: str) -> WordList:
    """A named list from lexicon.json as a `WordList`."""
    return WordList(lexicon()[name])


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon()[name])


@dataclass
class Doc:
    """A text read once (its `TextFeatures` from the language layer) plus the look-up tables word lists need."""

    text: str
    features: TextFeatures = field(init=False)
    lower: str = field(init=False)
    tokens: list[str] = field(init=False)
    words: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.features = text_features(self.text)
        self.lower = self.features.lower
        self.tokens = list(self.features.tokens)
        self.words = list(self.features.words)

    @cached_property
    def word_set(self) -> set[str]:
        return set(self.words)

    @cached_property
    def positions(self) -> dict[str, list[int]]:
        """Word -> its indices in `words` (for phrase look-ups)."""
        out: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            out.setdefault(w, []).append(i)
        return out

    @cached_property
    def hashtags(self) -> list[str]:
        return [t for t in self.tokens if t[0] == "#"]

    @cached_property
    def hashtag_set(self) -> set[str]:
        return set(self.hashtags)

    @cached_property
    def mentions(self) -> list[str]:
        return [t for t in self.tokens if t[0] == "@"]

    @cached_property
    def sentences(self) -> list[str]:
        return list(self.features.sentences)

    @cached_property
    def content_stems(self) -> set[str]:
        """Stems of content words and hashtag bodies: what a post is about."""
        return set(self.features.content_stems)

    @cached_property
    def stems(self) -> list[str]:
        """Stems of every word, in order."""
        return list(self.features.stems)

    @cached_property
    def stem_set(self) -> set[str]:
        """Stems of the words and of hashtag bodies."""
        out = set(self.stems)
        out.update(stem(h[1:]) for h in self.hashtags)
        return out

    @cached_property
    def stem_positions(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for i, w in enumerate(self.stems):
            out.setdefault(w, []).append(i)
        return out


class TermIndex:
    """Stemmed terms (single stems and 'stem stem' pairs) found in a `Doc` without building its n-grams."""

    def __init__(self, terms: Iterable[str]):
        self.singles = frozenset(t for t in terms if " " not in t)  # noqa: the index is built once per guide
        pairs: dict[tuple[str, ...], str] = {}
        for t in terms:
            if " " in t:
                pairs[tuple(t.split())] = t
        self.pairs = PhraseIndex(pairs)

    def found(self, doc: Doc) -> set[str]:
        hit = set(self.singles & doc.stem_set)
        if self.pairs.by_head:
            hit.update(v for _, v in self.pairs.find(doc.stems, doc.stem_positions))
        return hit


def quote(text: str, start: int = 0, end: int | None = None, limit: int = 160) -> str:
    """A short excerpt (<= limit chars) of text around [start, end), cut at word boundaries, with ellipses."""
    text = " ".join(text.split()) if end is None else text
    if end is None:
        if len(text) <= limit:
            return text
        cut = text[: limit - 1].rsplit(" ", 1)[0]
        return cut.rstrip(" ,;:") + "\u2026"
    span = end - start
    pad = max(0, (limit - span) // 2 - 2)
    lo, hi = max(0, start - pad), min(len(text), end + pad)
    excerpt = " ".join(text[lo:hi].split())
    if lo > 0:
        excerpt = "\u2026" + excerpt.split(" ", 1)[-1] if " " in excerpt else "\u2026" + excerpt
    if hi < len(text):
        excerpt = (excerpt.rsplit(" ", 1)[0] if " " in excerpt else excerpt) + "\u2026"
    if len(excerpt) > limit:
        excerpt = excerpt[: limit - 1] + "\u2026"
    return excerpt


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` containing [start, end)."""
    lo = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    his = [i for i in (text.find(c, end) for c in ".!?\n") if i != -1]
    hi = min(his) + 1 if his else len(text)
    return text[lo:hi].strip()
