"""Partnership history: sponsored share, competitors promoted, disclosure hygiene, and unprompted brand mentions
(existing affinity, unless the mention mocks or complains about the brand)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.language import is_negation_cue
from assistant.analysis.commercial import CommercialSignal, commercial_signals
from assistant.analysis.feed import Cap, FeedItem, Measured, evidence
from assistant.analysis.text import Doc, normalise, sentence_around, word_list
from assistant.analysis.topic import distinctive_first_word
from assistant.analysis.wording import say
from assistant.models.fit import Dimension, Evidence, Risk

BASE = 70
# Vetoes: repeated deals with listed competitors or undisclosed ads need settling before any deal (possible at
# best); a creator who mocks or complains about the brand again and again has the opposite of affinity.
COMPETITOR_CAP = 55
UNDISCLOSED_CAP = 62
CRITIC_PATTERN_CAP = 35
CRITIC_CAP = 70


@lru_cache(maxsize=512)
def name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """Matches a brand in running text, as @handle or as #hashtag (spaces and '&' dropped for handles/tags)."""
    alts: list[str] = []
    for name in names:
        n = normalise(name).lower().strip()
        if len(n) < 3:
            continue
        words = re.findall(r"[a-z0-9']+", n)
        alts.append(r"(?<![\w@#])" + r"[\s\-]*(?:&|and)?[\s\-]*".join(re.escape(w) for w in words if w != "and") + r"(?!\w)")
        joined = "".join(w for w in words if w not in ("and",))
        alts.append(r"[@#]" + re.escape(joined) + r"\w*")
        alts.append(r"[@#]" + re.escape("".join(words)) + r"\w*")
        if "&" in n and len(words) >= 2:  # "Cairn & Co" -> #cairnandco
            alts.append(r"[@#]" + re.escape(words[0] + "and" + "".join(words[1:])) + r"\w*")
    alts = list(dict.fromkeys(alts))
    return re.compile("|".join(alts)) if alts else None


@lru_cache(maxsize=512)
def short_name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """Case-sensitive match of distinctive short names as written ('Ember', "Ember's")."""
    alts = [r"(?<![\w@#])" + re.escape(n) + r"(?![a-z])" for n in names if n]
    return re.compile("|".join(alts)) if alts else None


@lru_cache(maxsize=512)
def _either(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern matching wherever any of `patterns` matches (each is a self-contained alternation)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def find_brand(item: FeedItem, names: list[str], short_names: list[str]) -> list[re.Match[str]]:
    """Every place a post names the brand: a full name (any case), or a one-word name capitalised as written."""
    full = name_pattern(tuple(names))
    found = list(full.finditer(item.doc.lower)) if full else []
    if short_names:
        short = short_name_pattern(tuple(short_names))
        if short is not None:
            taken = [(m.start(), m.end()) for m in found]
            found += [m for m in short.finditer(item.post.text or "") if not any(s <= m.start() < e for s, e in taken)]
    return sorted(found, key=lambda m: m.start())


@dataclass
class PostFlags:
    disclosed: bool
    promotional: bool
    signals: list[CommercialSignal] = field(default_factory=list)

    @property
    def sponsored(self) -> bool:
        return self.disclosed or self.promotional


# A disclosure word in a clause about posts in general is not a label on this post ("I always tell you when
# something is a paid partnership").
_HYPOTHETICAL = frozenset({"when", "whenever", "if", "unless", "whether"})


def _labelled(doc: Doc) -> bool:
    """Does the post carry a disclosure label: not negated ("no affiliate links"), not hypothetical?"""
    if not word_list("disclosure").hits(doc):
        return False
    for s, _e in word_list("disclosure").spans(doc.lower):
        before = re.findall(r"[a-z']+", doc.lower[max(0, s - 50) : s])
        if not any(is_negation_cue(w) for w in before[-3:]) and not any(w in _HYPOTHETICAL for w in before[-4:]):
            return True
    return False


def flags(item: FeedItem, known: list[re.Match[str]] | None = None) -> PostFlags:
    """Is the post labelled as paid, and does it promote something? `known` are matches of the brand names the
    caller knows (the guide's brand and its competitors): a gift or pointer naming one is commercial."""
    signals = commercial_signals(item.post.text or "", item.doc, known, item.post.influencer)
    # "Ridgeline sent me their new shell" says in plain words what the brand gave: the gift is disclosed. A code,
    # an offer or a tracked link beside it still needs a label: that is a paid (or paid-per-sale) deal.
    gift_stated = any(s.kind == "gift" for s in signals) and all(s.kind in ("gift", "pointer") for s in signals)
    disclosed = item.post.sponsored is True or _labelled(item.doc) or gift_stated
    return PostFlags(disclosed, bool(signals), signals)


# Mockery in reviews: a low score anywhere in the post ("3/10", "1/5"), a bottom tier in the sentence that
# names the brand ("F tier: ... Ember", "F: Sprout Bars").
_LOW_RATING = re.compile(r"(?<![\d.])(?:[0-4](?:\.5)?\s?/\s?10|[01](?:\.5)?\s?/\s?5)(?![\d])")
_LOW_TIER = re.compile(r"\b[d-f][- ]?tier\b|(?:^|[\s(])[d-f]:\s")
_MOCK_EMOJI = re.compile("[\U0001F480\U0001FAE0\U0001F644\U0001F92E\U0001F922\U0001F44E]")


def _unnegated_hits(lexicon: str, window: str) -> int:
    """Hits of a sentiment list in `window`, skipping those with a negator among the three words before
    ("the only one that isn't chalky")."""
    n = 0
    for s, _e in word_list(lexicon).spans(window):
        before = re.findall(r"[a-z']+", window[max(0, s - 40) : s])[-3:]
        if not any(is_negation_cue(w) for w in before):
            n += 1
    return n


def mention_sentiment(item: FeedItem, start: int, end: int) -> str:
    """'negative' if the post mocks or complains about what it names at [start, end): complaint words in the
    sentence naming it or the next one (not negated), a low score in the post, a bottom tier in that sentence,
    or mocking emoji with nothing positive said. Else 'positive' or 'neutral'."""
    text = item.doc.lower
    sentence = sentence_around(text, start, end)
    after = text[end : end + 200]
    nxt = re.split(r"(?<=[.!?])\s+", after, maxsplit=2)
    window = sentence + " " + (nxt[1] if len(nxt) > 1 else "")
    if _LOW_RATING.search(text) or _LOW_TIER.search(sentence):
        return "negative"
    wdoc = Doc(window)
    positive_hits = len(word_list("positive_sentiment").hits(wdoc))
    positive = positive_hits > 0
    if word_list("negative_sentiment").hits(wdoc):
        # An honest, balanced review ("the zip broke, their repair team fixed it in a week, brilliant") is
        # still affinity: only complaints that outweigh the praise count against the brand.
        if _unnegated_hits("negative_sentiment", window) > positive_hits:
            return "negative"
    if _MOCK_EMOJI.search(item.post.text or "") and not positive:
        return "negative"
    return "positive" if positive else "neutral"


def measure_partnerships(
    items: list[FeedItem], brand_names: list[str], competitors: list[str], short_names: list[str] | None = None
) -> Measured:
    if not items:
        dim = Dimension(name="partnerships", score=None, reason=say("reason.partnerships.unknown"))
        return Measured(dim)
    comp_res = [(c, name_pattern((c,)), short_name_pattern(tuple(filter(None, [distinctive_first_word(c)])))) for c in competitors]
    # Most posts name no competitor: one scan with every competitor's patterns combined rules that out.
    any_full = _either(tuple(cre.pattern for _, cre, _ in comp_res if cre is not None))
    any_short = _either(tuple(short.pattern for _, _, short in comp_res if short is not None))
    sponsored, undisclosed, competitor_promos, competitor_mentions, fans, critics = [], [], [], [], [], []
    competitor_names: set[str] = set()
    for item in items:
        mentions = find_brand(item, brand_names, short_names or [])
        rivals = []
        if (any_full is None or any_full.search(item.doc.lower) is None) and (
            any_short is None or any_short.search(item.post.text or "") is None
        ):
            comps = ()  # no competitor named anywhere in the post
        else:
            comps = comp_res
        for cname, cre, short in comps:
            m = cre.search(item.doc.lower) if cre is not None else None
            if m is None and short is not None:
                m = short.search(item.post.text or "")
            rivals.append((cname, m))
        f = flags(item, mentions + [m for _, m in rivals if m is not None])
        if f.sponsored:
            sponsored.append(item)
            if f.promotional and not f.disclosed:
                undisclosed.append((item, f.signals[0]))
        for cname, m in rivals:
            if m:
                if f.sponsored:
                    competitor_promos.append((item, m.start(), m.end()))
                    competitor_names.add(cname)
                else:
                    competitor_mentions.append((item, m.start(), m.end()))
                break
        if mentions:
            moods = [mention_sentiment(item, x.start(), x.end()) for x in mentions]
            m = mentions[moods.index("negative")] if "negative" in moods else mentions[0]
            if "negative" in moods:
                critics.append((item, m.start(), m.end()))
            elif not f.sponsored:
                fans.append((item, m.start(), m.end()))
    n = len(items)
    share = len(sponsored) / n
    score = BASE
    signals: list[str] = []
    risks: list[Risk] = []
    strengths: list[str] = []
    ev: list[Evidence] = []
    if sponsored and not undisclosed and 0.03 <= share <= 0.35:
        score += 8
        signals.append("disclosed_partnerships")
    if share > 0.5:
        score -= 20
        signals.append("ad_heavy_feed")
        risks.append(Risk(severity="low", text=say("risk.ad_heavy", pct=round(share * 100))))
    elif share > 0.35:
        score -= 8
        signals.append("ad_heavy_feed")
    if undisclosed:
        score -= min(36, 12 * len(undisclosed))
        signals.append("undisclosed_sponsorship")
        risks.append(
            Risk(severity="medium", text=say("risk.undisclosed", n=len(undisclosed)), post_ids=[i.post.id for i, _ in undisclosed])
        )
        ev.extend(evidence(i, sig.start, sig.end) for i, sig in undisclosed[:2])  # quote the code, offer or gift
    if competitor_promos:
        score -= min(35, 15 + 8 * (len(competitor_promos) - 1))
        signals.append("competitor_promoted")
        names = ", ".join(sorted(competitor_names))
        risks.append(
            Risk(severity="medium", text=say("risk.competitor", names=names, n=len(competitor_promos)),
                 post_ids=[i.post.id for i, _, _ in competitor_promos])  # fmt: skip
        )
        ev.extend(evidence(i, s, e) for i, s, e in competitor_promos[:2])
    elif competitor_mentions:
        signals.append("competitor_mentioned")
    if critics:
        score -= min(35, 20 * len(critics))
        signals.append("brand_criticised")
        risks.append(
            Risk(severity="medium", text=say("risk.brand_criticised", n=len(critics)), post_ids=[i.post.id for i, _, _ in critics])
        )
        ev.extend(evidence(i, s, e) for i, s, e in critics[:2])
    bonus = 0
    if fans:
        score += 10 + (5 if len(fans) >= 2 else 0)
        signals.append("brand_affinity")
        strengths.append(say("strength.affinity", n=len(fans)))
        ev = [evidence(i, s, e) for i, s, e in fans[:2]] + ev
        bonus = 3 if not critics else 0
    score = max(0, min(100, score))
    if not signals:
        reason = say("reason.partnerships.quiet", pct=round(share * 100))
    else:
        reason = say(
            "reason.partnerships.scored",
            pct=round(share * 100),
            details="; ".join(say(f"signal.{s}") for s in signals),
        )
    if not ev and sponsored:
        ev = [evidence(i) for i in sponsored[:2]]
    dim = Dimension(
        name="partnerships",
        score=score,
        reason=reason,
        evidence=ev[:4],
        signals=signals,
        metrics={
            "sponsored_share": round(share, 3),
            "sponsored_posts": len(sponsored),
            "undisclosed_posts": len(undisclosed),
            "competitor_promotions": len(competitor_promos),
            "competitor_mentions": len(competitor_mentions),
            "brand_mentions_unprompted": len(fans),
            "brand_mentions_negative": len(critics),
        },
    )
    caps = []
    if len(competitor_promos) >= 2:
        caps.append(Cap(COMPETITOR_CAP, say("cap.competitor", n=len(competitor_promos))))
    if len(undisclosed) >= 2:
        caps.append(Cap(UNDISCLOSED_CAP, say("cap.undisclosed", n=len(undisclosed))))
    if len(critics) >= 2:
        caps.append(Cap(CRITIC_PATTERN_CAP, say("cap.brand_criticised", n=len(critics)), 0.4))
    elif critics:
        caps.append(Cap(CRITIC_CAP, say("cap.brand_criticised_once")))
    return Measured(dim, risks=risks, strengths=strengths, caps=caps, bonus=bonus)
