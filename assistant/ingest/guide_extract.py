"""Finding the structure a voice guide states: voice attributes, words, rules, examples, topics, competitors.

Each section gets a mode from its heading (or its parent's); its blocks are then read in that mode. Labels
inside a section ("**Example:**", "Like this:", "Not this:", "Don't:") switch what the next block means.
Nothing is invented: a guide that doesn't state something leaves that list empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.ingest import guide_patterns as gp
from assistant.ingest.markdown import Block, Item, RawSection, bold_lead, is_bold_only, parse_blocks, plain
from assistant.ingest.topics import keyword_phrases
from assistant.models.records import GuideRule, GuideSection

_MAX_TOPICS = 25
_MAX_TERM_WORDS = 4
_RULE_SENTENCE_MAX_WORDS = 40


@dataclass
class _Found:
    attributes: list[str] = field(default_factory=list)
    preferred: list[str] = field(default_factory=list)
    avoided: list[str] = field(default_factory=list)
    rules: list[GuideRule] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    topic_texts: list[str] = field(default_factory=list)
    topic_terms: list[str] = field(default_factory=list)
    competitors: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    first_paragraph: str = ""

    def rule(self, kind: str, text: str, section_id: str) -> None:
        text = _clean_sentence(text)
        if text and not any(r.kind == kind and r.text == text for r in self.rules):
            self.rules.append(GuideRule(kind=kind, text=text, section_id=section_id))

    def example(self, text: str) -> None:
        text = strip_quotes(text)
        if len(text) >= 2:
            self.examples.append(text)


def extract_structure(
    raw_sections: list[RawSection], sections: list[GuideSection], *, brand: str, name: str = ""
) -> dict[str, Any]:
    """The VoiceGuide fields beyond ``sections``, read from the sections' headings and bodies."""
    found = _Found()
    modes = _section_modes(raw_sections)
    for raw, section, (mode, ancestor_mode) in zip(raw_sections, sections, modes):
        blocks = parse_blocks(raw.body)
        _heading_facts(raw, section, mode, ancestor_mode, found)
        _SectionReader(section.id, mode, found).read(blocks)
        if not found.first_paragraph:
            first = next((b for b in blocks if b.kind == "para" and not is_bold_only(b.text)), None)
            if first is not None:
                found.first_paragraph = plain(first.text)
    exclude = {brand.lower(), *brand.lower().split("-")}
    phrases = keyword_phrases(found.topic_texts, exclude=exclude, own_name=name)
    topics = _dedupe(found.topic_terms + phrases)[:_MAX_TOPICS]
    return {
        "voice_attributes": _dedupe(found.attributes),
        "preferred_words": _dedupe(found.preferred),
        "avoided_words": _dedupe(found.avoided),
        "rules": found.rules,
        "example_copy": _dedupe(found.examples),
        "topics": topics,
        "competitors": _dedupe(found.competitors),
        "about": found.about[0] if found.about else found.first_paragraph,
    }


def _section_modes(raw_sections: list[RawSection]) -> list[tuple[str, str | None]]:
    """(mode, nearest classified ancestor's mode) per section. Unclassified headings inherit the latter,
    skipping a generic document title (a lone H1 at the top like "Voice and tone" names the guide)."""
    h1s = [s for s in raw_sections if s.level == 1]
    first_heading = next((s for s in raw_sections if s.heading_path), None)
    title = h1s[0].heading_path[0] if len(h1s) == 1 and first_heading is h1s[0] else None
    if title is not None and gp.classify_heading(title) not in (None, gp.STYLE):
        title = None  # "# Our voice" over "## Warm", "## Direct" does say what its sections are
    result: list[tuple[str, str | None]] = []
    for raw in raw_sections:
        path = raw.heading_path
        own = gp.classify_heading(path[-1]) if path else None
        inherited = None
        for depth in range(len(path) - 2, -1, -1):
            if depth == 0 and path[0] == title:
                break
            inherited = gp.classify_heading(path[depth])
            if inherited:
                break
        result.append((own or inherited or gp.OTHER, inherited))
    return result


def _heading_facts(raw: RawSection, section: GuideSection, mode: str, ancestor_mode: str | None, found: _Found) -> None:
    """What a heading says by itself: "### Use contractions" is a rule; "### Warm" under "Our voice" an attribute."""
    if not raw.heading_path:
        return
    title = raw.heading_path[-1]
    simple = gp.simplify(title)
    if gp.classify_heading(title) in (None, gp.STYLE) and len(simple.split()) >= 2:
        if gp.STRICT_RULE_START.match(simple) and not re.match(r"^\w+('\w+)? (of|and|cases)\b", simple):
            found.rule(_rule_kind(title, gp.OTHER) or "do", title, section.id)
            return
    if ancestor_mode == gp.VOICE and gp.classify_heading(title) is None:
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
        self.pending: str | None = None  # 'like' | 'not' | 'example': what the next block is
        self.about_paragraph_seen = False

    def read(self, blocks: list[Block]) -> None:
        for block in blocks:
            pending, self.pending = self.pending, None
            if block.kind == "para":
                self._paragraph(block, pending)
            elif block.kind == "quote":
                self._quote(block, pending)
            elif block.kind == "list":
                self._list(block, pending)
            elif block.kind == "table":
                self._table(block)
            elif block.kind == "code" and (pending in ("like", "example") or self.mode == gp.EXAMPLES):
                self.found.example(block.text)
            if self.mode == gp.ABOUT and block.kind == "para" and not self.found.about and not self.pending:
                if not is_bold_only(block.text):
                    self.found.about.append(plain(block.text))

    # --- labels

    def _label(self, markdown: str) -> bool:
        """Handle a label paragraph (or item); False when the text is content, not a label."""
        text = plain(markdown)
        simple = gp.simplify(text)
        bare = simple.rstrip(":").strip()
        if gp.LIKE_LABEL.fullmatch(simple) and (simple.endswith(":") or is_bold_only(markdown) or len(bare) <= 12):
            self.pending = "like"
            return True
        if gp.NOT_LABEL.fullmatch(simple) and (simple.endswith(":") or is_bold_only(markdown) or len(bare) <= 12):
            self.pending = "not"
            return True
        example = gp.EXAMPLE_LABEL.match(simple)
        if example:
            if is_bold_only(markdown) or simple.endswith(":"):
                self.pending = "example"
                return True
            rest = re.match(r"[^:]*:\s*(.+)$", text)
            if rest and len(example.group(1)) + 2 >= text.find(":"):
                self.found.example(rest.group(1))
                return True
        short_label = simple.endswith(":") and len(bare.split()) <= 6
        if is_bold_only(markdown) or short_label:
            mode = gp.classify_heading(bare)
            if mode is not None:
                self.mode = mode
            elif is_bold_only(markdown):
                self.mode = gp.STYLE if self.base_mode == gp.VOICE else self.base_mode
            return True
        return simple.endswith(":")  # an intro line ("We consider our voice to be:") states nothing itself

    # --- blocks

    def _paragraph(self, block: Block, pending: str | None) -> None:
        if self._label(block.text):
            return
        text = plain(block.text)
        if pending in ("like", "example"):
            self.found.example(text)
            return
        if pending == "not":
            self.found.rule("dont", strip_quotes(text), self.section_id)
            return
        mode = self.mode
        if mode == gp.EXAMPLES:
            if not gp.INTRO_PARAGRAPH.match(gp.simplify(text)):
                self.found.example(text)
            return
        if mode == gp.ABOUT:
            if not self.about_paragraph_seen:  # later paragraphs tend to be about the audience, not the brand
                self.found.topic_texts.append(text)
                self.about_paragraph_seen = True
            self._claim_sentences(text)
            return
        if mode == gp.COMPETITORS:
            self.found.competitors.extend(_names_in_sentence(text))
            return
        if mode in (gp.PREFERRED, gp.AVOIDED, gp.VOCAB):
            if self._words_from_text(text, mode, paragraph=True):
                return
        if mode == gp.VOICE:
            lead = bold_lead(block.text)
            if lead and lead[1] and not lead[0].endswith("?"):
                attribute = _attribute_from_text(lead[0])
                if attribute:
                    self.found.attributes.append(attribute)
                    return
            self.found.attributes.extend(_attributes_in_sentence(text))
        self._rule_sentences(text, mode)

    def _quote(self, block: Block, pending: str | None) -> None:
        texts = _quote_texts(block)
        if pending == "not" or (pending is None and self.mode in (gp.DONT, gp.AVOIDED, gp.HARD_LIMIT)):
            for text in texts:
                self.found.rule("dont", strip_quotes(text), self.section_id)
        elif self.mode == gp.COMPETITORS:
            return
        else:
            for text in texts:
                self.found.example(text)

    def _list(self, block: Block, pending: str | None) -> None:
        top_indent = min(item.indent for item in block.items)
        labels: list[tuple[int, str]] = []  # (indent, mode) set by label items such as "- Don't:"
        for item in block.items:
            while labels and labels[-1][0] >= item.indent:
                labels.pop()
            text = plain(item.text)
            if not text:
                continue
            if pending in ("like", "example"):
                self.found.example(text)
                continue
            if pending == "not":
                self.found.rule("dont", strip_quotes(text), self.section_id)
                continue
            item_label = self._item_label(item)
            if item_label:
                labels.append((item.indent, item_label))
                continue
            mode = labels[-1][1] if labels else self.mode
            self._item(item, text, mode, top_level=item.indent <= top_indent)

    def _item_label(self, item: Item) -> str | None:
        text = plain(item.text)
        simple = gp.simplify(text)
        if not (simple.endswith(":") or is_bold_only(item.text)) or len(simple.split()) > 6:
            return None
        bare = simple.rstrip(":").strip()
        if gp.LIKE_LABEL.fullmatch(bare):
            return gp.EXAMPLES
        if gp.NOT_LABEL.fullmatch(bare):
            return gp.DONT
        return gp.classify_heading(bare)

    def _item(self, item: Item, text: str, mode: str, *, top_level: bool) -> None:
        found, sid = self.found, self.section_id
        if mode == gp.EXAMPLES:
            found.example(_example_from_item(text))
            return
        if mode == gp.COMPETITORS:
            name = _lead_term(text, max_words=6)
            if name:
                found.competitors.append(name)
            return
        if mode == gp.ABOUT:
            term = _lead_term(text, max_words=_MAX_TERM_WORDS)
            if term:
                found.topic_terms.append(term.lower())
            else:
                found.topic_texts.append(text)
            self._claim_sentences(text)
            return
        if mode in (gp.PREFERRED, gp.AVOIDED, gp.VOCAB):
            good, bad = _word_entry(item.text, mode)
            if good or bad:
                found.preferred.extend(good)
                found.avoided.extend(bad)
                return
        if mode == gp.VOICE and top_level:
            attribute = _attribute_from_item(item.text)
            if attribute:
                found.attributes.append(attribute)
                return
        self._words_from_text(text, gp.OTHER, paragraph=False)
        kind = _rule_kind(text, mode, item=True)
        if kind is None and mode in (gp.STYLE, gp.VOICE):
            # "Sentence case everywhere. No ALL CAPS.": a later sentence can carry the instruction.
            kind = next((k for k in (_rule_kind(s, mode, item=True) for s in _sentences(text)[1:]) if k), None)
        if kind:
            found.rule(kind, text, sid)

    def _table(self, block: Block) -> None:
        header = [gp.simplify(plain(cell)).rstrip(":") for cell in block.rows[0]]
        roles = _column_roles(header)
        if self.mode == gp.COMPETITORS and not any(roles):
            roles = ["competitor"] + [None] * (len(header) - 1)
        for row in block.rows[1:]:
            for role, cell in zip(roles, row):
                text = plain(cell)
                if not role or not text or text in ("-", "—", "n/a"):
                    continue
                self._table_cell(role, text)

    def _table_cell(self, role: str, text: str) -> None:
        found, sid = self.found, self.section_id
        if role == "example" or role == "like":
            found.example(text)
        elif role == "not":
            found.rule("dont", strip_quotes(text), sid)
        elif role == "attribute":
            attribute = _attribute_from_text(_lead(text))
            if attribute:
                found.attributes.append(attribute)
        elif role == "competitor":
            name = _lead_term(text, max_words=6)
            if name:
                found.competitors.append(name)
        elif role in ("use", "avoid"):
            terms = _terms(text)
            if terms:
                (found.preferred if role == "use" else found.avoided).extend(terms)
            else:
                found.rule("do" if role == "use" else "dont", text, sid)
        elif role in ("do", "dont"):
            found.rule(_rule_kind(text, gp.DO if role == "do" else gp.DONT) or role, text, sid)

    # --- sentences

    def _rule_sentences(self, text: str, mode: str) -> None:
        sentences = _sentences(text)
        for sentence in sentences:
            self._words_from_text(sentence, gp.OTHER, paragraph=False)
        if mode in (gp.DO, gp.DONT, gp.DOS_DONTS, gp.HARD_LIMIT):
            for sentence in sentences:
                simple = gp.simplify(sentence)
                if sentence.endswith(":") or len(sentence.split()) > _RULE_SENTENCE_MAX_WORDS:
                    continue
                directive = gp.IMPERATIVE_START.match(simple) or gp.DIRECTIVE_WORDS.search(simple)
                if mode == gp.HARD_LIMIT and not directive:
                    continue
                if mode != gp.HARD_LIMIT and not (directive or re.match(r"^we (always|never|don't|do not)\b", simple)):
                    continue
                kind = _rule_kind(sentence, mode)
                if kind:
                    self.found.rule(kind, sentence, self.section_id)
            return
        if len(sentences) == 1 and len(text.split()) <= _RULE_SENTENCE_MAX_WORDS:
            kind = _rule_kind(text, mode)
            if kind:
                self.found.rule(kind, text, self.section_id)
                return
        self._claim_sentences(text)

    def _claim_sentences(self, text: str) -> None:
        for sentence in _sentences(text):
            if gp.is_claim_limit(sentence):
                self.found.rule("hard_limit", sentence, self.section_id)

    def _words_from_text(self, text: str, mode: str, *, paragraph: bool) -> bool:
        """Preferred / avoided words stated in ``text``; True when it was a word entry."""
        good, bad = _word_pair(text)
        if not good and not bad and mode in (gp.PREFERRED, gp.AVOIDED, gp.VOCAB):
            good, bad = _unquoted_word_entry(text, mode, paragraph=paragraph)
        self.found.preferred.extend(good)
        self.found.avoided.extend(bad)
        return bool(good or bad)


# --- rules -------------------------------------------------------------------------------------------------------


def _rule_kind(text: str, mode: str, *, item: bool = False) -> str | None:
    """'do' / 'dont' / 'hard_limit' for a rule-like sentence in a section of ``mode``, else None.

    List items starting with an imperative are rules wherever they are; paragraphs only in guidance sections.
    """
    simple = gp.simplify(text)
    negative = bool(gp.NEGATIVE_START.match(simple))
    if mode == gp.HARD_LIMIT or gp.is_claim_limit(simple):
        return "hard_limit"
    if mode in (gp.DONT, gp.AVOIDED) and gp.is_claim_limit("never " + simple):  # "Don't:" negates the item
        return "hard_limit"
    if mode == gp.DO:
        return "dont" if negative else "do"
    if mode in (gp.DONT, gp.AVOIDED):
        return "dont"
    if mode == gp.DOS_DONTS:
        return "dont" if negative or simple.startswith("don't") else "do"
    if gp.STRICT_RULE_START.match(simple):
        return "dont" if negative else "do"
    if (mode in (gp.STYLE, gp.VOICE, gp.VOCAB, gp.PREFERRED) or item) and gp.IMPERATIVE_START.match(simple):
        return "dont" if negative else "do"
    if mode in (gp.STYLE, gp.VOICE) and gp.WE_RULE_START.match(simple):
        return "dont" if gp.WE_NEGATIVE_START.match(simple) else "do"
    return None


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[\"“‘'(]?[A-Z0-9])", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _clean_sentence(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- voice attributes --------------------------------------------------------------------------------------------


def _attribute_from_item(markdown: str) -> str | None:
    lead = bold_lead(markdown)
    if lead and lead[0]:
        return _attribute_from_text(lead[0])
    text = plain(markdown)
    simple = gp.simplify(text)
    if gp.IMPERATIVE_START.match(simple) or gp.NEGATIVE_START.match(simple):
        return None
    match = re.match(r"^(.{1,40}?)\s*(?::|—|–| - |\.\s)", text)
    if match:
        return _attribute_from_text(match.group(1))
    return _attribute_from_text(text)


def _attribute_from_text(text: str) -> str | None:
    text = plain(text).strip(" .:;!—–-")
    text = re.split(r",?\s+(?:but )?not\s+", text, maxsplit=1)[0].strip(" ,")  # "Warm, not saccharine"
    simple = gp.simplify(text)
    if not text or text.endswith("?") or len(text.split()) > 5:
        return None
    if gp.IMPERATIVE_START.match(simple) or gp.NEGATIVE_START.match(simple) or _PRONOUN_START.match(simple):
        return None  # "We're on your side." describes, it doesn't name an attribute
    return text[0].upper() + text[1:]


_PRONOUN_START = re.compile(r"^(we|we're|we've|our|you|you're|your|it|it's|they|they're|i|i'm|this|that|these|there)\b")


def _attributes_in_sentence(text: str) -> list[str]:
    """"We are warm, direct and curious." -> ['Warm', 'Direct', 'Curious']."""
    match = re.match(
        r"^(?:our voice is|we are|we're|we sound|the [\w' ]{1,30} voice is)\s+(.+?)\.?$", gp.simplify(text)
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
    return [next(g for g in m.groups() if g is not None).strip() for m in gp.QUOTED_TERM.finditer(text)]


def _word_pair(text: str) -> tuple[list[str], list[str]]:
    """Quoted word advice in one sentence: "Say 'kit', not 'gear'", "Avoid 'cheap'; say 'affordable'"."""
    if not _quoted(text):
        return [], []
    simple = gp.simplify(text)
    avoid_first = re.match(r"^(avoid|don't (say|use|write)|do not (say|use|write)|never (say|use|write)|instead of"
                           r"|we don't say|we never say)\b", simple)
    if avoid_first:
        pivot = re.search(r"[,;:—–.(-]\s*(say|use|write|try|prefer|go with|choose)\b|\b(instead)\b", simple)
        before, after = (text[: pivot.start()], text[pivot.start():]) if pivot else (text, "")
        # Only terms that sit right after the verb count ("Avoid 'x'", "Don't say 'x' or 'y'", "words like 'x'").
        if not re.match(r"^[\w' ]{0,40}?(\bwords?\b|\bterms?\b|\bphrases?\b|\blike\b|\bsay\b|\buse\b|\bwrite\b|\bavoid\b"
                        r"|\bof\b)[\s:]*[\"“‘'`]", gp.simplify(before)):
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


def _unquoted_word_entry(text: str, mode: str, *, paragraph: bool) -> tuple[list[str], list[str]]:
    """Word-list text without quotes: "kit (not gear)", "cheap → affordable", "adventure, trail, kit"."""
    return _word_entry(text, mode, paragraph=paragraph)


def _word_entry(markdown: str, mode: str, *, paragraph: bool = False) -> tuple[list[str], list[str]]:
    """(preferred, avoided) from one entry of a word list.

    The entry's head names the word(s) ("**toxins** / **toxic** — ..."); its explanation may offer quoted
    alternatives ("say "tough" instead") in a list of words to avoid, or what not to say in a list of words to use.
    """
    text = plain(markdown)
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
        return ([], terms) if mode == gp.AVOIDED else (terms, [])
    head_md, rest_md = _split_entry(markdown)
    head = plain(head_md)
    pivot = _PIVOT.search(head)
    if pivot and pivot.group(1).lower() != "never":  # "kit, not gear" / "kit instead of gear"
        first, second = _terms(head[: pivot.start()]), _terms(head[pivot.end():])
        if first and second:
            return (second, first) if mode == gp.AVOIDED else (first, second)
    bold = [plain(a or b) for a, b in re.findall(r"\*\*(.+?)\*\*|__(.+?)__", head_md)]
    terms = _terms_only(bold) if bold else _terms(head)
    if not terms:
        return [], []
    rest = plain(rest_md)
    if mode == gp.AVOIDED:
        offer = re.search(r"\b(say|use|try|write|go with|choose|prefer)\b", rest, re.IGNORECASE)
        return (_terms_only(_quoted(rest[offer.end():])) if offer else []), terms
    against = re.search(r"\b(instead of|not|rather than|over)\b", rest, re.IGNORECASE)
    if against:
        after = rest[against.end():]
        if _quoted(after):
            return terms, _terms_only(_quoted(after))
        if not rest[: against.start()].strip(" ("):  # "**kit** (not gear)": the whole explanation is the pair
            return terms, _terms(_lead(after.strip(" )")))
    return terms, []


def _split_entry(markdown: str) -> tuple[str, str]:
    """Split "**kit** — what we call gear" into its head and its explanation (dashes, colon, parenthesis)."""
    match = re.search(r"\s+[—–]\s+|\s+-\s+|:\s+|\s+\(|\s*;\s*", markdown)
    if not match:
        return markdown, ""
    return markdown[: match.start()], markdown[match.end() - (1 if match.group().strip() == "(" else 0):]


def _lead(text: str) -> str:
    """The head of an entry, before its explanation: "kit — what we call gear" -> "kit"."""
    return re.split(r"\s+[—–]\s+|\s+-\s+|:\s+|\s+\(|\s*;\s*|\.\s+", text, maxsplit=1)[0]


def _terms(text: str, *, minimum: int = 1) -> list[str]:
    """Short terms in a list ("kit, gear / layers or shells"); [] when any part is a sentence, not a term."""
    text = text.strip().rstrip(".;")
    parts = [strip_quotes(p) for p in re.split(r"\s*[,/;]\s*|\s+or\s+|\s+and\s+|\s*·\s*", text) if p.strip()]
    parts = [p.strip(" .!") for p in parts if p.strip(" .!")]
    if len(parts) < minimum or not parts:
        return []
    if any(len(p.split()) > _MAX_TERM_WORDS or len(p) > 40 for p in parts):
        return []
    return parts


def _terms_only(candidates: list[str]) -> list[str]:
    return [c.strip(" .,") for c in candidates if c.strip(" .,") and len(c.split()) <= _MAX_TERM_WORDS]


_USE_HEADERS = re.compile(
    r"^(use|use this|use instead|say|say this|say instead|write|write this|we say|preferred|prefer|instead use|try"
    r"|try instead|better|do say|yes|✅|preferred term|alternative|replacement|our word|on brand)$"
)
_AVOID_HEADERS = re.compile(
    r"^(don't use|do not use|avoid|instead of|not|rather than|don't say|we don't say|never say|never use|no|❌|worse"
    r"|avoid this|not this word|off brand|word to avoid|banned)$"
)
_TERM_HEADERS = re.compile(r"^(words?|terms?|phrases?)$")
_ATTRIBUTE_HEADERS = re.compile(
    r"^((our |brand )?voice )?(attributes?|traits?|qualities|quality|characteristics?|principles?|pillars?)$"
    r"|^(we are|we're|voice|personality|our voice)$"
)


def _column_roles(header: list[str]) -> list[str | None]:
    roles: list[str | None] = []
    for cell in header:
        if _USE_HEADERS.match(cell):
            roles.append("use")
        elif _AVOID_HEADERS.match(cell):
            roles.append("avoid")
        elif re.match(r"^(do|dos|do's|do this)$", cell):
            roles.append("do")
        elif re.match(r"^(don't|don'ts|do not|don't do this)$", cell):
            roles.append("dont")
        elif re.match(r"^(like this|good example|good|on-brand example)$", cell):
            roles.append("like")
        elif re.match(r"^(not this|bad example|bad|off-brand example)$", cell):
            roles.append("not")
        elif re.search(r"\b(examples?|sample|example copy|in practice)\b", cell):
            roles.append("example")
        elif _ATTRIBUTE_HEADERS.match(cell):
            roles.append("attribute")
        else:
            roles.append(None)
    # "Word | Use instead": the bare word column is what to avoid.
    if any(cell and re.search(r"instead|alternative|replacement", cell) for cell in header if cell):
        roles = ["avoid" if role is None and _TERM_HEADERS.match(cell) else role for role, cell in zip(roles, header)]
    return roles


# --- examples, names ---------------------------------------------------------------------------------------------


def strip_quotes(text: str) -> str:
    """Drop quotation marks wrapping the whole text (“...”, "...", also “...." with the stop outside)."""
    text = text.strip()
    if len(text) >= 2 and text[0] in gp.QUOTE_CHARS:
        end = len(text) - 1
        while end > 0 and text[end] in ".!?,;" and text[end - 1] in gp.QUOTE_CHARS:
            end -= 1
        tail = text[end + 1 :]
        if text[end] in gp.QUOTE_CHARS and end > 0:
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
        return label.group(2)
    return text


def _quote_texts(block: Block) -> list[str]:
    """A block quote's examples: each list item, else the paragraphs together."""
    items = [plain(item.text) for child in block.children if child.kind == "list" for item in child.items]
    if items:
        return [i for i in items if i]
    paragraphs = [plain(child.text) for child in block.children if child.kind == "para"]
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
