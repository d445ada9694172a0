"""Generic tabular files: CSV/TSV (any common delimiter), a JSON array of objects, or JSON Lines, read into
rows of {header: value} with the line each row starts on. The caller maps the headers it knows.

Decoding, binary/empty detection and JSON item scanning are the post readers' own (``textfile``, ``json_feed``,
``csv_feed``), so every input file fails the same way.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.ingest.csv_feed import sniff_delimiter
from assistant.ingest.json_feed import parse_json_items
from assistant.ingest.textfile import decode_text, read_bytes

TABLE_FORMATS = ("csv", "json", "jsonl")
_EXCEL_SEP = re.compile(r"sep=([,;\t|])[ \t]*\n")  # Excel's "sep=;" first line names the delimiter
_FIELD_SIZE_LIMIT = 16 * 1024 * 1024


@dataclass(slots=True)
class Row:
    values: dict[str, Any]
    line: int | None
    where: str | None = None


def read_table(path: Path, *, fmt: str | None = None, wrapper_keys: tuple[str, ...] = ("rows", "results", "data", "items")) -> list[Row]:
    """Every row of a CSV, JSON or JSONL file, or an InputError naming the file and line. ``fmt`` forces one."""
    path = Path(path)
    if fmt is not None and fmt not in TABLE_FORMATS:
        raise InputError(path, f"unknown format {fmt!r}; use one of: {', '.join(TABLE_FORMATS)}")
    text = decode_text(path, read_bytes(path))
    fmt = fmt or detect_table_format(path, text)
    rows = {"csv": _csv_rows, "json": _json_rows, "jsonl": _jsonl_rows}[fmt](path, text, wrapper_keys)
    if not rows:
        raise InputError(path, "has no rows")
    return rows


def detect_table_format(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    head = text[:8192].lstrip()
    if suffix == ".json" or head[:1] in ("[", "{"):
        return "jsonl" if head.startswith("{") and _first_line_is_object(head) else "json"
    return "csv"


def _csv_rows(path: Path, text: str, _wrappers: tuple[str, ...]) -> list[Row]:
    if csv.field_size_limit() < _FIELD_SIZE_LIMIT:
        csv.field_size_limit(_FIELD_SIZE_LIMIT)
    offset = 0
    if m := _EXCEL_SEP.match(text):
        delimiter, text, offset = m.group(1), text[m.end():], 1
    else:
        delimiter = sniff_delimiter(text, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    rows: list[Row] = []
    previous_end = 0
    try:
        for cells in reader:
            start = previous_end + 1 + offset
            previous_end = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
                continue
            if len(cells) != len(header):
                if len(cells) > len(header) and not any(c.strip() for c in cells[len(header):]):
                    cells = cells[: len(header)]
                else:
                    raise InputError(path, f"this row has {len(cells)} fields but the header has {len(header)} "
                                     "(a stray delimiter or an unclosed quote?)", line=start)
            rows.append(Row(dict(zip(header, cells)), start))
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV ({exc})", line=previous_end + 1 + offset) from None
    if header is None:
        raise InputError(path, "is empty")
    return rows


def _json_rows(path: Path, text: str, wrappers: tuple[str, ...]) -> list[Row]:
    value, lines = parse_json_items(path, text)
    if isinstance(value, dict):
        key = next((k for k in wrappers if isinstance(value.get(k), list)), None)
        if key is None:
            raise InputError(path, f"is a JSON object without a list of rows (looked for: {', '.join(wrappers)})")
        value, lines = value[key], None
    if not isinstance(value, list):
        raise InputError(path, f"should hold a list of rows, not a JSON {type(value).__name__}")
    rows = []
    for number, item in enumerate(value, start=1):
        line = lines[number - 1] if lines else None
        if not isinstance(item, dict):
            raise InputError(path, f"each row should be a JSON object, not {type(item).__name__}", line=line,
                             where=f"record {number}")
        rows.append(Row(item, line, f"record {number}"))
    return rows


def _jsonl_rows(path: Path, text: str, _wrappers: tuple[str, ...]) -> list[Row]:
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"is not valid JSON on this line ({exc.msg}, column {exc.colno})", line=number) from None
        if not isinstance(item, dict):
            raise InputError(path, f"each line should be a JSON object, not {type(item).__name__}", line=number)
        rows.append(Row(item, number))
    return rows


def _first_line_is_object(head: str) -> bool:
    """JSON Lines: the first of several lines holds one whole JSON object."""
    lines = [line for line in head.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except json.JSONDecodeError:
        return False
