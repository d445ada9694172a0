"""Finding the structure a voice guide states: voice attributes, words, rules, examples, topics, competitors.

Each section gets a mode from its heading (or its parent's); its blocks (from assistant.guide.markdown) are read
in that mode. Labels inside a section ("**Example:**", "Like this:", "Not this:", "Don't:", "Before", "After")
switch what the next block means. Every rule is typed to a measurable check (assistant.guide.checks). Nothing is
invented: a guide that doesn't state something leaves that list empty, and every passage that gave nothing is
kept in ``not_understood`` with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.guide import vocabulary as gv
from assistant.guide.checks import COUNTABLE, Typed, type_rule, type_rule_all
from assistant.guide.markdown import Block, Inline, Item, Section
from assistant.guide.topics import keyword_phrases
from assistant.models.records import GuideRule, GuideSection

_MAX_TOPICS = 25
_MAX_TERM_WORDS = 4
_RULE_SENTENCE_MAX_WORDS = 45
# Modes for sections under a heading that is itself a rule about words ("Avoid jargon"): their lists of bare
# terms are words to avoid (or to use); everything else reads as usual.
AVOID_TOPIC, PREFER_TOPIC = "avoid_topic", "prefer_topic"
_WORD_CHECKS = frozenset({"jargon", "slang", "words", "hype", "profanity"})


@dataclass
class _Found:
    attributes: list[str] = field(default_factory=list)
    preferred: list[str] = field(default_factory=list)
    avoided: list[str] = field(default_factory=list)
    rules: list[GuideRule] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    counter_examples: list[str] = field(default_factory=list)
    topic_texts: list[str] = field(default_factory=list)
    topic_terms: list[str] = field(default_factory=list)
    competitors: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    not_understood: list[str] = field(default_factory=list)

    def size(self) -> int:
        return sum(len(v) for v in vars(self).values() if isinstance(v, list)) - len(self.not_understood)

    def rule(self, kind: str, text: str, section_id: str, line: int | None = None, *, negated: bool = False,
             terms: list[str] | None = None, typed: Typed | None = None) -> None:
        """Add a rule, typed to each check it names (a rule that names three checks is kept once per check)."""
        text = _clean_sentence(text)
        if not text or any(r.text == text and r.section_id == section_id for r in self.rules):
            return
        typings = [typed] if typed else type_rule_all(text, negated=negated or kind == "dont")
        if not typings and not terms:
            good, bad = _bare_word_pairs(text)  # "use large instead of voluminous"
            if bad:
                typings = [Typed("words", "avoid", None, bad)]
        if not typings and terms:  # emphasised words in a directive: "we don't use _oops_"
            good, bad = _emphasis_pairs(text, terms, negative=kind != "do" or _is_negative(text))
            self.preferred.extend(good)
            self.avoided.extend(bad)
            if good or bad:
                typings = [Typed("words", "avoid" if bad else "prefer", None, bad or good)]
        for one in typings or [Typed()]:
            rule_kind = "hard_limit" if one.check == "claims" and one.polarity == "avoid" else kind
            self.rules.append(
                GuideRule(kind=rule_kind, text=text, section_id=section_id, check=one.check, polarity=one.polarity,
                          limit=one.limit, words=list(one.words), line=line if line and line > 0 else None)
            )

    def example(self, text: str, *, counter: bool = False) -> None:
        text = strip_quotes(text)
        if len(text) >= 2:
            (self.counter_examples if counter else self.examples).append(text)

    def unread(self, text: str, line: int) -> None:
        text = _clean_sentence(text)
        if text and re.search(r"\w", text):
            self.not_understood.append(f"line {line}: {text}" if line else text)


def extract_structure(
    raw: list[Section], sections: list[GuideSection], *, brand: str, name: str = ""
) -> dict[str, Any]:
    """The VoiceGuide fields beyond ``sections``, read from the sections' headings and bodies."""
    found = _Found()
    modes = _section_modes(raw)
    for section_raw, section, (mode, ancestor_mode) in zip(raw, sections, modes):
        _heading_facts(section_raw, section, mode, ancestor_mode, found)
        _SectionReader(section.id, mode, found).read(section_raw.blocks)
    found.rules = _settle_conflicts(found.rules)
    exclude = {brand.lower(), *brand.lower().split("-")}
    phrases = keyword_phrases(found.topic_texts, exclude=exclude, own_name=name)
    topics = _dedupe(found.topic_terms + phrases)[:_MAX_TOPICS]
    counter = _dedupe(found.counter_examples)
    avoided = {a.casefold() for a in found.avoided}
    return {
        "voice_attributes": _dedupe(found.attributes),
        "preferred_words": [w for w in _dedupe(found.preferred) if w.casefold() not in avoided],
        "avoided_words": _dedupe(found.avoided),
        "rules": found.rules,
        "example_copy": [e for e in _dedupe(found.examples) if e not in counter],
        "counter_examples": counter,
        "topics": topics,
        "competitors": _dedupe(found.competitors),
        "about": found.about[0] if found.about else "",
        "not_understood": found.not_understood,
    }


_CONDITION = re.compile(r"\b(when|whenever|if|unless|where appropriate|only when|in situations where)\b", re.IGNORECASE)


def _settle_conflicts(rules: list[GuideRule]) -> list[GuideRule]:
    """Where a guide both prefers and avoids the same check ("Use active voice" and "Use passive voice when the
    law is the actor"), the conditional rules that go against the guide's unconditional ones are exceptions:
    they stay as guidance (no check), so a checker, which can't test the condition, enforces the general rule."""
    general: dict[str, set[str]] = {}
    every: dict[str, set[str]] = {}
    for rule in rules:
        if rule.check and rule.check != "words" and rule.polarity in ("prefer", "avoid"):  # words differ per word
            every.setdefault(rule.check, set()).add(rule.polarity)
            if not _CONDITION.search(rule.text):
                general.setdefault(rule.check, set()).add(rule.polarity)

    def exception(rule: GuideRule) -> bool:
        if rule.check not in every or len(every[rule.check]) < 2 or rule.polarity not in ("prefer", "avoid"):
            return False
        if not _CONDITION.search(rule.text):
            return False
        usual = general.get(rule.check, set())
        return len(usual) != 1 or rule.polarity not in usual

    return [r.model_copy(update={"check": None, "polarity": None, "limit": None}) if exception(r) else r for r in rules]


def _section_modes(raw: list[Section]) -> list[tuple[str, str | None]]:
    """(mode, nearest classified ancestor's mode) per section. Unclassified headings inherit the latter,
    skipping a generic document title (a lone H1 at the top like "Voice and tone" names the guide)."""
    h1s = [s for s in raw if s.level == 1]
    first_heading = next((s for s in raw if s.heading_path), None)
    title = h1s[0].heading_path[0] if len(h1s) == 1 and first_heading is h1s[0] else None
    if title is not None and gv.classify_heading(title) not in (None, gv.STYLE):
        title = None  # "# Our voice" over "## Warm", "## Direct" does say what its sections are
    result: list[tuple[str, str | None]] = []
    for section in raw:
        path = section.heading_path
        own = _heading_mode(path[-1]) if path else None
        inherited = None
        for depth in range(len(path) - 2, -1, -1):
            if depth == 0 and path[0] == title:
                break
            inherited = _heading_mode(path[depth])
            if inherited:
                break
        result.append((own or inherited or gv.OTHER, inherited))
    return result


def _heading_mode(title: str) -> str | None:
    """A heading's mode; a heading that is itself a rule ("Write short sentences") makes a guidance section,
    and one about words ("Avoid jargon") a section whose bare term lists are words to avoid (or use)."""
    mode = gv.classify_heading(title)
    if mode is None and _is_rule_heading(title):
        typed = type_rule(title)
        if typed.check in _WORD_CHECKS and typed.polarity in ("avoid", "prefer"):
            return AVOID_TOPIC if typed.polarity == "avoid" else PREFER_TOPIC
        return gv.STYLE
    return mode


def _is_rule_heading(title: str) -> bool:
    simple = gv.simplify(title)
    if len(simple.split()) < 2 or re.match(r"^\w+('\w+)? (of|and|cases)\b", simple):
        return False
    return bool(gv.STRICT_RULE_START.match(simple) or gv.is_imperative(simple)) and not simple.startswith("let's")


def _heading_facts(raw: Section, section: GuideSection, mode: str, ancestor_mode: str | None, found: _Found) -> None:
    """What a heading says by itself: "### Use contractions" is a rule; "### Warm" under "Our voice" an attribute;
    "#### please" under "Words we avoid" a word."""
    if not raw.heading_path:
        return
    title = raw.heading_path[-1]
    own_mode = gv.classify_heading(title)
    if own_mode in (None, gv.STYLE) and _is_rule_heading(title):
        found.rule(_rule_kind(title, gv.OTHER) or "do", title, section.id, raw.line)
        be = re.match(r"^be\s+([\w-]+(?:\s[\w-]+)?)(?:,?\s+(?:but\s+)?not\b.*)?$", gv.simplify(title))
        if be and any(re.search(r"\b(voice|personality)\b", h, re.IGNORECASE) for h in raw.heading_path[:-1]):
            attribute = _attribute_from_text(be.group(1))  # "### Be real, but not too tough" under "Voice ..."
            if attribute:
                found.attributes.append(attribute)
        return
    if own_mode is None and ancestor_mode in (gv.AVOIDED, gv.PREFERRED):
        terms = _terms(title)
        if terms:
            (found.avoided if ancestor_mode == gv.AVOIDED else found.preferred).extend(terms)
            return
    if ancestor_mode == gv.VOICE and own_mode is None:
        attribute = _attribute_from_text(title)
        if attribute:
            found.attributes.append(attribute)


class _SectionReader:
    """Reads one section's blocks in its mode, following the labels that change what the next block means."""

    def __init__(self, section_id: str, mode: str, found: _Found):
        self.section_id = section_id
        self.base_mode = mode
        self.mode = mode
        self.found = found
        self.pending: str | None = None  # 'like' | 'not' | 'example' | 'do' | 'dont': what the next block is
        self.about_paragraph_seen = False
        self.line = 0
        self.previous: str | None = None  # what the previous block gave: 'rule', 'sample' or nothing
        self.label_samples = False  # a Do/Don't label right after a rule (its caption) labels sample copy

    def read(self, blocks: list[Block]) -> None:
        for block in blocks:
            pending, self.pending = self.pending, None
            before = self.found.size()
            self.line = block.line
            rules_before = len(self.found.rules)
            samples_before = len(self.found.examples) + len(self.found.counter_examples)
            if block.kind == "para":
                self._paragraph(block, pending)
            elif block.kind == "quote":
                self._quote(block, pending)
            elif block.kind == "list":
                self._list(block, pending)
                samples = len(self.found.examples) + len(self.found.counter_examples) > samples_before
                self.previous = "rule" if len(self.found.rules) > rules_before else "sample" if samples else None
                continue  # items report their own leftovers
            elif block.kind == "table":
                self._table(block)
                self.previous = None
                continue
            elif block.kind == "code":
                if pending in ("like", "example", "do") or self.mode == gv.EXAMPLES:
                    self.found.example(block.text)
                elif pending in ("not", "dont"):
                    self.found.example(block.text, counter=True)
            if self.pending is None:
                samples = len(self.found.examples) + len(self.found.counter_examples) > samples_before
                self.previous = "rule" if len(self.found.rules) > rules_before else "sample" if samples else None
            if self.found.size() == before and self.pending is None and block.kind != "code":
                self.found.unread(block.plain or " ".join(b.plain for b in block.children), block.line)

    # --- labels

    def _label(self, inline: Inline) -> bool:
        """Handle a label paragraph (or item); False when the text is content, not a label."""
        text = inline.plain
        simple = gv.simplify(text)
        bare = simple.rstrip(":").strip()
        short = simple.endswith(":") or inline.bold_only or len(bare) <= 12
        if gv.LIKE_LABEL.fullmatch(simple) and short:
            self.pending = "like"
            return True
        if gv.NOT_LABEL.fullmatch(simple) and short:
            self.pending = "not"
            return True
        example = gv.EXAMPLE_LABEL.match(simple)
        if example:
            if inline.bold_only or simple.endswith(":"):
                self.pending = "example"
                return True
            rest = re.match(r"[^:]*:\s*(.+)$", text)
            if rest and len(example.group(1)) + 2 >= text.find(":"):
                self.found.example(rest.group(1), counter=self.mode in (gv.DONT,))
                return True
        if simple.endswith(":") and not inline.bold_only and len(bare.split()) <= 16:
            if re.search(r"\b(should|must|to) be$|\b(is|are)$", bare):
                self.pending = "attributes"  # "To keep content clear, it should be:" + a list of qualities
                return True
            if re.search(r"^(you|we|writers) (should|must|need to)$|^(we recommend|make sure to|always)$", bare):
                self.pending = "do"
                return True
        short_label = simple.endswith(":") and len(bare.split()) <= 6
        if inline.bold_only and ":" in bare:  # "**Conversational: Write like you're talking to someone**"
            head, tail = (part.strip() for part in text.split(":", 1))
            directive = _directive(tail)
            if directive:
                self.found.rule(_rule_kind(directive, self.mode, item=True) or "do", directive, self.section_id,
                                self.line)
                if self.base_mode == gv.VOICE:
                    self.mode = gv.STYLE
                return True
        if inline.bold_only or short_label:
            mode = gv.classify_heading(bare)
            if mode in (gv.DO, gv.DONT):
                self.pending = "do" if mode == gv.DO else "dont"
                self.label_samples = self.previous in ("rule", "sample")
                return True
            if mode is not None:
                self.mode = mode
            elif inline.bold_only:
                self.mode = gv.STYLE if self.base_mode == gv.VOICE else self.base_mode
            return True
        return simple.endswith(":") and len(bare.split()) <= 16  # an intro line ("We consider our voice to be:")

    # --- blocks

    def _paragraph(self, block: Block, pending: str | None) -> None:
        inline = block.inline or Inline("", "")
        if self.mode in (gv.VOICE, gv.STYLE) and pending is None:  # "The modern government tone is direct, calm:"
            self.found.attributes.extend(_attributes_in_sentence(inline.plain))
        if self._label(inline):
            return
        text = inline.plain
        if pending in ("like", "example"):
            self.found.example(text)
            return
        if pending == "not":
            self.found.example(text, counter=True)
            return
        if pending in ("do", "dont"):
            self._do_dont(text, pending, block.line, inline)
            return
        mode = gv.STYLE if self.mode == gv.HOW_TO else self.mode
        if mode == gv.EXAMPLES:
            if not gv.INTRO_PARAGRAPH.match(gv.simplify(text)):
                self.found.example(text)
            return
        if mode == gv.ABOUT:
            if not self.about_paragraph_seen:  # later paragraphs tend to be about the audience, not the brand
                self.found.topic_texts.append(text)
                self.about_paragraph_seen = True
            if not self.found.about and not inline.bold_only:
                self.found.about.append(text)
            self._claim_sentences(text, block.line)
            return
        if mode == gv.COMPETITORS:
            self.found.competitors.extend(_names_in_sentence(text))
            return
        if mode in (gv.PREFERRED, gv.AVOIDED, gv.VOCAB):
            if self._words_from_text(text, mode, paragraph=True):
                return
        if mode in (gv.DO, gv.DONT) and self.base_mode == mode:  # a "#### Do" / "#### Don't" section
            if inline.all_emphasised or _looks_like_copy(text):
                self.found.example(text, counter=mode == gv.DONT)  # the sample, set in italics
            else:
                for sentence in _sentences(text):
                    if not sentence.rstrip().endswith((":", "?")):
                        self.found.rule(_rule_kind(sentence, mode) or ("dont" if mode == gv.DONT else "do"),
                                        sentence, self.section_id, block.line, terms=list(inline.emphasised))
            return
        if inline.bold_lead and inline.rest and len(inline.bold_lead.split()) <= 3:
            pole = type_rule(inline.bold_lead)  # "**Passive**: The form was sent." / "**Active**: We sent the form."
            if pole.check and pole.check not in ("words",) and pole.polarity in ("prefer", "avoid") \
                    and not _is_rule_heading(inline.bold_lead):
                self.found.example(inline.rest, counter=pole.polarity == "avoid")
                return
        if mode == gv.VOICE:
            if inline.bold_lead and inline.rest and not inline.bold_lead.endswith("?"):
                attribute = _attribute_from_text(inline.bold_lead)
                if attribute:
                    self.found.attributes.append(attribute)
                    self._rule_sentences(inline.rest, gv.STYLE, block.line, inline)
                    return
        if inline.bold_lead and inline.rest and _is_rule_heading(inline.bold_lead):
            self.found.rule(_rule_kind(inline.bold_lead, mode) or "do", inline.bold_lead, self.section_id, block.line)
            text = inline.rest
        self._rule_sentences(text, mode, block.line, inline)

    def _do_dont(self, text: str, label: str, line: int, inline: Inline) -> None:
        """Text under a "Do:" / "Don't:" label: a rule when it asks for something, else sample copy. A label
        right after a rule (the rule is its caption) or after another sample shows sample copy."""
        if self.label_samples or _looks_like_copy(text):
            self.found.example(text, counter=label == "dont")
        else:
            self.found.rule(_rule_kind(text, gv.DO if label == "do" else gv.DONT) or label, text, self.section_id,
                            line, terms=list(inline.emphasised))

    def _quote(self, block: Block, pending: str | None) -> None:
        texts = _quote_texts(block)
        counter = pending in ("not", "dont") or (pending is None and self.mode in (gv.DONT, gv.AVOIDED, gv.HARD_LIMIT))
        if self.mode == gv.COMPETITORS and pending is None:
            return
        for text in texts:
            self.found.example(text, counter=counter)

    def _list(self, block: Block, pending: str | None) -> None:
        labels: list[tuple[int, str]] = []  # (depth, mode) set by label items such as "- Don't:"
        item_pending: str | None = None  # "* #### Before" labels the item's own text
        for item in block.items:
            while labels and labels[-1][0] >= item.depth:
                labels.pop()
            before = self.found.size()
            if item.label:
                item_pending = _label_kind(item.label)
            text = item.text
            if not text:
                continue
            own_pending = item_pending or pending
            item_pending = None
            if own_pending in ("like", "example"):
                self.found.example(_example_from_item(text))
                continue
            if own_pending == "not":
                self.found.example(_example_from_item(text), counter=True)
                continue
            if own_pending in ("do", "dont"):
                self._do_dont(text, own_pending, item.line, item.inline)
                continue
            if own_pending == "attributes" and item.depth == 0:
                attribute = _attribute_from_item(item.inline)
                if attribute:
                    self.found.attributes.append(attribute)
                    continue
            item_label = self._item_label(item)
            if item_label:
                labels.append((item.depth, item_label))
                continue
            mode = labels[-1][1] if labels else self.mode
            self._item(item, text, mode, top_level=item.depth == 0)
            if self.found.size() == before:
                self.found.unread(text, item.line)

    def _item_label(self, item: Item) -> str | None:
        text = item.text
        simple = gv.simplify(text)
        if not (simple.endswith(":") or item.inline.bold_only) or len(simple.split()) > 6:
            return None
        bare = simple.rstrip(":").strip()
        if gv.LIKE_LABEL.fullmatch(bare):
            return gv.EXAMPLES
        if gv.NOT_LABEL.fullmatch(bare):
            return "counter"
        return gv.classify_heading(bare)

    def _item(self, item: Item, text: str, mode: str, *, top_level: bool) -> None:
        found, sid, line, inline = self.found, self.section_id, item.line, item.inline
        if mode == gv.EXAMPLES:
            found.example(_example_from_item(text))
            return
        if mode == "counter":
            found.example(_example_from_item(text), counter=True)
            return
        if mode == gv.COMPETITORS:
            name = _lead_term(text, max_words=6)
            if name:
                found.competitors.append(name)
            return
        if mode == gv.ABOUT:
            term = _lead_term(text, max_words=_MAX_TERM_WORDS)
            if term:
                found.topic_terms.append(term.lower())
            else:
                found.topic_texts.append(text)
            self._claim_sentences(text, line)
            return
        if mode in (gv.PREFERRED, gv.AVOIDED, gv.VOCAB):
            good, bad = _word_entry(inline, mode)
            if good or bad:
                found.preferred.extend(good)
                found.avoided.extend(bad)
                return
        if mode in (AVOID_TOPIC, PREFER_TOPIC) and _is_bare_term(text):
            (found.avoided if mode == AVOID_TOPIC else found.preferred).extend(_terms(text) or [text.strip(" .")])
            return
        if mode == gv.VOICE and top_level:
            attribute = _attribute_from_item(inline)
            if attribute:
                found.attributes.append(attribute)
                if inline.bold_lead and inline.rest:
                    self._rule_sentences(inline.rest, gv.STYLE, line, inline)
                return
        if inline.bold_lead and inline.rest:  # "**Active voice** Use active voice." - the lead is a heading
            if _is_rule_heading(inline.bold_lead):
                found.rule(_rule_kind(inline.bold_lead, mode, item=True) or "do", inline.bold_lead, sid, line)
            self._rule_sentences(inline.rest, mode, line, inline, item=True)
            return
        self._words_from_text(text, gv.OTHER, paragraph=False)
        if mode in (gv.DO, gv.DONT, gv.DOS_DONTS, gv.HARD_LIMIT) and _looks_like_copy(text) and mode != gv.HARD_LIMIT:
            found.example(text, counter=mode == gv.DONT)
            return
        if mode == gv.HOW_TO and not _looks_like_copy(text):
            found.rule(_rule_kind(text, gv.DO) or "do", text, sid, line, terms=list(inline.emphasised))
            return
        kind = _rule_kind(text, mode, item=True)
        sentences = _sentences(text)
        if kind and (len(sentences) == 1 or mode in (gv.DO, gv.DONT, gv.DOS_DONTS, gv.HARD_LIMIT)):
            found.rule(kind, text, sid, line, terms=list(inline.emphasised))
            return
        self._rule_sentences(text, mode, line, inline, item=True)

    def _table(self, block: Block) -> None:
        header = [gv.simplify(cell.plain).rstrip(":") for cell in block.rows[0]]
        roles = _column_roles(header)
        if self.mode == gv.COMPETITORS and not any(roles):
            roles = ["competitor"] + [None] * (len(header) - 1)
        if not any(roles) and self.mode == gv.VOICE:
            roles = ["attribute"] + [None] * (len(header) - 1)
        if not any(roles) and len(block.rows) == 2:  # a one-row table of principles: "Be clear | Be consistent"
            for cell in block.rows[0]:
                self._table_cell("heading", cell.plain, block.line)
            return
        for row in block.rows[1:]:
            for role, cell in zip(roles, row):
                text = cell.plain
                if not role or not text or text in ("-", "—", "n/a"):
                    continue
                self._table_cell(role, text, block.line)

    def _table_cell(self, role: str, text: str, line: int) -> None:
        found, sid = self.found, self.section_id
        if role in ("example", "like"):
            found.example(text)
        elif role in ("not", "tone_example"):
            found.example(text, counter=True)
        elif role == "attribute":
            attribute = _attribute_from_text(_lead(text))
            if attribute:
                found.attributes.append(attribute)
        elif role == "heading":
            if _is_rule_heading(text) or gv.simplify(text).startswith("be "):
                found.rule("do", text, sid, line)
                attribute = _attribute_from_text(re.sub(r"^be\s+", "", text, flags=re.IGNORECASE))
                if attribute:
                    found.attributes.append(attribute)
            else:
                found.unread(text, line)
        elif role == "competitor":
            name = _lead_term(text, max_words=6)
            if name:
                found.competitors.append(name)
        elif role in ("use", "avoid"):
            terms = _terms(text, max_words=_MAX_TERM_WORDS + 2)  # a word-list column holds phrases too
            if terms:
                (found.preferred if role == "use" else found.avoided).extend(terms)
            elif _directive(text) or not _is_sentence(text):  # an instruction, or the name of a thing to avoid
                found.rule(_rule_kind(text, gv.DO if role == "use" else gv.DONT) or ("do" if role == "use" else "dont"),
                           text, sid, line)
            else:
                found.example(text, counter=role == "avoid")
        elif role in ("do", "dont"):
            if _looks_like_copy(text):
                found.example(text, counter=role == "dont")
            else:
                found.rule(_rule_kind(text, gv.DO if role == "do" else gv.DONT) or role, text, sid, line)

    # --- sentences

    def _rule_sentences(self, text: str, mode: str, line: int, inline: Inline | None = None, *,
                        item: bool = False, describing: bool = False) -> None:
        """Every sentence of ``text`` that asks for something becomes a rule (typed); claims become limits."""
        describing = describing or self.base_mode == gv.VOICE
        terms = list(inline.emphasised) if inline else []
        for sentence in _sentences(text):
            self._words_from_text(sentence, gv.OTHER, paragraph=False)
            if len(sentence.split()) > _RULE_SENTENCE_MAX_WORDS:
                continue
            directive = _directive(sentence, describing=describing)
            if directive and mode == gv.OTHER and not item and not type_rule_all(directive):
                directive = None  # outside guidance sections only a rule that names a check counts
            strict_mode = mode in (gv.DO, gv.DONT, gv.DOS_DONTS, gv.HARD_LIMIT)
            if directive is None and not strict_mode:
                if gv.is_claim_limit(sentence):
                    self.found.rule("hard_limit", sentence, self.section_id, line)
                elif mode in (gv.STYLE, gv.VOICE, gv.HOW_TO) and _states_a_limit(sentence):
                    self.found.rule("do", sentence, self.section_id, line)  # "One exclamation mark at most."
                continue
            if directive is None and mode == gv.HARD_LIMIT and not gv.DIRECTIVE_WORDS.search(gv.simplify(sentence)):
                continue
            if directive is None and strict_mode and not gv.DIRECTIVE_WORDS.search(gv.simplify(sentence)):
                continue
            rule = directive or sentence
            kind = _rule_kind(rule, mode, item=True) or ("dont" if _is_negative(rule) else "do")
            sentence_terms = [t for t in terms if t.lower() in sentence.lower()]
            self.found.rule(kind, directive or sentence, self.section_id, line, terms=sentence_terms)

    def _claim_sentences(self, text: str, line: int) -> None:
        for sentence in _sentences(text):
            if gv.is_claim_limit(sentence):
                self.found.rule("hard_limit", sentence, self.section_id, line)

    def _words_from_text(self, text: str, mode: str, *, paragraph: bool) -> bool:
        """Preferred / avoided words stated in ``text``; True when it was a word entry."""
        good, bad = _word_pair(text)
        if not good and not bad and not _quoted(text):
            good, bad = _bare_word_pairs(text)
        if not good and not bad and mode in (gv.PREFERRED, gv.AVOIDED, gv.VOCAB):
            good, bad = _word_entry(Inline(text, text), mode, paragraph=paragraph)
        self.found.preferred.extend(good)
        self.found.avoided.extend(bad)
        return bool(good or bad)


# --- rules -------------------------------------------------------------------------------------------------------

_FRONTED = re.compile(
    r"^(if|when|whenever|once|before|after|while|as|to|in|for|whether|unless|where|because)\b[^,;:]{1,80},\s+",
    re.IGNORECASE,
)
_INTRO_COLON = re.compile(r"^[^:]{0,40}\b(following|as follows|below|these|this way)\s*:", re.IGNORECASE)
# A sentence that points at what comes next ("Consider the following pairs.") introduces it; it asks nothing.
_POINTER = re.compile(r"\b(the following|as follows|shown below|listed below|these examples)\b", re.IGNORECASE)
_COPY_START = re.compile(
    r"^(your|you|you're|we|we're|we've|our|i|i'm|my|the|a|an|it|it's|this|that|these|those|there|he|she|they|their"
    r"|his|her|hey|hi|hello|thanks|\d)\b"
)


def _directive(sentence: str, *, describing: bool = False) -> str | None:
    """The sentence (or its main clause after a fronted "If ..., " / "To ..., ") when it asks for something.

    ``describing``: the sentence describes a voice attribute, where "We give things time." describes and only
    "we never ...", "we always ...", "we avoid ..." ask for something.
    """
    if _INTRO_COLON.match(sentence) or (_POINTER.search(sentence) and len(sentence.split()) <= 12):
        return None  # "Consider the following: ..." introduces what comes after it
    if ": " in sentence and sentence.rstrip().endswith("?"):
        sentence = sentence.split(": ", 1)[0] + "."  # "try reframing the situation: How would you ...?"
    candidates = [sentence]
    fronted = _FRONTED.match(sentence)
    if fronted:
        concessive = re.match(r"^(while|although|though|whereas)\s+(.*?),\s+$", fronted.group(0), re.IGNORECASE)
        if concessive and _directive(concessive.group(2)):
            return sentence  # "While you should use contractions, avoid ...": both parts ask for something
        candidates.append(sentence[fronted.end():])
    for joint in (", but ", "; ", ", so "):  # "It's fine to ..., but you need to explain ..."
        if joint in sentence:
            candidates.append(sentence.split(joint, 1)[1])
    for candidate in candidates:
        lead = re.match(r"^(and|but|so|also|then|instead|\w+ly),?\s+(?=\w)", candidate, re.IGNORECASE)
        if lead and lead.group(1).lower() != "early":  # "And keep ...", "Clearly explain ...", "Only use ..."
            candidate = candidate[lead.end():]
        simple = gv.simplify(candidate)
        if candidate.rstrip().endswith((":", "?")) or simple.startswith("let's"):
            continue
        if simple.startswith("not "):
            continue  # "Not to fret!": a rule starts with a verb or "no", never a bare "not"
        if (re.match(r"^\w+,", simple) and not re.match(r"^\w+, (but|not)\b", simple)) or re.match(
                r"^\w+ (of )?(it|this|that)\b", simple):
            continue  # "Remember, ..." is a discourse marker; "Think of it as ..." explains
        if gv.is_imperative(simple):
            return candidate if candidate == sentence else candidate[0].upper() + candidate[1:]
        you = _YOU_RULE.match(simple)
        after_modal = re.sub(r"^(\([^)]*\)\s*)?((\w+ly|always|never|also|still) )*(need to )?", "",
                             simple[you.end():]) if you else ""  # "you should (almost) always write"
        we = _WE_RULE.match(simple)
        if we and describing:
            adverb, verb = (we.group(2) or "").strip(), we.group(3)
            if adverb not in ("always", "never", "don't", "do not", "only", "rarely") and verb not in (
                "avoid", "skip", "steer", "limit", "cut"
            ):
                we = None
        if we or (you and gv.is_imperative(after_modal)):
            return candidate
    return None


_WE_RULE = re.compile(
    r"^we('re| are)? (always |never |don't |do not |generally |usually |only |also |rarely )?"
    r"(use|say|write|avoid|keep|speak|talk|prefer|aim|call|spell|capitali[sz]e|skip|steer|stick|lead|tell|give"
    r"|make|address|refer|swap|replace|reserve|save|limit|cut|put|choose|stay|add|recommend|suggest|encourage)\b"
)
# "You should ...", "You can use ..." (an allowance is a rule too); "you might ..." only muses.
_YOU_RULE = re.compile(r"^you (should|must|need to|shouldn't|mustn't|can't|cannot|can|may) (?=\w)")


def _is_negative(text: str) -> bool:
    simple = gv.simplify(text)
    return bool(gv.NEGATIVE_START.match(simple) or gv.WE_NEGATIVE_START.match(simple)
                or re.match(r"^(you|we) (shouldn't|mustn't|can't|cannot|should not|must not)\b", simple)
                or re.match(r"^we (also )?(recommend|advise|warn) against\b", simple))


_CONTRAST = re.compile(r"\b(instead of|rather than|in place of|not|over)\s*$", re.IGNORECASE)


def _emphasis_pairs(text: str, terms: list[str], *, negative: bool) -> tuple[list[str], list[str]]:
    """(preferred, avoided) among the emphasised terms of a rule: a term right after "instead of", "rather than"
    or "not" is avoided, the others preferred ("Use _buy_ instead of _purchase_"); with no such pair, all follow
    the rule's own sign ("We don't use _oops_")."""
    lowered = text.lower()
    placed, at = [], 0
    for term in terms:
        found = lowered.find(term.lower(), at)
        if found < 0:
            continue
        placed.append((term, bool(_CONTRAST.search(lowered[at:found]))))
        at = found + len(term)
    if not any(contrasted for _, contrasted in placed):
        good, bad = ([], [t for t, _ in placed]) if negative else ([t for t, _ in placed], [])
    else:
        good, bad = [t for t, c in placed if not c], [t for t, c in placed if c]
    return _terms_only(good), _terms_only(bad)


def _states_a_limit(sentence: str) -> bool:
    """A short statement that caps something a check counts, without an imperative: "One exclamation mark at
    most per post.", "A couple of emoji are fine in captions."."""
    if len(sentence.split()) > 15 or not _LIMIT_WORDING.search(sentence):
        return False
    return any(t.polarity == "limit" and t.limit is not None and t.check in COUNTABLE for t in type_rule_all(sentence))


_LIMIT_WORDING = re.compile(r"\b(at most|no more than|up to|maximum|max|(is|are) (fine|ok|okay))\b", re.IGNORECASE)


def _is_sentence(text: str) -> bool:
    """Copy written out as a sentence (ends with a stop and has a few words), not the name of a thing."""
    return bool(re.search(r"[.!?…][\"”’']?$", text.strip())) and len(text.split()) >= 4 or _looks_like_copy(text)


def _looks_like_copy(text: str) -> bool:
    """Sample copy rather than an instruction: it opens with a subject, a greeting or a number, or tags someone."""
    simple = gv.simplify(text)
    if gv.IMPERATIVE_START.match(simple) or gv.NEGATIVE_START.match(simple) or _WE_RULE.match(simple):
        return False
    return bool(_COPY_START.match(simple) or re.search(r"[@#]\w|https?://", text))


def _label_kind(label: str) -> str | None:
    simple = gv.simplify(label).rstrip(":")
    if gv.LIKE_LABEL.fullmatch(simple):
        return "like"
    if gv.NOT_LABEL.fullmatch(simple):
        return "not"
    mode = gv.classify_heading(simple)
    return {gv.DO: "do", gv.DONT: "dont", gv.EXAMPLES: "example"}.get(mode or "")


def _rule_kind(text: str, mode: str, *, item: bool = False) -> str | None:
    """'do' / 'dont' / 'hard_limit' for a rule-like sentence in a section of ``mode``, else None.

    List items starting with an imperative are rules wherever they are; paragraphs only in guidance sections.
    """
    simple = gv.simplify(text)
    negative = _is_negative(text)
    if mode == gv.HARD_LIMIT or gv.is_claim_limit(simple):
        return "hard_limit"
    if mode in (gv.DONT, gv.AVOIDED) and gv.is_claim_limit("never " + simple):  # "Don't:" negates the item
        return "hard_limit"
    if mode == gv.DO:
        return "dont" if negative else "do"
    if mode in (gv.DONT, gv.AVOIDED):
        return "dont"
    if mode == gv.DOS_DONTS:
        return "dont" if negative or simple.startswith("don't") else "do"
    if gv.STRICT_RULE_START.match(simple):
        return "dont" if negative else "do"
    if (mode in (gv.STYLE, gv.VOICE, gv.VOCAB, gv.PREFERRED) or item) and gv.IMPERATIVE_START.match(simple):
        return "dont" if negative else "do"
    if mode in (gv.STYLE, gv.VOICE) and gv.WE_RULE_START.match(simple):
        return "dont" if gv.WE_NEGATIVE_START.match(simple) else "do"
    return None


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[\"“‘'(]?[A-Z0-9])", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _clean_sentence(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- voice attributes --------------------------------------------------------------------------------------------


def _attribute_from_item(inline: Inline) -> str | None:
    if inline.bold_lead:
        return _attribute_from_text(inline.bold_lead)
    text = inline.plain
    simple = gv.simplify(text)
    if gv.IMPERATIVE_START.match(simple) or gv.NEGATIVE_START.match(simple):
        return None
    match = re.match(r"^(.{1,40}?)\s*(?::|—|–| - |\.\s)", text)
    if match:
        return _attribute_from_text(match.group(1))
    return _attribute_from_text(text)


_PRONOUN_START = re.compile(r"^(we|we're|we've|our|you|you're|your|it|it's|they|they're|i|i'm|this|that|these|there)\b")


def _attribute_from_text(text: str) -> str | None:
    text = re.sub(r"\s*\([^)]*\)", "", text).strip(" .:;!—–-")  # "Incisive (friendliness can ...) but human"
    # "Warm, not saccharine", "Brisk but not terse", "Serious—never pompous": the attribute comes first
    text = re.split(r",?\s+(?:but )?not\s+|\s+but\s+|\s*[—–]\s*", text, maxsplit=1)[0].strip(" ,")
    simple = gv.simplify(text)
    # "We are plainspoken" -> "Plainspoken"; "Our humor is dry" -> "Dry humor"
    we_are = re.match(r"^(?:we are|we're)\s+([\w-]+(?:\s[\w-]+)?)$", simple)
    if we_are:
        text = we_are.group(1)
    our_x_is = re.match(r"^our\s+([\w-]+)\s+is\s+([\w-]+)$", simple)
    if our_x_is:
        text = f"{our_x_is.group(2)} {our_x_is.group(1)}"
    simple = gv.simplify(text)
    if not text or text.endswith("?") or len(text.split()) > 5:
        return None
    if gv.IMPERATIVE_START.match(simple) or gv.NEGATIVE_START.match(simple) or _PRONOUN_START.match(simple):
        return None  # "We're on your side." describes, it doesn't name an attribute
    return text[0].upper() + text[1:]


def _attributes_in_sentence(text: str) -> list[str]:
    """"We are warm, direct and curious." -> ['Warm', 'Direct', 'Curious']."""
    match = re.match(
        r"^(?:our voice is|we are|we're|we sound|the [\w' ]{1,30} (?:voice|tone) is)\s+(.+?)[.:]?$", gv.simplify(text)
    )
    if not match:
        return []
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group(1)) if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > 3 for p in parts):
        return []
    return [p[0].upper() + p[1:] for p in parts]


# --- words -------------------------------------------------------------------------------------------------------

_PIVOT = re.compile(r"\s*[,;(]?\s*\b(not|instead of|rather than|over|never)\b\s*", re.IGNORECASE)


def _quoted(text: str) -> list[str]:
    return [next(g for g in m.groups() if g is not None).strip() for m in gv.QUOTED_TERM.finditer(text)]


def _word_pair(text: str) -> tuple[list[str], list[str]]:
    """Quoted word advice in one sentence: "Say 'kit', not 'gear'", "Avoid 'cheap'; say 'affordable'",
    "Replace jargon terms ("seamless," "pipeline") with plain language"."""
    if not _quoted(text):
        return [], []
    simple = gv.simplify(text)
    avoid_first = re.match(r"^(avoid|don't (say|use|write)|do not (say|use|write)|never (say|use|write)|instead of"
                           r"|we don't say|we never say|replace|skip|drop|cut)\b", simple)
    if avoid_first:
        pivot = re.search(r"[,;:—–.(-]\s*(say|use|write|try|prefer|go with|choose)\b|\b(instead|with)\b", simple)
        before, after = (text[: pivot.start()], text[pivot.start():]) if pivot else (text, "")
        # Only terms that sit right after the verb count ("Avoid 'x'", "Don't say 'x' or 'y'", "words like 'x'").
        if not re.match(r"^[\w' ]{0,40}?(\bwords?\b|\bterms?\b|\bphrases?\b|\blike\b|\bsay\b|\buse\b|\bwrite\b|\bavoid\b"
                        r"|\bof\b|\bjargon\b|\breplace\b)[\s:(]*[\"“‘'`]", gv.simplify(before)):
            return [], []
        return _terms_only(_quoted(after)), _terms_only(_quoted(before))
    say_first = re.match(r"^(say|use|write|try|prefer|choose|we say|we use|[\"“‘'`])", simple)
    if say_first:
        pivot = _PIVOT.search(text)
        if pivot and _quoted(text[pivot.end():]):
            return _terms_only(_quoted(text[: pivot.start()])), _terms_only(_quoted(text[pivot.end():]))
    arrow = re.search(r"\s*(→|->|=>)\s*", text)
    if arrow and _quoted(text[: arrow.start()]) and _quoted(text[arrow.end():]):
        return _terms_only(_quoted(text[arrow.end():])), _terms_only(_quoted(text[: arrow.start()]))
    return [], []


_BARE_PAIR = re.compile(
    r"\b(?:use|say|write|choose|prefer)\s+([\w'-]+(?:\s[\w'-]+)?)\s+(?:instead of|rather than|over|not)\s+"
    r"([\w'-]+(?:\s[\w'-]+)?)(?=\s*(?:[,.;)]|and\b|$))",
    re.IGNORECASE,
)


def _bare_word_pairs(text: str) -> tuple[list[str], list[str]]:
    """Unquoted word choices: "use large instead of voluminous, and use small instead of diminutive".
    Pairs that name a check ("use active voice instead of passive") are rules, not words."""
    good, bad = [], []
    for match in _BARE_PAIR.finditer(text):
        first, second = match.group(1), match.group(2)
        if type_rule(first).check or type_rule(second).check or first.lower() in ("the", "a", "an"):
            continue
        good.append(first)
        bad.append(second)
    return good, bad


def _word_entry(inline: Inline, mode: str, *, paragraph: bool = False) -> tuple[list[str], list[str]]:
    """(preferred, avoided) from one entry of a word list.

    The entry's head names the word(s) ("**toxins** / **toxic** — ..."); its explanation may offer quoted
    alternatives ("say "tough" instead") in a list of words to avoid, or what not to say in a list of words to use.
    """
    text = inline.plain
    good, bad = _word_pair(text)
    if good or bad:
        return good, bad
    arrow = re.search(r"\s*(→|->|=>)\s*", text)
    if arrow:
        bad, good = _terms(text[: arrow.start()]), _terms(_lead(text[arrow.end():]))
        if bad and good:
            return good, bad
    if paragraph:
        body = text.split(":", 1)[1] if ":" in text and len(text.split(":", 1)[0].split()) <= 6 else text
        terms = _terms(body, minimum=2 if body is text else 1)
        return ([], terms) if mode == gv.AVOIDED else (terms, [])
    if inline.bold_lead:
        head, rest = inline.bold_lead, inline.rest
        terms = _terms(head)
    else:
        head, rest = _split_entry(text)
        terms = []
    pivot = _PIVOT.search(head)
    if pivot and pivot.group(1).lower() != "never":  # "kit, not gear" / "kit instead of gear"
        first, second = _terms(head[: pivot.start()]), _terms(head[pivot.end():])
        if first and second:
            return (second, first) if mode == gv.AVOIDED else (first, second)
    terms = terms or _terms(head)
    if not terms:
        return [], []
    if mode == gv.AVOIDED:
        offer = re.search(r"\b(say|use|try|write|go with|choose|prefer)\b", rest, re.IGNORECASE)
        if not offer:
            return [], terms
        after = rest[offer.end():]
        alternatives = _quoted(after) or [e for e in inline.emphasised if e in after and e not in terms]
        return _terms_only(alternatives), terms
    against = re.search(r"\b(instead of|not|rather than|over)\b", rest, re.IGNORECASE)
    if against:
        after = rest[against.end():]
        if _quoted(after):
            return terms, _terms_only(_quoted(after))
        if not rest[: against.start()].strip(" ("):  # "**kit** (not gear)": the whole explanation is the pair
            return terms, _terms(_lead(after.strip(" )")))
    return terms, []


def _split_entry(text: str) -> tuple[str, str]:
    """Split "kit — what we call gear" into its head and its explanation (dashes, colon, parenthesis)."""
    match = re.search(r"\s+[—–]\s+|\s+-\s+|:\s+|\s+\(|\s*;\s*", text)
    if not match:
        return text, ""
    return text[: match.start()], text[match.end() - (1 if match.group().strip() == "(" else 0):]


def _lead(text: str) -> str:
    """The head of an entry, before its explanation: "kit — what we call gear" -> "kit"."""
    return re.split(r"\s+[—–]\s+|\s+-\s+|:\s+|\s+\(|\s*;\s*|\.\s+", text, maxsplit=1)[0]


def _terms(text: str, *, minimum: int = 1, max_words: int = _MAX_TERM_WORDS) -> list[str]:
    """Short terms in a list ("kit, gear / layers or shells"); [] when any part is a sentence, not a term."""
    text = re.sub(r"\((omit|none|delete)\)", "", text.strip(), flags=re.IGNORECASE).strip().rstrip(".;")
    parts = [strip_quotes(p) for p in re.split(r"\s*[,/;]\s*|\s+or\s+|\s+and\s+|\s*·\s*", text) if p.strip()]
    parts = [p.strip(" .!") for p in parts if p.strip(" .!")]
    if len(parts) < minimum or not parts:
        return []
    if any(len(p.split()) > max_words or len(p) > 48 for p in parts):
        return []
    if any(re.search(r"\b(such as|for example|e\.g\.)\b|[\"“”]", p) for p in parts):
        return []  # 'Jargon such as "micron spread"' describes what to avoid; it is not itself a term
    return parts


def _is_bare_term(text: str) -> bool:
    simple = gv.simplify(text)
    return (len(text.split()) <= _MAX_TERM_WORDS + 2 and not re.search(r"[.!?:]$", text.strip())
            and not gv.IMPERATIVE_START.match(simple) and not gv.NEGATIVE_START.match(simple))


def _terms_only(candidates: list[str]) -> list[str]:
    return [c.strip(" .,") for c in candidates if c.strip(" .,") and len(c.split()) <= _MAX_TERM_WORDS]


_USE_HEADERS = re.compile(
    r"^(use|use this|use instead|say|say this|say instead|write|write this|we say|preferred|prefer|instead use|try"
    r"|try instead|better|do say|yes|✅|preferred term|alternative|replacement|our word|on brand)$"
)
_AVOID_HEADERS = re.compile(
    r"^((we )?(don't|do not|never) (use|say|write)( this)?|avoid|instead of|not|rather than|no|❌|worse"
    r"|avoid this|not this word|off brand|words? to avoid|banned)$"
)
_TERM_HEADERS = re.compile(r"^(words?|terms?|phrases?)$")
_ATTRIBUTE_HEADERS = re.compile(
    r"^((our |brand )?voice )?(attributes?|traits?|qualities|quality|characteristics?|principles?|pillars?)$"
    r"|^(we are|we're|voice|personality|our voice)$"
)


def _column_roles(header: list[str]) -> list[str | None]:
    roles: list[str | None] = []
    for cell in header:
        typed = type_rule(cell) if cell and len(cell.split()) <= 4 else Typed()
        if _USE_HEADERS.match(cell):
            roles.append("use")
        elif _AVOID_HEADERS.match(cell):
            roles.append("avoid")
        elif re.match(r"^(do|dos|do's|do this)$", cell):
            roles.append("do")
        elif re.match(r"^(don't|don'ts|do not|don't do this)$", cell):
            roles.append("dont")
        elif re.match(r"^(like this|good example|good|on-brand example|after)$", cell):
            roles.append("like")
        elif re.match(r"^(not this|bad example|bad|off-brand example|before)$", cell):
            roles.append("not")
        elif re.search(r"\b(examples?|sample|example copy|in practice)\b", cell):
            roles.append("example")
        elif _ATTRIBUTE_HEADERS.match(cell):
            roles.append("attribute")
        elif typed.check and typed.polarity in ("prefer", "avoid") and typed.check != "words":
            # "Passive voice | Active voice": a column named after a check's pole holds copy on that side.
            roles.append("like" if typed.polarity == "prefer" else "not")
        else:
            roles.append(None)
    # "Word | Use instead": the bare word column is what to avoid.
    if any(cell and re.search(r"instead|alternative|replacement", cell) for cell in header if cell):
        roles = ["avoid" if role is None and _TERM_HEADERS.match(cell) else role for role, cell in zip(roles, header)]
    # A table that gives a tone per row shows other tones' samples, not the brand's own voice.
    if any(cell in ("tone", "tones") for cell in header):
        roles = ["tone_example" if role == "example" else role for role in roles]
    return roles


# --- examples, names ---------------------------------------------------------------------------------------------


def strip_quotes(text: str) -> str:
    """Drop quotation marks wrapping the whole text (“...”, "...", also “...." with the stop outside)."""
    text = text.strip()
    if len(text) >= 2 and text[0] in gv.QUOTE_CHARS:
        end = len(text) - 1
        while end > 0 and text[end] in ".!?,;" and text[end - 1] in gv.QUOTE_CHARS:
            end -= 1
        tail = text[end + 1 :]
        if text[end] in gv.QUOTE_CHARS and end > 0:
            inner = text[1:end].strip()
            if not any(q in inner for q in "\"“”"):
                return (inner + tail).strip() if tail and not inner.endswith(tuple(".!?")) else inner
    return text


def _example_from_item(text: str) -> str:
    """"Instagram caption: “Rain again? Good.”" -> "Rain again? Good."."""
    quoted = _quoted(text)
    if quoted and len(max(quoted, key=len)) >= 0.6 * len(text) - 20 and len(max(quoted, key=len)) > 12:
        return max(quoted, key=len)
    label = re.match(r"^([^:]{1,30}):\s+(.+)$", text)
    if label and len(label.group(1).split()) <= 4:
        return strip_quotes(label.group(2))
    return text


def _quote_texts(block: Block) -> list[str]:
    """A block quote's examples: each list item, else the paragraphs together."""
    items = [item.text for child in block.children if child.kind == "list" for item in child.items]
    if items:
        return [i for i in items if i]
    paragraphs = [child.plain for child in block.children if child.kind == "para"]
    paragraphs = [p for p in paragraphs if p and not re.match(r"^[—–-]\s*\w", p)]  # drop "— attribution"
    return ["\n".join(paragraphs)] if paragraphs else []


def _lead_term(text: str, *, max_words: int) -> str | None:
    lead = strip_quotes(_lead(text)).strip(" .,;:")
    if not lead or len(lead.split()) > max_words:
        return None
    return lead


def _names_in_sentence(text: str) -> list[str]:
    """Brand names in a sentence like "We compete with Patagonia, Arc'teryx and The North Face."."""
    body = text.split(":", 1)[1] if ":" in text else text
    names = []
    for part in re.split(r",\s*|\s+and\s+|\s+or\s+|;\s*", body):
        words = part.strip(" .").split()
        run: list[str] = []
        for word in reversed(words):
            if word[:1].isupper() or word[:1].isdigit() or (run and word.lower() in ("of", "&", "the")):
                run.insert(0, word)
            else:
                break
        while run and run[0].lower() in ("of", "&"):
            run.pop(0)
        if run:
            names.append(" ".join(run).strip(" .,"))
    return names


def _dedupe(values: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for value in values:
        value = value.strip()
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            result.append(value)
    return result
