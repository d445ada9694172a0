"""Topic relevance: how much of a feed is about what the brand is about, by lexical overlap.

The brand's topic vocabulary comes from the guide (topics, about, example copy, preferred words, and words its
sections repeat), lightly stemmed, then widened with the built-in domain lexicon (`data/domains.json`) when the
brand clearly belongs to a domain (a coffee brand gets espresso, roast, grinder...). No embeddings, no store.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from assistant.analysis.feed import Cap, FeedItem, Measured, evidence
from assistant.analysis.text import Doc, TermIndex, domains, normalise, split_words, stem, tokens_of, word_set
from assistant.analysis.wording import say
from assistant.models.fit import Dimension, Risk, VoiceRules
from assistant.models.records import VoiceGuide

_ABOUT_HEADINGS = re.compile(
    r"about|who we are|what we|our story|mission|products?|audience|topics?|we make|we sell|brand|overview|intro|campaign"
)
_NAME_SUFFIXES = {"co", "company", "inc", "ltd", "llc", "labs", "lab", "studio", "studios", "group", "the", "and", "&"}


def _content_stems(text: str) -> list[str]:
    stop = word_set("stopwords") | word_set("guide_generic")
    words = split_words(tokens_of(text))
    return [stem(w) for w in words if len(w) > 2 and w not in stop and not w.isdigit()]


def _phrase_terms(phrase: str) -> list[tuple[str, bool]]:
    """Terms of a topic phrase as (term, whole): a one-word topic is whole; a longer phrase gives its stemmed
    bigram and joined form (skin care -> skincare) as whole terms, and its single words as parts."""
    stop = word_set("stopwords")
    raw = [w for w in split_words(tokens_of(phrase)) if len(w) > 1]
    words = [w for w in raw if w not in stop and len(w) > 2]
    if len(raw) == 1 and words:
        return [(stem(words[0]), True)]
    out = [(stem(w), False) for w in words]
    if len(raw) == 2:  # "pour-over", "skin care": the pair is the topic, its words are parts
        out.append((f"{stem(raw[0])} {stem(raw[1])}", True))
        out.append((stem(raw[0] + raw[1]), True))
    elif len(words) == 2:
        out.append((f"{stem(words[0])} {stem(words[1])}", True))
        out.append((stem(words[0] + words[1]), True))
    return out


@lru_cache(maxsize=1)
def domain_stems() -> dict[str, frozenset[str]]:
    """Each built-in domain as a set of stemmed unigrams and bigrams."""
    out = {}
    for name, words in domains().items():
        stems: set[str] = set()
        for w in words:
            parts = [p for p in split_words(tokens_of(w))]
            if len(parts) == 1:
                stems.add(stem(parts[0]))
            elif len(parts) == 2:
                stems.add(f"{stem(parts[0])} {stem(parts[1])}")
        out[name] = frozenset(stems)
    return out


@lru_cache(maxsize=1)
def _everyday_stems() -> frozenset[str]:
    """Stems of everyday words (water, week, home, result): a guide may list them as topics, but they don't
    name what a brand is about."""
    return frozenset(stem(w) for w in word_set("everyday")) | frozenset(word_set("everyday"))


@lru_cache(maxsize=1)
def _known_stems() -> frozenset[str]:
    """Every word of the built-in domain lexicon."""
    out: set[str] = set()
    for stems in domain_stems().values():
        out.update(stems)
    return frozenset(out)


def _brand_domains(topic_terms: list[str], about_terms: list[str], threshold: int = 4) -> list[str]:
    """Built-in domains the brand belongs to: distinct topic words (counted twice) and about words per domain."""
    scored = []
    topic_set, about_set = set(topic_terms), set(about_terms)
    for name, stems in domain_stems().items():
        score = 2 * len(topic_set & stems) + len((about_set - topic_set) & stems)
        if score >= threshold:
            scored.append((score, name))
    scored.sort(reverse=True)
    return [name for sc, name in scored[:3] if sc >= 0.6 * scored[0][0]]


def topic_vocabulary(guide: VoiceGuide) -> tuple[dict[str, float], list[str]]:
    """The brand's topic terms (stem -> weight) and the built-in domains it belongs to.

    First the domains the brand belongs to are found from its topics and about text. Then each term is weighted
    by source and by how topical it is: "in domain" (a word of the brand's domains), "other" (a word the domain
    lexicon files elsewhere, or an everyday word), "unknown" (a word the lexicon doesn't know and that isn't
    everyday: hive, ceramide, payslip). So "care", "test" or "week" alone don't make a post on-topic, and a hiking brand that
    "started in a rented garage" doesn't make posts about rent on-topic. The brand's domains then add their own
    words at weight 1.
    """
    generic = word_set("guide_generic")
    topic_terms = [(term, whole) for t in guide.topics for term, whole in _phrase_terms(t)]
    about_terms = _content_stems(guide.about)
    about_sections = [
        term for s in guide.sections if _ABOUT_HEADINGS.search(" ".join(s.heading_path).lower()) for term in _content_stems(s.text)
    ]
    chosen = _brand_domains([t for t, _ in topic_terms], about_terms + about_sections)
    if not chosen:
        # No topics or about text to go on: the whole guide and its examples, with a higher bar.
        body = [t for s in guide.sections for t in _content_stems(s.text)]
        body += [t for e in guide.example_copy for t in _content_stems(e)]
        chosen = _brand_domains([], body, threshold=8)
    in_domain: set[str] = set()
    for name in chosen:
        in_domain |= domain_stems()[name]
    known = _known_stems()
    everyday = _everyday_stems()
    weights: dict[str, float] = {}

    def add(term: str, w_domain: float, w_unknown: float, w_other: float) -> None:
        if not term or term in generic:
            return
        if term in in_domain:
            w = w_domain
        elif term not in known and term not in everyday and len(term.replace(" ", "")) >= 4:
            w = w_unknown  # a word the lexicon doesn't know and that isn't everyday: hive, ceramide, payslip
        else:
            w = w_other
        if weights.get(term, 0.0) < w:
            weights[term] = w

    # (in the brand's domains, unknown to the lexicon, everyday or another domain's word)
    for term, whole in topic_terms:
        if whole:
            # A one-word topic the lexicon files under another domain, or an everyday word ("water"), stays
            # below the topical threshold: guides list such words, posts use them anyway.
            add(term, 3.0, 2.5, 0.8)
        else:
            add(term, 1.5, 0.5, 0.5)
    for term in about_terms:
        add(term, 2.0, 0.7, 0.5)
    for term in about_sections:
        add(term, 1.5, 0.5, 0.4)
    for e in guide.example_copy:
        for term in _content_stems(e):
            add(term, 1.5, 0.5, 0.3)
    for p in guide.preferred_words:
        for term, _whole in _phrase_terms(p):
            add(term, 1.5, 0.5, 0.3)
    counts: Counter[str] = Counter()
    for s in guide.sections:
        counts.update(set(_content_stems(s.text)))
    for term, n in counts.items():
        if n >= 2 and len(term) > 3:
            add(term, 1.0, 0.4, 0.3)
    for name in brand_names(guide):
        for term in _content_stems(name):
            weights.pop(term, None)
    for term in in_domain:
        if weights.get(term, 0.0) < 1.0:
            weights[term] = 1.0
    return weights, chosen


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
    generic = word_set("stopwords") | word_set("guide_generic")
    if len(first) < 4 or first.lower() in generic or not first[0].isupper():
        return None
    if any(stem(first.lower()) in s for s in domain_stems().values()):
        return None
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


@lru_cache(maxsize=1)
def _domain_index() -> tuple[TermIndex, dict[str, tuple[str, ...]]]:
    """All domain terms in one index, and term -> the domains that list it."""
    owners: dict[str, list[str]] = {}
    for name, stems in domain_stems().items():
        for t in stems:
            owners.setdefault(t, []).append(name)
    return TermIndex(owners), {t: tuple(v) for t, v in owners.items()}


def post_domains(doc: Doc) -> list[str]:
    """Built-in domains a post touches (two or more of the domain's words)."""
    index, owners = _domain_index()
    counts: Counter[str] = Counter()
    for t in index.found(doc):
        counts.update(owners[t])
    return [name for name, n in counts.items() if n >= 2]


@dataclass
class TopicResult:
    relevance: float  # share of posts on topic (partial posts count half)
    on_topic: list[int]  # indices of on-topic posts, best first
    off_topic: list[int]
    consistency: float  # share of domain-tagged posts in the creator's main domain
    creator_domain: str | None
    niche_match: bool
    partial: int = 0


def _domain_hits(doc: Doc) -> Counter[str]:
    index, owners = _domain_index()
    counts: Counter[str] = Counter()
    for t in index.found(doc):
        counts.update(owners[t])
    return counts


TOPICAL = 1.0  # weight from which a term names the brand's topic rather than just appearing near it


def _distinct_terms(doc: Doc, topical: list[str]) -> int:
    """How many separate topical terms a post uses. A bigram and its own words are one term ("french press"),
    and so are topical words written next to each other ("coffee filter" is one thing, not two)."""
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


def classify_post(doc: Doc, terms: dict[str, float], brand_domains: list[str]) -> tuple[str, float]:
    """'on', 'partial' or 'off', and the summed term weight.

    On topic takes real evidence: summed weight >= 3 from at least two topical terms (weight >= 1), and the post
    not being mainly about another domain. One topical word ("coffee-rubbed tofu", "black beans") is partial:
    passing mentions are how off-niche feeds borrow a brand's keywords.
    """
    weight, hit = post_topic_weight(doc, terms)
    distinct = _distinct_terms(doc, [t for t in hit if terms[t] >= TOPICAL])
    if weight >= 3.0 and distinct >= 2:
        if brand_domains:
            hits = _domain_hits(doc)
            mine = sum(n for d, n in hits.items() if d in brand_domains)
            other = max((n for d, n in hits.items() if d not in brand_domains), default=0)
            if other > mine + 1 and weight < 6.0:
                return "partial", weight
        return "on", weight
    if weight >= 1.5 and distinct >= 1:
        return "partial", weight
    return "off", weight


def measure_topic(docs: list[Doc], terms: dict[str, float], brand_domains: list[str], niche: str | None) -> TopicResult:
    scored = []
    on, partly, off = 0, 0, []
    for i, doc in enumerate(docs):
        kind, w = classify_post(doc, terms, brand_domains)
        scored.append((w if kind == "on" else 0.0, i))
        if kind == "on":
            on += 1
        elif kind == "partial":
            partly += 1
        else:
            off.append(i)
    n = max(1, len(docs))
    relevance = (on + 0.5 * partly) / n
    domain_counts: Counter[str] = Counter()
    tagged = 0
    for doc in docs:
        ds = post_domains(doc)
        if ds:
            tagged += 1
            domain_counts.update(ds)
    creator_domain, consistency = None, 0.0
    if domain_counts:
        # Ties break by name: Counter order follows set iteration, which changes with PYTHONHASHSEED.
        creator_domain, top = min(domain_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        consistency = top / tagged
    niche_match = False
    if niche:
        niche_stems = set(_content_stems(niche))
        niche_match = bool({t for t in niche_stems if terms.get(t, 0.0) >= 1.0}) or any(
            niche_stems & domain_stems()[d] for d in brand_domains if d in domain_stems()
        )
    ranked = [i for w, i in sorted(scored, key=lambda x: -x[0]) if w > 0]
    return TopicResult(relevance, ranked, off, consistency, creator_domain, niche_match, partly)


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
    strong_terms = sum(1 for w in rules.topic_terms.values() if w >= 2.0)
    if not items or (strong_terms == 0 and not rules.topic_domains):
        key = "unknown_guide" if items else "unknown"
        return Measured(Dimension(name="topic", score=None, reason=say(f"reason.topic.{key}")))
    docs = [i.doc for i in items]
    res = measure_topic(docs, rules.topic_terms, rules.topic_domains, niche)
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
            "brand_domains": ", ".join(rules.topic_domains) or None,
            "niche_match": int(res.niche_match),
            "partly_on_topic_posts": res.partial,
        },
    )
    return Measured(dim, risks=risks, strengths=strengths, caps=caps)
