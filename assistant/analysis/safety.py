"""Hard limits and brand safety: risky claims, unsafe behaviour, hate, controversy, profanity, and the guide's own
don'ts and hard limits; plus prompt-injection attempts in post text.

Matching is a built-in lexicon of patterns (`data/risks.json`) plus the guide's quoted phrases and key words.
A negation just before a match ("this won't cure your acne", "never promise returns"), distancing words in the
same sentence ("myth", "scam", "never trust anyone promising..."), a question, or a rebuttal in the next sentence
("People say it cures acne. It doesn't.") cancels it: creators who debunk claims are not making them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.language import is_negation_cue
from assistant.analysis.text import CITATION_RE, Doc, WordList, risk_data, stem, stopwords, word_list, word_set
from assistant.models.fit import ClaimRule, VoiceRules

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}
INJECTION = "prompt_injection"
_CLAUSE_BREAK = re.compile(r"[.!?\n,;:()\u2014\u2013]|\s-\s|\bbut\b|\bhowever\b")
_REBUTTAL = re.compile(
    r"^\s*(?:(?:spoiler|reality check|truth|fact)[:!,]?\s*)?(?:it|they|that|this|which|nothing|no (?:serum|cream|product|fund|plan|course|pill|one))\s+"
    r"(?:doesn't|does not|won't|will not|can't|cannot|isn't|is not|aren't|don't|didn't)|^\s*(?:nope|not true|false|wrong|myth|lies)\b"
)
# Criticism after the match ("... is how people get hurt"). "Don't try this" after a stunt is not enough: the
# post still shows the stunt.
_CRITICAL_AFTER = re.compile(
    r"\b(?:irresponsible|a bad idea|not worth the risk|is how people get (?:hurt|killed|rescued)|gets people (?:hurt|killed))\b"
)
_RULE_VERBS = {
    "never", "don't", "dont", "avoid", "no", "not", "mention", "show", "showing", "post", "posting", "use", "say",
    "claim", "claims", "promise", "promising", "encourage", "encouraging", "imply", "implying", "suggest", "make",
    "making", "feature", "featuring", "include", "talk", "anything", "content", "our", "we", "any", "ever", "must",
    "allowed", "okay", "ok", "should", "shouldn't", "won't", "will", "can", "cannot", "can't",
}


@dataclass
class RiskHit:
    """One risky passage in a post."""

    category: str  # a built-in category, "guide_rule" (quoted phrase / key words of a guide rule)
    label: str
    severity: str
    start: int
    end: int
    rule: ClaimRule | None = None
    source: str = "lexicon"  # lexicon | guide_phrase | guide_words

    @property
    def serious(self) -> bool:
        return self.severity == "high" and self.source != "guide_words"


_QUANT = "?*+{"


def _elements(p: str) -> list[str]:
    """Top-level elements of a regex: groups, classes, escapes and single characters, each with its quantifier."""
    out, i = [], 0
    while i < len(p):
        ch = p[i]
        if ch == "(":
            depth, j = 0, i
            while j < len(p):
                if p[j] == "\\":
                    j += 2
                    continue
                depth += p[j] == "("
                depth -= p[j] == ")"
                if depth == 0:
                    break
                j += 1
            j += 1
        elif ch == "[":
            j = p.index("]", i + 2) + 1
        elif ch == "\\":
            j = i + 2
        else:
            j = i + 1
        if j < len(p) and p[j] in _QUANT:
            if p[j] == "{":
                j = p.index("}", j) + 1
            else:
                j += 1
            if j < len(p) and p[j] == "?":
                j += 1
        out.append(p[i:j])
        i = j
    return out


def _split_alternatives(body: str) -> list[str]:
    alts, depth, cur, i = [], 0, "", 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            cur += body[i : i + 2]
            i += 2
            continue
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            alts.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    alts.append(cur)
    return alts


def _literal_prefix(p: str) -> str:
    """The alphanumeric characters a match of `p` must start with."""
    els = _elements(p)
    lit = ""
    for el in els:
        if len(el) == 1 and (el.isalnum() or el == "'"):
            lit += el
            continue
        if len(el) == 2 and el[0].isalnum() and el[1] in _QUANT:
            break  # optional character ends the literal
        if not lit and el.startswith("(?:") and el.endswith(")"):
            alts = [_literal_prefix(a) for a in _split_alternatives(el[3:-1])]
            return min(alts, key=len) if alts else ""
        break
    return lit.rstrip("'")


def _gate(pattern: str) -> frozenset[str] | None:
    """Literal words (first four characters) one of which must start a token of any post the pattern matches:
    taken from the rarest mandatory element that starts a word. None when the pattern has no usable element."""
    els = _elements(pattern)
    stop = stopwords()

    def rarity_of(word: str) -> int:
        # Short common words gate nothing; longer common words ("love", "with") still gate something.
        return (0 if len(word) <= 3 else 1) if word in stop else len(word)

    best: tuple[int, frozenset[str]] | None = None
    word_start = True
    for el in els:
        optional = el[-1] in "?*" or el.endswith("}") and "{0" in el
        candidates: list[str] | None = None
        if word_start and not optional:
            if el.startswith("(?:") and el.endswith(")"):
                candidates = [_literal_prefix(a) for a in _split_alternatives(el[3:-1])]
        if candidates and all(len(c) >= 2 for c in candidates):
            rarity = min(rarity_of(c) for c in candidates)
            if best is None or rarity > best[0]:
                best = (rarity, frozenset(c[:4] for c in candidates))
        if optional:
            continue  # "(?:your |my )?": what follows starts a word either way, as the guide patterns are written
        word_start = el in (r"\b", " ", r"\s", r"\s+", " ?", "[- ]", "[\\s\\-]") or el.startswith(("[- ]", "[\\s"))
    # A literal word run starting the pattern or after a boundary/space.
    i, prev_boundary = 0, True
    while i < len(els):
        el = els[i]
        if prev_boundary and len(el) == 1 and el.isalnum():
            lit = ""
            while i < len(els) and len(els[i]) == 1 and (els[i].isalnum() or els[i] == "'"):
                lit += els[i]
                i += 1
            if i < len(els) and len(els[i]) == 2 and els[i][0].isalnum() and els[i][1] in "?*":
                pass  # the optional character isn't part of the literal run
            lit = lit.rstrip("'")
            if len(lit) >= 2:
                rarity = rarity_of(lit)
                if best is None or rarity > best[0]:
                    best = (rarity, frozenset({lit[:4]}))
            prev_boundary = False
            continue
        if not (el[-1] in "?*" and len(el) > 2):  # optional groups are transparent
            prev_boundary = el in (r"\b", " ", r"\s", r"\s+", " ?") or el.startswith(("[- ]", "[\\s"))
        i += 1
    if best is None or best[0] < 1:
        return None
    return best[1]


@dataclass
class _Category:
    name: str
    label: str
    severity: str
    negatable: bool
    citation_cancels: bool
    gated: list[tuple[frozenset[str], re.Pattern[str]]]  # (trigger keys, pattern): run only when triggered
    always: re.Pattern[str] | None  # patterns that always run


@lru_cache(maxsize=1)
def _categories() -> list[_Category]:
    out = []
    for name, cat in risk_data()["categories"].items():
        gated: list[tuple[frozenset[str], re.Pattern[str]]] = []
        always_src: list[str] = []
        for pat in cat.get("patterns") or []:
            keys = _gate(pat)
            if keys is None:
                always_src.append(pat)
            else:
                gated.append((keys, re.compile(pat)))
        always = re.compile("|".join(f"(?:{p})" for p in always_src)) if always_src else None
        out.append(
            _Category(name, cat["label"], cat["severity"], bool(cat.get("negatable")), bool(cat.get("citation_cancels")), gated, always)
        )
    # Prompt injection rides along as the last entry, so one trigger look-up serves both.
    gated, always_src = [], []
    for pat in risk_data()["prompt_injection"]:
        keys = _gate(pat)
        if keys is None:
            always_src.append(pat)
        else:
            gated.append((keys, re.compile(pat)))
    always = re.compile("|".join(f"(?:{p})" for p in always_src)) if always_src else None
    out.append(_Category(INJECTION, "text aimed at an AI reviewer", "medium", False, False, gated, always))
    return out


@lru_cache(maxsize=1)
def _trigger_index() -> dict[str, list[tuple[int, int]]]:
    """Trigger key -> (category index, gated pattern index) of the patterns it unlocks."""
    index: dict[str, list[tuple[int, int]]] = {}
    for ci, cat in enumerate(_categories()):
        for pi, (keys, _pat) in enumerate(cat.gated):
            for k in keys:
                index.setdefault(k, []).append((ci, pi))
    return index


# Token -> the gated patterns its prefixes unlock. Captions share most of their vocabulary, so a token's three
# prefix look-ups are done once per process rather than once per post.
_TOKEN_TRIGGERS: dict[str, tuple[tuple[int, int], ...]] = {}


def _token_triggers(tok: str) -> tuple[tuple[int, int], ...]:
    index = _trigger_index()
    hits: list[tuple[int, int]] = []
    for k in (tok[:2], tok[:3], tok[:4]):
        hit = index.get(k)
        if hit:
            hits.extend(hit)
    out = tuple(hits)
    if len(_TOKEN_TRIGGERS) > 200_000:
        _TOKEN_TRIGGERS.clear()
    _TOKEN_TRIGGERS[tok] = out
    return out


def _triggered(doc: Doc) -> dict[int, list[int]]:
    """Gated patterns worth running on this post (category index -> pattern indices): a token or word starts
    with one of their trigger literals. Computed once per post."""
    cached = doc.__dict__.get("_risk_triggers")
    if cached is not None:
        return cached
    found: set[tuple[int, int]] = set()
    memo = _TOKEN_TRIGGERS
    for tok in doc.word_set.union(doc.tokens):
        hit = memo.get(tok)
        if hit is None:
            hit = _token_triggers(tok)
        if hit:
            found.update(hit)
    out: dict[int, list[int]] = {}
    for ci, pi in sorted(found):
        out.setdefault(ci, []).append(pi)
    doc.__dict__["_risk_triggers"] = out
    return out


def _first_match(doc: Doc, ci: int, cat: _Category, triggered: dict[int, list[int]]) -> re.Match[str] | None:
    found = None
    for pi in triggered.get(ci, ()):
        m = cat.gated[pi][1].search(doc.lower)
        if m and (found is None or m.start() < found.start()):
            found = m
    if cat.always is not None:
        m = cat.always.search(doc.lower)
        if m and (found is None or m.start() < found.start()):
            found = m
    return found


def find_injection(text: str | Doc) -> re.Match[str] | None:
    """The first passage that addresses an AI / scorer instead of an audience, if any. Offsets are into the
    lower-cased text, which keeps the original's length for all but a few exotic characters."""
    doc = text if isinstance(text, Doc) else Doc(text)
    cats = _categories()
    return _first_match(doc, len(cats) - 1, cats[-1], _triggered(doc))


def _negated(lower: str, start: int, end: int) -> bool:
    """Is the match at [start, end) negated, distanced, asked as a question, or rebutted?"""
    # Clause before the match: a negator among its last five words.
    clause_start = 0
    for m in _CLAUSE_BREAK.finditer(lower, 0, start):
        clause_start = m.end()
    before = lower[clause_start:start].split()[-5:]
    if any(is_negation_cue(w) for w in before):
        return True
    # Sentence around the match.
    s_lo = max(lower.rfind(c, 0, start) for c in ".!?\n") + 1
    ends = [i for i in (lower.find(c, end) for c in ".!?\n") if i != -1]
    s_hi = min(ends) if ends else len(lower)
    sentence = lower[s_lo : s_hi + 1]
    if sentence.rstrip().endswith("?"):
        return True
    if word_list("distancing").hits(Doc(sentence)):
        return True
    if _CRITICAL_AFTER.search(lower, end, min(len(lower), s_hi + 1)):
        return True
    # A rebuttal opening the next sentence.
    nxt = lower[s_hi + 1 : s_hi + 80]
    return bool(_REBUTTAL.search(nxt))


@dataclass
class GuideMatcher:
    """A guide's don'ts and hard limits compiled once: one regex for every quoted phrase, and per rule its key
    stems and how many of them must share a sentence."""

    phrases: WordList | None
    phrase_rules: dict[str, list[int]]
    keys: list[tuple[frozenset[str], int]]
    # Per rule, its key stems that are not the brand's own topic words: "Don't show children drinking coffee"
    # isn't broken by a coffee creator drinking coffee; a match needs one of these.
    off_topic: list[frozenset[str]] = field(default_factory=list)
    topical: frozenset[str] = frozenset()  # the brand's topic stems


_MATCHERS: dict[tuple, GuideMatcher] = {}


def guide_matcher(rules: VoiceRules) -> GuideMatcher:
    # Half a topical weight: the brand's own words (pack, tent), not everyday ones it happens to use (day, week).
    topical = frozenset(k for k, w in rules.topic_terms.items() if w >= 0.5 and " " not in k)
    key = (tuple((r.text, r.kind, tuple(r.phrases), r.requirement, r.conditional) for r in rules.claim_rules), topical)
    cached = _MATCHERS.get(key)
    if cached is not None:
        return cached
    stop = stopwords() | word_set("guide_generic")
    phrase_rules: dict[str, list[int]] = {}
    keys: list[tuple[frozenset[str], int]] = []
    for n, rule in enumerate(rules.claim_rules):
        if not rule.requirement:
            for p in rule.phrases:
                phrase_rules.setdefault(" ".join(p.lower().replace("-", " ").split()), []).append(n)
        words = re.findall(r"[a-z][a-z'\-]+", rule.text.lower())
        ks = frozenset(stem(w) for w in words if w not in stop and w not in _RULE_VERBS and len(w) > 3)
        need = max(2, math.ceil(0.6 * len(ks))) if len(ks) >= 2 and not rule.requirement else 99
        keys.append((ks, need))
    off_topic = [ks - topical for ks, _ in keys]
    matcher = GuideMatcher(WordList(list(phrase_rules)) if phrase_rules else None, phrase_rules, keys, off_topic, topical)
    if len(_MATCHERS) > 256:
        _MATCHERS.clear()
    _MATCHERS[key] = matcher
    return matcher


def _severity(category: str, default: str, rules: VoiceRules) -> str:
    return "high" if category in rules.strict_categories else default


def _word_keys(text: str, drop: frozenset[str] = frozenset()) -> frozenset[str]:
    """Loose keys for comparing a passage with a rule: stems of words (hyphenated ones split), cut to five
    letters so 'calories' meets 'very-low-calorie'."""
    words = re.findall(r"[a-z][a-z']+", text.lower())
    return frozenset(stem(w)[:5] for w in words if w not in drop and len(w) > 2)


@lru_cache(maxsize=1024)
def _rule_stems(text: str) -> frozenset[str]:
    return _word_keys(text, stopwords() | word_set("guide_generic") | _RULE_VERBS)


def _rule_for(category: str, rules: VoiceRules, context: str = "") -> ClaimRule | None:
    """The guide rule a hit in `category` breaks: among the rules filed under it, the one sharing most words with
    the passage (`context`), then the one about this category alone, then a hard limit. A rule filed under
    several categories that shares no word with the passage is not cited: a fat-loss claim doesn't break "never
    claim a toy guarantees any learning result"."""
    candidates = [r for r in rules.claim_rules if category in r.categories]
    if not candidates:
        return None
    words = _word_keys(context)

    def rank(rule: ClaimRule) -> tuple[int, int, int]:
        return (len(_rule_stems(rule.text) & words), -len(rule.categories), rule.kind == "hard_limit")

    best = max(candidates, key=rank)
    shared, breadth, _hard = rank(best)
    return best if shared or breadth == -1 else None


def scan(doc: Doc, rules: VoiceRules, matcher: GuideMatcher | None = None) -> tuple[list[RiskHit], int]:
    """Risky passages in one post (negated ones dropped) and how many negated matches were dropped."""
    hits: list[RiskHit] = []
    negated = 0
    lower = doc.lower
    triggered = _triggered(doc)
    for ci, cat in enumerate(_categories()):
        if cat.name == INJECTION:
            continue
        if cat.name == "profanity":  # a word list, not patterns
            if word_list("profanity").hits(doc):
                spans = word_list("profanity").spans(doc.text)
                if spans:
                    s, e = spans[0]
                    rule = _rule_for(cat.name, rules, _sentence_at(doc.lower, s, e))
                    hits.append(RiskHit(cat.name, cat.label, _severity(cat.name, cat.severity, rules), s, e, rule))
            continue
        patterns = [cat.gated[pi][1] for pi in triggered.get(ci, ())]
        if cat.always is not None:
            patterns.append(cat.always)
        found = None
        for pattern in patterns:
            for m in pattern.finditer(lower):
                if cat.negatable and _negated(lower, m.start(), m.end()):
                    negated += 1
                    continue
                found = m
                break
            if found:
                break
        if found is None or (cat.citation_cancels and CITATION_RE.search(lower)):
            continue
        rule = _rule_for(cat.name, rules, _sentence_at(lower, found.start(), found.end()))
        hits.append(RiskHit(cat.name, cat.label, _severity(cat.name, cat.severity, rules), found.start(), found.end(), rule))
    if rules.claim_rules:
        matcher = matcher or guide_matcher(rules)
        done: set[int] = set()
        if matcher.phrases is not None and matcher.phrases.hits(doc):
            for start, end in matcher.phrases.spans(lower):
                if _negated(lower, start, end):
                    continue
                key = " ".join(lower[start:end].replace("-", " ").split())
                if " " not in key and not _about_the_brands_topic(lower, start, end, matcher.topical):
                    continue
                for n in matcher.phrase_rules.get(key, matcher.phrase_rules.get(lower[start:end], [])):
                    if n in done:
                        continue
                    done.add(n)
                    rule = rules.claim_rules[n]
                    severity = "high" if rule.kind == "hard_limit" and not rule.conditional else "medium"
                    hits.append(RiskHit("guide_rule", "breaks a guide rule", severity, start, end, rule, "guide_phrase"))
        stems = doc.content_stems
        for n, (keys, need) in enumerate(matcher.keys):
            off_topic = matcher.off_topic[n]
            if n in done or len(keys & stems) < need or not off_topic & stems:
                continue
            for s_lo, sentence in _sentence_spans(doc.text):
                sent_stems = {stem(w) for w in re.findall(r"[a-z][a-z'\-]+", sentence.lower())}
                if len(keys & sent_stems) >= need and off_topic & sent_stems:
                    if not _negated(lower, s_lo, s_lo + len(sentence)):
                        rule = rules.claim_rules[n]
                        hits.append(RiskHit("guide_rule", "may break a guide rule", "medium", s_lo, s_lo + len(sentence), rule, "guide_words"))
                    break
    return hits, negated


def _about_the_brands_topic(lower: str, start: int, end: int, topical: frozenset[str]) -> bool:
    """Does the sentence around a one-word guide phrase talk about what the brand makes? "Never use 'forever'"
    is about the brand's products, not about anything else a sentence might call "forever"."""
    sentence = _sentence_at(lower, start, end)
    own = stem(lower[start:end].strip("#@"))
    return bool((Doc(sentence).stem_set - {own}) & topical)


def _sentence_at(lower: str, start: int, end: int) -> str:
    lo = max(lower.rfind(c, 0, start) for c in ".!?\n") + 1
    ends = [i for i in (lower.find(c, end) for c in ".!?\n") if i != -1]
    return lower[lo : min(ends) if ends else len(lower)]


def _sentence_spans(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in re.split(r"(?<=[.!?])\s+|\n+", text):
        idx = text.find(part, pos)
        if part.strip():
            out.append((idx, part))
        pos = idx + len(part)
    return out


CLAIM_CATEGORIES = frozenset({"medical_claim", "development_claim", "miracle_claim", "unsubstantiated_claim", "get_rich_quick"})


def claim_spans(text: str) -> list[tuple[int, int]]:
    """Spans of absolute claims (the claim categories of data/risks.json), negated or cited ones left out."""
    doc = Doc(text)
    lower = doc.lower
    triggered = _triggered(doc)
    out = []
    for ci, cat in enumerate(_categories()):
        if cat.name not in CLAIM_CATEGORIES:
            continue
        m = _first_match(doc, ci, cat, triggered)
        if m is None or (cat.negatable and _negated(lower, m.start(), m.end())):
            continue
        if cat.citation_cancels and CITATION_RE.search(lower):
            continue
        out.append((m.start(), m.end()))
    return sorted(out)
