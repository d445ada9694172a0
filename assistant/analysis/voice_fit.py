"""Voice fit against this guide: a creator's feed measured on the guide's own rules and its own example copy,
each placed relative to a reference spread of feeds (data/reference_feeds.json), so the same feed scores
differently under a playful and a plain-language guide.

Per rule (a `CheckRule`): the feed's rate on the rule's measure (detectors.measure, pooled over the posts) as a
z-score against the reference feeds' rates, turned toward the rule (a prefer-rule wants more, the rest want
less) and mapped to 0-1 by the logistic 1 / (1 + exp(-SLOPE x (z_toward + OFFSET))): a feed at the reference
mean sits at 0.7 (half a deviation of credit: most feeds break a rule only now and then), one two deviations the
wrong way near 0.1. A limit rule ("one emoji at most") is also judged post by post: the share of posts within
the limit is averaged in.

Example copy: the guide's samples and the feed are both placed on every measure (z-scores); closeness is
exp(-d^2 / 2 x EXAMPLE_SCALE^2) of the mean absolute z-distance d, and a guide's counter-examples ("Not this")
count against a feed that sits closer to them than to the samples.

Raw fit = RULES_WEIGHT x rule fit + EXAMPLES_WEIGHT x example closeness, over the parts the guide gives. The
raw fit is then placed against the raw fits of the reference feeds under the same guide: score = 100 x ((1 - PLACED_WEIGHT) x raw
fit + PLACED_WEIGHT x clamp(0.5 + (raw - reference mean) / (4 x reference deviation))). A guide with few or weak
rules still separates the feeds it fits from those it doesn't, and the score says where a creator sits among
feeds in general, under this guide.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from assistant.analysis.detectors import detect, higher_is_better, measure
from assistant.analysis.text import DATA_DIR
from assistant.language import TextFeatures, text_features
from assistant.models.fit import CheckRule

SLOPE = 1.3
OFFSET = 0.65
EXAMPLE_SCALE = 1.0
RULES_WEIGHT, EXAMPLES_WEIGHT = 0.7, 0.3
PLACED_WEIGHT = 0.25  # share of the score from where the raw fit sits among the reference feeds
MIN_STD = 0.05  # a measure on which every reference feed is the same still separates a little
# Measures every feed is placed on for the example-copy comparison, whatever rules the guide states.
STYLE_MEASURES: tuple[CheckRule, ...] = tuple(
    CheckRule(check=k, polarity="avoid", text=k)
    for k in ("contractions", "exclamation", "capitals", "hype", "jargon", "sentence_length", "reading_level",
              "emoji", "hashtags", "slang", "person", "active_voice")
)  # fmt: skip


@lru_cache(maxsize=1)
def reference_feeds() -> tuple[tuple[TextFeatures, ...], ...]:
    data = json.loads((DATA_DIR / "reference_feeds.json").read_text(encoding="utf-8"))
    return tuple(tuple(text_features(t) for t in texts if t.strip()) for texts in data["feeds"].values())


def feed_rate(spec: CheckRule, feats: tuple[TextFeatures, ...] | list[TextFeatures]) -> float:
    count = base = 0.0
    for f in feats:
        if not f.words:
            continue
        c, b = measure(spec, f)
        count += c
        base += b
    return count / base if base else 0.0


@lru_cache(maxsize=512)
def reference_spread(spec: CheckRule) -> tuple[float, float]:
    """Mean and standard deviation of the rule's measure over the reference feeds."""
    rates = [feed_rate(spec, feed) for feed in reference_feeds()]
    mean = sum(rates) / len(rates)
    std = math.sqrt(sum((r - mean) ** 2 for r in rates) / max(1, len(rates) - 1))
    return mean, max(std, MIN_STD, 0.25 * abs(mean))


def z_score(spec: CheckRule, rate: float) -> float:
    mean, std = reference_spread(spec)
    return (rate - mean) / std


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-SLOPE * x))


@dataclass
class RuleFit:
    spec: CheckRule
    rate: float
    z: float
    fit: float
    offending: list[int]  # indices of posts that break the rule, worst first


def rule_fit(spec: CheckRule, feats: list[TextFeatures]) -> RuleFit:
    rate = feed_rate(spec, feats)
    z = z_score(spec, rate)
    toward = z if higher_is_better(spec) else -z
    fit = _logistic(toward + OFFSET)
    offending: list[tuple[int, int]] = []
    if not higher_is_better(spec):
        for i, f in enumerate(feats):
            n = len(detect(spec, f))
            if n:
                offending.append((n, i))
        if spec.polarity == "limit" and feats:
            within = 1.0 - len(offending) / len(feats)
            fit = (fit + within) / 2
    return RuleFit(spec, rate, z, fit, [i for _, i in sorted(offending, key=lambda x: (-x[0], x[1]))])


def _profile(feats: list[TextFeatures]) -> list[float]:
    return [z_score(m, feed_rate(m, feats)) for m in STYLE_MEASURES]


def _closeness(a: list[float], b: list[float]) -> float:
    d = sum(abs(x - y) for x, y in zip(a, b)) / len(a)
    return math.exp(-(d**2) / (2 * EXAMPLE_SCALE**2))


@dataclass
class VoiceFit:
    score: int | None
    rules: list[RuleFit]
    example_closeness: float | None
    counter_closeness: float | None


MAX_POSTS = 150  # a rate over this many evenly spaced posts is as good as over the whole feed, and bounded


def sample(feats: list[TextFeatures], n: int = MAX_POSTS) -> list[TextFeatures]:
    if len(feats) <= n:
        return feats
    step = len(feats) / n
    return [feats[int(i * step)] for i in range(n)]


def voice_fit(feats: list[TextFeatures], checks: list[CheckRule], examples: list[str], counters: list[str]) -> VoiceFit:
    """The feed's fit to the guide's rules and example copy (see the module docstring). `RuleFit.offending`
    indexes the posts given."""
    fits = [rule_fit(spec, feats) for spec in checks]
    example_close = counter_close = None
    example_feats = [text_features(e) for e in examples if e.strip()]
    if sum(len(f.words) for f in example_feats) >= 12:
        mine = _profile(feats)
        example_close = _closeness(mine, _profile(example_feats))
        counter_feats = [text_features(c) for c in counters if c.strip()]
        if sum(len(f.words) for f in counter_feats) >= 6:
            counter_close = _closeness(mine, _profile(counter_feats))
    parts: list[tuple[float, float]] = []
    if fits:
        parts.append((RULES_WEIGHT, sum(r.fit for r in fits) / len(fits)))
    if example_close is not None:
        e = example_close
        if counter_close is not None and counter_close > example_close:
            e *= example_close / counter_close  # nearer the guide's "Not this" than its own samples
        parts.append((EXAMPLES_WEIGHT, e))
    if not parts:
        return VoiceFit(None, fits, example_close, counter_close)
    raw = sum(w * v for w, v in parts) / sum(w for w, _ in parts)
    mean, std = reference_raw_fits(tuple(checks), tuple(examples), tuple(counters))
    placed = min(1.0, max(0.0, 0.5 + (raw - mean) / (4 * std)))
    return VoiceFit(int(round(100 * ((1 - PLACED_WEIGHT) * raw + PLACED_WEIGHT * placed))), fits, example_close, counter_close)


def raw_fit(feats: list[TextFeatures], checks: list[CheckRule], examples: list[str], counters: list[str]) -> float | None:
    """The raw fit alone (no placement against the reference feeds)."""
    fits = [rule_fit(spec, feats).fit for spec in checks]
    parts: list[tuple[float, float]] = []
    if fits:
        parts.append((RULES_WEIGHT, sum(fits) / len(fits)))
    example_feats = [text_features(e) for e in examples if e.strip()]
    if sum(len(f.words) for f in example_feats) >= 12:
        mine = _profile(feats)
        e = _closeness(mine, _profile(example_feats))
        counter_feats = [text_features(c) for c in counters if c.strip()]
        if sum(len(f.words) for f in counter_feats) >= 6:
            c = _closeness(mine, _profile(counter_feats))
            if c > e:
                e *= e / c
        parts.append((EXAMPLES_WEIGHT, e))
    if not parts:
        return None
    return sum(w * v for w, v in parts) / sum(w for w, _ in parts)


@lru_cache(maxsize=64)
def reference_raw_fits(checks: tuple[CheckRule, ...], examples: tuple[str, ...], counters: tuple[str, ...]) -> tuple[float, float]:
    """Mean and deviation of the reference feeds' raw fits under one guide (computed once per guide)."""
    raws = [r for feed in reference_feeds() if (r := raw_fit(list(feed), list(checks), list(examples), list(counters))) is not None]
    if len(raws) < 2:
        return 0.5, 0.25
    mean = sum(raws) / len(raws)
    std = math.sqrt(sum((r - mean) ** 2 for r in raws) / (len(raws) - 1))
    return mean, max(std, 0.02)
