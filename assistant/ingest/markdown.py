"""A small Markdown reader for voice guides: headings into sections, section bodies into blocks, inline to plain.

Not a full CommonMark parser: it knows what guides use (ATX and setext headings, lists, block quotes, pipe
tables, fenced code, HTML comments, front matter) and keeps the line each piece starts on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ITEM = re.compile(r"( *)([-*+•·▪‣◦]|\d{1,3}[.)])[ \t]+(.*)$")
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_SEPARATOR = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass
class RawSection:
    """A heading-delimited stretch of the guide: its heading path, start line and body lines."""

    heading_path: list[str]
    line: int
    body: list[tuple[int, str]]  # (1-based line, text)
    level: int = 0

    @property
    def text(self) -> str:
        return "\n".join(text.rstrip() for _, text in self.body).strip("\n")


@dataclass
class Item:
    text: str  # Markdown, continuation lines joined with spaces
    line: int
    indent: int
    ordered: bool


@dataclass
class Block:
    """kind: 'para' | 'list' | 'quote' | 'table' | 'code'."""

    kind: str
    line: int
    text: str = ""
    items: list[Item] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # tables: header row first, separator dropped
    children: list[Block] = field(default_factory=list)  # quotes: the blocks inside


# --- whole-document preparation ----------------------------------------------------------------------------


def strip_comments_and_front_matter(text: str) -> str:
    """Blank out HTML comments and YAML front matter, keeping every newline so line numbers stay true."""
    text = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for end in range(1, min(len(lines), 80)):
            if lines[end].strip() in ("---", "..."):
                if any(re.match(r"\s*[\w-]+\s*:", line) for line in lines[1:end]):
                    for i in range(end + 1):
                        lines[i] = ""
                break
    return "\n".join(lines)


def split_sections(text: str) -> list[RawSection]:
    """Sections by Markdown headings; a guide without any falls back to heading-like plain-text lines."""
    lines = strip_comments_and_front_matter(text).split("\n")
    headings = _markdown_headings(lines)
    if not headings:
        headings = _plain_text_headings(lines)
    return _sections_from_headings(lines, headings)


def _markdown_headings(lines: list[str]) -> dict[int, tuple[int, str, int]]:
    """index of the heading's first line -> (level, title, number of lines it spans)."""
    found: dict[int, tuple[int, str, int]] = {}
    fence: str | None = None
    for i, line in enumerate(lines):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is not None:
            continue
        atx = _ATX.match(line)
        if atx and atx.group(2) and atx.group(2).strip():
            found[i] = (len(atx.group(1)), plain(atx.group(2)), 1)
            continue
        if i + 1 < len(lines) and _SETEXT.match(lines[i + 1]) and _can_be_setext_text(lines, i):
            found[i] = (1 if lines[i + 1].strip()[0] == "=" else 2, plain(line.strip()), 2)
    return found


def _can_be_setext_text(lines: list[str], i: int) -> bool:
    line = lines[i]
    if not line.strip() or line.startswith("    ") or _ATX.match(line) or _ITEM.match(line):
        return False
    if line.lstrip().startswith((">", "|", "<")) or _THEMATIC_BREAK.match(line) or _SETEXT.match(line):
        return False
    # Only a one-line paragraph: "text\n---" after more paragraph text is more likely a rule than a heading.
    return i == 0 or not lines[i - 1].strip()


_HEADING_WORDS = re.compile(
    r"\b(voice|tone|words?|vocabulary|about|who we are|do|dos|don'?t|don'?ts|avoid|claims?|legal|competitors?|"
    r"examples?|personality|style|rules|never|always|audience|overview|terminology)\b",
    re.IGNORECASE,
)


def _plain_text_headings(lines: list[str]) -> dict[int, tuple[int, str, int]]:
    """Heading-like lines of a plain-text guide: short, alone between blank lines, capitalised, no full stop."""
    found: dict[int, tuple[int, str, int]] = {}
    for i, line in enumerate(lines):
        candidate = line.strip()
        if not candidate or len(candidate) > 60 or _ITEM.match(line) or candidate[-1] in ".,;!?\"”'’)":
            continue
        if i > 0 and lines[i - 1].strip():
            continue
        if i + 1 >= len(lines) or lines[i + 1].strip():
            continue
        if not any(lines[j].strip() for j in range(i + 1, len(lines))):
            continue
        title = candidate.rstrip(":").strip()
        words = title.split()
        if not title or len(words) > 8 or not title[0].isupper():
            continue
        letters = [c for c in title if c.isalpha()]
        all_caps = bool(letters) and all(c.isupper() for c in letters)
        title_case = all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words if w[0].isalpha())
        if all_caps or title_case or _HEADING_WORDS.search(title) or candidate.endswith(":"):
            found[i] = (1, title, 1)
    return found


_SMALL_WORDS = frozenset("a an and as at but by for in of on or the to vs we with our us".split())


def _sections_from_headings(lines: list[str], headings: dict[int, tuple[int, str, int]]) -> list[RawSection]:
    sections: list[RawSection] = []
    stack: list[tuple[int, str]] = []
    current = RawSection(heading_path=[], line=1, body=[])
    i = 0
    while i < len(lines):
        if i in headings:
            if current.heading_path or current.text.strip():
                sections.append(_trim(current))
            level, title, span = headings[i]
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, title))
            current = RawSection(heading_path=[t for _, t in stack], line=i + 1, body=[], level=level)
            i += span
            continue
        current.body.append((i + 1, lines[i]))
        i += 1
    if current.heading_path or current.text.strip():
        sections.append(_trim(current))
    return sections


def _trim(section: RawSection) -> RawSection:
    body = section.body
    while body and not body[0][1].strip():
        body = body[1:]
    while body and not body[-1][1].strip():
        body = body[:-1]
    line = section.line if section.heading_path else (body[0][0] if body else section.line)
    return RawSection(section.heading_path, line, body, section.level)


# --- blocks inside a section ---------------------------------------------------------------------------------


def parse_blocks(body: list[tuple[int, str]]) -> list[Block]:
    """Paragraphs, lists, quotes, tables and code of a section body, in order."""
    blocks: list[Block] = []
    i = 0
    n = len(body)
    while i < n:
        number, line = body[i]
        stripped = line.strip()
        if not stripped or _THEMATIC_BREAK.match(line):
            i += 1
            continue
        fence = _FENCE.match(line)
        if fence:
            marker = fence.group(1)
            j = i + 1
            while j < n and not body[j][1].strip().startswith(marker[0] * len(marker)):
                j += 1
            blocks.append(Block("code", number, text="\n".join(t for _, t in body[i + 1 : j])))
            i = j + 1
            continue
        if stripped.startswith(">"):
            j = i
            inner: list[tuple[int, str]] = []
            while j < n and body[j][1].strip().startswith(">"):
                inner.append((body[j][0], re.sub(r"^\s*>\s?", "", body[j][1])))
                j += 1
            blocks.append(Block("quote", number, text="\n".join(t for _, t in inner), children=parse_blocks(inner)))
            i = j
            continue
        if "|" in stripped and i + 1 < n and _TABLE_SEPARATOR.match(body[i + 1][1]) and "-" in body[i + 1][1]:
            j = i + 2
            rows = [_cells(stripped)]
            while j < n and "|" in body[j][1] and body[j][1].strip():
                rows.append(_cells(body[j][1].strip()))
                j += 1
            blocks.append(Block("table", number, rows=rows))
            i = j
            continue
        if _ITEM.match(line):
            block, i = _parse_list(body, i)
            blocks.append(block)
            continue
        j = i
        para: list[str] = []
        while j < n:
            text = body[j][1]
            if not text.strip() or (j > i and _starts_block(body, j)):
                break
            para.append(text.strip())
            j += 1
        blocks.append(Block("para", number, text=" ".join(para)))
        i = j
    return blocks


def _starts_block(body: list[tuple[int, str]], j: int) -> bool:
    line = body[j][1]
    stripped = line.strip()
    return bool(
        _ITEM.match(line)
        or stripped.startswith((">", "```", "~~~"))
        or _THEMATIC_BREAK.match(line)
        or ("|" in stripped and j + 1 < len(body) and _TABLE_SEPARATOR.match(body[j + 1][1]) and "-" in body[j + 1][1])
    )


def _parse_list(body: list[tuple[int, str]], i: int) -> tuple[Block, int]:
    items: list[Item] = []
    n = len(body)
    block = Block("list", body[i][0], items=items)
    while i < n:
        number, line = body[i]
        match = _ITEM.match(line)
        if match:
            indent = len(match.group(1))
            ordered = match.group(2)[0].isdigit()
            parts = [match.group(3).strip()]
            content_indent = indent + len(match.group(2)) + 1
            i += 1
            # Continuation: lazy lines right after, or indented lines after a blank line.
            while i < n:
                text = body[i][1]
                if not text.strip():
                    k = i
                    while k < n and not body[k][1].strip():
                        k += 1
                    if k < n and not _ITEM.match(body[k][1]) and _indent(body[k][1]) >= max(2, content_indent):
                        i = k
                        continue
                    break
                if _ITEM.match(text) or _starts_block(body, i):
                    break
                parts.append(text.strip())
                i += 1
            items.append(Item(" ".join(p for p in parts if p), number, indent, ordered))
            continue
        if not line.strip():
            k = i
            while k < n and not body[k][1].strip():
                k += 1
            if k < n and _ITEM.match(body[k][1]):
                i = k
                continue
        break
    return block, i


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", row)]


# --- inline Markdown -> plain text -----------------------------------------------------------------------------

_INLINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),
    (re.compile(r"__(.+?)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), r"\1"),
)


def plain(markdown: str) -> str:
    """Inline Markdown to plain text: links keep their words, emphasis and code marks go, spaces collapse."""
    text = markdown
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


_BOLD_LEAD = re.compile(r"\s*(\*\*|__)(.+?)\1\s*(?:[:.\-–—]\s*)?(.*)$", re.DOTALL)


def bold_lead(markdown: str) -> tuple[str, str] | None:
    """("Conversational", "We write how we speak...") for "**Conversational**. We write how we speak..."."""
    match = _BOLD_LEAD.match(markdown)
    if not match:
        return None
    return plain(match.group(2)).strip(" :.-–—"), plain(match.group(3))


def is_bold_only(markdown: str) -> bool:
    """A paragraph that is all bold: a pseudo-heading such as "**Example: pronouns**"."""
    match = _BOLD_LEAD.match(markdown.strip())
    return bool(match) and not match.group(3).strip()
