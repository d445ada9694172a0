"""Check a caption or draft against a brand's voice: findings that quote the offending text verbatim, name the
guide rule (and section) it breaks and suggest a fix; a 0-100 score; `passed` when score >= PASS_THRESHOLD.

Score: 100 minus a penalty per finding (high 35, medium 10, low 4; at most three findings of one rule count),
so one high-severity finding (a banned claim, a hard limit) fails a text on its own.
Medium and low penalties are scaled down for long drafts (by sqrt(150 / words)) so a brief isn't failed for
being long; high-severity findings (banned claims, unsafe behaviour) are never scaled.
"""

from __future__ import annotations

import math
import re

from assistant.analysis.partnerships import name_pattern
from assistant.analysis.safety import find_injection, scan
from assistant.analysis.style import style_metrics
from assistant.analysis.text import ACRONYMS, CAPS_WORD_RE, EMOJI_RE, Doc, sentences_of, word_list
from assistant.analysis.voice import axis_fit, term_list
from assistant.analysis.voice_rules import cached_voice_profile
from assistant.analysis.wording import say
from assistant.models.fit import CheckFinding, CheckReport, VoiceRules, VoiceTarget
from assistant.models.records import VoiceGuide

PASS_THRESHOLD = 70
PENALTY = {"high": 35, "medium": 10, "low": 4}  # one high finding (a banned claim) fails a text on its own
MAX_PER_RULE = 3

_EXCLAIM_RE = re.compile(r"[^\s!]{0,25}!+")
_STORM_RE = re.compile(r"[^\s!]{0,25}!{2,}")
_EMOJI_RUN_RE = re.compile(EMOJI_RE.pattern + "+")
_HASHTAG_RE = re.compile(r"(?<![\w#])#\w+")
# Only forms that conversational copy contracts almost every time: "that is theirs" or "I have two kids" read
# fine written out, so they aren't flagged.
_UNCONTRACTED = {
    "do not": "don't", "does not": "doesn't", "did not": "didn't", "is not": "isn't", "are not": "aren't",
    "was not": "wasn't", "were not": "weren't", "cannot": "can't", "can not": "can't", "will not": "won't",
    "would not": "wouldn't", "should not": "shouldn't", "could not": "couldn't", "have not": "haven't",
    "has not": "hasn't", "we are": "we're", "you are": "you're", "they are": "they're", "i am": "I'm",
    "let us": "let's",
}  # fmt: skip
_UNCONTRACTED_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in _UNCONTRACTED) + r")\b", re.IGNORECASE)
_CONTRACTED_RE = re.compile(r"\b[A-Za-z]+['\u2019](?:t|re|ve|ll|d|m)\b|\b(?:it|that|what|there|here|he|she|who|let)['\u2019]s\b", re.IGNORECASE)


def _finding(text: str, rule: str, section: str | None, suggestion: str, severity: str) -> CheckFinding:
    return CheckFinding(text=text, rule=rule, section=section, suggestion=suggestion, severity=severity)  # type: ignore[arg-type]


def _limit(target: VoiceTarget | None, per_text: float, sentences: int = 1) -> int | None:
    """How many of a thing (emoji, hashtags, exclamation marks) one text may have under a target."""
    if target is None or target.high is None:
        return None
    if target.high == 0:
        return 0
    return max(1, math.floor(target.high * per_text + 0.5))


def _style_findings(text: str, rules: VoiceRules) -> list[tuple[str, CheckFinding]]:
    out: list[tuple[str, CheckFinding]] = []
    sentences = max(1, len([s for s in sentences_of(text) if any(c.isalpha() for c in s)]))

    t = rules.target("exclamation")
    marks = text.count("!")
    if marks:
        allowed = _limit(t, sentences) if t is not None else None
        storms = [m for m in _STORM_RE.finditer(text)]
        if t is not None and allowed is not None and marks > allowed:
            runs = storms or list(_EXCLAIM_RE.finditer(text))[allowed:] or list(_EXCLAIM_RE.finditer(text))
            for m in runs[:MAX_PER_RULE]:
                out.append(("exclamation", _finding(m.group(0), t.rule, t.section, say("check.fix.exclamation"), "medium")))
        elif storms and (t is not None or rules.target("energy") is not None):
            rule = t.rule if t else rules.target("energy").rule  # type: ignore[union-attr]
            section = t.section if t else rules.target("energy").section  # type: ignore[union-attr]
            for m in storms[:MAX_PER_RULE]:
                out.append(("exclamation", _finding(m.group(0), rule, section, say("check.fix.exclamation"), "medium")))

    t = rules.target("caps")
    if t is not None and t.high is not None and t.high <= 0.03:
        for m in CAPS_WORD_RE.finditer(text):
            if m.group(0).replace("'", "") in ACRONYMS:
                continue
            out.append(("caps", _finding(m.group(0), t.rule, t.section, say("check.fix.caps", word=m.group(0).capitalize() if m.start() == 0 else m.group(0).lower()), "medium")))

    t = rules.target("emoji")
    runs = list(_EMOJI_RUN_RE.finditer(text))
    allowed = _limit(t, 1)
    count = sum(len(EMOJI_RE.findall(r.group(0))) for r in runs)
    if t is not None and allowed is not None and count > allowed:
        seen = 0
        for r in runs:
            seen += len(EMOJI_RE.findall(r.group(0)))
            if seen > allowed:
                out.append(("emoji", _finding(r.group(0), t.rule, t.section, say("check.fix.emoji", n=allowed), "low" if allowed else "medium")))

    t = rules.target("hashtags")
    tags = list(_HASHTAG_RE.finditer(text))
    allowed = _limit(t, 1)
    if t is not None and allowed is not None and len(tags) > allowed:
        extra = tags[allowed:]
        out.append(("hashtags", _finding(text[extra[0].start() : extra[-1].end()], t.rule, t.section, say("check.fix.hashtags", n=allowed), "low")))

    t = rules.target("contractions")
    if t is not None and t.low is not None:
        for m in _UNCONTRACTED_RE.finditer(text):
            short = _UNCONTRACTED[m.group(1).lower()]
            if m.group(1)[0].isupper():
                short = short[0].upper() + short[1:]
            out.append(("contractions", _finding(m.group(0), t.rule, t.section, say("check.fix.contract", short=short), "low")))
    elif t is not None and t.high is not None and t.high < 1:
        for m in _CONTRACTED_RE.finditer(text):
            out.append(("contractions", _finding(m.group(0), t.rule, t.section, say("check.fix.expand"), "low")))

    t = rules.target("sentence_length")
    if t is not None and t.high is not None:
        for s in sentences_of(text):
            n = len(s.split())
            if n > t.high + t.tolerance:
                quote = s if len(s) <= 160 else s[:157].rsplit(" ", 1)[0]
                out.append(("sentence_length", _finding(quote, t.rule, t.section, say("check.fix.sentence", n=n, max=int(t.high)), "low")))

    doc = Doc(text)
    for axis, lex, fix, severity in (
        ("jargon", "jargon", "check.fix.jargon", "low"),
        ("hype", "hype", "check.fix.hype", "low"),
        ("slang", "slang", "check.fix.slang", "low"),
        ("profanity", "profanity", "check.fix.profanity", "medium"),
    ):
        t = rules.target(axis)
        if t is None or t.high is None:
            continue
        if axis == "slang" and t.high > 1.2:
            continue
        if not word_list(lex).hits(doc):
            continue
        for s, e in word_list(lex).spans(text)[:MAX_PER_RULE]:
            out.append((axis, _finding(text[s:e], t.rule, t.section, say(fix, word=text[s:e]), severity)))

    t = rules.target("energy")
    if t is not None and t.high is not None and len(text.split()) >= 6:
        m = style_metrics(text)
        if axis_fit(m.energy, t) < 0.5:
            sents = [s for s in sentences_of(text) if s.strip()]
            pick = max(sents, key=lambda s: style_metrics(s).energy)
            out.append(("energy", _finding(pick, t.rule, t.section, say("check.fix.too_loud"), "medium")))

    t = rules.target("formality")
    words = len(text.split())
    if t is not None and words >= 15:
        m = style_metrics(text)
        if axis_fit(m.formality, t) < 0.5:
            above = t.high is not None and m.formality > t.high
            sents = sentences_of(text)
            pick = max(sents, key=lambda s: style_metrics(s).formality) if above else min(sents, key=lambda s: style_metrics(s).formality)
            out.append(("formality", _finding(pick, t.rule, t.section, say("check.fix.too_formal" if above else "check.fix.too_casual"), "low")))
    return out


def check_with_rules(rules: VoiceRules, text: str) -> CheckReport:
    """`check_text` with the guide already turned into `VoiceRules`."""
    found: list[tuple[str, CheckFinding]] = []
    if not text or not text.strip():
        return CheckReport(brand=rules.brand, score=100, passed=True, findings=[], text=text, threshold=PASS_THRESHOLD)

    m = find_injection(text)
    if m:
        found.append(("injection", _finding(m.group(0), say("check.rule.injection"), None, say("check.fix.injection"), "high")))

    if rules.avoided:
        avoided = term_list(tuple(t.term for t in rules.avoided))
        by_key = {t.term.lower(): t for t in rules.avoided}
        for s, e in avoided.spans(text):
            word = text[s:e]
            term = by_key.get(" ".join(word.lower().replace("-", " ").split())) or by_key.get(word.lower()) or next(
                (t for t in rules.avoided if t.term.lower().replace("-", " ") == word.lower().replace("-", " ")), None
            )
            rule = say("check.rule.avoided", term=term.term if term else word)
            fix = say("check.fix.replace", replacement=term.replacement) if term and term.replacement else say("check.fix.avoided", word=word)
            found.append((f"avoided:{word.lower()}", _finding(word, rule, term.section if term else None, fix, "medium")))

    doc = Doc(text)
    lowered_same = len(doc.lower) == len(text)
    hits, _ = scan(doc, rules)
    for h in hits:
        passage = text[h.start : h.end] if lowered_same else doc.lower[h.start : h.end]
        if h.rule is not None:
            rule, section = h.rule.text, h.rule.section
        else:
            rule, section = say("check.rule.builtin", label=h.label), None
        fix = say(f"check.fix.risk.{h.category}") if h.category != "guide_rule" else say("check.fix.risk.guide_rule")
        severity = h.severity if h.source != "guide_words" else "medium"
        found.append((f"risk:{h.category}:{rule}", _finding(passage, rule, section, fix, severity)))

    for cname in rules.competitors:
        cre = name_pattern((cname,))
        cm = cre.search(doc.lower) if cre else None
        if cm:
            rule_obj = next((r for r in rules.claim_rules if "competitor" in r.text.lower() or cname.lower() in r.text.lower()), None)
            rule = rule_obj.text if rule_obj else say("check.rule.competitor")
            passage = text[cm.start() : cm.end()] if lowered_same else cm.group(0)
            found.append((f"competitor:{cname}", _finding(passage, rule, rule_obj.section if rule_obj else None, say("check.fix.competitor", name=cname), "medium")))

    seen_style: set[str] = set()
    for key, f in _style_findings(text, rules):
        # One finding per offending word: "OMG" is slang and hype, but one fix covers both.
        if key in ("jargon", "hype", "slang") and f.text.lower() in seen_style:
            continue
        seen_style.add(f.text.lower())
        found.append((key, f))

    words = max(1, len(text.split()))
    scale = min(1.0, math.sqrt(150 / words))
    per_rule: dict[str, int] = {}
    penalty = 0.0
    findings: list[CheckFinding] = []
    for key, f in found:
        rule_key = f"{key.split(':')[0]}:{f.rule}"
        per_rule[rule_key] = per_rule.get(rule_key, 0) + 1
        findings.append(f)
        if per_rule[rule_key] > MAX_PER_RULE:
            continue
        p = PENALTY[f.severity]
        penalty += p if f.severity == "high" else p * scale
    score = int(round(max(0.0, 100.0 - penalty)))
    order = {"high": 0, "medium": 1, "low": 2}
    findings.sort(key=lambda f: order[f.severity])
    return CheckReport(
        brand=rules.brand, score=score, passed=score >= PASS_THRESHOLD, findings=findings, text=text, threshold=PASS_THRESHOLD
    )


def check_text(guide: VoiceGuide, text: str) -> CheckReport:
    """Check a caption or draft against a brand's voice guide (see module docstring for the scoring)."""
    return check_with_rules(cached_voice_profile(guide), text)
