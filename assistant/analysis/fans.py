"""Fans: creators who already mention a brand or its products unprompted, with the posts that do.

A mention counts when the post names the brand (its display name, slug, or a distinctive first word written as
a name) or one of the products given, is not paid, gifted or affiliate (a platform label, a disclosure tag, or
the commercial signals the partnership analysis reads: codes, tracked links, "sent me"), and doesn't mock or
complain about what it names, nor name one of the brand's competitors without a good word for the brand (a
comparison that favours the rival). The same detectors as the fit assessment's partnership history, so a post that
counts as affinity there is a fan post here.
"""

from __future__ import annotations

from collections import Counter

from assistant.analysis.feed import evidence, prepare, utc
from assistant.analysis.partnerships import find_brand, flags, mention_sentiment, name_pattern
from assistant.analysis.topic import brand_names, brand_short_names
from assistant.models.campaigns import Fan, FanPost, FansReport
from assistant.models.records import InfluencerProfile, Post, VoiceGuide


def find_fans(
    guide: VoiceGuide, creators: list[tuple[InfluencerProfile, list[Post]]], products: list[str] = ()
) -> FansReport:
    names = brand_names(guide) + [p for p in products if p.strip()]
    short = brand_short_names(guide)
    competitor = name_pattern(tuple(guide.competitors)) if guide.competitors else None
    excluded: Counter[str] = Counter()
    fans = []
    for profile, posts in creators:
        found = []
        for item in prepare(posts):
            matches = find_brand(item, names, short)
            if not matches:
                continue
            rivals = list(competitor.finditer(item.doc.lower)) if competitor else []
            if flags(item, matches + rivals).sponsored:
                excluded["sponsored"] += 1
                continue
            moods = [mention_sentiment(item, m.start(), m.end()) for m in matches]
            if "negative" in moods:
                excluded["negative"] += 1
                continue
            tone = "positive" if "positive" in moods else "neutral"
            if rivals and tone != "positive":
                excluded["rival"] += 1  # names a competitor too, with nothing good said about the brand
                continue
            first = matches[0]
            when = utc(item.post.created_at)
            found.append(FanPost(post_id=item.post.id, quote=evidence(item, first.start(), first.end()).quote,
                                 date=when.date() if when else None, url=item.post.url, tone=tone))  # type: ignore[arg-type]
        if found:
            fans.append(Fan(influencer=profile.handle, followers=profile.followers, platform=profile.platform,
                            posts=found))
    fans.sort(key=lambda f: (-len(f.posts), f.influencer))
    return FansReport(brand=guide.brand, names=names + short, fans=fans, excluded=dict(excluded))
