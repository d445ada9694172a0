"""Offline token estimates, and fitting retrieved text into a token budget.

No tokenizer tables are downloaded: tiktoken fetches its BPE files at run time, which fails offline, so it is not
used. Instead text is pre-tokenized the way OpenAI's cl100k/o200k tokenizers split it (contractions, runs of
letters with one leading space or mark, numbers in groups of up to three digits, punctuation runs, newlines,
whitespace) and each piece is costed:

- a run of ASCII letters: 1 token up to 7 letters, then one more per 4 letters (common English words are whole
  tokens; long or rare ones split);
- CJK / kana / hangul: 1 per character; other non-ASCII letters (accents, Cyrillic, ...): 1 per 2;
- a digit group, a whitespace run, a newline run: 1;
- punctuation: 1 per 2 ASCII marks; other symbols 2 each (3 outside the BMP, e.g. most emoji).

Measured against published cl100k counts (the tiktoken test suite and OpenAI's "How to count tokens" cookbook):
"hello world" 2 (real 2), "The quick brown fox jumps over the lazy dog" 9 (9), "2 + 2 = 4" 7 (7),
"antidisestablishmentarianism" 7 (6), "tiktoken is great!" 5 (6), "お誕生日おめでとう" 9 (9), "👍" 3 (3), and the
cookbook's six example chat messages 97 content tokens (90, derived from the 129 prompt tokens the API reported).
So expect roughly +-10 % on English prose, erring high; it is an estimate for budgeting, not a billing count.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

# cl100k's pre-tokenizer, written for the stdlib `re` ([^\W\d_] is "a letter").
_PIECES = re.compile(
    r"'(?i:[sdmt]|ll|ve|re)"
    r"|(?:[^\r\n\w]|_)?[^\W\d_]+"
    r"|\d{1,3}"
    r"| ?(?:[^\s\w]|_)+[\r\n]*"
    r"|\s*[\r\n]+"
    r"|\s+(?!\S)"
    r"|\s+"
)

_SHORT_WORD = 7  # ASCII letter runs up to this long count as one token
_LETTERS_PER_EXTRA_TOKEN = 4

# Per-message overhead of the chat format (OpenAI cookbook: <|start|>role ... <|end|>, and reply priming).
TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
REPLY_PRIMING_TOKENS = 3


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF  # CJK radicals, kana, ideographs
        or 0xAC00 <= o <= 0xD7AF  # hangul
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FFFF
    )


def _letters_cost(piece: str) -> int:
    ascii_letters = cjk = other = 0
    for ch in piece:
        if not ch.isalpha():
            continue
        if ch.isascii():
            ascii_letters += 1
        elif _is_cjk(ch):
            cjk += 1
        else:
            other += 1
    cost = cjk + math.ceil(other / 2)
    if ascii_letters:
        extra = max(0, ascii_letters - _SHORT_WORD)
        cost += 1 + math.ceil(extra / _LETTERS_PER_EXTRA_TOKEN)
    return max(1, cost)


def _marks_cost(piece: str) -> int:
    ascii_marks = cost = 0
    for ch in piece:
        if ch.isspace():
            continue
        o = ord(ch)
        if o < 128:
            ascii_marks += 1
        elif o > 0xFFFF:
            cost += 3
        elif _is_cjk(ch):
            cost += 1
        else:
            cost += 2
    return max(1, cost + math.ceil(ascii_marks / 2))


def _piece_cost(piece: str) -> int:
    if piece.isspace():
        return 1
    if piece.isdigit():
        return 1
    if any(ch.isalpha() for ch in piece):
        return _letters_cost(piece)
    return _marks_cost(piece)


def count_tokens(text: str) -> int:
    """Estimated number of tokens ``text`` costs a GPT-4-class model (see module docstring for accuracy)."""
    if not text:
        return 0
    return sum(_piece_cost(piece) for piece in _PIECES.findall(text))


def _message_parts(message: Any) -> tuple[str, str, str]:
    """(role, content, name) of a LangChain message, an OpenAI-style dict, a (role, content) pair or a string."""
    if isinstance(message, str):
        return "user", message, ""
    if isinstance(message, tuple) and len(message) == 2:
        return str(message[0]), _content_text(message[1]), ""
    if isinstance(message, dict):
        extra = " ".join(str(c.get("function", c)) for c in message.get("tool_calls") or [])
        return str(message.get("role", "")), _content_text(message.get("content")) + extra, str(message.get("name") or "")
    role = str(getattr(message, "type", ""))
    content = _content_text(getattr(message, "content", ""))
    tool_calls = getattr(message, "tool_calls", None) or []
    extra = " ".join(f"{c.get('name', '')} {c.get('args', '')}" for c in tool_calls if isinstance(c, dict))
    return role, content + (" " + extra if extra else ""), str(getattr(message, "name", "") or "")


def _content_text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            part if isinstance(part, str) else str(part.get("text", "")) for part in content
            if isinstance(part, str | dict)
        )
    return str(content)


def count_message_tokens(messages: Iterable[Any]) -> int:
    """Estimated prompt tokens of a chat: each message's role, name and content plus the chat format's overhead."""
    total = 0
    for message in messages:
        role, content, name = _message_parts(message)
        total += TOKENS_PER_MESSAGE + count_tokens(role) + count_tokens(content)
        if name:
            total += TOKENS_PER_NAME + count_tokens(name)
    return total + REPLY_PRIMING_TOKENS


def fit_to_budget(
    items: Sequence[str],
    budget: int,
    *,
    separator_tokens: int = 2,
    max_misses: int = 8,
) -> list[str]:
    """The items, in order, that fit in ``budget`` tokens (each costing its tokens plus ``separator_tokens``).

    Items are taken greedily in the given (relevance) order; one that doesn't fit is skipped so a single long
    post can't crowd out the rest. Scanning stops once the budget can't take even an empty item or after
    ``max_misses`` consecutive misses, so 10,000 candidates cost about the same time and exactly the same
    budget as 100: the prompt never grows with the size of a creator's feed.
    """
    if budget <= 0:
        return []
    kept: list[str] = []
    used = misses = 0
    for item in items:
        if budget - used < separator_tokens + 1:
            break
        cost = count_tokens(item) + separator_tokens
        if used + cost <= budget:
            kept.append(item)
            used += cost
            misses = 0
        else:
            misses += 1
            if misses >= max_misses:
                break
    return kept
