"""X (Twitter) archive ``tweets.js``: ``window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]``.

Counts come as strings ("12"); ``full_text`` holds the post (HTML-escaped: "&amp;"), ``id_str`` its id.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.ingest.json_feed import parse_json_items
from assistant.ingest.post_builder import RawPost

_PREFIX = re.compile(r"\s*window\.YTD\.[\w.]+\s*=\s*")


def tweet_url(handle: str, tweet_id: str) -> str:
    return f"https://x.com/{handle}/status/{tweet_id}"


def read_x_records(path: Path, text: str) -> list[RawPost]:
    """RawPosts from an X archive's tweets.js (the ``window.YTD...`` prefix is optional)."""
    prefix = _PREFIX.match(text)
    value, lines = parse_json_items(path, text, start=prefix.end() if prefix else 0)
    if not isinstance(value, list):
        raise InputError(path, "is not an X archive (expected a list of tweets after 'window.YTD...tweets = ')")
    if not value:
        raise InputError(path, "has no posts")
    records: list[RawPost] = []
    for number, item in enumerate(value, start=1):
        line = lines[number - 1] if lines else None
        where = f"tweet {number}"
        tweet: Any = item.get("tweet", item) if isinstance(item, dict) else None
        if not isinstance(tweet, dict):
            raise InputError(path, "each entry should be an object with a 'tweet'", line=line, where=where)
        text = tweet.get("full_text", tweet.get("text"))
        values: dict[str, Any] = {
            "text": html.unescape(text) if isinstance(text, str) else text,  # archives escape &, < and >
            "created_at": tweet.get("created_at"),
            "likes": tweet.get("favorite_count"),
            "shares": tweet.get("retweet_count"),
            "comments": tweet.get("reply_count"),
            "views": tweet.get("view_count", tweet.get("impression_count")),
            "id": tweet.get("id_str", tweet.get("id")),
            "platform": "x",
        }
        records.append(RawPost(values, line=line, where=where))
    return records
