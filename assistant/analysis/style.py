"""Style measurement: the register of a text or a feed (formality, energy, humour, person, punctuation habits).

Counts are taken per text once (`count_style`) and pooled (`pool`), so a feed's metrics are rates over the whole
feed; `style_metrics(texts)` is the convenience entry point `check_text` and callers use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import lru_cache

from assistant.analysis.text import (
    ACRONYMS,
    CAPS_WORD_RE,
    CONTRACTION_RE,
    ELONGATED_RE,
    EMOJI_RE,
    FIRST_PERSON,
    LAUGH_RE,
    PARENTHETICAL_RE,
    POSSESSIVE_HINT,
    SECOND_PERSON,
    THIRD_PERSON,
    Doc,
    WordList,
    word_list,
)
from assistant.models.fit import StyleMetrics


@dataclass
class StyleCounts:
    """Raw counts for one text (or, after `pool`, for many)."""

    texts: int = 0
    words: int = 0
    letters: int = 0
    long_words: int = 0
    sentences: int = 0
    exclamations: int = 0
    questions: int = 0
    emoji: int = 0
    hashtags: int = 0
    caps_words: int = 0
    first_person: int = 0
    second_person: int = 0
    third_person: int = 0
    contractions: int = 0
    slang: int = 0
    profane_texts: int = 0
    hype: int = 0
    jargon: int = 0
    formal: int = 0
    humour_texts: int = 0
    elongated: int = 0
    title_case_texts: int = 0

    def __iadd__(self, other: StyleCounts) -> StyleCounts:
        for name in _COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


_COUNT_FIELDS = tuple(f.name for f in fields(StyleCounts))


# Word-list categories counted per text, merged into one look-up so a text's words are walked once.
_PERSONS = (("first_person", FIRST_PERSON), ("second_person", SECOND_PERSON), ("third_person", THIRD_PERSON))
_COUNTED_LISTS = ("slang", "hype", "jargon", "formal", "profanity", "humour")


@dataclass(frozen=True)
class _StyleLexicon:
    """Every word list `count_style` reads, merged: word -> categories, hashtag -> categories, phrase head ->
    (rest, category). Categories are indices into `names`."""

    names: tuple[str, ...]
    words: dict[str, tuple[int, ...]]
    hashtags: dict[str, tuple[int, ...]]
    phrase_heads: dict[str, list[tuple[tuple[str, ...], int]]]
    phrase_head_set: frozenset[str]
    specials: tuple[tuple[int, WordList], ...]  # lists with punctuated entries, matched by their own regex


@lru_cache(maxsize=1)
def _style_lexicon() -> _StyleLexicon:
    names = tuple(name for name, _ in _PERSONS) + _COUNTED_LISTS
    words: dict[str, list[int]] = {}
    hashtags: dict[str, list[int]] = {}
    heads: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for ci, (_, members) in enumerate(_PERSONS):
        for w in members:
            words.setdefault(w, []).append(ci)
    specials = []
    for offset, name in enumerate(_COUNTED_LISTS):
        ci = len(_PERSONS) + offset
        wl = word_list(name)
        for k in wl.single_keys:
            words.setdefault(k, []).append(ci)  # a '#tag' key never meets a word: hashtags are counted below
        for k in wl.hashtag_keys:
            hashtags.setdefault(k, []).append(ci)
        for head, entries in wl.phrases.by_head.items():
            heads.setdefault(head, []).extend((rest, ci) for rest, _ in entries)
        if wl.special_re is not None:
            specials.append((ci, wl))
    return _StyleLexicon(
        names,
        {w: tuple(c) for w, c in words.items()},
        {h: tuple(c) for h, c in hashtags.items()},
        heads,
        frozenset(heads),
        tuple(specials),
    )


def _lexicon_counts(doc: Doc) -> tuple[list[int], int]:
    """Occurrences per merged category (as `WordList.count` would give for each list), and contractions."""
    lex = _style_lexicon()
    counts = [0] * len(lex.names)
    contractions = 0
    positions = doc.positions
    lookup = lex.words.get
    for w, where in positions.items():
        cats = lookup(w)
        if cats is not None:
            for ci in cats:
                counts[ci] += len(where)
        if "'" in w and CONTRACTION_RE.match(w) and (not w.endswith("'s") or w in POSSESSIVE_HINT):
            contractions += len(where)
    heads = lex.phrase_head_set.intersection(positions)
    if heads:
        words = doc.words
        last = len(words) - 1
        for head in heads:
            for rest, ci in lex.phrase_heads[head]:
                n = len(rest)
                for i in positions[head]:
                    if n == 1:
                        if i < last and words[i + 1] == rest[0]:
                            counts[ci] += 1
                    elif tuple(words[i + 1 : i + 1 + n]) == rest:
                        counts[ci] += 1
    if lex.hashtags:
        for h in doc.hashtags:
            cats = lex.hashtags.get(h)
            if cats is not None:
                for ci in cats:
                    counts[ci] += 1
    for ci, wl in lex.specials:
        if wl._may_have_special(doc.lower):
            counts[ci] += len(wl.special_re.findall(doc.lower))  # type: ignore[union-attr]
    return counts, contractions


_FIRST, _SECOND, _THIRD, _SLANG, _HYPE, _JARGON, _FORMAL, _PROFANITY, _HUMOUR = range(9)


def count_style(doc: Doc) -> StyleCounts:
    """Count the style features of one text."""
    text = doc.text
    words = doc.words
    c = StyleCounts(texts=1)
    c.words = len(words)
    alpha = [w for w in words if w.isalpha() or "'" in w]
    c.letters = sum(len(w) for w in alpha)
    c.long_words = sum(1 for w in alpha if len(w) >= 7)
    c.sentences = max(1, sum(1 for s in doc.sentences if any(ch.isalpha() for ch in s))) if words else 0
    c.exclamations = text.count("!")
    c.questions = text.count("?")
    c.emoji = len(EMOJI_RE.findall(text))
    c.hashtags = len(doc.hashtags)
    c.caps_words = sum(1 for w in CAPS_WORD_RE.findall(text) if w.replace("'", "") not in ACRONYMS)
    counts, c.contractions = _lexicon_counts(doc)
    c.first_person = counts[_FIRST]
    c.second_person = counts[_SECOND]
    c.third_person = counts[_THIRD]
    c.slang = counts[_SLANG]
    c.profane_texts = 1 if counts[_PROFANITY] else 0
    c.hype = counts[_HYPE]
    c.jargon = counts[_JARGON]
    c.formal = counts[_FORMAL]
    humour = bool(counts[_HUMOUR]) or bool(LAUGH_RE.search(doc.lower))
    if not humour and PARENTHETICAL_RE.search(text):
        humour = True  # wry asides in brackets are the commonest dry-humour device in captions
    c.humour_texts = 1 if humour else 0
    c.elongated = len(ELONGATED_RE.findall(doc.lower))
    capitalised = [w for w in text.split() if len(w) >= 4 and w[:1].isalpha()]
    if len(capitalised) >= 4 and sum(1 for w in capitalised if w[0].isupper()) / len(capitalised) >= 0.8:
        c.title_case_texts = 1
    return c


def pool(counts: Iterable[StyleCounts]) -> StyleCounts:
    total = StyleCounts()
    for c in counts:
        total += c
    return total


def _clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return lo if x < lo else hi if x > hi else x


def metrics_from_counts(c: StyleCounts) -> StyleMetrics:
    """Turn pooled counts into rates and the formality / energy indices."""
    if c.texts == 0 or c.words == 0:
        return StyleMetrics(texts=c.texts, words=c.words)
    per100 = 100.0 / c.words
    sentences = max(1, c.sentences)
    m = StyleMetrics(
        texts=c.texts,
        words=c.words,
        first_person=round(c.first_person * per100, 3),
        second_person=round(c.second_person * per100, 3),
        third_person=round(c.third_person * per100, 3),
        sentence_length=round(c.words / sentences, 2),
        caps=round(c.caps_words / c.words, 4),
        exclamation=round(c.exclamations / sentences, 3),
        emoji=round(c.emoji / c.texts, 3),
        hashtags=round(c.hashtags / c.texts, 3),
        profanity=round(c.profane_texts / c.texts, 3),
        slang=round(c.slang * per100, 3),
        contractions=round(c.contractions * per100, 3),
        jargon=round(c.jargon * per100, 3),
        hype=round(c.hype * per100, 3),
        humour=round(c.humour_texts / c.texts, 3),
        questions=round(c.questions / c.texts, 3),
        title_case=round(c.title_case_texts / c.texts, 3),
    )
    long_share = c.long_words / c.words
    # Formality: long words, formal connectives and longer sentences push up; contractions, slang, personal
    # pronouns, exclamations and emoji push down. Calibrated so chatty captions land ~0.2-0.35, brand copy
    # ~0.4-0.55 and formal prose ~0.65+.
    f = 0.5
    f += 1.1 * (long_share - 0.2)
    f += 0.04 * min(c.formal * per100, 6)
    f += 0.008 * (min(m.sentence_length, 35) - 14)
    f -= 0.025 * min(m.contractions, 8)
    f -= 0.05 * min(m.slang, 6)
    f -= 0.01 * min(m.first_person + m.second_person, 20)
    f -= 0.06 * min(m.exclamation, 2)
    f -= 0.04 * min(m.emoji, 4)
    f -= 0.15 * m.profanity
    m.formality = round(_clamp(f), 3)
    # Energy: exclamations, capitals, hype words, emoji and stretched words ("sooo").
    e = 0.0
    e += 0.35 * _clamp(m.exclamation / 1.0)
    e += 0.2 * _clamp(m.caps / 0.05)
    e += 0.2 * _clamp(m.hype / 4.0)
    e += 0.15 * _clamp(m.emoji / 3.0)
    e += 0.1 * _clamp(c.elongated / c.texts / 0.5)
    m.energy = round(_clamp(e), 3)
    return m


def style_of_docs(docs: Iterable[Doc]) -> StyleMetrics:
    return metrics_from_counts(pool(count_style(d) for d in docs))


def style_metrics(texts: Iterable[str] | str) -> StyleMetrics:
    """Measure the register of a text or a list of texts (a feed): see `StyleMetrics` for the scales."""
    if isinstance(texts, str):
        texts = [texts]
    return style_of_docs(Doc(t) for t in texts if t and t.strip())
