"""A roster of several creators for a budget and a funnel goal. Pure: fit scores, an expected cost per post by
follower tier, and each creator's own posts in; a plan out. It never plans more than the budget.

How it chooses:
1. Creators whose fit verdict is 'poor', or whose follower count (so cost) is unknown, are left out, with why.
2. Each candidate's value per post for the goal: estimated reach (awareness) or estimated engagements (every
   other goal), from the creator's own median figures; times its fit score; per unit of cost.
3. Greedy, best value first, one post each while the budget allows; a candidate whose audience is too close to
   one already chosen (topic vectors of their posts, cosine >= ``SIMILARITY_LIMIT``) is left out, and a
   platform or niche already in the roster counts for less (``MIX_PENALTY`` per repeat), so the mix spreads.
4. Budget left after everyone had one post buys more posts from the chosen, best value first, up to
   ``MAX_POSTS`` each.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from assistant.analysis.campaign_report import fmt_money, fmt_number, say
from assistant.analysis.engagement import tier_of
from assistant.models.campaigns import LeftOut, RosterEntry, RosterPlan
from assistant.models.records import Post

DEFAULT_REACH_RATE = 0.2  # a post without view counts reaches about a fifth of followers (organic reach range 10-30%)
SIMILARITY_LIMIT = 0.6  # topic-vector cosine at or above this: the same audience, take one of them
MIX_PENALTY = 0.8  # each creator already chosen on the same platform or niche multiplies the value by this
SAME_NICHE = 0.5  # niches sharing at least half their words (Jaccard) are the same sub-niche
MAX_POSTS = 4  # posts per creator, at most
MIN_TERM_LENGTH = 4


@dataclass
class Candidate:
    handle: str
    fit_score: int
    verdict: str
    platform: str | None = None
    niche: str | None = None
    followers: int | None = None
    reach_per_post: float | None = None
    engagements_per_post: float | None = None
    vector: dict[str, float] = field(default_factory=dict)


def per_post_estimates(posts: list[Post], followers: int | None) -> tuple[float | None, float | None]:
    """(median views where posts show views else DEFAULT_REACH_RATE x followers, median likes + comments +
    shares over posts that show likes)."""
    views = [p.views for p in posts if p.views is not None]
    reach = float(median(views)) if views else (followers * DEFAULT_REACH_RATE if followers is not None else None)
    engagements = [p.likes + (p.comments or 0) + (p.shares or 0) for p in posts if p.likes is not None]
    return reach, (float(median(engagements)) if engagements else None)


def topic_vectors(feeds: dict[str, list[Post]]) -> dict[str, dict[str, float]]:
    """A tf-idf vector of each creator's words and hashtags, unit length, for comparing audiences. Words every
    creator uses weigh next to nothing (idf log((1 + creators) / creators)), so no stop-word list is needed."""
    counts = {}
    for handle, posts in feeds.items():
        words = Counter()
        for p in posts:
            for w in re.findall(r"#?[a-z][a-z']+", (p.text or "").lower()):
                if len(w.lstrip("#")) >= MIN_TERM_LENGTH:
                    words[w] += 1
        counts[handle] = words
    docs = len(counts) or 1
    df = Counter(w for c in counts.values() for w in c)
    vectors = {}
    for handle, c in counts.items():
        v = {w: n * math.log((1 + docs) / df[w]) for w, n in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors[handle] = {w: x / norm for w, x in v.items() if x > 0}
    return vectors


def same_niche(a: str | None, b: str | None) -> bool:
    """'hiking, gear reviews' and 'hiking and gear' are one sub-niche: Jaccard of their words >= SAME_NICHE."""
    if not a or not b:
        return False
    wa, wb = set(re.findall(r"[a-z0-9]{3,}", a.lower())), set(re.findall(r"[a-z0-9]{3,}", b.lower()))
    if not wa or not wb:
        return a.strip().lower() == b.strip().lower()
    return len(wa & wb) / len(wa | wb) >= SAME_NICHE


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def plan_roster(
    brand: str,
    goal: str,
    budget: float,
    candidates: list[Candidate],
    cost_per_post: dict[str, float],
    *,
    max_posts: int = MAX_POSTS,
    similarity_limit: float = SIMILARITY_LIMIT,
) -> RosterPlan:
    if budget < 0 or not math.isfinite(budget):
        raise ValueError("the budget must be a positive amount")
    # Money in whole cents, so no rounding can take the plan over the budget.
    budget_cents = math.floor(budget * 100)
    while budget_cents / 100 > budget:
        budget_cents -= 1
    left_out: list[LeftOut] = []
    pool: list[tuple[Candidate, int, float]] = []  # (candidate, cost per post in cents, value per post)
    for c in candidates:
        tier = tier_of(c.followers)
        if c.verdict == "poor":
            left_out.append(LeftOut(influencer=c.handle, reason=say("plan.out_fit", score=c.fit_score, verdict=c.verdict)))
            continue
        if tier is None or tier not in cost_per_post:
            left_out.append(LeftOut(influencer=c.handle, reason=say("plan.out_unknown_cost")))
            continue
        per_post = c.reach_per_post if goal == "awareness" else c.engagements_per_post
        cents = round(float(cost_per_post[tier]) * 100)
        if cents <= 0:
            raise ValueError(f"the expected cost per post of the {tier} tier must be more than 0")
        pool.append((c, cents, (per_post or 0.0) * c.fit_score / 100))
    pool.sort(key=lambda x: (-(x[2] / x[1] if x[1] else 0.0), -x[0].fit_score, x[0].handle))

    chosen: list[tuple[Candidate, int, float]] = []
    posts: dict[str, int] = {}
    spent = 0
    waiting = list(pool)
    while waiting:
        def mixed(item: tuple[Candidate, int, float]) -> float:
            c, cost, value = item
            repeats = sum(1 for o, _, _ in chosen if o.platform == c.platform)
            repeats += sum(1 for o, _, _ in chosen if same_niche(c.niche, o.niche))
            return (value / cost if cost else 0.0) * MIX_PENALTY**repeats

        waiting.sort(key=lambda x: (-mixed(x), x[0].handle))
        c, cost, value = waiting.pop(0)
        twin = next(((o, s) for o, _, _ in chosen if (s := cosine(c.vector, o.vector)) >= similarity_limit), None)
        if twin is not None:
            left_out.append(LeftOut(influencer=c.handle, reason=say("plan.out_duplicate", other=twin[0].handle,
                                                                     similarity=f"{twin[1]:.2f}")))
            continue
        if spent + cost > budget_cents:
            left_out.append(LeftOut(influencer=c.handle, reason=say("plan.out_budget", cost=fmt_money(cost / 100),
                                                                     left=fmt_money((budget_cents - spent) / 100))))
            continue
        chosen.append((c, cost, value))
        posts[c.handle] = 1
        spent += cost

    # Budget left: more posts from the chosen, best value first, round by round.
    added = True
    while added:
        added = False
        for c, cost, _value in sorted(chosen, key=lambda x: (-(x[2] / x[1] if x[1] else 0.0), x[0].handle)):
            if posts[c.handle] < max_posts and spent + cost <= budget_cents:
                posts[c.handle] += 1
                spent += cost
                added = True

    entries = []
    platforms_before: set[str] = set()
    niches_before: list[str] = []
    for c, cents, _value in chosen:
        n, cost = posts[c.handle], cents / 100
        reach = None if c.reach_per_post is None else round(c.reach_per_post * n)
        eng = None if c.engagements_per_post is None else round(c.engagements_per_post * n)
        why = [say("plan.fit", score=c.fit_score, verdict=c.verdict)]
        if goal == "awareness":
            why.append(say("plan.value_reach", reach=fmt_number(reach), cost=fmt_money(cost * n), per=fmt_money(cost)))
        else:
            why.append(say("plan.value_eng", eng=fmt_number(eng), cost=fmt_money(cost * n), per=fmt_money(cost)))
        if c.platform and c.platform not in platforms_before and platforms_before:
            why.append(say("plan.mix_platform", platform=c.platform))
        if c.niche and niches_before and not any(same_niche(c.niche, n) for n in niches_before):
            why.append(say("plan.mix_niche", niche=c.niche))
        if n > 1:
            why.append(say("plan.more_posts", posts=n))
        platforms_before.add(c.platform or "")
        if c.niche:
            niches_before.append(c.niche)
        entries.append(RosterEntry(
            influencer=c.handle, platform=c.platform, niche=c.niche, followers=c.followers,
            tier=tier_of(c.followers) or "unknown", fit_score=c.fit_score, posts=n, cost_per_post=cost,
            cost=cents * n / 100, est_reach=reach, est_engagements=eng, why=why,
        ))
    spent_money = spent / 100
    reaches = [e.est_reach for e in entries]
    engs = [e.est_engagements for e in entries]
    tiers = ", ".join(f"{t} {fmt_money(v)}" for t, v in cost_per_post.items())
    return RosterPlan(
        brand=brand, goal=goal, budget=budget, spent=spent_money, remaining=round(budget - spent_money, 2),  # type: ignore[arg-type]
        entries=entries, left_out=left_out,
        est_reach=None if not reaches or any(r is None for r in reaches) else sum(reaches),  # type: ignore[arg-type]
        est_engagements=None if not engs or any(e is None for e in engs) else sum(engs),  # type: ignore[arg-type]
        assumptions=[say("plan.assume_tiers", tiers=tiers),
                     say("plan.assume_reach", rate=f"{DEFAULT_REACH_RATE:.0%}"), say("plan.assume_eng")],
    )
