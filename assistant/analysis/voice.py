"""Voice and tone match: a feed's measured register against the guide's targets, and its vocabulary against the
guide's preferred and avoided words. Also what the brief should leave alone (`keep_unchanged`)."""

from __future__ import annotations

from functools import lru_cache

from assistant.analysis.feed import Cap, FeedItem, Measured, evidence
from assistant.analysis.style import metrics_from_counts, pool
from assistant.analysis.text import WordList
from assistant.analysis.wording import say
from assistant.models.fit import Dimension, Evidence, StyleMetrics, VoiceRules, VoiceTarget

MISS = 0.6  # an axis fitting worse than this is called out
VOICE_FAR = 40  # a voice score under this: the creator's register is far from the guide
VOICE_CAP = 59  # ... which keeps them out of the strong band (and under 20: the poor band)


def axis_fit(value: float, target: VoiceTarget) -> float:
    """1.0 inside the target range; falls off smoothly outside it (0.5 at one tolerance away)."""
    if target.low is not None and value < target.low:
        d = target.low - value
    elif target.high is not None and value > target.high:
        d = value - target.high
    else:
        return 1.0
    return 1.0 / (1.0 + (d / target.tolerance) ** 2)


MISS_COST = 0.15  # style points lost per unit of weight for a full miss


def style_fit(metrics: StyleMetrics, rules: VoiceRules) -> tuple[float | None, list[tuple[VoiceTarget, float, float]]]:
    """How well measured style fits the guide's targets (0-1), with (target, value, fit) per axis.

    Each axis that misses costs its weight x (1 - fit) x MISS_COST, added up: a guide's rules are separate
    requirements, so breaking three of them costs three times one, however many other axes pass.
    """
    rows = [(t, metrics.value(t.axis), axis_fit(metrics.value(t.axis), t)) for t in rules.targets]
    if not rows:
        return None, rows
    cost = sum(t.weight * (1.0 - f) * MISS_COST for t, _, f in rows)
    return max(0.0, 1.0 - cost), rows


@lru_cache(maxsize=256)
def term_list(terms: tuple[str, ...]) -> WordList:
    return WordList(list(terms))


def direction(value: float, target: VoiceTarget) -> str:
    return "above" if target.high is not None and value > target.high else "below"


def _fmt(axis: str, value: float) -> str:
    if axis in ("formality", "energy", "humour", "profanity", "caps", "title_case"):
        return f"{value * 100:.0f}%" if axis in ("humour", "profanity", "caps") else f"{value:.2f}"
    return f"{value:.1f}"


def _evidence_for_axis(items: list[FeedItem], target: VoiceTarget, above: bool) -> FeedItem | None:
    """The post that shows a miss on one axis most clearly."""
    if not items:
        return None
    best, best_v = None, None
    for it in items:
        if it.style.words < 4:
            continue
        v = metrics_from_counts(it.style).value(target.axis)
        if best_v is None or (v > best_v if above else v < best_v):
            best, best_v = it, v
    return best


def measure_voice(items: list[FeedItem], rules: VoiceRules) -> tuple[Measured, StyleMetrics]:
    feed_style = metrics_from_counts(pool(i.style for i in items))
    if items and feed_style.words >= 20 and (rules.checks or rules.example_copy):
        return _measure_against_guide(items, rules, feed_style), feed_style
    return _measure_against_targets(items, rules, feed_style), feed_style


def _fmt_rate(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _measure_against_guide(items: list[FeedItem], rules: VoiceRules, feed_style: StyleMetrics) -> Measured:
    """Voice against the guide's typed rules and example copy, relative to the reference feeds (voice_fit)."""
    from assistant.analysis.check import quoted_rule
    from assistant.analysis.voice_fit import MAX_POSTS, voice_fit

    if len(items) > MAX_POSTS:  # evenly spaced posts: a rate needs no more (and evidence ids stay real posts)
        step = len(items) / MAX_POSTS
        items = [items[int(i * step)] for i in range(MAX_POSTS)]
    feats = [it.doc.features for it in items]
    vf = voice_fit(feats, rules.checks, rules.example_copy, rules.counter_examples)
    score = vf.score if vf.score is not None else 50
    misses = sorted((r for r in vf.rules if r.fit < MISS), key=lambda r: r.fit)
    kept = [r for r in vf.rules if r.fit >= MISS]
    signals = [f"rule_{r.spec.check}_{r.spec.polarity}_missed" for r in misses]
    ev: list[Evidence] = []
    details: list[str] = []
    for r in misses[:3]:
        details.append(say("voice_miss.rule", rule=quoted_rule(r.spec), n=len(r.offending), total=len(items)))
        for i in r.offending[:1]:
            from assistant.analysis.detectors import detect

            hits = detect(r.spec, feats[i])
            ev.append(evidence(items[i], hits[0].start, hits[0].end) if hits else evidence(items[i]))
    if vf.example_closeness is not None:
        signals.append("close_to_example_copy" if vf.example_closeness >= 0.6 else "far_from_example_copy")
    if score >= 70:
        clean = [it for i, it in enumerate(items) if not any(i in r.offending for r in vf.rules) and it.style.words >= 6]
        if clean:
            ev.insert(0, evidence(clean[0]))
    if not vf.rules:
        reason = say("reason.voice.examples_only", closeness=round(100 * (vf.example_closeness or 0.0)))
    elif details:
        reason = say("reason.voice.guide_scored", matched=len(kept), total=len(vf.rules), details="; ".join(details))
    else:
        reason = say("reason.voice.guide_match", matched=len(kept), total=len(vf.rules))
    metrics: dict[str, float | int | str | None] = {f"style_{k}": v for k, v in feed_style.model_dump().items() if k != "texts"}
    for r in vf.rules:
        metrics[f"rule_{r.spec.check}_{r.spec.polarity}_rate"] = round(r.rate, 3)
        metrics[f"rule_{r.spec.check}_{r.spec.polarity}_z"] = round(r.z, 2)
    metrics["rules_kept"] = len(kept)
    metrics["rules_checked"] = len(vf.rules)
    metrics["example_closeness"] = None if vf.example_closeness is None else round(vf.example_closeness, 3)
    metrics["counter_example_closeness"] = None if vf.counter_closeness is None else round(vf.counter_closeness, 3)
    strengths = [say("strength.voice", matched=len(kept), total=len(vf.rules))] if score >= 75 and vf.rules else []
    caps = [Cap(max(5, min(VOICE_CAP, 2 * score - 20)), say("cap.voice"))] if score < VOICE_FAR else []
    dim = Dimension(name="voice", score=score, reason=reason, evidence=ev[:4], signals=signals, metrics=metrics)
    return Measured(dim, strengths=strengths, caps=caps)


def _measure_against_targets(items: list[FeedItem], rules: VoiceRules, feed_style: StyleMetrics) -> Measured:
    """Voice against style targets from voice attributes, for a guide with no typed rules and no example copy."""
    fit, rows = style_fit(feed_style, rules)
    avoided = term_list(tuple(t.term for t in rules.avoided)) if rules.avoided else None
    preferred = term_list(tuple(t.term for t in rules.preferred)) if rules.preferred else None
    avoided_posts: list[tuple[FeedItem, list[str]]] = []
    preferred_posts: list[FeedItem] = []
    for it in items:
        if avoided is not None:
            hits = avoided.hits(it.doc)
            if hits:
                avoided_posts.append((it, hits))
        if preferred is not None and preferred.hits(it.doc):
            preferred_posts.append(it)
    has_vocab = avoided is not None or preferred is not None
    if not items or feed_style.words < 20 or (fit is None and not has_vocab):
        reason = say("reason.voice.unknown_text") if items and (fit is not None or has_vocab) else say("reason.voice.unknown")
        return Measured(Dimension(name="voice", score=None, reason=reason))
    n = len(items)
    avoided_share = len(avoided_posts) / n
    preferred_share = len(preferred_posts) / n
    base = fit if fit is not None else 0.75
    penalty = min(0.35, 1.2 * avoided_share)
    bonus = min(0.1, 0.25 * preferred_share)
    score = int(round(100 * max(0.0, min(1.0, base * (1 - penalty) + bonus))))

    misses = sorted((r for r in rows if r[2] < MISS), key=lambda r: r[2] * (1 / max(r[0].weight, 0.1)))
    signals = [f"{t.axis}_{direction(v, t)}_range" for t, v, _ in misses]
    ev: list[Evidence] = []
    details: list[str] = []
    for t, v, _ in misses[:2]:
        above = direction(v, t) == "above"
        details.append(say(f"voice_miss.{'above' if above else 'below'}", axis=say(f"axis.{t.axis}"), value=_fmt(t.axis, v), rule=t.rule))
        it = _evidence_for_axis(items, t, above)
        if it is not None and above:
            ev.append(evidence(it))
    if avoided_posts:
        signals.append("avoided_words_used")
        words = sorted({w for _, hits in avoided_posts for w in hits})
        details.append(say("voice_miss.avoided", words=", ".join(f"'{w}'" for w in words[:4]), n=len(avoided_posts)))
        for it, hits in avoided_posts[:2]:
            spans = avoided.spans(it.post.text) if avoided is not None else []
            ev.append(evidence(it, *spans[0]) if spans else evidence(it))
    if preferred_posts:
        signals.append("preferred_words_used")
    matched = [t for t, _, f in rows if f >= 0.9]
    if score >= 70 and preferred_posts:
        ev.insert(0, evidence(preferred_posts[0]))
    if not details:
        reason = say("reason.voice.match", matched=len(matched), total=len(rows)) if rows else say("reason.voice.vocab_only")
    else:
        reason = say("reason.voice.scored", matched=len(matched), total=len(rows), details="; ".join(details))
    metrics: dict[str, float | int | str | None] = {f"style_{k}": v for k, v in feed_style.model_dump().items() if k not in ("texts",)}
    metrics.update(
        {
            "style_fit": None if fit is None else round(fit, 3),
            "axes_matched": len(matched),
            "axes_checked": len(rows),
            "avoided_word_posts": len(avoided_posts),
            "preferred_word_posts": len(preferred_posts),
        }
    )
    strengths = [say("strength.voice", matched=len(matched), total=len(rows))] if score >= 75 and rows else []
    # Graded: a voice a little far from the guide keeps the creator out of the strong band; a voice that
    # breaks most of the guide's rules (all caps, exclamation storms, swearing for a calm brand) is a clash
    # that puts them in the poor band whatever the topic.
    caps = [Cap(max(5, min(VOICE_CAP, 2 * score - 20)), say("cap.voice"))] if score < VOICE_FAR else []
    dim = Dimension(name="voice", score=score, reason=reason, evidence=ev[:4], signals=signals, metrics=metrics)
    return Measured(dim, strengths=strengths, caps=caps)


def keep_unchanged(style: StyleMetrics, rules: VoiceRules) -> list[str]:
    """Traits of the creator's own voice a brief should leave alone: distinctive habits that don't clash with a
    guide target. Profanity and hype are never on this list."""
    if style.texts == 0 or style.words < 20:
        return []

    def ok(*axes: str) -> bool:
        for axis in axes:
            t = rules.target(axis)
            if t is not None and axis_fit(style.value(axis), t) < 0.8:
                return False
        return True

    traits: list[tuple[float, str]] = []
    if style.humour >= 0.25 and ok("humour"):
        key = "dry_humour" if style.energy <= 0.35 else "playful_humour"
        traits.append((style.humour + 0.5, key))
    if style.first_person >= 4 and style.sentence_length >= 9 and ok("first_person"):
        traits.append((style.first_person / 10, "first_person_stories"))
    if style.second_person >= 3 and ok("second_person"):
        traits.append((style.second_person / 10, "talks_to_you"))
    if style.questions >= 0.4:
        traits.append((style.questions / 2, "asks_questions"))
    if style.emoji <= 0.2 and ok("emoji"):
        traits.append((0.3, "emoji_light"))
    elif style.emoji >= 2 and ok("emoji"):
        traits.append((0.3, "emoji_expressive"))
    if style.sentence_length <= 8 and ok("sentence_length"):
        traits.append((0.3, "short_sentences"))
    elif style.sentence_length >= 18 and ok("sentence_length"):
        traits.append((0.2, "long_form"))
    if style.contractions >= 2 and style.formality <= 0.45 and ok("contractions", "formality"):
        traits.append((0.25, "conversational"))
    if style.formality >= 0.55 and ok("formality"):
        traits.append((0.25, "precise"))
    if style.hashtags <= 0.2 and ok("hashtags"):
        traits.append((0.1, "few_hashtags"))
    if style.energy <= 0.15 and style.exclamation <= 0.1 and ok("energy"):
        traits.append((0.2, "calm"))
    elif style.energy >= 0.45 and ok("energy") and style.profanity < 0.1:
        traits.append((0.2, "energetic"))
    traits.sort(key=lambda t: -t[0])
    out = [say(f"keep.{k}") for _, k in traits[:4]]
    return out or [say("keep.fallback")]
