"""JSON post exports: an array of objects (or ``{"posts": [...]}``) and JSON Lines, one object per line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.ingest.fields import map_columns
from assistant.ingest.post_builder import RawPost

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_WRAPPER_KEYS = ("posts", "data", "items", "results", "media", "tweets")
_RECORD_WRAPPERS = ("tweet", "node", "post")
_LONGEST_INT = 30  # digits; longer numbers stay text so the field parser names them (int() refuses 4,300+ digits)


def _int_or_text(digits: str) -> int | str:
    return int(digits) if len(digits) <= _LONGEST_INT else digits


def parse_json_items(path: Path, text: str, *, start: int = 0) -> tuple[Any, list[int] | None]:
    """Parse a JSON document from ``text[start:]``.

    When it is a top-level array, return (items, the 1-based line each item starts on), scanning item by item
    so errors and records can name their line; otherwise (value, None).
    """
    decoder = json.JSONDecoder(parse_int=_int_or_text)
    pos = _WHITESPACE.match(text, start).end()
    try:
        if not text.startswith("[", pos):
            value, end = decoder.raw_decode(text, pos)
            _expect_end(path, text, end)
            return value, None
        items: list[Any] = []
        lines: list[int] = []
        line = text.count("\n", 0, pos) + 1
        counted_to = pos
        pos = _WHITESPACE.match(text, pos + 1).end()
        if text.startswith("]", pos):
            _expect_end(path, text, pos + 1)
            return items, lines
        while True:
            line += text.count("\n", counted_to, pos)
            counted_to = pos
            value, pos = decoder.raw_decode(text, pos)
            items.append(value)
            lines.append(line)
            pos = _WHITESPACE.match(text, pos).end()
            if text.startswith(",", pos):
                pos = _WHITESPACE.match(text, pos + 1).end()
                continue
            if text.startswith("]", pos):
                _expect_end(path, text, pos + 1)
                return items, lines
            # Let the stdlib describe what is wrong at this spot.
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"is not valid JSON ({exc.msg}, column {exc.colno})", line=exc.lineno) from None
    except RecursionError:
        raise InputError(path, "is nested too deeply to be a post export") from None


def _expect_end(path: Path, text: str, pos: int) -> None:
    pos = _WHITESPACE.match(text, pos).end()
    if pos < len(text) and text[pos:].strip(" ;\n\t\r"):
        raise json.JSONDecodeError("Extra data after the end of the JSON value", text, pos)


def read_json_records(path: Path, text: str) -> list[RawPost]:
    """Records of a JSON export: a top-level array of objects, or an object with a ``posts`` (etc.) array."""
    value, lines = parse_json_items(path, text)
    if isinstance(value, dict):
        key = next((k for k in _WRAPPER_KEYS if isinstance(value.get(k), list)), None)
        if key is None:
            if map_columns(value).get("text") is not None:
                value, lines = [value], [1]  # a single post object
            else:
                keys = ", ".join(list(value)[:10])
                raise InputError(path, f"is a JSON object without a list of posts (its keys: {keys})")
        else:
            value, lines = value[key], None
    if not isinstance(value, list):
        raise InputError(path, f"should hold a list of posts, not a JSON {type(value).__name__}")
    if not value:
        raise InputError(path, "has no posts")
    return [
        record_from_object(path, item, number, lines[number - 1] if lines else None)
        for number, item in enumerate(value, start=1)
    ]


def read_jsonl_records(path: Path, text: str) -> list[RawPost]:
    """Records of a JSON Lines file; blank lines are skipped, a bad line is an InputError naming it."""
    records: list[RawPost] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, parse_int=_int_or_text)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"is not valid JSON on this line ({exc.msg}, column {exc.colno})", line=number) from None
        records.append(record_from_object(path, value, len(records) + 1, number, jsonl=True))
    if not records:
        raise InputError(path, "has no posts")
    return records


_column_cache: dict[tuple[str, ...], dict[str, Any]] = {}


def record_from_object(path: Path, value: Any, number: int, line: int | None, *, jsonl: bool = False) -> RawPost:
    where = None if jsonl else f"record {number}"
    if not isinstance(value, dict):
        raise InputError(path, f"each post should be a JSON object, not {type(value).__name__}", line=line, where=where)
    if len(value) == 1:
        (only_key, inner), = value.items()
        if only_key in _RECORD_WRAPPERS and isinstance(inner, dict):
            value = inner
    keys = tuple(value)
    columns = _column_cache.get(keys)
    if columns is None:
        columns = map_columns(keys)
        if len(_column_cache) < 256:
            _column_cache[keys] = columns
    if "text" not in columns:
        found = ", ".join(keys[:15]) or "(none)"
        raise InputError(path, f"this post has no text field (caption, text, body, ...); its keys: {found}", line=line, where=where)
    return RawPost({name: value[key] for name, key in columns.items()}, line=line, where=where)
