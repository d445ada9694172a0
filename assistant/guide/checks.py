"""Typing a guide rule to a measurable check: rule verb + object, read against the names of the checks.

The method, for one rule sentence (or heading):

1. Words are stemmed (Snowball English, the language layer's one stemmer), so "contractions", "contraction" and "contract" meet.
2. Directive words set the sign of what follows them: a positive rule verb ("use", "write", "prefer", "keep",
   "we aim") is +1, a negative one ("avoid", "don't", "never", "skip", "replace") -1; a contrast ("instead of",
   "rather than", "not", "over", "to" after "prefer") flips the sign for what comes after it; a limiting word
   ("rarely", "sparingly", "excessive", "at most", "no more than") makes the rule a limit.
3. The object is the first span that names a check (CHECK_TERMS below). Each name has a pole: "passive voice"
   names the opposite of the `active_voice` check (-1), "plain language" the opposite of `jargon` (-1).
4. polarity = prefer when sign x pole is +1, avoid when -1, limit when a limiting word governs the object; a
   number stated in the rule ("eighth grade", "no more than 20 words", "1-2 sentences") is the limit.
5. Quoted words after a say/use verb, or after an avoid verb, make a `words` rule when no other check is named.

What the polarity means: prefer / avoid / limit always refer to what the check measures (its +1 pole):
contractions, active voice, exclamation marks, capitals, hype, jargon, sentence length, reading level (grade),
first and second person, sentence case, emoji, hashtags, slang, profanity, claims, or the rule's own words. So
"Avoid the passive voice" is active_voice/prefer, "Use plain language" jargon/avoid, "Keep sentences under 20
words" sentence_length/limit 20. A rule that only allows something ("You can use ...") has no polarity; a
conditional exception that contradicts a general rule of the same guide keeps no check at all
(assistant/guide/extract.py), so a checker enforces only the general rule.

CHECK_TERMS is the only vocabulary: for each check in `CheckKind`, the names guides give that check (taken from
the check's own name, its grammatical synonyms, and the terms style manuals use for it). It grows only when a
new *name of a check* is found, never to make one sentence come out right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# check -> [(term, pole)]: pole +1 names what the check measures, -1 its opposite.
CHECK_TERMS: dict[str, list[tuple[str, int]]] = {
    "contractions": [("contraction", 1), ("contracted form", 1)],
    "active_voice": [("active voice", 1), ("active", 1), ("passive voice", -1), ("passive", -1)],
    "exclamation": [("exclamation mark", 1), ("exclamation point", 1), ("exclamation", 1)],
    "capitals": [("all caps", 1), ("all capitals", 1), ("capital letters", 1), ("caps lock", 1),
                 ("uppercase", 1), ("upper case", 1), ("shouting", 1), ("shout", 1)],
    "hype": [("hype", 1), ("superlative", 1), ("hyperbole", 1), ("hyperbolic", 1), ("exaggeration", 1),
             ("exaggerate", 1), ("overstatement", 1), ("grandiose", 1), ("sales pitch", 1), ("salesy", 1),
             ("buzzword", 1)],
    "jargon": [("jargon", 1), ("technical term", 1), ("technical language", 1), ("legalese", 1),
               ("plain language", -1), ("plain english", -1), ("plain words", -1), ("simple words", -1),
               ("simple language", -1), ("common words", -1), ("everyday language", -1), ("everyday words", -1),
               ("familiar words", -1), ("concrete words", -1), ("long words", 1), ("formal words", 1),
               ("short words", -1), ("simplest term", -1), ("simple term", -1), ("simplest word", -1)],
    "sentence_length": [("long sentence", 1), ("sentence length", 1), ("short sentence", -1),
                        ("one idea in each sentence", -1), ("one idea per sentence", -1),
                        ("everything in one sentence", 1), ("words per sentence", 1), ("short", -1), ("concise", -1),
                        ("brief", -1), ("sentence", 1)],
    "reading_level": [("reading level", 1), ("grade level", 1), ("reading age", 1), ("readability", -1),
                      ("readable", -1), ("grade reading", 1)],
    "person": [("second person", 1), ("first person", 1), ("first and second person", 1), ("pronoun", 1),
               ("third person", -1), ("speak directly", 1), ("address the reader", 1), ("address the user", 1),
               ('"you"', 1), ('"we"', 1), ('"i"', 1), ('"us"', 1), ('"me"', 1), ('"our"', 1), ('"your"', 1),
               ('"he"', -1), ('"she"', -1), ('"it"', -1), ('"they"', -1), ('"them"', -1), ('"their"', -1)],
    "sentence_case": [("sentence case", 1), ("title case", -1)],
    "emoji": [("emoji", 1), ("emoticon", 1)],
    "hashtags": [("hashtag", 1)],
    "slang": [("slang", 1), ("text speak", 1), ("textspeak", 1), ("internet speak", 1)],
    "profanity": [("profanity", 1), ("swearing", 1), ("swear", 1), ("curse word", 1), ("bad language", 1)],
    "claims": [("claim", 1), ("promise", 1), ("guarantee", 1), ("overpromise", 1), ("over-promise", 1),
               ("medical", 1), ("before-and-after", 1), ("cure", 1)],
}

# Rule verbs (base forms), by the sign they give what follows.
POSITIVE_VERBS = frozenset(
    "use write be keep speak tell say give offer consider make explain show lead choose try put think remember "
    "stay ask aim focus start talk address describe include mention prefer spell treat celebrate credit link tag "
    "disclose stick sound match get add favour favor emphasise emphasize highlight respect acknowledge lean thank "
    "own admit always answer cite capitalise capitalize punctuate shorten end begin sign call refer quote share "
    "invite encourage welcome honour honor protect follow ensure help leave pick reserve save state frame phrase "
    "adopt create have".split()
)
NEGATIVE_VERBS = frozenset(
    "avoid skip resist stop drop ditch cut omit eliminate minimise minimize refrain replace lose steer ban".split()
)
NEGATORS = frozenset("don't dont never not no nor without".split())
CONTRASTS = ("instead of", "rather than", "not", "over", "in place of")
LIMITERS = frozenset(
    "rarely sparingly excessive excessively limit limited maximum max most fewer sparing occasional "
    "occasionally under".split()
)
LIMIT_PHRASES = ("at most", "no more than", "more than", "up to", "keep to", "less than", "fewer than", "are fine",
                 "is fine", "are ok", "is ok", "are okay", "is okay")
# Checks that count something, so a rule can cap them ("at most two emoji", "an eighth grade reading level").
COUNTABLE = frozenset({"sentence_length", "reading_level", "emoji", "hashtags", "exclamation", "capitals"})
PERMISSIONS = re.compile(r"^(you )?(can|may|might|could)\b|^(it's|it is) (fine|ok|okay)\b|^feel free\b")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())}
# Quotes pair up left to right whatever their length (a long quote must not shift the pairing); short ones are kept.
_QUOTED = re.compile(r"\"([^\"]*)\"|“([^”]*)”|(?<!\w)['‘]([^'‘’]{1,40})['’](?!\w)|`([^`]{1,40})`")


@dataclass(frozen=True)
class Typed:
    check: str | None = None
    polarity: str | None = None
    limit: float | None = None
    words: list[str] = field(default_factory=list)


def stem(word: str) -> str:
    """The one stemmer (assistant.language: Snowball English)."""
    from assistant.language import stem as language_stem

    return language_stem(word)


def _tokens(text: str) -> list[str]:
    """Lower-case word tokens with quotes kept as tokens ('"you"' stays one token), apostrophes straight."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)  # "before-and-after" and "before and after" meet
    text = re.sub(r"(?<![\w'])'(\w+)'(?!\w)", r'"\1"', text)  # 'they' is quoted like "they"
    return re.findall(r'"[^"\s]{1,20}"|[a-z0-9]+(?:\'[a-z]+)?|[—–:;,.!?()]', text)


@lru_cache(maxsize=1)
def _term_index() -> list[tuple[tuple[str, ...], str, int, str]]:
    """(stemmed token sequence, check, pole, the word itself for one-word terms), longest first so "passive
    voice" wins over "passive"."""
    index = []
    for check, terms in CHECK_TERMS.items():
        for term, pole in terms:
            words = _tokens(term)
            seq = tuple(t if t.startswith('"') else stem(t) for t in words)
            index.append((seq, check, pole, words[0] if len(words) == 1 and not words[0].startswith('"') else ""))
    return sorted(index, key=lambda entry: -len(entry[0]))


def type_rule(text: str, *, negated: bool = False) -> Typed:
    """The measurable check a rule asks for, with its polarity, limit and words (``Typed()`` when none fits).

    ``negated``: the rule sits under a "Don't" label, which negates a rule that doesn't say so itself.
    """
    return next(iter(type_rule_all(text, negated=negated)), Typed())


def type_rule_all(text: str, *, negated: bool = False) -> list[Typed]:
    """Every check a rule names, in order, one each: "We use contractions, sentence case and short sentences"
    asks for three. [] when it names none."""
    found: list[Typed] = []
    for typed in _typings(text, negated=negated):
        if typed.check and all(t.check != typed.check for t in found):
            found.append(typed)
    return found


def _typings(text: str, *, negated: bool):
    tokens = _tokens(text)
    if not tokens:
        return
    stems = [t if t.startswith('"') else stem(t) for t in tokens]
    simple = " ".join(tokens)
    own_negation = tokens[0] in NEGATORS or stems[0] in NEGATIVE_VERBS or tokens[:2] == ["do", "not"]
    sign = -1 if negated and not own_negation else 1
    limiting = False
    contrast = False
    prefer_seen = False
    permission = bool(PERMISSIONS.match(simple))
    sign_at_quote = 0  # the sign in force where the first quoted word stands
    i = 0
    while i < len(tokens):
        token, token_stem = tokens[i], stems[i]
        if token.startswith('"') and not sign_at_quote:
            sign_at_quote = sign
        for seq, check, pole, word in _term_index():
            if tuple(stems[i:i + len(seq)]) == seq:
                if word and len(word) <= 6 and not (token.startswith(word) or word.startswith(token)):
                    continue  # short one-word terms match their own word forms: "active" is not "activities"
                if len(seq) == 1 and check == "sentence_length" and stems[i + 1:i + 2] == ["word"]:
                    continue  # "short words" is about word choice, not sentence length
                if seq == (stem("sentence"),) and not (limiting or _limits_later(tokens[i:], stems[i:])
                                                       or _limit(simple, check) is not None):
                    continue  # "in the first sentence" names no length; "sentences under 20 words" does
                effective = sign * pole * (-1 if contrast else 1)
                limit = _limit(simple, check)
                countable = check in COUNTABLE
                limiting = limiting or (countable and (limit is not None or _limits_later(tokens[i:], stems[i:])))
                if permission:
                    polarity = None
                elif limiting and countable or (check in ("sentence_length", "reading_level") and effective < 0):
                    polarity = "limit"
                else:
                    polarity = "prefer" if effective > 0 else "avoid"
                yield Typed(check, polarity, limit, [])
                matched = len(seq)
                break
        else:
            matched = 0
        if matched:
            i += matched
            continue
        if any(" ".join(tokens[i:i + len(p.split())]) == p for p in LIMIT_PHRASES) or _is_limiter(token, token_stem):
            limiting = True
        elif token in NEGATORS or token_stem in NEGATIVE_VERBS:
            sign, contrast = -1, False
        elif token_stem in POSITIVE_VERBS:  # "avoid using", "don't write": the clause's sign stands
            prefer_seen = prefer_seen or token_stem == "prefer"
        elif any(" ".join(tokens[i:i + len(c.split())]) == c for c in CONTRASTS) or (prefer_seen and token == "to"):
            contrast = True
        elif token in (";", ".", "—", "–") and i + 1 < len(tokens):
            sign, contrast, limiting = 1, False, False  # a new clause starts unsigned
        i += 1
    words = _quoted_words(text)
    sign_at_quote = sign_at_quote or sign
    if words and (sign_at_quote < 0 or re.search(r"\b(say|use|write|call|prefer)\b", simple)):
        yield Typed("words", None if permission else ("avoid" if sign_at_quote < 0 else "prefer"), None, words)


@lru_cache(maxsize=1)
def _limiter_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in LIMITERS)


def _is_limiter(token: str, token_stem: str) -> bool:
    return token in LIMITERS or token_stem in _limiter_stems()


def _limits_later(tokens: list[str], stems: list[str]) -> bool:
    """A limiting word later in the same clause: "Keep sentences under 20 words", "hashtags rarely"."""
    for i, token in enumerate(tokens):
        if token in (";", ".", "—", "–"):
            return False
        if _is_limiter(token, stems[i]) or any(" ".join(tokens[i:i + len(p.split())]) == p for p in LIMIT_PHRASES):
            return True
    return False


def _quoted_words(text: str) -> list[str]:
    found = [next(g for g in m.groups() if g is not None).strip(" .,") for m in _QUOTED.finditer(text)]
    return [w for w in found if w and len(w.split()) <= 4]


def _limit(simple: str, check: str) -> float | None:
    """The number a rule states for its check: "eighth grade" -> 8, "no more than 20 words" -> 20, "1-2" -> 2."""
    if check == "reading_level":
        match = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)? grade\b|\bgrade (\d{1,2})\b", simple)
        if match:
            return float(match.group(1) or match.group(2))
        ordinal = re.search(r"\b(" + "|".join(_ORDINALS) + r") grade\b", simple)
        return float(_ORDINALS[ordinal.group(1)]) if ordinal else None
    # A count only when a unit follows it: "20 words", "1 2 short sentences", "one exclamation mark".
    simple = re.sub(r"\ba couple of\b", "two", simple)  # "a couple of emoji are fine"
    number = r"(\d{1,3}|" + "|".join(k for k in _NUMBER_WORDS if k != "zero") + ")"
    unit = r"(?:\s+\w+)?\s+(word|sentence|character|emoji|hashtag|exclamation|line|mark|point)"
    match = re.search(number + r"(?:\s+(?:to|or)?\s*" + number + ")?" + unit, simple)
    if not match:
        return None
    value = match.group(2) or match.group(1)
    return float(value) if value.isdigit() else float(_NUMBER_WORDS[value])
