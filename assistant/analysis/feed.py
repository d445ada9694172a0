"""A creator's feed prepared once for every dimension: each post with its tokenised text and style counts,
plus the small result type each dimension returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from assistant.analysis import feature_cache
from assistant.analysis.style import StyleCounts, count_style
from assistant.analysis.text import Doc, quote
from assistant.models.fit import Dimension, Evidence, Risk
from assistant.models.records import Post


@dataclass
class FeedItem:
    post: Post
    doc: Doc
    style: StyleCounts
    when: datetime | None  # created_at in UTC (naive times are taken as UTC)


def utc(when: datetime | None) -> datetime | None:
    if when is None:
        return None
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


def text_features(text: str) -> tuple[Doc, StyleCounts]:
    """Everything measured from a post's text alone (no guide): computed once per post id and text."""
    doc = Doc(text)
    return doc, count_style(doc)


def prepare(posts: list[Post]) -> list[FeedItem]:
    # The seam where per-post work is kept (assistant/analysis/feature_cache.py): unchanged posts aren't re-read.
    features = feature_cache.current().post_features(posts, text_features)
    return [FeedItem(p, doc, style, utc(p.created_at)) for p, (doc, style) in zip(posts, features)]


def evidence(item: FeedItem, start: int | None = None, end: int | None = None) -> Evidence:
    """Evidence quoting a post: the passage at [start, end) when given, else the post's opening."""
    text = item.post.text or ""
    if start is None or end is None:
        return Evidence(post_id=item.post.id, quote=quote(text))
    return Evidence(post_id=item.post.id, quote=quote(text, start, end))


@dataclass(frozen=True)
class Cap:
    """A veto: the overall score can't exceed `ceiling`, nor `factor` x the weighted mean. A factor below 1
    keeps the order inside the band (a wholly off-topic feed lands lower than a nearly on-topic one)."""

    ceiling: int
    why: str
    factor: float = 1.0

    def apply(self, raw: float) -> float:
        return min(float(self.ceiling), raw * self.factor)


@dataclass
class Measured:
    """What a dimension module returns: the scored dimension and what it adds to the assessment."""

    dimension: Dimension
    risks: list[Risk] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    caps: list[Cap] = field(default_factory=list)
    bonus: int = 0
