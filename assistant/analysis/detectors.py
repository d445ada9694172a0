"""The catalogue of rule detectors: one per `CheckKind` (the rule kinds published voice guides use).

Each detector reads a text's `TextFeatures` (one pass, from the language layer) and a `RuleSpec` (what the guide
asks: prefer, avoid or limit, with its number or words) and returns `Hit`s: the span of the original text that
breaks the rule and a fix in correct English. A fix never rewrites what it can't rewrite safely: a passive
sentence gets advice, not a guessed active one; "Let us know" is never contracted; an acronym is never
lower-cased. `measure` gives the per-text rate the voice dimension compares across feeds.

General methods, not lists, wherever English allows: shouting is a common word in capitals (wordfreq tells
common from rare, so KFC and NASA are not shouting), superlatives are found by morphology (an -est form whose
comparative exists), jargon is a rare word or a phrase plainlanguage.gov lists with a plainer one, reading
level is the Flesch-Kincaid grade. The few closed lists left (auxiliaries, pronouns, irregular participles,
slang, profanity, hype) are documented in data/README.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.analysis.text import DATA_DIR, Doc, WordList, word_list
from assistant.language import EMOJI_RE, HASHTAG_RE, TextFeatures, stopwords, syllables, text_features
from assistant.language.features import fk_grade
from assistant.language.tokens import URL_RE, WORD_SPAN_RE
from assistant.models.fit import CheckRule

DEFAULT_SENTENCE_WORDS = 25  # GOV.UK's and the DTA's ceiling for a sentence when a guide names no number
DEFAULT_GRADE = 8.0  # US school grade 8: the usual plain-language target when a guide names no level
COMMON_ZIPF = 4.5  # a word at least this frequent (wordfreq Zipf) written in capitals is shouting ...
COMMON_ZIPF_SHORT = 5.0  # ... and a three-letter one at least this frequent (NEW, ALL; not USA, CEO, FDA)
RARE_ZIPF = 2.5  # a word rarer than this is jargon to most readers
AWKWARD_ZIPF = 4.5  # a contraction rarer than this (there're, mustn't, would've) reads as awkward or dated


RuleSpec = CheckRule  # the detectors' name for a typed guide rule


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    fix: str
    severity: str = "low"


@dataclass(frozen=True)
class _Ctx:
    f: TextFeatures
    spec: RuleSpec
    words: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, word as written)


def _word_spans(text: str) -> list[tuple[int, int, str]]:
    """Words with their offsets; a link is not words (masked, so offsets stay those of the text)."""
    masked = URL_RE.sub(lambda m: " " * len(m.group(0)), text)
    return [(m.start(), m.end(), m.group(0)) for m in WORD_SPAN_RE.finditer(masked)]


@lru_cache(maxsize=131072)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _match_case(template: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if template[:1].isupper() else replacement


def _sentence_start(text: str, i: int) -> bool:
    before = text[:i].rstrip(" \"'(\u201c")
    return not before or before[-1] in ".!?\n:"


# --- contractions -------------------------------------------------------------------------------------------
_AUX_NOT = "do|does|did|is|are|was|were|has|have|had|could|would|should|must|need"
_UNCONTRACTED_NOT = re.compile(rf"\b({_AUX_NOT}) not\b|\b(can) ?not\b|\b(will) not\b", re.IGNORECASE)
_PRONOUN_AUX = re.compile(
    r"\b(I am|(?:you|we|they) are|(?:it|that|there|here|what|who|he|she) is|(?:I|you|we|they|he|she|it) will|"
    r"(?:I|you|we|they) have)\b(?=\s+(\S+))",
    re.IGNORECASE,
)
_SHORT = {"am": "'m", "are": "'re", "is": "'s", "will": "'ll", "have": "'ve"}
_CONTRACTED = re.compile(r"\b([A-Za-z]+)['\u2019](t|re|ve|ll|d|m|s)\b")
_S_PRONOUNS = frozenset("it that there here what who he she where how".split())
_EXPAND_NT = {"ca": "cannot", "wo": "will not", "sha": "shall not"}  # can't, won't, shan't
_EXPAND = {"re": "are", "ve": "have", "ll": "will", "m": "am"}


_PREFIXES = ("with", "under", "over", "out", "mis", "fore", "re", "un", "up")


def _participle(word: str) -> bool:
    """A past participle: an -ed form, or an irregular one, also after a verb prefix (withheld, overtaken)."""
    w = word.lower().strip(".,;:!?\"')")
    if (w.endswith("ed") and len(w) > 3) or w in irregular_participles():
        return True
    return any(w.startswith(p) and w[len(p) :] in irregular_participles() for p in _PREFIXES)


def _contractions(c: _Ctx) -> list[Hit]:
    text = c.f.text
    out: list[Hit] = []
    if c.spec.polarity == "prefer":
        for m in _CONTRACTED.finditer(text):
            word = m.group(0).replace("\u2019", "'")
            if m.group(2).lower() != "s" and _zipf(word.lower()) < AWKWARD_ZIPF:
                out.append(Hit(m.start(), m.end(), f"\u2018{word}\u2019 is an awkward contraction: write it out, or rephrase."))
        if _contraction_rate(c.f) > 0:
            return out  # the text already writes the way the rule asks; the rest is the writer's discretion
        for m in _UNCONTRACTED_NOT.finditer(text):
            phrase = m.group(0)
            if m.group(2):
                short = "can't"
            elif m.group(3):
                short = "won't"
            else:
                short = m.group(1).lower() + "n't"
            out.append(Hit(m.start(), m.end(), f"Use the contraction: \u2018{_match_case(phrase, short)}\u2019."))
        for m in _PRONOUN_AUX.finditer(text):
            nxt = m.group(2)
            if nxt.lower().startswith("not"):
                continue  # "is not" is the negative rule's
            if not nxt[:1].isalnum():
                continue  # "as you are." can't contract at the end of a clause
            phrase = m.group(1)
            head, aux = phrase.rsplit(" ", 1)
            if aux.lower() == "have" and not _participle(nxt):
                continue  # "I have two kids": "have" is the main verb and stays
            short = head + _SHORT[aux.lower()]
            out.append(Hit(m.start(1), m.end(1), f"Use the contraction: \u2018{short}\u2019."))
    elif c.spec.polarity in ("avoid", "limit"):
        for m in _CONTRACTED.finditer(text):
            base, tail = m.group(1), m.group(2).lower()
            if tail == "t":
                if not base.lower().endswith("n"):
                    continue
                stem_ = base[:-1]
                full = _EXPAND_NT.get(stem_.lower(), f"{stem_.lower()} not")
                if stem_.lower() == "ai":
                    continue  # "ain't" has no written-out form that keeps its meaning
            elif tail == "s":
                if base.lower() == "let":
                    full = f"{base} us"
                elif base.lower() in _S_PRONOUNS:
                    after = text[m.end() : m.end() + 30].split()
                    full = f"{base} has" if after and (after[0].lower() == "been" or _participle(after[0])) else f"{base} is"
                else:
                    continue  # a possessive ("Tom's"), not a contraction
            elif tail == "d":
                full = f"{base} would (or {base} had)"
            else:
                full = f"{base} {_EXPAND[tail]}"
            if base[:1].isupper():
                full = full[:1].upper() + full[1:]
            out.append(Hit(m.start(), m.end(), f"Write it out: \u2018{full}\u2019."))
    return out


def _contraction_rate(f: TextFeatures) -> float:
    return sum(1 for w in f.words if "'" in w and _CONTRACTION_WORD.fullmatch(w) and (not w.endswith("'s") or w.split("'")[0] in _S_PRONOUNS | {"let"}))


# --- active voice --------------------------------------------------------------------------------------------
_PASSIVE = re.compile(
    r"\b(am|is|are|was|were|be|been|being)\s+(?:(?:not|also|always|never|often|usually|already|just|\w+ly)\s+){0,2}"
    r"([A-Za-z]+)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def irregular_participles() -> frozenset[str]:
    data = json.loads((DATA_DIR / "grammar.json").read_text(encoding="utf-8"))
    return frozenset(data["irregular_participles"])


def _passives(text: str) -> list[re.Match[str]]:
    out = []
    for m in _PASSIVE.finditer(text):
        word = m.group(2)
        if not _participle(word) or word[:1].isupper() and not _sentence_start(text, m.start(2)):
            continue
        out.append(m)
    return out


def _active_voice(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "avoid":
        return []
    return [
        Hit(m.start(), m.end(), "Use the active voice: say who does it, for example \u2018we sent\u2019 rather than \u2018was sent\u2019.")
        for m in _passives(c.f.text)
    ]


# --- exclamation marks, capitals, emoji, hashtags -------------------------------------------------------------
_EXCLAIM = re.compile(r"!+")


def _allowed(spec: RuleSpec) -> int:
    if spec.polarity == "avoid":
        return 0
    return int(spec.limit) if spec.limit is not None else 1


def _exclamation(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "prefer":
        return []
    allowed = _allowed(c.spec)
    out = []
    for i, m in enumerate(_EXCLAIM.finditer(c.f.text)):
        if allowed == 0:
            out.append(Hit(m.start(), m.end(), "End the sentence with a full stop instead.", "medium"))
        elif len(m.group(0)) > 1:
            out.append(Hit(m.start(), m.end(), "Use one exclamation mark at most.", "medium"))
        elif i >= allowed:
            out.append(Hit(m.start(), m.end(), f"Keep to {allowed} exclamation mark{'s' if allowed > 1 else ''}; end this sentence with a full stop.", "medium"))
    return out


_CAPS_RUN = re.compile(r"\b[A-Z][A-Z']+(?:[\s\-]+[A-Z][A-Z']+)*\b")


def _shouting(text: str) -> list[tuple[int, int]]:
    """Spans written in capitals that shout: a run of two or more common words, or one common word of three or
    more letters. Acronyms (KFC, NASA, FAQ) are rare as words, so they never count."""
    out = []
    for m in _CAPS_RUN.finditer(text):
        parts = [p for p in _CAPS_PART.findall(m.group(0)) if len(p.replace("'", "")) >= 2]
        if not parts or (len(parts) == 1 and len(parts[0].replace("'", "")) < 3):
            continue
        common = [
            p for p in parts
            if _zipf(p.lower().replace("'", "")) >= (COMMON_ZIPF if len(p) >= 4 else COMMON_ZIPF_SHORT)
        ]  # fmt: skip
        if len(parts) >= 2 and len(common) >= 2 or len(parts) == 1 and common:
            out.append(m.span())
    return out


def _capitals(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "prefer":
        return []
    out = []
    for s, e in _shouting(c.f.text):
        shout = c.f.text[s:e]
        calm = shout.lower()
        if _sentence_start(c.f.text, s):
            calm = calm[:1].upper() + calm[1:]
        out.append(Hit(s, e, f"Don't shout: write \u2018{calm}\u2019.", "medium"))
    return out


_EMOJI_RUN = re.compile(EMOJI_RE.pattern + "+(?:[\u200d\ufe0f]" + EMOJI_RE.pattern + "?)*")


def _emoji(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "prefer":
        return []
    allowed = _allowed(c.spec) if c.spec.limit is not None or c.spec.polarity == "avoid" else 2
    out, seen = [], 0
    for m in _EMOJI_RUN.finditer(c.f.text):
        seen += len(EMOJI_RE.findall(m.group(0)))
        if seen > allowed:
            fix = "Leave out the emoji." if allowed == 0 else f"Keep to {allowed} emoji."
            out.append(Hit(m.start(), m.end(), fix, "low"))
    return out


def _hashtags(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "prefer":
        return []
    allowed = _allowed(c.spec) if c.spec.limit is not None or c.spec.polarity == "avoid" else 3
    tags = list(HASHTAG_RE.finditer(c.f.text))
    if len(tags) <= allowed:
        return []
    extra = tags[allowed:]
    fix = "Leave out the hashtags." if allowed == 0 else f"Keep to {allowed} hashtag{'s' if allowed > 1 else ''}."
    return [Hit(extra[0].start(), extra[-1].end(), fix, "low")]


# --- words: hype, jargon, slang, profanity, the guide's own lists ----------------------------------------------
_EST = re.compile(r"\b([A-Za-z]{2,})est\b")
_BEST = re.compile(r"\b(?:best|worst)\b", re.IGNORECASE)
_CAPS_PART = re.compile(r"[A-Z][A-Z']+")
_CONTRACTION_WORD = re.compile(r"[a-z]+'(?:t|re|ve|ll|d|m|s)")


def superlatives(text: str) -> list[tuple[int, int]]:
    """-est forms whose comparative is an English word (greatest/greater, happiest/happier), and best/worst.
    "Forest" and "honest" have no comparative, so they are not superlatives."""
    out = []
    for m in _EST.finditer(text):
        w = m.group(0).lower()
        base = m.group(1).lower()
        comparative = base + "er"
        if w in ("best", "worst") or (_zipf(comparative) >= 2.5 and _zipf(w) >= 2.0):
            out.append(m.span())
    for m in _BEST.finditer(text):
        if m.span() not in out:
            out.append(m.span())
    return sorted(out)


def _list_hits(wl: WordList, text: str) -> list[tuple[int, int]]:
    if not wl.hits(Doc(text)):
        return []  # set look-ups on the words first: the span regex only runs on texts that have a hit
    return wl.spans(text)


def _hype(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "prefer":
        return []
    spans = set(_list_hits(word_list("hype"), c.f.text)) | set(superlatives(c.f.text))
    return [
        Hit(s, e, f"Cut \u2018{c.f.text[s:e]}\u2019 or replace it with a specific, checkable detail.")
        for s, e in sorted(_drop_nested(spans))
    ]


@lru_cache(maxsize=1)
def plain_words() -> dict[str, list[str]]:
    return json.loads((DATA_DIR / "plain_words.json").read_text(encoding="utf-8"))["words"]


@lru_cache(maxsize=1)
def _plain_list() -> WordList:
    return WordList(list(plain_words()))


def rare_words(text: str) -> list[tuple[int, int]]:
    """Lower-case words of six letters or more that are rare in English (wordfreq Zipf < RARE_ZIPF). Capitalised
    words are names; hashtags, mentions and links are not prose."""
    masked = URL_RE.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for s, e, w in _word_spans(masked):
        if len(w) < 6 or not w.isalpha() or not w.islower():
            continue
        if _zipf(w) < RARE_ZIPF:
            out.append((s, e))
    return out


def _jargon(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "prefer":
        return []
    text = c.f.text
    plain = plain_words()
    out: dict[tuple[int, int], str] = {}
    for s, e in _list_hits(_plain_list(), text):
        phrase = " ".join(text[s:e].lower().split())
        says = plain.get(phrase)
        if says:
            alt = " or ".join(f"\u2018{_match_case(text[s:e], w)}\u2019" for w in says[:2])
            out[(s, e)] = f"Use a plainer word: {alt} instead of \u2018{text[s:e]}\u2019."
    for s, e in _list_hits(word_list("jargon"), text):
        out.setdefault((s, e), f"Say what \u2018{text[s:e]}\u2019 means in plain words.")
    for s, e in rare_words(text):
        out.setdefault((s, e), f"\u2018{text[s:e]}\u2019 is a rare word: use a more common one, or explain it.")
    keep = _drop_nested(set(out))
    return [Hit(s, e, out[(s, e)]) for s, e in sorted(keep)]


def _slang(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "prefer":
        return []
    return [
        Hit(s, e, f"Use standard English instead of \u2018{c.f.text[s:e]}\u2019.")
        for s, e in _list_hits(word_list("slang"), c.f.text)
    ]


def _profanity(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "prefer":
        return []
    return [Hit(s, e, f"Leave out \u2018{c.f.text[s:e]}\u2019.", "medium") for s, e in _list_hits(word_list("profanity"), c.f.text)]


@lru_cache(maxsize=256)
def _guide_words(words: tuple[str, ...]) -> WordList:
    return WordList(list(words))


def _words(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "prefer" or not c.spec.words:
        return []
    replacements = {k.lower(): v for k, v in c.spec.replacements}
    out = []
    for s, e in _list_hits(_guide_words(c.spec.words), c.f.text):
        word = c.f.text[s:e]
        instead = replacements.get(" ".join(word.lower().replace("-", " ").split()))
        fix = f"Say \u2018{_match_case(word, instead)}\u2019 instead." if instead else f"Leave out \u2018{word}\u2019: the guide avoids it."
        out.append(Hit(s, e, fix, "medium"))
    return out


# --- sentences: length, reading level, person, sentence case ---------------------------------------------------
def _sentence_words(f: TextFeatures, s: int, e: int) -> int:
    return len(text_features(f.text[s:e]).words)


def _sentence_length(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "prefer":
        return []
    limit = int(c.spec.limit or DEFAULT_SENTENCE_WORDS)
    out = []
    for s, e in c.f.sentence_spans:
        n = _sentence_words(c.f, s, e)
        if n > limit:
            out.append(Hit(s, e, f"Split this {n}-word sentence: the guide asks for {limit} words at most."))
    return out


def sentence_grade(text: str) -> float:
    f = text_features(text)
    return fk_grade(len(f.words), f.sentence_count, f.syllable_count)


def _reading_level(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "prefer":
        return []
    limit = c.spec.limit or DEFAULT_GRADE
    f = c.f
    if len(f.words) < 12:
        return []  # too short for a grade to mean anything
    grade = f.grade
    if grade <= limit + 1:
        return []
    s, e = max(f.sentence_spans, key=lambda span: sentence_grade(f.text[span[0] : span[1]]))
    return [
        Hit(s, e, f"This reads at US grade {grade:.0f}; aim for grade {limit:.0f} or lower with shorter sentences and common words.")
    ]


_THIRD_PARTY_READER = re.compile(
    r"\b(?:the|our|all|each|every|many|some)\s+(users?|customers?|clients?|applicants?|visitors?|readers?|"
    r"members?|participants?|consumers?|recipients?|individuals|claimants?|beneficiaries)\b",
    re.IGNORECASE,
)


_OBLIGATION = re.compile(
    r"\b(?:must|shall|should|(?:is|are) (?:required|responsible|expected|entitled|eligible)|may not|will need to)\b", re.I
)
# A sentence with "you" or "we" in it is already personal: "we must" is the writer's own obligation.
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you're|you'll|you've|you'd|we|us|our|we're|we'll|we've)\b", re.I)


def _person(c: _Ctx) -> list[Hit]:
    """The reader named in the third person ("the user", "all applicants"), or told what they must or may do
    without being addressed at all: a sentence of obligation with no "you" in it."""
    if c.spec.polarity != "prefer":
        return []
    out = []
    for m in _THIRD_PARTY_READER.finditer(c.f.text):
        out.append(Hit(m.start(), m.end(), f"Talk to the reader: say \u2018you\u2019 rather than \u2018{m.group(0)}\u2019."))
    taken = [(h.start, h.end) for h in out]
    for s, e in c.f.sentence_spans:
        sentence = c.f.text[s:e]
        m = _OBLIGATION.search(sentence)
        if m and not _SECOND_PERSON.search(sentence) and not any(s <= a < e for a, _ in taken):
            out.append(Hit(s, e, "Talk to the reader: say what \u2018you\u2019 must or may do."))
    return out


def title_case_spans(f: TextFeatures) -> list[tuple[int, int]]:
    """Headings, titles and buttons (short lines without end punctuation) written in Title Case: two or more of
    their words after the first, and most of them, start with a capital; small function words, words in
    capitals and a capitalised name after "the" don't count."""
    out = []
    stop = stopwords()
    for s, e in f.sentence_spans:
        line = URL_RE.sub("", f.text[s:e])  # a link after a headline doesn't make it prose, nor words
        if line.rstrip().endswith((".", "!", "?", ":")):
            continue  # a sentence of prose, not a heading, title or button
        words = [w for _, _, w in _word_spans(line)]
        if not 2 <= len(words) <= 12:
            continue
        rest, after_the = [], False
        for w in words[1:]:
            if w.lower() == "the":
                after_the = True
                continue
            if not w[:1].isupper():
                after_the = False
            if w.isalpha() and w.lower() not in stop and not w.isupper() and not after_the:
                rest.append(w)  # a capitalised run after "the" is a name ("the Digital Transformation Agency")
        capitalised = sum(1 for w in rest if w[0].isupper())
        if capitalised >= 2 and capitalised / len(rest) >= 0.75:
            out.append((s, e))
    return out


def _sentence_case(c: _Ctx) -> list[Hit]:
    if c.spec.polarity == "avoid":
        return []
    return [
        Hit(s, e, "Use sentence case: capitalise only the first word and names.") for s, e in title_case_spans(c.f)
    ]


def _claims(c: _Ctx) -> list[Hit]:
    """Absolute claims: the built-in claim categories of data/risks.json (cures, guarantees, get-rich-quick),
    each match not negated."""
    from assistant.analysis.safety import claim_spans

    if c.spec.polarity == "prefer":
        return []
    return [Hit(s, e, "Remove the claim, or back it with a source the guide accepts.", "medium") for s, e in claim_spans(c.f.text)]


def _drop_nested(spans: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Spans not inside a longer one ("best" inside "best ever")."""
    return {a for a in spans if not any(b != a and b[0] <= a[0] and a[1] <= b[1] for b in spans)}


DETECTORS: dict[str, Callable[[_Ctx], list[Hit]]] = {
    "contractions": _contractions,
    "active_voice": _active_voice,
    "exclamation": _exclamation,
    "capitals": _capitals,
    "hype": _hype,
    "jargon": _jargon,
    "sentence_length": _sentence_length,
    "reading_level": _reading_level,
    "person": _person,
    "sentence_case": _sentence_case,
    "emoji": _emoji,
    "hashtags": _hashtags,
    "slang": _slang,
    "profanity": _profanity,
    "claims": _claims,
    "words": _words,
}


def detect(spec: RuleSpec, text: str | TextFeatures) -> list[Hit]:
    """Where `text` breaks the rule `spec` (empty when it doesn't, or the kind has no detector)."""
    return list(_detect(spec, text.text if isinstance(text, TextFeatures) else text))


@lru_cache(maxsize=65536)
def _detect(spec: RuleSpec, text: str) -> tuple[Hit, ...]:
    # Memoised on (rule, text): check, voice fit and the reference spread ask about the same posts again.
    fn = DETECTORS.get(spec.check)
    return tuple(fn(_Ctx(text_features(text), spec))) if fn is not None else ()


# --- measures for voice fit: (count, base) per text, pooled over a feed as sum(count) / sum(base) -----------------
def measure(spec: RuleSpec, f: TextFeatures) -> tuple[float, float]:
    """See `_measure` (memoised on the rule and the text)."""
    return _measure(spec, f.text)


@lru_cache(maxsize=131072)
def _measure(spec: RuleSpec, text: str) -> tuple[float, float]:
    """How much of what the rule is about a text has: a count and the base it is a rate of (words, sentences,
    texts). Prefer-rules measure the preferred thing (contractions, active sentences); the rest measure hits."""
    f = text_features(text)
    words = max(1, len(f.words))
    sentences = max(1, f.sentence_count)
    kind = spec.check
    if kind == "contractions":
        return float(_contraction_rate(f)), words / 100
    if kind == "active_voice":
        return float(sentences - min(sentences, len(_passives(f.text)))), sentences
    if kind == "reading_level":
        return f.grade * sentences, sentences
    if kind == "sentence_length":
        return float(len(f.words)), sentences
    if kind == "person":
        second = sum(1 for w in f.words if w in ("you", "your", "yours", "you're", "you'll", "you've", "you'd"))
        return float(second), words / 100
    if kind == "emoji":
        return float(f.emoji_count), 1.0
    if kind == "hashtags":
        return float(len(f.hashtags)), 1.0
    if kind == "exclamation":
        return float(f.exclamations), sentences
    if kind == "sentence_case":
        return float(len(title_case_spans(f))), sentences
    hits = _detect(RuleSpec(check=kind, polarity="avoid", text="", words=spec.words), text) if kind in DETECTORS else ()
    return float(len(hits)), words / 100


def higher_is_better(spec: RuleSpec) -> bool:
    """Whether more of `measure` fits the rule: prefer-rules want more (except reading level and length)."""
    return spec.polarity == "prefer" and spec.check not in ("reading_level", "sentence_length", "sentence_case")


__all__ = ["DETECTORS", "Hit", "RuleSpec", "detect", "higher_is_better", "measure", "plain_words", "syllables"]
