"""The micromanagement check: does a brief give clear expectations and leave the creator free?

Runs on every brief, whichever engine wrote it. It flags over-prescription (too many must-says, scripted
wording, shot lists, too many revision rounds, the guide's style sheet pasted in as guardrails) and missing
essentials (disclosure, dates, usage rights, approval time). Patterns and wording: prompts/offline/micromanagement.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from assistant.drafting import guide_facts
from assistant.drafting import text as tx
from assistant.drafting import wording
from assistant.models import Brief, MicromanagementFinding, MicromanagementReport, VoiceGuide

_QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _config() -> dict:
    return wording.load("micromanagement")


@lru_cache(maxsize=None)
def _patterns(name: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE | re.MULTILINE) for p in _config()["patterns"][name])


def _detail(key: str, **values: object) -> str:
    return wording.fill(_config()["detail"][key], **values)


def _first_match(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    for pattern in patterns:
        if match := pattern.search(text):
            return match.group(0)
    return None


def _prescriptive_fields(brief: Brief) -> Iterator[tuple[str, str]]:
    """Fields where a brand could impose wording or shots (not the disclosure, the guide's About, or rights)."""
    yield "objective", brief.objective
    for i, message in enumerate(brief.key_messages):
        yield f"key_messages[{i}]", message
    for i, deliverable in enumerate(brief.deliverables):
        yield f"deliverables[{i}].format", deliverable.format
        yield f"deliverables[{i}].notes", deliverable.notes
    yield "creative_freedom", brief.creative_freedom
    for i, milestone in enumerate(brief.timeline):
        yield f"timeline[{i}].what", milestone.what
    yield "approval", brief.approval


def is_suggestion(hook: str) -> bool:
    """True when an example hook is marked as a suggestion (the marker from the wording files)."""
    return hook.startswith(wording.get("brief", "hooks.marker"))


def _quoted_scripts(text: str, disclosure: str) -> list[str]:
    """Quoted sentences long enough to be a line the creator must say (the disclosure itself is fine)."""
    minimum = _config()["min_quoted_words"]
    found = []
    for quoted in _QUOTED.findall(text):
        if len(quoted.split()) >= minimum and quoted.strip() not in disclosure:
            found.append(quoted.strip())
    return found


def _must_says(brief: Brief) -> tuple[int, list[str]]:
    extra = []
    for _, text in _prescriptive_fields(brief):
        for pattern in _patterns("must_say"):
            extra.extend(m.group(0) for m in pattern.finditer(text))
    return len(brief.key_messages) + len(extra), extra


def _has_date(brief: Brief) -> bool:
    values = [m.when for m in brief.timeline] + [d.due for d in brief.deliverables]
    return any(isinstance(v, date) or (isinstance(v, str) and _ISO_DATE.search(v)) for v in values)


def _style_guardrails(brief: Brief, guide: VoiceGuide | None) -> list[str]:
    """Guardrails that are style, not limits: by their words, or copied from the guide's style rules."""
    style_rules: list[set[str]] = []
    voice = [a.lower() for a in guide.voice_attributes] if guide else []
    avoided = [w.lower() for w in guide.avoided_words] if guide else []
    if guide is not None:
        style_rules = [
            tx.content_stems(r.text) for r in guide.rules if r.kind in ("do", "dont") and not guide_facts.is_limit_rule(r.text)
        ]
    # What the guide itself marks as limits (hard limits, the creator section's limits) is never "style".
    allowed: list[set[str]] = []
    if guide is not None:
        limits, _ = guide_facts.guardrails(guide)
        allowed = [tx.content_stems(t) for t in limits.do + limits.dont]
    found = []
    for item in brief.guardrails.do + brief.guardrails.dont:
        stems = tx.content_stems(item)
        if guide_facts.is_limit_rule(item) or any(tx.jaccard(stems, a) >= 0.6 for a in allowed):
            continue
        copied = any(tx.jaccard(stems, rule) >= 0.5 for rule in style_rules)
        voice_list = sum(1 for a in voice if a and a in item.lower()) >= 2
        word_list = sum(1 for w in avoided if w and tx.mentions_any(item, [w])) >= 3
        if guide_facts.is_style_rule(item) or copied or voice_list or word_list:
            found.append(item)
    return found


def check_micromanagement(brief: Brief, guide: VoiceGuide | None = None) -> MicromanagementReport:
    """Score how much room a brief leaves the creator (100 = clear and free) and list what over-prescribes.

    ``passed`` means no high-severity finding and a score at or above the threshold in the wording file.
    With ``guide``, guardrails are also compared with the guide's own style rules and voice attributes.
    """
    config = _config()
    findings: list[MicromanagementFinding] = []

    def add(kind: str, severity: str, detail: str, text: str = "", field: str = "") -> None:
        findings.append(
            MicromanagementFinding(kind=kind, severity=severity, detail=detail, text=tx.shorten(text, 200), field=field)
        )

    # Too many must-say messages.
    count, extra = _must_says(brief)
    if count > config["max_must_says"]:
        severity = "high" if count >= config["max_must_says"] + 2 else "medium"
        add("too_many_must_says", severity, _detail("too_many_must_says", count=count), "; ".join(extra))

    # Scripted wording and shot lists.
    fields = list(_prescriptive_fields(brief))
    for i, hook in enumerate(brief.example_hooks):
        if is_suggestion(hook):
            continue
        fields.append((f"example_hooks[{i}]", hook))
        add("scripted_wording", "medium", _detail("hooks_unmarked"), hook, f"example_hooks[{i}]")
    guardrail_fields = [(f"guardrails.do[{i}]", t) for i, t in enumerate(brief.guardrails.do)]
    guardrail_fields += [(f"guardrails.dont[{i}]", t) for i, t in enumerate(brief.guardrails.dont)]
    for name, text in fields + guardrail_fields:
        scripted = _first_match(_patterns("scripted"), text)
        if scripted:
            add("scripted_wording", "high", _detail("scripted_wording"), text, name)
        elif not name.startswith("guardrails"):  # guardrails quote words *not* to use; that isn't a script
            for quoted in _quoted_scripts(text, brief.disclosure):
                add("scripted_wording", "high", _detail("scripted_wording"), quoted, name)
    hook_fields = [(f"example_hooks[{i}]", h) for i, h in enumerate(brief.example_hooks) if is_suggestion(h)]
    for name, text in fields + guardrail_fields + hook_fields:
        if shot := _first_match(_patterns("shot_list"), text):
            add("shot_list", "high", _detail("shot_list"), f"{shot}: {text}", name)

    # Revision rounds.
    if brief.revision_rounds > config["max_revision_rounds"]:
        add(
            "too_many_revisions",
            "high",
            _detail("too_many_revisions", max=config["max_revision_rounds"]),
            str(brief.revision_rounds),
            "revision_rounds",
        )
    elif many := _first_match(_patterns("many_revisions"), brief.approval):
        add("too_many_revisions", "high", _detail("too_many_revisions", max=config["max_revision_rounds"]), many, "approval")

    # Style rules copied into guardrails.
    style = _style_guardrails(brief, guide)
    if len(style) >= 3:
        add("style_rules_copied", "high", _detail("style_rules_copied_many", count=len(style)), "; ".join(style), "guardrails")
    else:
        for item in style:
            add("style_rules_copied", "medium", _detail("style_rules_copied"), item, "guardrails")
    total_guardrails = len(brief.guardrails.do) + len(brief.guardrails.dont)
    if total_guardrails > config["max_guardrails"]:
        add("style_rules_copied", "medium", _detail("guardrails_long", count=total_guardrails), "", "guardrails")

    # Missing essentials.
    if not brief.disclosure.strip() or not _first_match(_patterns("disclosure"), brief.disclosure):
        add("missing_essential", "high", _detail("missing_disclosure"), brief.disclosure, "disclosure")
    if not _has_date(brief):
        add("missing_essential", "high", _detail("missing_dates"), "", "timeline")
    if not brief.usage_rights.strip():
        add("missing_essential", "high", _detail("missing_usage_rights"), "", "usage_rights")
    elif not _first_match(_patterns("duration"), brief.usage_rights):
        add("missing_essential", "medium", _detail("usage_rights_no_duration"), brief.usage_rights, "usage_rights")
    if not brief.approval.strip():
        add("missing_essential", "high", _detail("missing_approval"), "", "approval")
    elif not _first_match(_patterns("turnaround"), brief.approval):
        add("missing_essential", "high", _detail("approval_no_turnaround"), brief.approval, "approval")

    penalty = config["penalty"]
    score = max(0, 100 - sum(penalty[f.severity] for f in findings))
    passed = score >= config["threshold"] and not any(f.severity == "high" for f in findings)
    return MicromanagementReport(score=score, passed=passed, findings=findings)
