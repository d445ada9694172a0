"""Turning raw records (what a reader found, per post field) into validated ``Post``s.

Every reader produces ``RawPost``s; this module checks them all before returning anything, so a bad row on
line 90,000 fails the import instead of leaving half a feed behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.errors import InputError
from assistant.ids import post_id
from assistant.ingest.fields import (
    COUNT_FIELDS,
    FieldError,
    is_blank,
    parse_count,
    parse_datetime,
    parse_flag,
    slash_date_order,
)
from assistant.models.records import Post, validate_handle

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 1000

_PLATFORM_ALIASES = {"twitter": "x", "x.com": "x", "twitter.com": "x", "ig": "instagram", "insta": "instagram"}


@dataclass(slots=True)
class RawPost:
    """One post as a reader found it: post field -> raw value, plus where it is in the file."""

    values: dict[str, Any]
    line: int | None = None
    where: str | None = None


def normalise_platform(value: Any) -> str | None:
    if is_blank(value):
        return None
    name = str(value).strip().lower()
    return _PLATFORM_ALIASES.get(name, name)


def check_influencer(path: Path, influencer: str) -> str:
    """The creator handle the posts are filed under, validated (see ``validate_handle``), or an InputError."""
    if not (influencer or "").strip().lstrip("@").strip():
        raise InputError(path, "needs a creator handle to file these posts under (--influencer)")
    try:
        return validate_handle(influencer)
    except ValueError as exc:
        raise InputError(path, f"can't be filed under that creator: {exc}") from None


def build_posts(
    path: Path,
    raws: list[RawPost],
    influencer: str,
    *,
    platform: str | None = None,
    progress: Progress | None = None,
    url_for: Callable[[str], str] | None = None,
) -> list[Post]:
    """Validate every raw record into a ``Post``; the first bad one raises an InputError naming where it is.

    Duplicates (same id) collapse, keeping the last one's values at the first one's position.
    ``url_for(source_id)`` builds a URL when the export has an id but no link (X archives).
    """
    handle = check_influencer(path, influencer)
    default_platform = normalise_platform(platform)
    day_first, conflict = slash_date_order(
        (_location(raw), raw.values.get("created_at")) for raw in raws if isinstance(raw.values.get("created_at"), str)
    )
    if conflict:
        raise InputError(path, conflict)
    total = len(raws)
    posts: dict[str, Post] = {}
    for done, raw in enumerate(raws, start=1):
        try:
            post = _build_one(raw, handle, default_platform, day_first, url_for)
        except FieldError as exc:
            raise InputError(path, str(exc), line=raw.line, where=raw.where) from None
        except ValidationError as exc:  # a value our parsers let through but the contract refuses
            first = exc.errors()[0]
            where_field = ".".join(str(p) for p in first.get("loc", ()))
            raise InputError(path, f"{where_field}: {first.get('msg')}", line=raw.line, where=raw.where) from None
        posts[post.id] = post
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
    if progress is not None:
        progress(total, total)
    if not posts:
        raise InputError(path, "has no posts")
    return list(posts.values())


def _location(raw: RawPost) -> str:
    parts = []
    if raw.line is not None:
        parts.append(f"line {raw.line}")
    if raw.where:
        parts.append(raw.where)
    return ", ".join(parts) or "?"


def _build_one(
    raw: RawPost,
    handle: str,
    default_platform: str | None,
    day_first: bool,
    url_for: Callable[[str], str] | None,
) -> Post:
    values = raw.values
    text = _text(values.get("text"))
    created_at = parse_datetime(values.get("created_at"), day_first=day_first)
    counts = {name: parse_count(values.get(name), name) for name in COUNT_FIELDS}
    source_id = _plain(values.get("id"), "id")
    url = _plain(values.get("url"), "url")
    if url is None and source_id and url_for is not None:
        url = url_for(source_id)
    return Post(
        id=post_id(handle, text, created_at, source_id),
        influencer=handle,
        text=text,
        created_at=created_at,
        platform=normalise_platform(values.get("platform")) or default_platform,
        url=url,
        sponsored=parse_flag(values.get("sponsored")),
        source_id=source_id,
        **counts,
    )


def _text(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise FieldError("the post has no text (caption); every post needs one")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise FieldError(f"the post text should be a string, not {type(value).__name__}")
    return str(value).strip()


def _plain(value: Any, name: str) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise FieldError(f"{name} should be a string, not {type(value).__name__}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
