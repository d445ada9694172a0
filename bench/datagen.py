"""Generated, seeded post feeds for the benchmarks: readable captions of a stated size, as files or records.

Captions come from ``data/vocabulary.json`` (one niche's phrases poured into shared templates), so they repeat
words the way real feeds do (which matters to the embedding's word cache) and are 60-320 characters long (median ~180, like the demo feeds).
The same ``(n, seed)`` always gives the same feed.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
START = datetime(2025, 1, 1, tzinfo=timezone.utc)
DEFAULT_SEED = 20261122
SPAN = timedelta(days=3 * 365)  # a feed's posts spread over this, whatever its size


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    return json.loads((DATA_DIR / "vocabulary.json").read_text(encoding="utf-8"))


def niches() -> list[str]:
    return sorted(vocabulary()["niches"])


@dataclass(frozen=True)
class GeneratedPost:
    """One post as an export would hold it (CSV/JSONL columns)."""

    id: str
    caption: str
    created_at: str
    likes: int
    comments: int
    shares: int | None
    views: int | None
    url: str
    sponsored: bool | None

    def as_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "caption": self.caption,
            "created_at": self.created_at,
            "likes": self.likes,
            "comments": self.comments,
            "shares": self.shares,
            "views": self.views,
            "url": self.url,
            "sponsored": self.sponsored,
        }


def caption(rng: random.Random, niche: str) -> str:
    vocab = vocabulary()
    words = vocab["niches"][niche]
    topics = rng.sample(words["topics"], 3)
    moment = rng.choice(words["moments"])
    feeling = rng.choice(words["feelings"])
    text = rng.choice(vocab["templates"]).format(
        topic=topics[0],
        topic2=topics[1],
        topic3=topics[2],
        moment=moment,
        moment_lower=moment[0].lower() + moment[1:],
        feeling=feeling,
        feeling_lower=feeling[0].lower() + feeling[1:],
        detail=rng.choice(words["details"]),
        close=rng.choice(vocab["closings"]),
    )
    if rng.random() < 0.6:  # a second detail, so lengths spread like real captions (median ~180 characters)
        text = f"{text} {rng.choice(words['details'])}"
    tags = " ".join(rng.sample(words["hashtags"], rng.randint(1, 3)))
    return " ".join(f"{text} {tags}".split())


def generate_posts(n: int, *, seed: int = DEFAULT_SEED, niche: str | None = None, prefix: str = "p") -> list[GeneratedPost]:
    """``n`` posts spread over three years from 2025-01-01 (any ``n`` stays in range). One niche when given,
    else niches mixed (mostly one)."""
    rng = random.Random(f"{seed}:{n}:{niche}:{prefix}")
    all_niches = niches()
    home = niche or rng.choice(all_niches)
    posts = []
    when = START
    for i in range(n):
        # A creator mostly posts in their niche, with a few off-topic posts (a real feed's shape).
        this = home if niche or rng.random() < 0.85 else rng.choice(all_niches)
        when += timedelta(seconds=rng.uniform(0.5, 1.5) * SPAN.total_seconds() / n)
        views = int(rng.lognormvariate(8.5, 1.0)) if rng.random() < 0.4 else None
        likes = int(rng.lognormvariate(6.0, 0.7))
        posts.append(
            GeneratedPost(
                id=f"{prefix}{i:07d}",
                caption=caption(rng, this),
                created_at=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                likes=likes,
                comments=max(0, int(likes * rng.uniform(0.01, 0.08))),
                shares=int(likes * rng.uniform(0.0, 0.05)) if rng.random() < 0.5 else None,
                views=views,
                url=f"https://example.com/p/{prefix}{i:07d}",
                sponsored=True if rng.random() < 0.05 else None,
            )
        )
    return posts


def write_feed(posts: list[GeneratedPost], path: Path) -> Path:
    """Write posts as CSV (``.csv``) or JSON Lines (``.jsonl``), the formats `assistant ingest posts` reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [p.as_row() for p in posts]
    if path.suffix == ".jsonl":
        with path.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row) + "\n")
    elif path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
    else:
        raise ValueError(f"unsupported feed format: {path.suffix}")
    return path


def as_records(posts: list[GeneratedPost], influencer: str, *, platform: str = "instagram") -> list[Any]:
    """The same posts as ``assistant.models.Post`` records (ids as ingest would give them)."""
    from assistant.ids import post_id
    from assistant.models import Post

    out = []
    for p in posts:
        created = datetime.strptime(p.created_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        out.append(
            Post(
                id=post_id(influencer, p.caption, created, p.id),
                influencer=influencer,
                text=p.caption,
                created_at=created,
                likes=p.likes,
                comments=p.comments,
                shares=p.shares,
                views=p.views,
                platform=platform,
                url=p.url,
                sponsored=p.sponsored,
                source_id=p.id,
            )
        )
    return out
