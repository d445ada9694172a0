"""Reading a creator's posts from an export file: format detection and the one entry point, ``read_posts``."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from assistant.errors import InputError
from assistant.ingest.csv_feed import read_csv_records
from assistant.ingest.instagram import read_instagram_records
from assistant.ingest.json_feed import read_json_records, read_jsonl_records
from assistant.ingest.post_builder import RawPost, build_posts, check_influencer
from assistant.ingest.textfile import decode_text, read_bytes
from assistant.ingest.x_archive import read_x_records, tweet_url
from assistant.models.records import Post

POST_FORMATS: tuple[str, ...] = ("csv", "json", "jsonl", "instagram", "x")

_READERS: dict[str, Callable[[Path, str], list[RawPost]]] = {
    "csv": read_csv_records,
    "json": read_json_records,
    "jsonl": read_jsonl_records,
    "instagram": read_instagram_records,
    "x": read_x_records,
}
_INSTAGRAM_NAME = re.compile(r"posts_\d+\.json", re.IGNORECASE)
_X_NAME = re.compile(r"tweets?(?:-part\d+)?\.js", re.IGNORECASE)


def detect_format(path: Path) -> str:
    """The export format of a posts file, one of ``POST_FORMATS``, from its name and its first characters."""
    path = Path(path)
    return _detect(path, decode_text(path, read_bytes(path)))


def _detect(path: Path, text: str) -> str:
    name, suffix = path.name.lower(), path.suffix.lower()
    head = text[:8192].lstrip()
    if head.startswith("window.YTD") or _X_NAME.fullmatch(name) or suffix == ".js":
        return "x"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json" or head[:1] in ("[", "{"):
        if _INSTAGRAM_NAME.fullmatch(name):
            return "instagram"
        if head.startswith("{") and _is_json_lines(head):
            return "jsonl"
        if head.startswith("[") and re.match(r'\[\s*\{\s*"tweet"\s*:', head):
            return "x"
        if re.search(r'"media"\s*:\s*\[', head) and '"creation_timestamp"' in head and '"uri"' in head:
            return "instagram"
        return "json"
    return "csv"


def _is_json_lines(head: str) -> bool:
    """Two or more lines that each hold one whole JSON object."""
    lines = [line for line in head.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except json.JSONDecodeError:
        return False


def read_posts(
    path: Path,
    influencer: str,
    *,
    platform: str | None = None,
    fmt: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Post]:
    """Read and validate every post in an export file, or raise one InputError naming the file and line/record.

    ``fmt`` is one of ``POST_FORMATS`` or None to detect it. ``platform`` is the default for rows that don't
    name one. ``progress(done, total)`` is called every 1,000 posts and once at the end. Nothing is written.
    """
    path = Path(path)
    if fmt is not None and fmt not in POST_FORMATS:
        raise InputError(path, f"unknown format {fmt!r}; use one of: {', '.join(POST_FORMATS)}")
    handle = check_influencer(path, influencer)
    text = decode_text(path, read_bytes(path))
    fmt = fmt or _detect(path, text)
    raws = _READERS[fmt](path, text)
    url_for = (lambda source_id: tweet_url(handle, source_id)) if fmt == "x" else None
    return build_posts(path, raws, handle, platform=platform, progress=progress, url_for=url_for)
