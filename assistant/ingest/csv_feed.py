"""CSV / TSV post exports (comma, semicolon, tab or pipe separated), one post per row under a header."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from assistant.errors import InputError
from assistant.ingest.fields import FIELD_ALIASES, map_columns
from assistant.ingest.post_builder import RawPost

_DELIMITERS = (",", ";", "\t", "|")
_EXCEL_SEP = re.compile(r"sep=([,;\t|])[ \t]*\n")
_FIELD_SIZE_LIMIT = 16 * 1024 * 1024  # long captions are fine; the default 128 KiB trips on pasted essays


def sniff_delimiter(text: str, path: Path) -> str:
    """The delimiter that splits the header line into the most fields (a .tsv file is always tab)."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    first_line = next((line for line in text.split("\n", 50)[:50] if line.strip()), "")
    best, best_count = ",", 1
    for delimiter in _DELIMITERS:
        try:
            count = len(next(csv.reader([first_line], delimiter=delimiter)))
        except (csv.Error, StopIteration):
            continue
        if count > best_count:
            best, best_count = delimiter, count
    return best


def read_csv_records(path: Path, text: str) -> list[RawPost]:
    """Rows of a delimited export as RawPosts, each with the physical line it starts on (the header is line 1).

    Entirely blank rows are skipped; a row with the wrong number of fields is an InputError.
    """
    if csv.field_size_limit() < _FIELD_SIZE_LIMIT:
        csv.field_size_limit(_FIELD_SIZE_LIMIT)
    previous_end = 0
    excel_hint = _EXCEL_SEP.match(text)
    if excel_hint:  # Excel's "sep=;" first line names the delimiter
        delimiter = excel_hint.group(1)
        text = text[excel_hint.end():]
        previous_end = 1
    else:
        delimiter = sniff_delimiter(text, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    header_line = 1
    columns: dict[str, int] = {}
    records: list[RawPost] = []
    line_offset = previous_end
    try:
        for row in reader:
            start = previous_end + 1
            previous_end = reader.line_num + line_offset
            if not row or not any(cell.strip() for cell in row):
                continue
            if header is None:
                header, header_line = [cell.strip() for cell in row], start
                columns = _column_indexes(path, header, header_line)
                continue
            if len(row) != len(header):
                if len(row) > len(header) and not any(cell.strip() for cell in row[len(header):]):
                    row = row[: len(header)]  # trailing delimiters at the end of a row
                else:
                    raise InputError(
                        path,
                        f"this row has {len(row)} fields but the header has {len(header)} "
                        "(a stray delimiter or an unclosed quote?)",
                        line=start,
                    )
            records.append(RawPost({name: row[index] for name, index in columns.items()}, line=start))
    except csv.Error as exc:
        start = previous_end + 1
        if "end of data" in str(exc) or "EOF" in str(exc):
            message = f"a quoted field starting on line {start} is never closed"
        else:
            message = f"malformed CSV ({exc})"
        raise InputError(path, message, line=start) from None
    if header is None:
        raise InputError(path, "is empty")
    if not records:
        raise InputError(path, "has a header but no posts", line=header_line)
    return records


def _column_indexes(path: Path, header: list[str], header_line: int) -> dict[str, int]:
    mapped = map_columns(header)
    if "text" not in mapped:
        looked_for = ", ".join(FIELD_ALIASES["text"])
        found = ", ".join(repr(h) for h in header) or "(nothing)"
        raise InputError(
            path,
            f"has no post text column (looked for: {looked_for}); the header has: {found}",
            line=header_line,
        )
    return {name: header.index(key) for name, key in mapped.items()}
