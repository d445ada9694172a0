"""Check a caption or draft against a brand's voice: each finding quotes the offending text verbatim, names the
guide rule it enforces (quoted, with its section) and suggests a fix in correct English; a 0-100 score; `passed`
when score >= PASS_THRESHOLD.

The rules come from `rule_specs` (the guide's typed rules) and each is enforced by its detector in
`detectors` (one per rule kind). Claims and brand safety, the guide's own banned phrases, competitors and text
aimed at an AI reviewer are scanned as before. A span is reported once, under the first rule that caught it.

Score: 100 minus a penalty per finding (high 35, medium 10, low 4; at most three findings of one rule count),
so one high-severity finding (a banned claim, a hard limit) fails a text on its own.
Medium and low penalties are scaled down for long drafts (by sqrt(150 / words)) so a brief isn't failed for
being long; high-severity findings (banned claims, unsafe behaviour) are never scaled.
"""

from __future__ import annotations

import math

from assistant.analysis.detectors import RuleSpec, detect
from assistant.analysis.partnerships import name_pattern
from assistant.analysis.safety import find_injection, scan
from assistant.analysis.text import Doc
from assistant.analysis.voice_rules import cached_voice_profile
from assistant.analysis.wording import say
from assistant.language import text_features
from assistant.models.fit import CheckFinding, CheckReport, VoiceRules
from assistant.models.records import VoiceGuide

PASS_THRESHOLD = 70
PENALTY = {"high": 35, "medium": 10, "low": 4}  # one high finding (a banned claim) fails a text on its own
MAX_PER_RULE = 3
_WORD_KINDS = frozenset({"hype", "jargon", "slang", "profanity", "words", "capitals"})


def _finding(text: str, rule: str, section: str | None, suggestion: str, severity: str, check: str | None = None) -> CheckFinding:
    return CheckFinding(text=text, rule=rule, section=section, suggestion=suggestion, severity=severity, check=check)  # type: ignore[arg-type]


def quoted_rule(spec: RuleSpec) -> str:
    """The rule as the guide words it, in quotes, with the section it sits in."""
    return quote_rule(spec.text, spec.section_title)


def quote_rule(text: str, section_title: str | None) -> str:
    rule = text.strip()
    quoted = rule if rule.startswith("\u201c") else f"\u201c{rule}\u201d"
    return f"{quoted} ({section_title})" if section_title else quoted


def _rule_findings(text: str, specs: list[RuleSpec]) -> list[tuple[str, CheckFinding]]:
    f = text_features(text)
    out = []
    for spec in specs:
        if spec.check == "claims":
            continue  # claims are scanned with the guide's claim rules below
        for hit in detect(spec, f)[: MAX_PER_RULE * 3]:
            out.append(
                (
                    f"{spec.check}:{spec.text}",
                    _finding(text[hit.start : hit.end], quoted_rule(spec), spec.section, hit.fix, hit.severity, spec.check),
                    (hit.start, hit.end),
                )
            )
    return out


def check_with_rules(rules: VoiceRules, text: str, specs: list[RuleSpec] | None = None) -> CheckReport:
    """`check_text` with the guide already turned into `VoiceRules` (and its `RuleSpec`s, when known)."""
    found: list[tuple[str, CheckFinding]] = []
    if not text or not text.strip():
        return CheckReport(brand=rules.brand, score=100, passed=True, findings=[], text=text, threshold=PASS_THRESHOLD)

    m = find_injection(text)
    if m:
        found.append(("injection", _finding(m.group(0), say("check.rule.injection"), None, say("check.fix.injection"), "high")))

    doc = Doc(text)
    lowered_same = len(doc.lower) == len(text)
    hits, _ = scan(doc, rules)
    order = {"high": 0, "medium": 1, "low": 2}
    claimed: set[str] = set()
    # One finding per passage: the most severe rule it breaks (several claim rules can name the same phrase).
    for h in sorted(hits, key=lambda h: order[h.severity if h.source != "guide_words" else "medium"]):
        passage = text[h.start : h.end] if lowered_same else doc.lower[h.start : h.end]
        if passage.lower() in claimed:
            continue
        claimed.add(passage.lower())
        if h.rule is not None:
            section = h.rule.section
            rule = quote_rule(h.rule.text, rules.section_titles.get(section or ""))
        else:
            rule, section = say("check.rule.builtin", label=h.label), None
        fix = say(f"check.fix.risk.{h.category}") if h.category != "guide_rule" else say("check.fix.risk.guide_rule")
        severity = h.severity if h.source != "guide_words" else "medium"
        found.append((f"risk:{h.category}:{rule}", _finding(passage, rule, section, fix, severity, "claims")))

    for cname in rules.competitors:
        cre = name_pattern((cname,))
        cm = cre.search(doc.lower) if cre else None
        if cm:
            rule_obj = next((r for r in rules.claim_rules if "competitor" in r.text.lower() or cname.lower() in r.text.lower()), None)
            rule = quote_rule(rule_obj.text, rules.section_titles.get(rule_obj.section or "")) if rule_obj else say("check.rule.competitor")
            passage = text[cm.start() : cm.end()] if lowered_same else cm.group(0)
            found.append((f"competitor:{cname}", _finding(passage, rule, rule_obj.section if rule_obj else None, say("check.fix.competitor", name=cname), "medium")))

    if specs is None:
        specs = rules.checks
    # Each finding is listed once: a span counts once per kind of rule, and once among the word rules ("OMG"
    # is slang and hype, one fix covers both); claims and the guide's own phrases come first.
    taken = {(f.text, "words") for _, f in found}
    for key, finding, _span in _rule_findings(text, specs):
        group = "words" if finding.check in _WORD_KINDS else finding.check
        if (finding.text, group) in taken:
            continue
        taken.add((finding.text, group))
        found.append((key, finding))

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
