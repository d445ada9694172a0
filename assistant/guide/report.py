"""`assistant guide show`: what was read from a guide, as Markdown (the CLI prints it, the chat can too)."""

from __future__ import annotations

from pathlib import Path

from assistant.guide.reader import READER_VERSION
from assistant.models.records import GuideRule, VoiceGuide


def _rule_line(rule: GuideRule) -> str:
    check = "guidance (no measurable check)"
    if rule.check:
        check = f"check `{rule.check}`" + (f", {rule.polarity}" if rule.polarity else "")
        if rule.limit is not None:
            check += f" {rule.limit:g}"
        if rule.words:
            check += ": " + ", ".join(f"“{w}”" for w in rule.words)
    where = f"line {rule.line}" if rule.line else rule.section_id.split("#", 1)[-1]
    return f"- {rule.text} — *{check}* ({where})"


def guide_markdown(guide: VoiceGuide, override: Path | None = None) -> str:
    lines = [f"### {guide.name} ({guide.brand})", ""]
    lines.append(f"Read from `{guide.source or 'text'}` by {guide.version or 'an older reader'}.")
    if guide.version and not guide.version.startswith(READER_VERSION + "+"):
        lines.append(f"The reader is now {READER_VERSION}: ingest the guide again to read it with it.")
    lines.append(f"Corrections: `{override}` (applied)." if override else
                 f"No corrections yet: `assistant guide edit {guide.brand}` adds some.")
    lines.append("")
    if guide.sells:
        lines += [f"**Sells:** {guide.sells}", ""]
    if guide.about:
        lines += [f"**About:** {guide.about}", ""]
    lines += [f"**Voice attributes:** {', '.join(guide.voice_attributes) or 'none stated'}", ""]
    lines += [f"**Words to use:** {', '.join(guide.preferred_words) or 'none listed'}", ""]
    lines += [f"**Words to avoid:** {', '.join(guide.avoided_words) or 'none listed'}", ""]
    for title, rules in (("Do", guide.dos), ("Don't", guide.donts), ("Hard limits", guide.hard_limits)):
        lines += [f"**{title}** ({len(rules)})", ""]
        lines += [_rule_line(r) for r in rules] or ["- none"]
        lines.append("")
    lines += [f"**Example copy, the brand's own voice** ({len(guide.example_copy)})", ""]
    lines += [f"- “{e}”" for e in guide.example_copy] or ["- none"]
    lines += ["", f"**Counter-examples, what not to write** ({len(guide.counter_examples)})", ""]
    lines += [f"- “{e}”" for e in guide.counter_examples] or ["- none"]
    if guide.topics:
        lines += ["", f"**Topics:** {', '.join(guide.topics)}"]
    lines += ["", f"**Not understood** ({len(guide.not_understood)}): passages that gave no rule, word or example", ""]
    lines += [f"- {n}" for n in guide.not_understood] or ["- none"]
    return "\n".join(lines)
