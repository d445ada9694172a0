"""A voice guide's Markdown as a tree: sections by heading, each a list of blocks, from markdown-it-py's tokens.

markdown-it-py (CommonMark, plus pipe tables and front matter) does the parsing; this module only reshapes its
token stream into what the guide reader walks: sections (heading path, start line, body text as written) and
blocks (paragraphs, lists with nested items, block quotes, tables, code), each with its 1-based source line and
its inline text both as written and as plain text (emphasis, links and code marks gone).

A plain-text guide (no Markdown headings at all) gets headings from its heading-like lines: short, alone between
blank lines, capitalised, with no full stop.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from functools import lru_cache
from typing import Any

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1>\s*$", re.IGNORECASE | re.DOTALL)


@dataclass
class Inline:
    """One run of inline Markdown: as written, as plain text, and where strong emphasis opens it."""

    source: str
    plain: str
    bold_lead: str | None = None  # "Conversational" for "**Conversational**. We write how we speak."
    rest: str = ""  # the plain text after the bold lead
    emphasised: list[str] = field(default_factory=list)  # every *em* / **strong** / `code` span, plain
    all_emphasised: bool = False  # every word is inside emphasis: "_Product saved_", a sample set in italics

    @property
    def bold_only(self) -> bool:
        """All strong emphasis: a pseudo-heading such as "**Example: pronouns**"."""
        return self.bold_lead is not None and not self.rest.strip(" :.-–—")


@dataclass
class Item:
    """A list item: its own text (paragraphs joined), line, nesting depth, and blocks nested under it."""

    inline: Inline
    line: int
    depth: int
    ordered: bool
    label: str | None = None  # a heading inside the item ("* #### Before"), which labels what follows

    @property
    def text(self) -> str:
        return self.inline.plain


@dataclass
class Block:
    """kind: 'para' | 'list' | 'quote' | 'table' | 'code' | 'html'."""

    kind: str
    line: int
    inline: Inline | None = None  # para
    items: list[Item] = field(default_factory=list)  # list: flattened in document order, with depth
    rows: list[list[Inline]] = field(default_factory=list)  # table: header row first
    children: list[Block] = field(default_factory=list)  # quote
    text: str = ""  # code: the code as written

    @property
    def plain(self) -> str:
        return self.inline.plain if self.inline else self.text


@dataclass
class Section:
    """A heading-delimited stretch of the guide."""

    heading_path: list[str]
    line: int
    level: int
    text: str  # the body as written (comments and front matter blanked)
    blocks: list[Block]


# --- parsing ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(front_matter_plugin)


def blank_comments(text: str) -> str:
    """HTML comments replaced by their newlines only, so line numbers stay true."""
    return _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)


def parse_sections(text: str) -> list[Section]:
    """The guide's sections, in order. A first section without a heading is the preamble (heading path [])."""
    text = blank_comments(text)
    tokens = _parser().parse(text)
    lines = text.split("\n")
    front_end = next((t.map[1] for t in tokens if t.type == "front_matter" and t.map), 0)
    if not any(t.type == "heading_open" and t.level == 0 for t in tokens):
        promoted = _promote_plain_headings(lines)
        if promoted is not None:
            tokens = _parser().parse("\n".join(promoted))
    return _sections(tokens, lines, front_end)


def _sections(tokens: list[Any], lines: list[str], front_end: int) -> list[Section]:
    from markdown_it.tree import SyntaxTreeNode

    root = SyntaxTreeNode(tokens)
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    current: dict[str, Any] = {"path": [], "line": front_end + 1, "level": 0, "start": front_end, "nodes": []}

    def close(end: int) -> None:
        body_lines = lines[current["start"]:end]
        body = "\n".join(line.rstrip() for line in body_lines).strip("\n")
        if current["path"] or body.strip():
            line = current["line"]
            if not current["path"]:  # the preamble starts at its first non-blank line
                line = current["start"] + 1 + next((i for i, s in enumerate(body_lines) if s.strip()), 0)
            blocks = [b for node in current["nodes"] for b in _blocks(node)]
            sections.append(Section(list(current["path"]), line, current["level"], body, blocks))

    for node in root.children:
        if node.type == "front_matter":
            continue
        html_heading = _HTML_HEADING.match(node.content) if node.type == "html_block" else None
        if node.type == "heading" or html_heading:
            start, end = node.map
            close(start)
            if html_heading:  # <h3 id="x">Plain English words</h3>, as some guides write headings
                level = int(html_heading.group(1))
                title = html.unescape(_squash(re.sub(r"<[^>]+>", "", html_heading.group(2))))
            else:
                level = int(node.tag[1])
                title = _inline(node.children[0]).plain if node.children else ""
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, title))
            current = {"path": [t for _, t in stack], "line": start + 1, "level": level, "start": end, "nodes": []}
            continue
        current["nodes"].append(node)
    close(len(lines))
    return sections


def _blocks(node: Any, depth: int = 0) -> list[Block]:
    line = node.map[0] + 1 if node.map else 0
    kind = node.type
    if kind == "paragraph":
        token = node.children[0].token
        lines = _split_lines(token.children or [])
        if len(lines) > 1 and all(ln and ln[0].type == "strong_open" for ln in lines):
            # "**Passive**: ...  \n**Active**: ...": each labelled line is its own paragraph
            return [Block("para", line + i, inline=_inline_tokens("", ln)) for i, ln in enumerate(lines)]
        return [Block("para", line, inline=_inline(node.children[0]))]
    if kind in ("bullet_list", "ordered_list"):
        block = Block("list", line)
        _list_items(node, depth, block.items)
        return [block] if block.items else []
    if kind == "blockquote":
        children = [b for child in node.children for b in _blocks(child)]
        return [Block("quote", line, children=children)]
    if kind == "table":
        rows = []
        for part in node.children:  # thead, tbody
            for tr in part.children:
                rows.append([_inline(cell.children[0]) if cell.children else Inline("", "") for cell in tr.children])
        return [Block("table", line, rows=rows)] if rows else []
    if kind in ("fence", "code_block"):
        return [Block("code", line, text=node.content.rstrip("\n"))]
    if kind == "heading":  # only inside list items or quotes: a label
        inline = _inline(node.children[0]) if node.children else Inline("", "")
        return [Block("para", line, inline=Inline(f"**{inline.source}**", inline.plain, inline.plain, ""))]
    if kind == "html_block":
        if re.search(r"<table\b", node.content, re.IGNORECASE):
            rows = _html_table_rows(node.content)
            if rows:
                return [Block("table", line, rows=[[Inline(c, c) for c in row] for row in rows])]
        text = re.sub(r"<[^>]+>", " ", node.content).strip()
        return [Block("html", line, text=re.sub(r"\s+", " ", text))] if text else []
    return []


class _TableParser(HTMLParser):
    """Rows of an HTML <table> (guides paste them in), cells as plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append(_squash("".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_table_rows(source: str) -> list[list[str]]:
    parser = _TableParser()
    parser.feed(source)
    return [row for row in parser.rows if row]


def _list_items(node: Any, depth: int, out: list[Item]) -> None:
    ordered = node.type == "ordered_list"
    for li in node.children:
        line = li.map[0] + 1 if li.map else 0
        own: list[Inline] = []
        label = None
        nested: list[Any] = []
        for child in li.children:
            if child.type == "paragraph":
                own.append(_inline(child.children[0]))
            elif child.type == "heading" and not own:
                label = _inline(child.children[0]).plain if child.children else None
            else:
                nested.append(child)
        inline = _join(own)
        if inline.plain or label:
            out.append(Item(inline, line, depth, ordered, label))
        for child in nested:
            if child.type in ("bullet_list", "ordered_list"):
                _list_items(child, depth + 1, out)
            else:
                for block in _blocks(child, depth + 1):
                    if block.inline is not None:
                        out.append(Item(block.inline, block.line, depth + 1, ordered))


def _join(parts: list[Inline]) -> Inline:
    if not parts:
        return Inline("", "")
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    plain = " ".join(p.plain for p in parts)
    rest = " ".join([first.rest, *(p.plain for p in parts[1:])]).strip() if first.bold_lead is not None else ""
    emphasised = [e for p in parts for e in p.emphasised]
    return Inline(" ".join(p.source for p in parts), plain, first.bold_lead, rest, emphasised)


def _split_lines(tokens: list[Any]) -> list[list[Any]]:
    lines: list[list[Any]] = [[]]
    for token in tokens:
        if token.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            if token.type != "text" or token.content.strip() or lines[-1]:  # no empty text at a line start
                lines[-1].append(token)
    return [ln for ln in lines if ln]


def _inline(node: Any) -> Inline:
    """Plain text of an inline node, its emphasised spans, and the strong-emphasis lead if the run opens with one."""
    token = getattr(node, "token", None) or node  # a tree node nests emphasis; its token's children are flat
    return _inline_tokens(getattr(token, "content", "") or "", token.children or [])


def _inline_tokens(source: str, tokens: list[Any]) -> Inline:
    pieces: list[str] = []
    outside: list[str] = []  # text outside any emphasis
    emphasised: list[str] = []
    open_spans: list[tuple[str, int]] = []
    lead: str | None = None
    lead_possible = True  # nothing but whitespace seen before the first strong_open
    for child in tokens:
        kind = child.type
        if kind in ("strong_open", "em_open"):
            if kind == "em_open" and not open_spans and not "".join(pieces).strip():
                lead_possible = False
            open_spans.append((kind, len(pieces)))
            continue
        if kind in ("strong_close", "em_close"):
            opened, begin = open_spans.pop() if open_spans else (kind, 0)
            span = _squash("".join(pieces[begin:]))
            if span:
                emphasised.append(span)
            if opened == "strong_open" and not open_spans and lead is None and lead_possible:
                lead = span if not "".join(pieces[:begin]).strip() else None
                lead_possible = False
            continue
        if kind in ("text", "text_special"):
            pieces.append(child.content)
            if not open_spans:
                outside.append(child.content)
        elif kind == "code_inline":
            pieces.append(child.content)
            emphasised.append(_squash(child.content))
        elif kind in ("softbreak", "hardbreak"):
            pieces.append(" ")
        elif kind == "image":
            pieces.append(child.content or "")
        elif kind == "html_inline" and re.match(r"<br\s*/?>", child.content, re.IGNORECASE):
            pieces.append(" ")
        if not open_spans and "".join(pieces).strip():
            lead_possible = False  # text outside emphasis came first: no lead
    plain = _squash("".join(pieces))
    all_emphasised = bool(plain) and not _squash("".join(outside))
    rest = ""
    if lead is not None:
        at = plain.find(lead)
        rest = plain[at + len(lead):].lstrip(" :.-–—").strip() if at >= 0 else ""
        lead = lead.strip(" :.-–—")
    return Inline(source, plain, lead, rest, emphasised, all_emphasised)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plain(markdown: str) -> str:
    """Inline Markdown to plain text (headings, table cells, override values)."""
    tokens = _parser().parseInline(markdown)
    return _inline(tokens[0]).plain if tokens else ""


# --- plain-text guides ------------------------------------------------------------------------------------------

_HEADING_WORDS = re.compile(
    r"\b(voice|tone|words?|vocabulary|about|who we are|do|dos|don'?t|don'?ts|avoid|claims?|legal|competitors?|"
    r"examples?|personality|style|rules|never|always|audience|overview|terminology)\b",
    re.IGNORECASE,
)
_SMALL_WORDS = frozenset("a an and as at but by for in of on or the to vs we with our us".split())
_LIST_MARK = re.compile(r"\s*([-*+•·▪‣◦]|\d{1,3}[.)])\s+")


def _promote_plain_headings(lines: list[str]) -> list[str] | None:
    """Lines of a heading-less guide with its heading-like lines made ATX headings; None when it has none."""
    promoted = list(lines)
    found = False
    for i, line in enumerate(lines):
        candidate = line.strip()
        if not candidate or len(candidate) > 60 or _LIST_MARK.match(line) or candidate[-1] in ".,;!?\"”'’)":
            continue
        if (i > 0 and lines[i - 1].strip()) or i + 1 >= len(lines) or lines[i + 1].strip():
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
            promoted[i] = "# " + title
            found = True
    return promoted if found else None
