"""What a brief takes from a voice guide: hard limits and claims rules, disclosure wording, the About text.

Only limits and claims rules become guardrails; the guide's style sheet stays with the brand. Every value
comes back with the guide section ids it was read from, so a brief can cite them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.drafting import text as tx
from assistant.drafting import wording
from assistant.models import GuideSection, Guardrails, VoiceGuide

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*\S)\s*$")
_QUOTED = re.compile(r"[\"“”]([^\"“”]{1,120})[\"“”]")
_NEGATIVE_START = re.compile(r"^(?:never|don't|dont|do not|no|avoid|not|stop)\b", re.IGNORECASE)


@dataclass
class Sourced:
    """A value and the guide sections it came from."""

    value: str
    section_ids: list[str] = field(default_factory=list)


def cues(name: str) -> list[str]:
    return wording.get("guide_cues", name)


def clean_rule(text: str) -> str:
    """Rule text without Markdown emphasis and bullet marks."""
    text = re.sub(r"\*\*|__|`", "", text).strip()
    match = _BULLET.match(text)
    return (match.group(1) if match else text).strip()


def is_limit_rule(text: str) -> bool:
    """A hard limit or claims rule: it mentions claims, safety, law, disclosure, competitors..."""
    return tx.mentions_any(text, cues("limit_words"))


def is_style_rule(text: str) -> bool:
    """A style rule (tone, emoji, punctuation, word choice) that isn't also a limit."""
    return not is_limit_rule(text) and tx.mentions_any(text, cues("style_words"))


def is_style_heavy(text: str) -> bool:
    """Mentions more style words than limit words (e.g. 'No emoji in ... safety notices'): style first."""
    lowered = text.lower()
    style = sum(1 for w in cues("style_words") if w in lowered)
    limit = sum(1 for w in cues("limit_words") if w in lowered)
    return style >= limit and style > 0


def is_negative(text: str) -> bool:
    return bool(_NEGATIVE_START.match(clean_rule(text)))


def _heading_matches(section: GuideSection, names: list[str]) -> bool:
    last = section.heading_path[-1].lower() if section.heading_path else ""
    return any(re.search(r"(?<![a-z])" + re.escape(n) + r"(?![a-z])", last) for n in names)


def creator_section(guide: VoiceGuide) -> GuideSection | None:
    """The section addressed to creators ("Working with creators"), when the guide has one."""
    names = cues("creator_headings")
    for name in names:  # most specific heading first
        for section in guide.sections:
            if _heading_matches(section, [name]):
                return section
    return None


def bullets(section: GuideSection) -> list[str]:
    return [clean_rule(m.group(1)) for line in section.text.splitlines() if (m := _BULLET.match(line))]


def _same_rule(a: str, b: str) -> bool:
    return tx.jaccard(tx.content_stems(a), tx.content_stems(b)) >= 0.6


def guardrails(guide: VoiceGuide) -> tuple[Guardrails, list[str]]:
    """The guide's hard limits and claims rules, split into do / don't, with their section ids.

    Sources: every hard-limit rule; rules in the creator section that are limits (not disclosure: that has
    its own field); do/don't rules that are limits or claims rules. Style rules never make it in.
    """
    disclosure_cues = cues("disclosure_words")
    examples = {s.id for s in guide.sections if _heading_matches(s, cues("example_headings"))}
    style_sections = {s.id for s in guide.sections if _heading_matches(s, cues("style_headings"))}
    chosen: list[tuple[str, str]] = []  # (text, section id)

    def add(text: str, section_id: str) -> None:
        text = clean_rule(text)
        if not text or section_id in examples or tx.mentions_any(text, disclosure_cues):
            return
        if any(_same_rule(text, seen) for seen, _ in chosen):
            return
        chosen.append((text, section_id))

    for rule in guide.hard_limits:
        if not is_style_rule(rule.text) and not (rule.section_id in style_sections and is_style_heavy(rule.text)):
            add(rule.text, rule.section_id)
    creator_id = None
    creator = creator_section(guide)
    if creator is not None:
        creator_id = creator.id
        creator_rules = [r.text for r in guide.rules if r.section_id == creator.id] or bullets(creator)
        for text in creator_rules:
            if is_limit_rule(text):
                add(text, creator.id)
    for rule in guide.rules:
        in_style_sheet = rule.section_id in style_sections and rule.section_id != creator_id
        if rule.kind in ("do", "dont") and not in_style_sheet and is_limit_rule(rule.text) and not is_style_heavy(rule.text):
            add(rule.text, rule.section_id)

    result = Guardrails()
    for text, _ in chosen:
        (result.dont if is_negative(text) else result.do).append(text)
    section_ids = list(dict.fromkeys(sid for _, sid in chosen if guide.section(sid) is not None))
    return result, section_ids


def disclosure(guide: VoiceGuide, platform: str, brand_name: str) -> Sourced:
    """The exact disclosure wording: the creator section's, else platform-standard "#ad" plus the paid label."""
    from assistant.drafting.creator import platform_info

    label = platform_info(platform)["paid_label"]
    creator = creator_section(guide)
    lines: list[str] = []
    if creator is not None:
        candidates = bullets(creator) or tx.sentences(creator.text)
        lines = [clean_rule(line) for line in candidates if tx.mentions_any(line, cues("disclosure_words"))]
    phrases: list[str] = []
    for line in lines:
        for phrase in _QUOTED.findall(line):
            if tx.mentions_any(phrase, cues("paid_disclosure_words")) and phrase not in phrases:
                phrases.append(phrase)
    if creator is None or not phrases:
        return Sourced(wording.render("brief", "disclosure.standard", label=label))
    quote_open = wording.get("brief", "disclosure.quote_open")
    quote_close = wording.get("brief", "disclosure.quote_close")
    joined = wording.get("brief", "disclosure.joiner").join(f"{quote_open}{p}{quote_close}" for p in phrases)
    text = wording.render(
        "brief", "disclosure.from_guide", wording=joined, label=label, extra=" ".join(lines), brand_name=brand_name
    )
    return Sourced(" ".join(text.split()), [creator.id])


def about(guide: VoiceGuide, brand_name: str) -> Sourced:
    """about_brand: the guide's About paragraph (with its section id), else a neutral fallback."""
    about_section = next((s for s in guide.sections if _heading_matches(s, cues("about_headings"))), None)
    text = guide.about.strip()
    if not text and about_section is not None:
        text = next((p.strip() for p in about_section.text.split("\n\n") if p.strip()), "")
    if not text:
        return Sourced(wording.render("brief", "about_brand.fallback", brand_name=brand_name))
    ids: list[str] = []
    probe = text[:60]
    holder = next((s for s in guide.sections if probe and probe in s.text), about_section)
    if holder is not None:
        ids.append(holder.id)
    return Sourced(text, ids)


def about_gist(about_text: str, *, clause: bool = False) -> str:
    """The first sentence of the About text; with ``clause``, only up to its first colon or semicolon."""
    first = tx.sentences(about_text)
    gist = first[0] if first else about_text
    if clause:
        head = re.split(r"[:;]", gist, maxsplit=1)[0].strip()
        if len(head.split()) >= 5:
            gist = head.rstrip(",.") + "."  # one full stop, whether or not the cut came at a colon
    return gist


def brand_name(guide: VoiceGuide) -> str:
    return guide.name or guide.brand


def brand_kind(guide: VoiceGuide) -> str:
    """What the brand sells: "app" (apps, software, online services), "product" (physical goods) or "general".

    Read from the guide's About text, topics and name (not its style sheet, which talks about "the app" or
    "the shop" in passing): whichever kind has more distinct cues wins; a tie or no cue is "general".
    """
    about_text = about(guide, brand_name(guide)).value if guide.about or guide.sections else ""
    text = " ".join([guide.name or "", guide.brand, about_text, *guide.topics])
    lowered = text.lower().replace("’", "'")

    def said(cue: str) -> bool:  # whole words: "app" is not "appropriate", "tea" is not "team"
        return re.search(r"(?<![a-z0-9])" + re.escape(cue) + r"(?![a-z0-9])", lowered) is not None

    scores = {kind: sum(1 for cue in cues(f"{kind}_words") if said(cue)) for kind in ("app", "product")}
    if scores["app"] == scores["product"]:
        return "general"
    return max(scores, key=scores.get)
