"""The guide's rules as `RuleSpec`s, the input of every detector.

A rule the guide reader typed (`GuideRule.check` set) is used as read. Until a guide carries typed rules, the
explicit style rules `voice_rules` finds in its text stand in (only rules, never targets guessed from voice
attributes or example copy: a guess is not something a guide said), plus a typing of the rule kinds it has no
axis for (active voice, reading level, sentence case, talking to "you"), and the guide's avoided words.
"""

from __future__ import annotations

import re

from assistant.analysis.detectors import RuleSpec
from assistant.language import normalise, sentence_spans
from assistant.models.fit import VoiceRules
from assistant.models.records import VoiceGuide

# voice_rules axis -> detector kind
_AXIS_CHECK = {
    "contractions": "contractions", "exclamation": "exclamation", "caps": "capitals", "jargon": "jargon",
    "hype": "hype", "slang": "slang", "profanity": "profanity", "emoji": "emoji", "hashtags": "hashtags",
    "sentence_length": "sentence_length", "second_person": "person",
}  # fmt: skip
_GRADE = re.compile(r"\b(?:grade|year)\s*(\d{1,2})\b|\b(\d{1,2})(?:th|st|nd|rd)[- ]grade\b|\breading age of (\d{1,2})\b", re.I)
# Rule kinds voice_rules has no axis for: (pattern over a rule sentence, check, polarity).
_TYPING: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"\bshort(?:er)? sentences\b|\bsentences? short\b|\bone idea (?:in|per) (?:each )?sentence\b", re.I), "sentence_length", "limit"),
    (re.compile(r"\bcontractions\b", re.I), "contractions", "prefer"),
    (re.compile(r"\bjargon\b|\bplain (?:english|language)\b|\b(?:simple|common|everyday|familiar) words\b", re.I), "jargon", "avoid"),
    (re.compile(r"\b(?:address|speak|talk|write)\b[^.]{0,40}\b(?:reader|user|audience)s?\b|\b(?:first|second)[- ]person\b|\buse (?:first|second)[\w ]{0,20}pronouns\b|\bpronouns to speak\b", re.I), "person", "prefer"),
    (re.compile(r"\bexclamation (?:marks?|points?)\b", re.I), "exclamation", "limit"),
    (re.compile(r"\bactive voice\b|\b(?:avoid|don't use|do not use|no|limit)\s+(?:the\s+)?passive\b", re.I), "active_voice", "prefer"),
    (re.compile(r"\b(?:aim|write|keep)\b[^.]{0,30}\breading (?:level|age)\b|\bgrade \d|\b\d{1,2}th[- ]grade\b", re.I), "reading_level", "limit"),
    (re.compile(r"\bsentence case\b", re.I), "sentence_case", "prefer"),
    (re.compile(r"\b(?:all caps|all capitals|block capitals|capital letters)\b", re.I), "capitals", "avoid"),
]


def _title(guide: VoiceGuide, section: str | None) -> str | None:
    s = guide.section(section) if section else None
    return s.title if s is not None else None


def _typed(guide: VoiceGuide) -> list[RuleSpec]:
    out = []
    for r in guide.rules:
        check = getattr(r, "check", None)
        if not check:
            continue
        out.append(
            RuleSpec(
                check=check, polarity=r.polarity or ("avoid" if r.kind != "do" else "prefer"), text=r.text,
                section=r.section_id, section_title=_title(guide, r.section_id), limit=r.limit, words=tuple(r.words),
            )
        )  # fmt: skip
    return out


def _fallback(guide: VoiceGuide, rules: VoiceRules) -> list[RuleSpec]:
    out: list[RuleSpec] = []
    for t in rules.targets:
        if t.source != "rule" or t.axis not in _AXIS_CHECK:
            continue
        check = _AXIS_CHECK[t.axis]
        if t.low is not None and t.high is None:
            polarity, limit = "prefer", None
        elif t.high is not None and t.high <= 0.01:
            polarity, limit = "avoid", None
        else:
            polarity, limit = "limit", t.high
        if check in ("exclamation",) and polarity == "limit":
            limit = 1
        if check in ("jargon", "hype", "slang", "profanity", "capitals"):
            polarity, limit = "avoid", None  # a word list has no useful rate for one text: any use breaks it
        if check == "sentence_length":
            from assistant.analysis.voice_rules import _sentence_limit

            limit = _sentence_limit(t.rule)  # only a number the guide states; else the detector's default
        out.append(RuleSpec(check=check, polarity=polarity, text=t.rule, section=t.section,
                            section_title=_title(guide, t.section), limit=limit))  # fmt: skip
    have = {s.check for s in out}
    # A heading can be the rule itself ("Use active voice", "Write short sentences").
    texts = [(s.heading_path[-1], s.id) for s in guide.sections if s.heading_path]
    texts += [(r.text, r.section_id) for r in guide.rules] + [(s.text, s.id) for s in guide.sections]
    for raw, section in texts:
        text = normalise(raw)
        for a, b in sentence_spans(text):
            sentence = " ".join(text[a:b].lstrip("-*\u2022 ").split())
            for pattern, check, polarity in _TYPING:
                if check in have or not pattern.search(sentence):
                    continue
                limit = None
                if check == "contractions" and re.search(r"\b(?:avoid|don't|do not|no|never)\b[^.]{0,20}\bcontractions\b", sentence, re.I) and not re.search(r"\bawkward|less common|colloquial", sentence, re.I):
                    polarity = "avoid"
                if check == "exclamation":
                    negative = re.search(r"\b(?:don't|do not|never|no|avoid)\b[^.]{0,25}\bexclamation", sentence, re.I)
                    more = re.search(r"\bmore than (?:one|1)\b|\bsingle\b|\bone\b", sentence, re.I)
                    polarity, limit = ("limit", 1.0) if more else ("avoid", None) if negative else ("limit", 1.0)
                if check == "sentence_length":
                    from assistant.analysis.voice_rules import _sentence_limit

                    limit = _sentence_limit(sentence)
                if check == "reading_level":
                    m = _GRADE.search(sentence)
                    nums = [int(g) for g in (m.groups() if m else ()) if g]
                    limit = float(nums[0]) if nums else None
                    if m and m.group(3):
                        limit = float(nums[0]) - 5  # a reading age is school grade + 5 or so
                have.add(check)
                out.append(RuleSpec(check=check, polarity=polarity, text=sentence[:200], section=section,
                                    section_title=_title(guide, section), limit=limit))  # fmt: skip
    if rules.avoided:
        # One rule for all the guide's avoided words, however many sections list them: a voice is judged on the
        # word list once, not once per section.
        words = [t.term for t in rules.avoided]
        section = rules.avoided[0].section
        out.append(RuleSpec(
            check="words", polarity="avoid", text="Words to avoid: " + ", ".join(words[:8]) + ("\u2026" if len(words) > 8 else ""),
            section=section, section_title=_title(guide, section), words=tuple(words),
            replacements=tuple((t.term, t.replacement) for t in rules.avoided if t.replacement),
        ))  # fmt: skip
    return out


def rule_specs(guide: VoiceGuide, rules: VoiceRules) -> list[RuleSpec]:
    """Every measurable rule of the guide, typed rules first; one spec per (check, polarity)."""
    typed = _typed(guide)
    specs = typed if typed else _fallback(guide, rules)
    if typed and rules.avoided and not any(s.check == "words" for s in typed):
        specs = specs + [s for s in _fallback(guide, rules) if s.check == "words"]
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    out = []
    for s in specs:
        key = (s.check, s.polarity, s.words)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
