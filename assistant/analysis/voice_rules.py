"""A voice guide turned into measurable targets (`VoiceRules`).

Three sources, strongest first:
1. explicit style rules in the guide's rules and section text ("use contractions", "no exclamation marks",
   "emoji sparingly", "avoid jargon", "short sentences", "don't swear"...);
2. the voice attributes it names (conversational, calm, playful, authoritative...), mapped to ranges on the
   style axes by `data/voice_attributes.json`;
3. the guide's own example copy, measured, for axes the first two leave open.
Plus the vocabulary (preferred / avoided words, with the section that lists them), the don'ts and hard limits
as claim rules, the topic vocabulary, competitors and the names a post may use for the brand.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from assistant.analysis.style import style_metrics
from assistant.analysis.text import DATA_DIR, normalise, risk_data, sentence_around, stopwords, word_set
from assistant.analysis.topic import brand_names, brand_short_names, topic_vocabulary
from assistant.models.fit import ClaimRule, GuideTerm, StyleMetrics, VoiceRules, VoiceTarget
from assistant.models.records import VoiceGuide

# How far outside its range a value must be to count as a full miss, per axis (in the axis' own units).
TOLERANCE: dict[str, float] = {
    "formality": 0.2,
    "energy": 0.2,
    "humour": 0.25,
    "first_person": 3.0,
    "second_person": 2.0,
    "sentence_length": 7.0,
    "caps": 0.03,
    "exclamation": 0.3,
    "emoji": 1.2,
    "hashtags": 2.5,
    "profanity": 0.12,
    "slang": 1.5,
    "contractions": 1.5,
    "jargon": 0.6,
    "hype": 1.5,
}

# Explicit style rules found in guide text: (pattern, axis, low, high, weight). First match per axis wins; rules
# from `guide.rules` are read before free section text.
_N = r"(?:one|two|three|four|five|1|2|3|4|5)"
STYLE_RULES: list[tuple[re.Pattern[str], str, float | None, float | None, float]] = [
    (re.compile(r"\b(?:no|avoid|don't use|do not use|never use|skip)\s+(?:\w+\s+)?contractions\b"), "contractions", None, 0.5, 1.5),
    (re.compile(r"\b(?:use|we use|love|embrace|prefer)\s+contractions\b|\bcontractions (?:are|is) (?:fine|ok|okay|good|welcome|encouraged)"), "contractions", 1.0, None, 1.5),
    (re.compile(r"\b(?:no|avoid|don't use|do not use|never use|zero|without)\s+exclamation\b|exclamation (?:marks?|points?) (?:are|is) (?:banned|out|not allowed|off[- ]limits)"), "exclamation", None, 0.0, 2.0),
    (re.compile(r"exclamation (?:marks?|points?)[^.\n]{0,50}\b(?:sparingly|rarely|at most|max|maximum|no more than|once|one per|never more than|never in a row)|\b(?:sparingly|rarely|one|a single)\b[^.\n]{0,25}exclamation|\bone at most\b[^.\n]{0,10}$"), "exclamation", None, 0.2, 1.5),
    (re.compile(r"\b(?:no|avoid|don't use|do not use|never use|zero|without)\s+emoji"), "emoji", None, 0.0, 2.0),
    (re.compile(r"\b(?:one|1|a single)\s+emoji\b[^.\n]{0,20}\b(?:at most|max|maximum|only)|\bemoji[^.\n]{0,30}\b(?:at most|no more than|max(?:imum)?(?: of)?)\s+(?:one|1)\b"), "emoji", None, 1.0, 1.5),
    (re.compile(r"emoji(?:s)?[^.\n]{0,50}\b(?:sparingly|rarely|at most|max|maximum|no more than|one or two|light|minimal|occasional)|\b(?:sparingly|rarely|one or two|a couple(?: of)?|a few|light|minimal)\b[^.\n]{0,25}emoji"), "emoji", None, 2.0, 1.2),
    (re.compile(r"emoji(?:s)?[^.\n]{0,30}\b(?:welcome|encouraged|fine|love|allowed|okay)\b"), "emoji", 0.3, None, 0.7),
    (re.compile(r"\b(?:no|avoid|don't use|do not use|never use)\s+hashtags"), "hashtags", None, 0.0, 1.5),
    (re.compile(r"hashtags?[^.\n]{0,40}\b(?:sparingly|at most|max|maximum|no more than|" + _N + r")\b|\b(?:" + _N + r"|few)\s+hashtags|\bno hashtag walls\b"), "hashtags", None, 3.0, 1.2),
    (re.compile(r"\b(?:no|avoid|don't use|never use|never|don't write in|do not write in)\s+(?:in\s+)?(?:all[- ]caps|all capitals|capitals|caps lock|caps)\b|\bdon't shout\b|\bno shouting\b|\bsentence case\b"), "caps", None, 0.01, 1.5),
    (re.compile(r"\b(?:avoid|no|don't use|do not use|cut|skip|without)\s+(?:corporate\s+|technical\s+|marketing\s+|industry\s+)?jargon|\bjargon[- ]free\b|\bplain (?:english|language)\b"), "jargon", None, 0.2, 1.5),
    (re.compile(r"\bshort(?:er)? sentences\b|\bkeep (?:sentences|it|copy|captions) (?:short|brief|tight)\b|\bsimple,? short\b|\bshort,? simple\b|\bsentences? (?:of|under|below|at most|no (?:more|longer) than) \d+ words\b"), "sentence_length", None, 16.0, 1.2),
    (re.compile(r"\b(?:no|never|don't|do not|avoid|zero)\b[^.\n]{0,15}\b(?:swear|swearing|profanity|curse|cursing|cuss|expletives?|f-words?)\b|\b(?:family|kid|child)[- ]friendly language\b"), "profanity", None, 0.0, 2.0),
    (re.compile(r"\b(?:avoid|no|don't use|do not use|skip|limit)\s+(?:\w+\s+)?(?:slang|text[- ]speak|txt speak|abbreviations like)"), "slang", None, 0.5, 1.2),
    (re.compile(r"\b(?:avoid|no|don't use|do not use|skip|never)\s+(?:\w+\s+)?(?:hype|superlatives|hyperbole|over-the-top|overexcited|exaggeration)"), "hype", None, 0.8, 1.2),
    (re.compile(r"\bfirst and second person\b|\bsecond person\b|\b(?:talk|speak|write) (?:to|directly to) (?:the reader|readers|you|your reader)\b|\bto [\"']you[\"']|\buse [\"']?you[\"']?\b|\baddress (?:the reader|readers|people) (?:as|directly)\b"), "second_person", 1.0, None, 1.0),
    (re.compile(r"\bfirst person\b|\bspeak as [\"']?(?:we|i)[\"']?|\buse [\"']?(?:we|i)[\"']?\b|\bwrite as (?:we|us|a person)\b"), "first_person", 1.0, None, 0.8),
    (re.compile(r"\b(?:a bit of|have|add a little|add some|sprinkle of|with) (?:fun|humou?r|wit|character|personality)\b|\bhumou?r is (?:welcome|encouraged|good)\b|\bbe (?:funny|playful|witty)\b"), "humour", 0.1, None, 0.7),
    (re.compile(r"\b(?:avoid|no|don't use|never use|skip)\s+(?:\w+\s+)?(?:humou?r|jokes|puns|sarcasm)\b"), "humour", None, 0.15, 1.0),
]
# A rule sentence scoped to social posts beats one scoped to other copy ("No emoji in product copy. In social
# captions, one emoji at most." -> the caption rule applies to creators).
_SOCIAL_SCOPE = re.compile(r"\b(?:social|captions?|posts?|instagram|tiktok|reels?|stories|creators?|feed)\b")
_OTHER_SCOPE = re.compile(
    r"\b(?:product (?:copy|pages?|names?)|safety notices?|recalls?|legal|headlines?|buttons?|error messages?|"
    r"emails?|instructions|ui|interface|documentation|press releases?|packaging|labels?|customer care)\b"
)
_WORD_LIMIT = re.compile(r"\b(\d{1,2})\s*(?:to|-|\u2013)\s*(\d{1,2})\s+words\b|\b(?:under|below|at most|no more than|max(?:imum)?(?: of)?|fewer than|over)\s+(\d{1,2})\s+words?\b|\banything over (\d{1,2})\b")

# Example copy sets a weak target on these axes when nothing stronger did: (axis, half-width of the range).
EXAMPLE_AXES: dict[str, float] = {
    "formality": 0.15,
    "energy": 0.15,
    "exclamation": 0.25,
    "emoji": 0.8,
    "sentence_length": 6.0,
    "caps": 0.02,
}

# Quoted phrases: double quotes, or curly single quotes ('don't' style apostrophes inside straight single
# quotes make those unusable).
_QUOTED_RE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{2,60})[\"\u201d]|(?<![\w])\u2018([^\u2018\u2019]{2,60})\u2019(?![\w])")
# A rule that asks for something ("Include 'not financial advice'", "Only use 'trail-tested' when...") is a
# requirement: its quoted phrases are what to say, not what to avoid.
_CONDITIONAL_RE = re.compile(r"\b(?:unless|without (?:context|a |the |published|evidence|proof)|except|only if|only when)\b", re.I)
_REQUIREMENT_RE = re.compile(
    r"^\W*(?:only|include|always|say|use|disclose|follow|show|tell|ask|give|keep|put|add|mention|credit|state|"
    r"link|name|cite|lead|write|be|get|make sure|remember|check)\b",
    re.IGNORECASE,
)
_REPLACE_RES = [
    # say X, not Y / use X, not Y / X instead of Y / X (not Y) / Y -> X
    re.compile(r"\b(?:say|use|write|prefer)\s+[\"\u201c']?([\w' \-]{2,30}?)[\"\u201d']?,?\s+(?:not|rather than|instead of)\s+[\"\u201c']?([\w' \-]{2,30}?)[\"\u201d']?(?=[.,;)\n]|$)"),
    re.compile(r"[\"\u201c']?([\w' \-]{2,30}?)[\"\u201d']?\s+instead of\s+[\"\u201c']?([\w' \-]{2,30}?)[\"\u201d']?(?=[.,;)\n]|$)"),
]
_LIST_LINE_RE = re.compile(r"^\s*[-*+]\s*\**([^*\n\u2014\u2013:]{2,40}?)\**\s*(?:\u2014|\u2013|--|:)\s*(.+)$", re.MULTILINE)
_SAY_RE = re.compile(r"\b(?:say|use|write|try)\s+[\"\u201c]([^\"\u201d]{2,40})[\"\u201d]", re.IGNORECASE)
_ARROW_RE = re.compile(r"[\"\u201c']?([\w' \-]{2,30}?)[\"\u201d']?\s*(?:->|\u2192|=>)\s*[\"\u201c']?([\w' \-]{2,30}?)[\"\u201d']?(?=[.,;)\n]|$)")


@lru_cache(maxsize=1)
def _attribute_groups() -> list[dict]:
    with open(DATA_DIR / "voice_attributes.json", encoding="utf-8") as fh:
        return json.load(fh)["groups"]


def _attribute_matches(attribute: str, words: list[str]) -> bool:
    a = normalise(attribute).lower()
    return any(re.search(r"(?<![a-z])" + re.escape(w.lower()), a) for w in words)


def _sentence_of(text: str, match: re.Match[str], limit: int = 160) -> str:
    sentence = sentence_around(text, match.start(), match.end())
    sentence = " ".join(sentence.lstrip("-*•0123456789. ").split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "\u2026"


def _merge(targets: dict[str, VoiceTarget], new: VoiceTarget) -> None:
    """Intersect a new range with an existing one on the same axis; on a contradiction keep the stronger source."""
    old = targets.get(new.axis)
    if old is None:
        targets[new.axis] = new
        return
    if old.source == "rule" and new.source != "rule":
        return
    low = max(v for v in (old.low, new.low) if v is not None) if (old.low is not None or new.low is not None) else None
    high = min(v for v in (old.high, new.high) if v is not None) if (old.high is not None or new.high is not None) else None
    if low is not None and high is not None and low > high:
        mid = (low + high) / 2
        low, high = mid, mid
    rules = old.rule if new.rule in old.rule else f"{old.rule}; {new.rule}"
    targets[new.axis] = old.model_copy(update={"low": low, "high": high, "weight": max(old.weight, new.weight), "rule": rules})


def _scope(sentence: str) -> int:
    lower = sentence.lower()
    return (2 if _SOCIAL_SCOPE.search(lower) else 0) - (2 if _OTHER_SCOPE.search(lower) else 0)


def _sentence_limit(sentence: str) -> float | None:
    m = _WORD_LIMIT.search(sentence.lower())
    if not m:
        return None
    nums = [int(g) for g in m.groups() if g]
    return float(nums[1] if len(nums) == 2 else nums[0])


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "a couple of": 2, "a couple": 2}
_N_ALT = r"one|two|three|four|five|a couple(?: of)?|[1-5]"
_COUNT_RE = re.compile(rf"\b(plus\s+|and\s+)?({_N_ALT})(?:\s+(?:or|to)\s+({_N_ALT}))?\b(?!\s*(?:%|words|sentences))")


def _count_limit(sentence: str) -> float | None:
    """'two at most' -> 2; 'one or two' -> 2; '#Brand plus two more' -> 3 (the brand tag counts too)."""
    m = _COUNT_RE.search(sentence.lower())
    if not m:
        return None
    values = [_NUMBER_WORDS.get(g) or int(g) for g in (m.group(2), m.group(3)) if g]
    return float(max(values) + (1 if m.group(1) else 0))


def _style_rule_targets(guide: VoiceGuide) -> dict[str, VoiceTarget]:
    """Explicit style rules. Per axis the best-scoped sentence wins (social > unscoped > other copy); ties go to
    the guide's rules list, then to the earlier pattern and section."""
    texts: list[tuple[str, str | None]] = [(r.text, r.section_id) for r in guide.rules]
    texts += [(s.text, s.id) for s in guide.sections]
    best: dict[str, tuple[tuple[int, int], VoiceTarget]] = {}
    order = 0
    for raw, section in texts:
        norm = normalise(raw)
        lower = norm.lower()
        for pattern, axis, low, high, weight in STYLE_RULES:
            for m in pattern.finditer(lower):
                order += 1
                rule = _sentence_of(norm, m)
                rank = (_scope(rule), -order)
                if axis == "sentence_length":
                    limit = _sentence_limit(rule)
                    high = limit if limit is not None else high
                elif axis in ("hashtags", "emoji") and high:
                    count = _count_limit(rule)
                    high = count if count is not None else high
                target = VoiceTarget(
                    axis=axis, low=low, high=high, tolerance=TOLERANCE[axis], weight=weight,
                    rule=rule, section=section, source="rule",
                )  # fmt: skip
                if axis not in best or rank > best[axis][0]:
                    best[axis] = (rank, target)
    return {axis: t for axis, (_, t) in best.items()}


def _attribute_section(guide: VoiceGuide, attribute: str) -> str | None:
    needle = attribute.lower().strip(" *.:")
    for s in guide.sections:
        if needle and needle in s.text.lower():
            return s.id
    return None


def _attribute_targets(guide: VoiceGuide, targets: dict[str, VoiceTarget]) -> None:
    for attribute in guide.voice_attributes:
        for group in _attribute_groups():
            if not _attribute_matches(attribute, group["words"]):
                continue
            for axis, (low, high) in group["targets"].items():
                _merge(
                    targets,
                    VoiceTarget(
                        axis=axis, low=low, high=high, tolerance=TOLERANCE[axis], weight=1.0,
                        rule=f"voice attribute: {attribute.strip()}", section=_attribute_section(guide, attribute),
                        source="attribute",
                    ),
                )  # fmt: skip


def _example_targets(example: StyleMetrics, targets: dict[str, VoiceTarget], guide: VoiceGuide) -> None:
    if example.words < 12:
        return
    section = next((s.id for s in guide.sections if any(e[:40] in s.text for e in guide.example_copy if e)), None)
    for axis, half in EXAMPLE_AXES.items():
        if axis in targets:
            continue
        value = example.value(axis)
        targets[axis] = VoiceTarget(
            axis=axis, low=max(0.0, value - half), high=value + half, tolerance=TOLERANCE[axis], weight=0.5,
            rule="the register of the guide's example copy", section=section, source="example",
        )  # fmt: skip


def _term_section(guide: VoiceGuide, term: str) -> str | None:
    pattern = re.compile(r"(?<![\w])" + re.escape(term.lower()) + r"(?![\w])")
    best = None
    for s in guide.sections:
        body = normalise(s.text).lower()
        if pattern.search(body):
            heading = " ".join(s.heading_path).lower()
            if any(k in heading for k in ("word", "vocab", "language", "avoid", "don", "terminolog", "say")):
                return s.id
            best = best or s.id
    return best


def _replacements(guide: VoiceGuide) -> dict[str, str]:
    """Avoided word -> what the guide suggests instead, from 'say X, not Y' / 'X instead of Y' / 'Y -> X'."""
    out: dict[str, str] = {}
    blob = "\n".join([s.text for s in guide.sections] + [r.text for r in guide.rules])
    blob = normalise(blob)
    for pattern in _REPLACE_RES:
        for m in pattern.finditer(blob):
            out.setdefault(m.group(2).strip().lower(), m.group(1).strip())
    for m in _ARROW_RE.finditer(blob):
        out.setdefault(m.group(1).strip().lower(), m.group(2).strip())
    # A word-list line: "**waterproof** — unless rated; say "water-resistant" instead".
    for m in _LIST_LINE_RE.finditer(blob):
        term = m.group(1).strip(" *`").lower()
        say_m = _SAY_RE.search(m.group(2))
        if term and say_m:
            out.setdefault(term, say_m.group(1).strip())
    return out


def _clean_term(term: str) -> str:
    return " ".join(normalise(term).strip(" \"'*`.,;:").split())


_PROHIBITION_RE = re.compile(r"\b(?:never|don't|dont|do not|no|not|avoid|stop|nor)\b")
# Words that ask for the phrase after them: "say "X"", "without a "results vary" note", "rather see "huh?"".
_ASKS_FOR = frozenset({"say", "says", "include", "including", "add", "write", "state", "use", "with", "without", "rather", "prefer", "instead", "try"})
_CLAUSE_START = re.compile(r"[;:,(\u2014\u2013]")


def _forbidden_phrases(text: str) -> list[str]:
    """Quoted phrases a rule forbids. A phrase is forbidden when its sentence prohibits something before it and
    the last cue in its clause is not one that asks for it: 'Never use "miracle"' forbids "miracle"; 'without a
    "results vary" note', 'Say "BrightByte isn't financial advice"' and 'We'd rather see a real "huh?"' ask for
    theirs."""
    phrases = []
    for m in _QUOTED_RE.finditer(text):
        phrase = normalise(m.group(1) or m.group(2)).strip(" .,;:!?").lower()
        if not phrase or len(phrase.split()) > 6:
            continue
        before = normalise(text[: m.start()]).lower()
        sentence = re.split(r"[.!?\n]\s", before)[-1]
        clause = _CLAUSE_START.split(sentence)[-1]
        words = re.findall(r"[a-z']+", clause)
        cues = [i for i, w in enumerate(words) if w in _ASKS_FOR or _PROHIBITION_RE.fullmatch(w)]
        if cues:
            last = cues[-1]
            asks = words[last] in _ASKS_FOR and not (last > 0 and _PROHIBITION_RE.fullmatch(words[last - 1]))
            if asks:
                continue
        if not _PROHIBITION_RE.search(sentence):
            continue
        phrases.append(phrase)
    return phrases


def _claim_rules(guide: VoiceGuide) -> tuple[list[ClaimRule], list[str]]:
    categories = risk_data()["categories"]
    rules: list[ClaimRule] = []
    strict: set[str] = set()
    example_sections = {s.id for s in guide.sections if any("example" in h.lower() for h in s.heading_path)}
    for rule in guide.rules:
        if rule.kind not in ("dont", "hard_limit"):
            continue
        if rule.section_id in example_sections:
            continue  # a "Not this" sample the parser filed as a rule: it shows bad copy, it isn't a rule
        text = normalise(rule.text).lower()
        cats = []
        for name, cat in categories.items():
            for kw in cat["rule_keywords"]:
                pat = r"\b" + re.escape(kw) + (r"\b" if len(kw) <= 4 else "")
                if re.search(pat, text):
                    cats.append(name)
                    break
        requirement = bool(_REQUIREMENT_RE.match(rule.text))
        phrases = [] if requirement else _forbidden_phrases(rule.text)
        conditional = bool(_CONDITIONAL_RE.search(rule.text))
        rules.append(
            ClaimRule(
                text=rule.text, kind=rule.kind, section=rule.section_id, categories=cats, phrases=phrases,
                requirement=requirement, conditional=conditional,
            )
        )  # fmt: skip
        if rule.kind == "hard_limit":
            strict.update(cats)
        else:
            strict.update(c for c in cats if categories[c]["severity"] != "low" or c == "unsubstantiated_claim")
    return rules, sorted(strict)


def _family_audience(guide: VoiceGuide) -> bool:
    from assistant.analysis.text import words_of_stems

    text = " ".join(guide.topics) + " " + guide.about + " " + (getattr(guide, "sells", "") or "")
    return bool(words_of_stems(text) & FAMILY_AUDIENCE)


def voice_profile(guide: VoiceGuide) -> VoiceRules:
    """Turn a voice guide into measurable targets: style ranges, vocabulary, claim rules and topic vocabulary."""
    targets = _style_rule_targets(guide)
    _attribute_targets(guide, targets)
    examples = [e for e in guide.example_copy if e and e.strip()]
    example_style = style_metrics(examples) if examples else None
    if example_style is not None:
        _example_targets(example_style, targets, guide)

    replacements = _replacements(guide)
    generic = stopwords()
    preferred = []
    for w in guide.preferred_words:
        term = _clean_term(w)
        if term and term.lower() not in generic:
            preferred.append(GuideTerm(term=term, section=_term_section(guide, term)))
    avoided = []
    for w in guide.avoided_words:
        term = _clean_term(w)
        if term:
            avoided.append(
                GuideTerm(term=term, section=_term_section(guide, term), replacement=replacements.get(term.lower()))
            )
    claim_rules, strict = _claim_rules(guide)
    terms = topic_vocabulary(guide)
    if _family_audience(guide):
        # Brands that talk to parents about children hold creators to family-safe content whatever the guide
        # spells out: swearing, drink and drugs, and gambling become hard limits.
        strict = sorted(set(strict) | FAMILY_STRICT)
    order = list(STYLE_RULES_AXES_ORDER)
    rules = VoiceRules(
        brand=guide.brand,
        name=guide.name,
        targets=sorted(targets.values(), key=lambda t: order.index(t.axis) if t.axis in order else 99),
        preferred=preferred,
        avoided=avoided,
        claim_rules=claim_rules,
        strict_categories=strict,
        topic_terms=terms,
        topic_domains=[],
        competitors=[c.strip() for c in guide.competitors if c and c.strip()],
        brand_names=brand_names(guide),
        brand_short_names=brand_short_names(guide),
        example_style=example_style,
        example_copy=examples,
        counter_examples=[c for c in getattr(guide, "counter_examples", []) if c and c.strip()],
    )
    from assistant.analysis.rule_specs import rule_specs

    titles = {sec.id: sec.title for sec in guide.sections}
    return rules.model_copy(update={"checks": rule_specs(guide, rules), "section_titles": titles})


STYLE_RULES_AXES_ORDER = tuple(TOLERANCE)
_CACHE: dict[str, VoiceRules] = {}


def cached_voice_profile(guide: VoiceGuide) -> VoiceRules:
    """`voice_profile` memoised on the guide's content, for callers that only read the rules (fit, check):
    checking ten drafts against one guide derives its rules once."""
    key = guide.model_dump_json()
    rules = _CACHE.get(key)
    if rules is None:
        if len(_CACHE) >= 32:
            _CACHE.pop(next(iter(_CACHE)))
        rules = _CACHE[key] = voice_profile(guide)
    return rules
# A brand whose topics or about text name children or parents as its audience (English nouns for them, by stem).
FAMILY_AUDIENCE = frozenset({"kid", "child", "children", "toddler", "babi", "baby", "parent", "famili", "preschool"})
FAMILY_STRICT = frozenset({"profanity", "alcohol_drugs", "gambling"})
