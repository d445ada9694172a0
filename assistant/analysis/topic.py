"""Topic relevance: how much of a feed is about what the brand is about, with no list of niches.

The brand's topic terms are learnt from its guide: the words of what it says it is about (topics, what it
sells, its about text and about sections, its example copy, its preferred words), each weighted by where it
comes from times how specific it is in English at large. Specificity is the term's rarity in the `wordfreq`
frequency list (Zipf scale), so "espresso", "quilting" or "phishing" weigh a lot and "day", "great" or "kids"
little: a TF-IDF whose background corpus is wordfreq's instead of a list of domains. A post is on topic when it
carries enough of that weight from two or more distinct terms; the feed is also compared with the brand's topic
text by the offline embedding (cosine of the feed's centroid), reported beside the share. A guide that says
nothing about what the brand does gives an unknown topic, not a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from assistant.analysis.feed import Cap, FeedItem, Measured, evidence
from assistant.analysis.text import Doc, TermIndex, normalise, split_words, stem, stopwords, tokens_of, word_set
from assistant.analysis.wording import say
from assistant.models.fit import Dimension, Risk, VoiceRules
from assistant.models.records import VoiceGuide

_ABOUT_HEADINGS = re.compile(
    r"about|who we are|what we|our story|mission|products?|audience|topics?|we make|we sell|brand|overview|intro|campaign"
)
_NAME_SUFFIXES = {"co", "company", "inc", "ltd", "llc", "labs", "lab", "studio", "studios", "group", "the", "and", "&"}
# Where a term comes from: what the guide says the brand is about counts most, its sample copy least.
SOURCE_WEIGHT = {"topics": 3.0, "sells": 2.5, "about": 2.0, "about_sections": 1.5, "examples": 1.2, "preferred": 1.0}
# Specificity from the Zipf frequency z (log10 of frequency per billion words): 1 at z <= 3.7 (espresso,
# sewing), falling linearly to a floor at z >= 6.2 (the, day, make).
ZIPF_SPECIFIC, ZIPF_COMMON, SPEC_FLOOR = 3.7, 6.2, 0.05


@lru_cache(maxsize=65536)
def specificity(word: str) -> float:
    """How specific a word is in English at large (0.05-1), from its wordfreq Zipf frequency."""
    from wordfreq import zipf_frequency

    z = zipf_frequency(word, "en")
    if z <= 0:
        return 1.0 if len(word) >= 4 else SPEC_FLOOR  # unknown to the list: a coinage or a trade term
    return max(SPEC_FLOOR, min(1.0, (ZIPF_COMMON - z) / (ZIPF_COMMON - ZIPF_SPECIFIC)))


def _content_words(text: str) -> list[str]:
    stop = stopwords() | word_set("guide_generic")
    return [w for w in split_words(tokens_of(text)) if len(w) > 2 and w not in stop and not w.isdigit()]


def _content_stems(text: str) -> list[str]:
    return [stem(w) for w in _content_words(text)]


def _weighted_terms(text: str, source_weight: float) -> dict[str, float]:
    """Stem -> weight for the content words of a text, and 'stem stem' pairs for adjacent content words (a pair
    is as specific as its more specific word, plus a little: "board game" names a thing "game" doesn't)."""
    out: dict[str, float] = {}
    words = _content_words(text)
    for w in words:
        t = stem(w)
        out[t] = max(out.get(t, 0.0), source_weight * specificity(w))
    content = set(words)
    pairs = []
    for chunk in re.split(r"[,.;:!?()\[\]\n/|\u2014\u2013]+", normalise(text)):  # a pair never spans punctuation
        raw = split_words(tokens_of(chunk))
        pairs.extend(zip(raw, raw[1:]))
    for left, right in pairs:
        if left in content and right in content:
            spec = min(1.0, max(specificity(left), specificity(right)) + 0.3)
            key = f"{stem(left)} {stem(right)}"
            out[key] = max(out.get(key, 0.0), source_weight * spec)
    return out


def topic_vocabulary(guide: VoiceGuide) -> dict[str, float]:
    """The brand's topic terms (stem or 'stem stem' -> weight) learnt from its guide (see the module docstring).

    Empty when the guide says nothing about what the brand is about: the topic is then unknown."""
    sources: list[tuple[str, str]] = [("topics", t) for t in guide.topics]
    sources.append(("sells", getattr(guide, "sells", "") or ""))
    sources.append(("about", guide.about))
    sources += [
        ("about_sections", s.text) for s in guide.sections if _ABOUT_HEADINGS.search(" ".join(s.heading_path).lower())
    ]
    sources += [("examples", e) for e in guide.example_copy]
    sources += [("preferred", p) for p in guide.preferred_words]
    weights: dict[str, float] = {}
    seen_in: Counter[str] = Counter()
    for source, text in sources:
        if not text or not text.strip():
            continue
        terms = _weighted_terms(text, SOURCE_WEIGHT[source])
        for term, w in terms.items():
            seen_in[term] += 1
            if w > weights.get(term, 0.0):
                weights[term] = w
    for term, n in seen_in.items():
        if n > 1:  # said again elsewhere in the guide: a little more central
            weights[term] = round(weights[term] * min(1.5, 1 + 0.1 * (n - 1)), 4)
    for name in brand_names(guide) + [guide.name, guide.brand]:
        for term in _weighted_terms(name, 1.0):
            weights.pop(term, None)
    return {t: round(w, 4) for t, w in weights.items() if w >= 0.1}


def brand_names(guide: VoiceGuide) -> list[str]:
    """Multi-word ways a post may name the brand, matched in any case: display name, slug, name without 'Co'."""
    names: list[str] = []
    display = " ".join(normalise(guide.name).split())
    if len(display.split()) > 1:
        names.append(display)
    slug_words = [w for w in guide.brand.replace("_", "-").split("-") if w]
    if len(slug_words) > 1:
        names.append(" ".join(slug_words))
        names.append("".join(slug_words))  # as written in handles and hashtags: #emberroasters
    core = [w for w in re.findall(r"[A-Za-z0-9']+", display) if w.lower() not in _NAME_SUFFIXES]
    if len(core) > 1:
        names.append(" ".join(core))
    return _dedupe(names)


def brand_short_names(guide: VoiceGuide) -> list[str]:
    """One-word names, matched only when capitalised as written so a common word isn't read as the brand: the
    display name or slug when it is a single word ('Lumen'), and the first word of a longer name when it is
    distinctive ('Northwind', 'Ember'; not 'Good' or a topic word like 'Sprout')."""
    out: list[str] = []
    display = " ".join(normalise(guide.name).split())
    core = [w for w in re.findall(r"[A-Za-z0-9']+", display) if w.lower() not in _NAME_SUFFIXES]
    if len(core) == 1:
        out.append(core[0] if core[0][:1].isupper() else core[0].capitalize())
    slug_words = [w for w in guide.brand.replace("_", "-").split("-") if w]
    if len(slug_words) == 1:
        out.append(slug_words[0].capitalize())
    first = distinctive_first_word(display)
    if first:
        out.append(first)
    return _dedupe(out)


def distinctive_first_word(name: str) -> str | None:
    """'Driftwood' from 'Driftwood Roasting Co': a capitalised first word that isn't common or a topic word."""
    core = [w for w in re.findall(r"[A-Za-z0-9']+", normalise(name)) if w.lower() not in _NAME_SUFFIXES]
    if len(core) < 2:
        return None
    first = core[0]
    generic = stopwords() | word_set("guide_generic")
    if len(first) < 4 or first.lower() in generic or not first[0].isupper():
        return None
    if specificity(first.lower()) < 0.5:
        return None  # a common English word ("Good", "Sprout") is not safe to read as the brand's name
    return first


def _dedupe(names: list[str]) -> list[str]:
    seen, out = set(), []
    for n in names:
        key = n.lower().strip()
        if len(key) >= 3 and key not in seen:
            seen.add(key)
            out.append(n.strip())
    return out


_TERM_INDEXES: dict[int, tuple[dict[str, float], TermIndex]] = {}


def _term_index(terms: dict[str, float]) -> TermIndex:
    cached = _TERM_INDEXES.get(id(terms))
    if cached is None or cached[0] is not terms:
        if len(_TERM_INDEXES) > 64:
            _TERM_INDEXES.clear()
        cached = (terms, TermIndex(terms))
        _TERM_INDEXES[id(terms)] = cached
    return cached[1]


def post_topic_weight(doc: Doc, terms: dict[str, float]) -> tuple[float, list[str]]:
    """Summed weight of the brand topic terms a post contains, and those terms."""
    hit = sorted(_term_index(terms).found(doc))
    return sum(terms[t] for t in hit), hit


@dataclass
class TopicResult:
    relevance: float  # share of posts on topic (partial posts count half)
    on_topic: list[int]  # indices of on-topic posts, best first
    off_topic: list[int]
    consistency: float  # share of the creator's posts that carry their own most frequent specific term
    creator_domain: str | None  # the creator's most frequent specific term (what they post about most)
    niche_match: bool
    partial: int = 0
    similarity: float | None = None  # cosine of the feed's embedding centroid with the brand's topic text


TOPICAL = 1.0  # weight from which a term names the brand's topic rather than just appearing near it


def _distinct_terms(doc: Doc, topical: list[str]) -> int:
    """How many separate topical terms a post uses. A bigram and its own words are one term, and so are topical
    words written next to each other (a compound noun names one thing, not two)."""
    pairs = [t for t in topical if " " in t]
    in_pairs = {w for p in pairs for w in p.split()}
    singles = [t for t in topical if " " not in t and t not in in_pairs]
    if len(singles) < 2:
        return len(pairs) + len(singles)
    parent = {t: t for t in singles}

    def find(t: str) -> str:
        while parent[t] != t:
            t = parent[t]
        return t

    stems, positions = doc.stems, doc.stem_positions
    for a in singles:
        for i in positions.get(a, ()):
            if i + 1 < len(stems) and stems[i + 1] in parent:
                parent[find(a)] = find(stems[i + 1])
    return len(pairs) + len({find(t) for t in singles})


def classify_post(doc: Doc, terms: dict[str, float]) -> tuple[str, float]:
    """'on', 'partial' or 'off', and the summed term weight.

    On topic takes real evidence: summed weight >= ON_WEIGHT from at least two distinct topical terms (weight
    >= TOPICAL), carrying enough of the post's own specific vocabulary. One topical term is partial: passing
    mentions are how off-niche feeds borrow a brand's keywords.
    """
    weight, hit = post_topic_weight(doc, terms)
    distinct = _distinct_terms(doc, [t for t in hit if terms[t] >= TOPICAL])
    if weight >= ON_WEIGHT and distinct >= 2:
        # Mainly about the brand's topic? The brand's terms against the post's own specific vocabulary: a post
        # that names the brand's topic once among many other specific things mentions it in passing.
        if weight < STRONG_WEIGHT and _share_of_specific(doc, set(hit)) < MAIN_SHARE:
            return "partial", weight
        return "on", weight
    if weight >= PARTIAL_WEIGHT and distinct >= 1:
        return "partial", weight
    return "off", weight


ON_WEIGHT = 3.0
PARTIAL_WEIGHT = 1.5
STRONG_WEIGHT = 6.0  # this much of the brand's vocabulary is on topic whatever else the post says
MAIN_SHARE = 0.3  # below this share of the post's specific vocabulary, the brand's terms are a passing mention


def _share_of_specific(doc: Doc, hit: set[str]) -> float:
    """Share of the post's specificity mass (sum over distinct content words) carried by the brand's terms."""
    total, mine = 0.0, 0.0
    seen: set[str] = set()
    stop = stopwords()
    for w in doc.words:
        if len(w) <= 2 or w in stop or not w.isalpha():
            continue
        t = stem(w)
        if t in seen:
            continue
        seen.add(t)
        spec = specificity(w)
        total += spec
        if t in hit:
            mine += spec
    return mine / total if total else 0.0


def _creator_focus(docs: list[Doc]) -> tuple[str | None, float]:
    """The creator's most used specific word (in the most posts) and the share of posts that use it."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for doc in docs:
        seen = set()
        for w in doc.words:
            if len(w) > 3 and w.isalpha() and w not in stopwords():
                t = stem(w)
                if t not in seen and specificity(w) >= 0.6:
                    seen.add(t)
                    shown.setdefault(t, w)
        counts.update(seen)
    if not counts or not docs:
        return None, 0.0
    term, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return shown[term], n / len(docs)


def _embedding_similarity(docs: list[Doc], topic_text: str) -> float | None:
    """Cosine between the mean of the posts' hashing embeddings and the brand topic text's embedding."""
    if not docs or not topic_text.strip():
        return None
    import numpy as np

    from assistant.language.hashing import _FeatureHasher, hashing_embed

    vectors = hashing_embed([d.text for d in docs] + [topic_text], _FeatureHasher(512))
    centroid = vectors[:-1].mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    if norm == 0:
        return 0.0
    return round(float(centroid @ vectors[-1]) / norm, 4)


def measure_topic(docs: list[Doc], terms: dict[str, float], niche: str | None, topic_text: str = "") -> TopicResult:
    scored = []
    on, partly, off = 0, 0, []
    for i, doc in enumerate(docs):
        kind, w = classify_post(doc, terms)
        scored.append((w if kind == "on" else 0.0, i))
        if kind == "on":
            on += 1
        elif kind == "partial":
            partly += 1
        else:
            off.append(i)
    n = max(1, len(docs))
    relevance = (on + 0.5 * partly) / n
    focus, consistency = _creator_focus(docs)
    niche_match = False
    if niche:
        niche_match = any(terms.get(t, 0.0) >= TOPICAL for t in _content_stems(niche))
    ranked = [i for w, i in sorted(scored, key=lambda x: -x[0]) if w > 0]
    return TopicResult(
        relevance, ranked, off, consistency, focus, niche_match, partly, _embedding_similarity(docs, topic_text)
    )


def topic_text(guide_terms: dict[str, float]) -> str:
    """The brand's topic as text for the embedding: its terms, the weightiest repeated."""
    words = []
    for term, w in sorted(guide_terms.items(), key=lambda kv: -kv[1])[:40]:
        words.extend([term] * max(1, int(round(w))))
    return " ".join(words)


def _relevance_curve(r: float) -> float:
    return min(1.0, r / 0.6) ** 0.8


OFF_TOPIC_CAP = 35  # under 15% of the feed on topic: poor whatever else is good


def topic_cap(relevance: float) -> int | None:
    """The highest overall score a feed this much on topic can reach: poor under 15%, then rising through the
    possible band (45 at 15%, 57 at 25%, 74 at 40%); no cap from 40% up. A creator with a small real angle on
    the brand's topic is a possible fit, not a strong one."""
    if relevance < 0.15:
        return OFF_TOPIC_CAP
    if relevance < 0.40:
        return int(round(45 + (relevance - 0.15) / 0.25 * 29))
    return None


def measure_topic_dimension(items: list[FeedItem], rules: VoiceRules, niche: str | None) -> Measured:
    """The `topic` dimension: share of the feed about the brand's topics, and how consistent the niche is."""
    strong_terms = sum(1 for w in rules.topic_terms.values() if w >= TOPICAL)
    if not items or strong_terms == 0:
        key = "unknown_guide" if items else "unknown"
        return Measured(Dimension(name="topic", score=None, reason=say(f"reason.topic.{key}")))
    docs = [i.doc for i in items]
    res = measure_topic(docs, rules.topic_terms, niche, topic_text(rules.topic_terms))
    score = 100 * _relevance_curve(res.relevance) * (0.85 + 0.15 * res.consistency)
    if res.niche_match:
        score += 4
    score = int(round(max(0.0, min(100.0, score))))
    pct = round(res.relevance * 100)
    signals = []
    caps = []
    risks = []
    strengths = []
    if res.relevance >= 0.5:
        signals.append("on_topic_feed")
        strengths.append(say("strength.topic", pct=pct, domain=res.creator_domain or say("topic.brand_topics")))
    elif res.relevance >= 0.25:
        signals.append("partly_on_topic")
    else:
        signals.append("off_topic_feed")
        risks.append(Risk(severity="medium" if res.relevance < 0.15 else "low", text=say("risk.off_topic", pct=pct)))
    cap = topic_cap(res.relevance)
    if cap is not None:
        if cap == OFF_TOPIC_CAP:
            # Off-topic: a fraction of the rest, so the order inside the poor band still means something.
            caps.append(Cap(cap, say("cap.off_topic", pct=pct), 0.1 + 0.3 * res.relevance / 0.15))
        else:
            caps.append(Cap(cap, say("cap.weak_topic", pct=pct)))
    if res.consistency >= 0.6:
        signals.append("consistent_niche")
    elif res.creator_domain is not None:
        signals.append("scattered_niche")
    if res.niche_match:
        signals.append("niche_matches_brand")
    ev = [evidence(items[i]) for i in res.on_topic[:3]]
    if res.relevance < 0.5:
        ev += [evidence(items[i]) for i in res.off_topic[:2]]
    reason = say(
        "reason.topic.scored",
        pct=pct,
        domain=res.creator_domain or say("topic.no_domain"),
        consistency=round(res.consistency * 100),
    )
    dim = Dimension(
        name="topic",
        score=score,
        reason=reason,
        evidence=ev,
        signals=signals,
        metrics={
            "on_topic_share": round(res.relevance, 3),
            "niche_consistency": round(res.consistency, 3),
            "creator_domain": res.creator_domain,
            "embedding_similarity": res.similarity,
            "niche_match": int(res.niche_match),
            "partly_on_topic_posts": res.partial,
        },
    )
    return Measured(dim, risks=risks, strengths=strengths, caps=caps)
