"""What a creator's feed says about how to brief them: where they are strong and how they write.

Used for deliverables (fitted to the creator's best platform and post types) and for example hooks
(written in the creator's own register: how they open a post, how long their sentences run, their emoji and
exclamation habits, person and case).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Literal

from assistant.drafting import text as tx
from assistant.drafting import wording
from assistant.models import InfluencerProfile, Post

Person = Literal["first_person", "plural", "second_person"]

_FIRST = {"i", "i'm", "i've", "i'd", "i'll", "my", "me", "mine"}
_PLURAL = {"we", "we're", "we've", "we'd", "we'll", "our", "us", "ours"}
_SECOND = {"you", "you're", "you've", "you'd", "you'll", "your", "yours"}


@dataclass(frozen=True)
class FormatStat:
    """How one (platform, format) pair performs in the creator's feed."""

    platform: str
    format: str
    posts: int
    score: float  # mean engagement relative to the feed's own median (1.0 = a typical post), shrunk for few posts
    post_ids: tuple[str, ...]


@dataclass(frozen=True)
class CreatorRegister:
    """How the creator writes, for hooks that sound like them."""

    opener: str  # a phrase they reuse to open posts ("ok so", "Real talk:"); "" when they have none
    person: Person
    emoji: str  # their favourite emoji when they use emoji often, else ""
    lowercase: bool
    post_ids: tuple[str, ...] = field(default_factory=tuple)
    shapes: tuple[str, ...] = ()  # how their posts open, most common first (shape names from hooks.toml)
    sentence_words: int = 0  # median length of their opening sentences, in words
    exclaims: bool = False  # their opening sentences often end with "!"


def platform_key(post_platform: str | None, profile: InfluencerProfile | None = None) -> str:
    """The key of the platform table in ``formats.toml`` for a post (falls back to the profile's, then default)."""
    raw = (post_platform or (profile.platform if profile else None) or "default").strip().lower()
    aliases = {"ig": "instagram", "insta": "instagram", "yt": "youtube", "twitter/x": "x", "tik tok": "tiktok"}
    raw = aliases.get(raw, raw)
    platforms = wording.get("formats", "platforms")
    return raw if raw in platforms else "default"


def platform_info(key: str) -> dict[str, str]:
    platforms = wording.get("formats", "platforms")
    return platforms.get(key, platforms["default"])


def post_format(post: Post, profile: InfluencerProfile | None = None) -> str:
    """The format a post most likely is: a cue in its text, else video when it has views, else the platform default."""
    for cue in wording.get("formats", "cues"):
        if tx.mentions_any(post.text, cue["words"]):
            return cue["format"]
    info = platform_info(platform_key(post.platform, profile))
    return info["video_format"] if post.views else info["default_format"]


def _interactions(post: Post) -> int | None:
    parts = [v for v in (post.likes, post.comments, post.shares) if v is not None]
    return sum(parts) if parts else None


def relative_engagement(posts: list[Post]) -> dict[str, float]:
    """Each post's engagement relative to the feed's medians: interactions and views, each over its median.

    Unit-free, so posts with and without views compare fairly. Posts with no metrics are left out.
    """
    interactions = {p.id: _interactions(p) for p in posts}
    inter_values = [v for v in interactions.values() if v is not None]
    view_values = [p.views for p in posts if p.views is not None]
    inter_median = statistics.median(inter_values) if inter_values else 0
    view_median = statistics.median(view_values) if view_values else 0
    result: dict[str, float] = {}
    for post in posts:
        parts: list[float] = []
        if interactions[post.id] is not None and inter_median > 0:
            parts.append(interactions[post.id] / inter_median)
        if post.views is not None and view_median > 0:
            parts.append(post.views / view_median)
        if parts:
            result[post.id] = sum(parts) / len(parts)
    return result


def format_stats(posts: list[Post], profile: InfluencerProfile | None = None) -> list[FormatStat]:
    """(platform, format) pairs of the feed, best first."""
    engagement = relative_engagement(posts)
    groups: dict[tuple[str, str], list[Post]] = defaultdict(list)
    for post in posts:
        groups[(platform_key(post.platform, profile), post_format(post, profile))].append(post)
    stats = []
    for (platform, fmt), members in groups.items():
        scores = [engagement[p.id] for p in members if p.id in engagement]
        mean = sum(scores) / len(scores) if scores else 0.0
        shrunk = mean * len(members) / (len(members) + 1)  # one lucky post shouldn't decide the brief
        ranked = sorted(members, key=lambda p: engagement.get(p.id, 0.0), reverse=True)
        stats.append(FormatStat(platform, fmt, len(members), shrunk, tuple(p.id for p in ranked)))
    return sorted(stats, key=lambda s: (s.score, s.posts), reverse=True)


def main_platform(posts: list[Post], profile: InfluencerProfile | None = None) -> str:
    """The platform the creator posts on most (their profile's platform when the feed doesn't say)."""
    counts = Counter(platform_key(p.platform, profile) for p in posts)
    if profile and profile.platform:
        counts[platform_key(profile.platform)] += 0.5  # break ties toward the profile
    if not counts:
        return platform_key(None, profile)
    return counts.most_common(1)[0][0]


def _opener_of(post_text: str) -> list[str]:
    first_line = next((line for line in post_text.splitlines() if line.strip()), "")[:80]
    cleaned = tx.strip_markup("".join(c for c in first_line if not tx.is_emoji(c)))
    return cleaned.split()


def _hooks_config() -> dict:
    return wording.load("hooks")


@lru_cache(maxsize=1)
def _shape_patterns() -> dict[str, re.Pattern[str]]:
    return {
        shape: re.compile("^(?:" + "|".join(patterns) + ")", re.IGNORECASE)
        for shape, patterns in _hooks_config()["patterns"].items()
    }


def opening_sentence(post_text: str) -> tuple[str, bool]:
    """A post's first sentence as the creator wrote it, and whether more follows.

    Skips a disclosure line ("#ad Paid partnership with X.") and a format label ("Reel: "), which say what the
    post is rather than how the creator talks; emoji, hashtags and mentions are removed.
    """
    from assistant.drafting.guide_facts import cues

    plain = tx.strip_markup("".join(c for c in post_text if not tx.is_emoji(c)))
    sentences = [s for s in tx.sentences(plain) if not tx.mentions_any(s, cues("paid_disclosure_words"))]
    if not sentences:
        return "", False
    first = sentences[0]
    label, sep, rest = first.partition(":")
    if sep and rest.strip() and set(tx.words(label)) and set(tx.words(label)) <= format_words():
        first = rest.strip()
    return first, len(sentences) > 1


def opening_shape(sentence: str, more_follows: bool) -> str:
    """The shape of an opening sentence: you_asked, how_i, question, label, fragment or statement."""
    config = _hooks_config()
    normalised = sentence.replace("’", "'").strip()
    for shape in config["order"]:
        pattern = _shape_patterns().get(shape)
        if pattern is not None and pattern.search(normalised):
            return shape
        if shape == "question" and normalised.endswith("?"):
            return shape
        if shape == "label" and ":" in " ".join(normalised.split()[: config["label_within_words"]]):
            return shape
        if shape == "fragment" and more_follows and len(normalised.split()) <= config["fragment_max_words"]:
            return shape
    return "statement"


def register(posts: list[Post]) -> CreatorRegister:
    """The creator's register from their posts (deterministic; no model)."""
    engagement = relative_engagement(posts)
    ranked = sorted(posts, key=lambda p: engagement.get(p.id, 0.0), reverse=True)
    opener = _common_opener(ranked)

    counts = Counter()
    for post in posts:
        for word in tx.words(post.text):
            if word in _FIRST:
                counts["first_person"] += 1
            elif word in _PLURAL:
                counts["plural"] += 1
            elif word in _SECOND:
                counts["second_person"] += 1
    if counts["first_person"] >= counts["plural"] and counts["first_person"] > 0:
        person: Person = "first_person"
    elif counts["plural"] > 0:
        person = "plural"
    elif counts["second_person"] > 0:
        person = "second_person"
    else:
        person = "first_person"

    with_emoji = [tx.emojis(p.text) for p in posts]
    emoji_rate = sum(1 for e in with_emoji if e) / len(posts) if posts else 0.0
    emoji = ""
    if emoji_rate >= 0.3:
        emoji = Counter(e for found in with_emoji for e in found).most_common(1)[0][0]

    starts = [s for s in (tx.strip_markup(p.text) for p in posts) if s and s[0].isalpha()]
    lowercase = bool(starts) and sum(1 for s in starts if s[0].islower()) / len(starts) >= 0.6

    openings = [(first, more) for first, more in (opening_sentence(p.text) for p in posts) if first]
    # Most common shape first; ties go to the order the creator's best posts show them in.
    shape_counts = Counter(opening_shape(first, more) for first, more in openings)
    best_first = {shape: i for i, shape in reversed(list(enumerate(opening_shape(*opening_sentence(p.text)) for p in ranked)))}
    shapes = tuple(sorted(shape_counts, key=lambda shape: (-shape_counts[shape], best_first.get(shape, 0))))
    sentence_words = round(statistics.median(len(first.split()) for first, _ in openings)) if openings else 0
    exclaims = bool(openings) and sum(1 for first, _ in openings if first.endswith("!")) / len(openings) >= _hooks_config()["exclaim_share"]
    return CreatorRegister(
        opener, person, emoji, lowercase, tuple(p.id for p in ranked[:3]), shapes, sentence_words, exclaims
    )


@lru_cache(maxsize=1)
def format_words() -> frozenset[str]:
    """Words that name a format ("Reel:", "Thread"), which label a post rather than open it."""
    found: set[str] = set()
    for info in wording.get("formats", "platforms").values():
        for key in ("default_format", "video_format", "secondary", "live"):
            found.update(tx.words(info[key]))
    for cue in wording.get("formats", "cues"):
        found.update(tx.words(cue["format"]))
    return found


def _common_opener(ranked: list[Post]) -> str:
    """An opener the creator reuses ("ok so", "PSA:", "Real talk:"), or '' when they have none.

    Format labels ("Reel:", "Thread 1/") are not openers: they say what the post is, not how the creator talks.
    """
    openers = [_opener_of(p.text) for p in ranked]
    for size in (2, 1):
        counter: Counter[str] = Counter()
        original: dict[str, str] = {}
        for words in openers:
            if len(words) < size:
                continue
            phrase = " ".join(words[:size])
            key = phrase.lower().rstrip(".!?")
            counter[key] += 1
            original.setdefault(key, phrase.rstrip(".!?"))
        needed = max(2, round(0.15 * len(ranked)))
        for key, count in counter.most_common():
            if count < needed:
                break
            meaningful = any(w not in tx.stopwords() for w in tx.words(key))
            punctuated = key.endswith((":", ",", "—", "-"))
            labels = bool(set(tx.words(key)) & format_words()) or any(c.isdigit() for c in key)
            if (meaningful or punctuated) and not labels:
                return original[key]
    return ""


def _to_plural(line: str) -> str:
    swaps = _hooks_config()["plural"]
    pattern = r"(?<![\w'])(" + "|".join(re.escape(w) for w in sorted(swaps, key=len, reverse=True)) + r")(?![\w'])"

    def swap(match: re.Match[str]) -> str:
        word = swaps[match.group(1).lower()]
        return word[:1].upper() + word[1:] if match.start() == 0 or line[: match.start()].rstrip().endswith((".", "?", "!")) else word

    return re.sub(pattern, swap, line, flags=re.IGNORECASE)


def _with_opener(opener: str, line: str, thing: str) -> str:
    """The creator's own opener in front of a hook: "ok so how I'm actually using...", "Real talk: Is ..."."""
    keeps_case = opener.endswith((":", "?", "!", ".")) or line.startswith(("I ", "I'")) or (
        line.startswith(thing) and thing[:1].isupper()
    )
    return f"{opener} {line if keeps_case else line[:1].lower() + line[1:]}"


def hooks(reg: CreatorRegister, *, thing: str, topic: str) -> list[str]:
    """Three example hooks in the creator's register, each marked as a suggestion.

    Each uses a different one of the creator's usual opening shapes (their most common first; a creator with
    fewer gets the usual ones), short or long as their opening sentences run, in their person, with their
    favourite emoji when they use emoji a lot and "!" when they usually exclaim. A phrase they really reuse
    opens the first hook only; no filler opener is added for creators who have none. Hashtags are left out:
    they close a caption, not open it.
    """
    config = _hooks_config()
    marker = wording.get("brief", "hooks.marker")
    shapes = list(dict.fromkeys([*reg.shapes, *config["fallback"]]))[:3]
    length = "short" if reg.sentence_words and reg.sentence_words <= config["short_sentence_words"] else "long"
    key = f"you_{length}" if reg.person == "second_person" else length
    thing_start = thing[:1].upper() + thing[1:]
    result = []
    for n, shape in enumerate(shapes):
        line = wording.fill(config["templates"][shape][key], thing=thing, thing_start=thing_start, topic=topic)
        if reg.person == "plural":
            line = _to_plural(line)
        if reg.exclaims and line.endswith("."):
            line = line[:-1] + "!"
        if n == 0 and reg.opener:
            line = _with_opener(reg.opener, line, thing_start)
        if reg.lowercase and not line.startswith(("I ", "I'")):
            line = line[:1].lower() + line[1:]
        if reg.emoji:
            line = f"{line} {reg.emoji}"
        result.append(marker + " ".join(line.split()))
    return result
